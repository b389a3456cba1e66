// Which mark is under the pointer, and how many others share its place at this zoom (tooltips).

import { POINT_STYLES, type TimelineMarks } from '../../timeline/marks.ts';
import { isArrow } from './paint-arrows.ts';
import { ROW_H, type RowLayout } from './rows.ts';
import { STYLE_PRIORITY } from './style-rules.ts';
import { tOf, xOf, type View } from './view-coords.ts';
import { visibleRange } from './visible-range.ts';

/**
 * The other shown point marks (and arrows) of mark k's row within `px` pixels of it, most severe
 * first, then by time: marks of one millisecond never come apart by zooming, so the tooltip
 * lists them and a click offers them.
 */
export function marksNear(m: TimelineMarks, endMax: Float64Array, mask: Uint8Array | null, v: View, k: number, px = 3): number[] {
  if (!POINT_STYLES.has(m.style[k]) && !isArrow(m, k)) return [];
  const x = xOf(v, m.t0[k]);
  const near: View = { ...v, t0: tOf(v, x - px), t1: tOf(v, x + px), width: 2 * px };
  const [k0, k1] = visibleRange(m, endMax, m.row[k], near);
  const out: number[] = [];
  for (let i = k0; i < k1; i++) {
    if (i === k || (mask && mask[i] === 0)) continue;
    if ((POINT_STYLES.has(m.style[i]) || isArrow(m, i)) && Math.abs(xOf(v, m.t0[i]) - x) <= px) out.push(i);
  }
  return out.sort((a, b) => STYLE_PRIORITY[m.style[b]] - STYLE_PRIORITY[m.style[a]] || m.t0[a] - m.t0[b] || a - b);
}

/** The mark under (x, y in layout coordinates): a point within 5 px, else the span that covers x; arrows by their stem. */
export function hitTest(m: TimelineMarks, rows: RowLayout, endMax: Float64Array, mask: Uint8Array | null, v: View, x: number, y: number): number {
  let best = -1;
  let bestD = 6;
  const near: View = { ...v, t0: tOf(v, x - 6), t1: tOf(v, x + 6), width: 12 };
  for (let r = 0; r < m.rows.length; r++) {
    const ry = rows.y[r];
    if (ry < 0 || y < ry || y >= ry + ROW_H) continue;
    const [k0, k1] = visibleRange(m, endMax, r, near);
    for (let k = k0; k < k1; k++) {
      if (mask && mask[k] === 0) continue;
      const x0 = xOf(v, m.t0[k]);
      const x1 = xOf(v, m.t1[k]);
      const point = POINT_STYLES.has(m.style[k]) || isArrow(m, k);
      // Points beat the span they sit on; among spans the shortest (the stage over its join).
      // Marks on one pixel: the more severe wins (a quorum loss over the view change beside it).
      const d = point ? Math.abs(x - x0) - STYLE_PRIORITY[m.style[k]] * 0.05 : x >= x0 && x <= x1 ? 4 + Math.min(1.9, (x1 - x0) / 1000) : Infinity;
      if (d < bestD) [best, bestD] = [k, d];
    }
  }
  if (best >= 0) return best;
  // Arrow stems cross the rows between their ends.
  for (let r = 0; r < m.rows.length; r++) {
    if (rows.y[r] < 0 || m.rows[r].track !== 'groups' && m.rows[r].track !== 'join') continue;
    const [k0, k1] = visibleRange(m, endMax, r, near);
    for (let k = k0; k < k1; k++) {
      if (!isArrow(m, k) || (mask && mask[k] === 0)) continue;
      const ya = rows.y[m.row[k]];
      const yb = rows.y[m.row2[k]];
      if (yb >= 0 && y >= Math.min(ya, yb) && y <= Math.max(ya, yb) + ROW_H && Math.abs(x - xOf(v, m.t0[k])) < 5) return k;
    }
  }
  return -1;
}
