// A row drawn mark by mark (few marks in view): spans as whole-pixel rectangles with their
// labels and the no-data hatch, then its points as diamonds over them.

import { Style } from '../../timeline/marks.ts';
import { NO_DATA_HATCH, STYLE_COLORS } from './palette.ts';
import type { PaintInput, PaintStats } from './paint-input.ts';
import type { RectSink } from './raster.ts';
import { ROW_H } from './rows.ts';
import { pushText, type Later } from './span-labels.ts';
import { IS_POINT, STYLE_PRIORITY } from './style-rules.ts';
import { colOf, ORIGIN } from './view-coords.ts';

/** Scratch: the point marks of the row being drawn (drawn after its spans). */
let rowPoints = new Int32Array(256);

export function paintSparse(out: RectSink, p: PaintInput, k0: number, k1: number, y: number, later: Later, stats: PaintStats): void {
  const { marks: m, view: v, mask } = p;
  const w = v.width;
  const t0 = v.t0;
  let points = 0;
  for (let i = k0; i < k1; i++) {
    stats.visited++;
    if (mask && mask[i] === 0) continue;
    if (m.t1[i] < t0) continue;
    if (m.row2[i] >= 0) continue; // arrows: see arrowsInView
    const st = m.style[i];
    if (IS_POINT[st]) {
      // Points go over the spans (a stage or a missed heartbeat must not hide under its span).
      if (points === rowPoints.length) {
        const grown = new Int32Array(points * 2);
        grown.set(rowPoints);
        rowPoints = grown;
      }
      rowPoints[points++] = i;
      continue;
    }
    // Whole pixels: crisp edges, and no anti-aliased edge for the rasterizer to blend.
    const a = Math.max(-1, Math.round(colOf(m.t0[i])));
    const b = Math.min(w + 1, Math.round(colOf(m.t1[i])));
    const inset = st === Style.StageSpan ? 4 : st === Style.Disagree ? 0 : 2;
    out.fill(a, y + inset, Math.max(1, b - a - (st === Style.StageSpan ? 1 : 0)), ROW_H - inset * 2, STYLE_COLORS[st]);
    stats.draws++;
    // Wide spans carry their label's first words, so a glance reads "Online", "SQLNODE1"...
    if (b - a > 56 && st !== Style.Disagree && st !== Style.NoData) pushText(m, i, a, b, y, later);
    if (st === Style.ViewInferred) {
      // Inferred from a later line, not logged: hatched, like data the log does not hold.
      const phase = ((ORIGIN % 6) + 6) % 6;
      for (let x = Math.ceil((a + phase) / 6) * 6 - phase; x < b; x += 6) out.fill(x, y + 2, 1, ROW_H - 4, STYLE_COLORS[Style.ViewSpan]);
    }
    if (st === Style.NoData) {
      // Every 6 px of absolute time (not of the view), so that a pan moves the hatch with the marks.
      const phase = ((ORIGIN % 6) + 6) % 6;
      for (let x = Math.ceil((a + phase) / 6) * 6 - phase; x < b; x += 6) out.fill(x, y + 2, 1, ROW_H - 4, NO_DATA_HATCH);
    }
  }
  // The most severe on top: a quorum loss in the millisecond of a view change must not hide under it.
  if (points > 1) rowPoints.subarray(0, points).sort((a, b) => STYLE_PRIORITY[m.style[a]] - STYLE_PRIORITY[m.style[b]] || a - b);
  for (let j = 0; j < points; j++) {
    const i = rowPoints[j];
    out.diamond(colOf(m.t0[i]), y + 1, ROW_H - 2, 4, STYLE_COLORS[m.style[i]]);
    stats.draws++;
  }
}
