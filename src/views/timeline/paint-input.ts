// What one frame is painted from (PaintInput), what painting it did (PaintStats), and the
// density counts it draws (DensityFrame).

import type { TimelineMarks } from '../../timeline/marks.ts';
import type { RowLayout } from './rows.ts';
import type { View } from './view-coords.ts';

/** Lines per bucket per lane and severity class (from the engine's getDensity). */
export interface DensityFrame {
  t0: number;
  t1: number;
  buckets: number;
  /** Lane index (marks.lanes) -> offset of its first class row in counts, -1 when absent. */
  laneOffset: Int32Array;
  classes: number;
  counts: Uint32Array;
  max: number;
}

export interface PaintInput {
  marks: TimelineMarks;
  rows: RowLayout;
  view: View;
  /** Vertical window of the layout shown by the canvas. */
  scrollTop: number;
  height: number;
  /** 1 = the mark passes the filters; null = all pass. */
  mask: Uint8Array | null;
  /** Per sorted position: the largest t1 of its row up to there (so a binary search finds the first visible span). */
  endMax: Float64Array;
  density: DensityFrame | null;
  cursor: number | null;
  hoverT: number | null;
  focusRow: number;
  focusMark: number;
  /** Drag selection (UTC ms), drawn as a band. */
  selection: readonly [number, number] | null;
  /** The notes' times (UTC ms): a moment (t0 = t1) is a line across the lanes, a range a band. */
  notes?: readonly (readonly [number, number])[];
  /** The finding picked in "What happened": its span (a band) and the marks its cited lines are (ringed). */
  finding?: { span: readonly [number, number]; marks: Int32Array } | null;
  dpr: number;
  /** The opaque colour under the marks (an opaque canvas), or none: a transparent canvas. */
  ground?: string | null;
}

export interface PaintStats {
  visited: number;
  draws: number;
  /** The last frame reused, moved by this many CSS px (null: drawn whole). */
  shifted?: number | null;
}
