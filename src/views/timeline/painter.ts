// Draws the timeline on a canvas the size of its viewport, outside React (the view's one
// animation-frame owner calls paint()). Marks come sorted by (row, t0), so each visible row
// finds its visible marks by binary search. A row with more visible marks than it has pixels
// to spare is drawn aggregated: one colour per pixel column (the most severe style that falls
// there), consecutive equal pixels merged into one rectangle. Opaque rectangles go to a pixel
// buffer (raster.ts); the 2D context then draws what needs blending or smoothing over it.
// This module is the frame: which rows are drawn and how, the reuse of the last frame on a pan,
// and the order of the layers; each layer has its module (paint-*.ts, span-labels.ts).

import type { TimelineMarks } from '../../timeline/marks.ts';
import { arrowsInView, paintArrows } from './paint-arrows.ts';
import { paintDense } from './paint-dense.ts';
import { paintDensity } from './paint-density.ts';
import type { PaintInput, PaintStats } from './paint-input.ts';
import { paintOverlays } from './paint-overlays.ts';
import { paintShading } from './paint-shading.ts';
import { paintSparse } from './paint-sparse.ts';
import { contextRects, PixelRects, type RectSink } from './raster.ts';
import { DENSITY_H, LANE_HEAD, ROW_H, type RowLayout } from './rows.ts';
import { collectTexts, paintLater, type Later } from './span-labels.ts';
import { setFrameColumns, type View } from './view-coords.ts';
import { visibleRange } from './visible-range.ts';

/** The sink used when paint() is not given one: a pixel buffer where the platform has ImageData. */
let defaultRects: RectSink | null = null;

/** What a sink's last frame was drawn from, to tell a pan of it (see paint). */
interface LastFrame {
  marks: TimelineMarks; rows: RowLayout; mask: Uint8Array | null; endMax: Float64Array;
  width: number; height: number; dpr: number; scrollTop: number; ground: string | null; span: number; origin: number;
  /** Per row: 0 not drawn, 1 aggregated, 2 mark by mark. */
  mode: Uint8Array;
}
const lastFrames = new WeakMap<RectSink, LastFrame>();
let scratchK0 = new Int32Array(0);
let scratchK1 = new Int32Array(0);

function sameModes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Pixels either side of a redrawn range whose marks still reach into it, and edge bands of a pan. */
const EDGE_BAND = 8;

/**
 * One frame. Opaque rectangles (bands, spans, aggregated runs) go to `rects` first; then the
 * context draws what needs smoothing or blending on top: translucent shading, density, points,
 * labels, arrows, cursors. (Nothing may be drawn with the context before rects.flush(): a
 * pixel buffer replaces the canvas's pixels.)
 */
export function paint(ctx: CanvasRenderingContext2D, input: PaintInput, rects?: RectSink): PaintStats {
  const { marks: m, rows, mask, endMax, scrollTop, height } = input;
  const ground = input.ground ?? null;
  const w = input.view.width;
  const span = input.view.t1 - input.view.t0;
  const k = w / span;
  // The view's start on whole CSS pixels of absolute time: a pan then moves every mark by whole
  // pixels, and the last frame can be reused shifted (at most half a pixel off the domain).
  const origin = Math.round(input.view.t0 * k);
  setFrameColumns(k, origin);
  const t0s = origin / k;
  const v: View = { t0: t0s, t1: t0s + span, width: w };
  const p: PaintInput = { ...input, view: v };
  const stats: PaintStats = { visited: 0, draws: 0 };
  const out = rects ?? (defaultRects ??= typeof ImageData === 'function' ? new PixelRects() : contextRects());
  ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, -scrollTop * p.dpr);
  const yMin = scrollTop - ROW_H;
  const yMax = scrollTop + height;
  const shown = (i: number) => !mask || mask[i] === 1;
  const later: Later = { texts: [] };

  // Visible rows, their visible marks, and how each is drawn (aggregated or mark by mark).
  const n = m.rows.length;
  if (scratchK0.length < n) { scratchK0 = new Int32Array(n); scratchK1 = new Int32Array(n); }
  const mode = new Uint8Array(n); // 0 not drawn, 1 dense, 2 sparse
  for (let r = 0; r < n; r++) {
    const y = rows.y[r];
    if (y < 0 || y < yMin || y > yMax) continue;
    const [k0, k1] = visibleRange(m, endMax, r, v);
    scratchK0[r] = k0;
    scratchK1[r] = k1;
    mode[r] = k1 - k0 > w / 4 ? 1 : 2;
  }

  // A pan of the last frame (same marks, layout, filters, size, span): move its pixels and draw
  // the uncovered strip only. Density rows and everything the context draws are drawn whole.
  const last = lastFrames.get(out);
  const dx = last ? last.origin - origin : 0;
  const shifted = !!last && !!out.beginShifted && last.marks === m && last.rows === rows && last.mask === mask && last.endMax === endMax
    && last.width === w && last.height === height && last.dpr === p.dpr && last.scrollTop === scrollTop && last.ground === ground && Math.abs(last.span - span) <= span * 1e-9
    && Math.abs(dx) < w / 2 && sameModes(last.mode, mode) && out.beginShifted(dx);
  if (!shifted) out.begin(ctx, w, height, p.dpr, scrollTop, ground);
  // What is drawn into the buffer: the whole width, or for a pan the uncovered strip, a band at
  // each edge, and the band the last frame had at its edge (an edge column aggregates what lies
  // beyond it, and marks just outside a view are left out: neither moves with the pan).
  let ranges: [number, number][] = [[0, w]];
  if (shifted) ranges = dx < 0 ? [[0, EDGE_BAND], [w + dx - EDGE_BAND, w]] : [[0, dx + EDGE_BAND], [w - EDGE_BAND, w]];
  if (ranges.length > 1 && ranges[0][1] >= ranges[1][0]) ranges = [[0, w]];

  // Translucent shading, drawn whole by the context over the buffer on every frame: time outside
  // the files, the focused row, and the disagreement windows (across the whole lane).
  paintShading(out, p, mode, shown);
  // Span labels belong to the whole view, whatever part of the buffer is drawn.
  if (shifted) for (let r = 0; r < n; r++) if (mode[r] === 2) collectTexts(p, scratchK0[r], scratchK1[r], rows.y[r], later);

  const dropped: Later = { texts: [] };
  for (const [x0, x1] of ranges) {
    if (shifted) {
      out.clearColumns!(x0, x1);
      out.setClip!(x0, x1);
    }
    // Marks a few pixels outside a range still reach into it (point diamonds, arrow heads); at
    // the view's edges, exactly what the whole frame takes.
    const rv: View = shifted ? { t0: x0 <= 0 ? v.t0 : t0s + (x0 - EDGE_BAND) / k, t1: x1 >= w ? v.t1 : t0s + (x1 + EDGE_BAND) / k, width: w } : v;
    // Lanes: header band and separator (density comes later, on its own).
    for (const lane of rows.lanes) {
      if (lane.bottom < scrollTop || lane.y > yMax) continue;
      out.fill(0, lane.y, w, LANE_HEAD - 2, '#161b22');
      out.fill(0, lane.bottom - 2, w, 1, '#262d36');
    }
    for (let r = 0; r < n; r++) {
      if (!mode[r]) continue;
      const [k0, k1] = shifted ? visibleRange(m, endMax, r, rv) : [scratchK0[r], scratchK1[r]];
      if (mode[r] === 1) paintDense(out, p, r, k0, k1, rows.y[r], stats);
      else paintSparse(out, p, k0, k1, rows.y[r], shifted ? dropped : later, stats);
    }
  }
  if (shifted) out.setClip!(null);
  // Density (new counts may have come with this frame) and the arrows over it, whole: an
  // arrow's stem crosses the density rows between its two lanes.
  for (const lane of rows.lanes) {
    if (lane.bottom < scrollTop || lane.y > yMax || lane.densityY < 0) continue;
    if (shifted) out.clearBand!(lane.densityY, DENSITY_H);
    if (p.density) paintDensity(out, p, lane.lane, lane.densityY, stats);
  }
  paintArrows(out, p, arrowsInView(p, mode, shown), stats);
  lastFrames.set(out, { marks: m, rows, mask, endMax, width: w, height, dpr: p.dpr, scrollTop, ground, span, origin, mode });
  stats.shifted = shifted ? dx : null;
  out.flush(ctx);
  paintLater(ctx, later, stats);

  paintOverlays(ctx, p);
  return stats;
}
