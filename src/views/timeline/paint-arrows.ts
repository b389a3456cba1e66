// Moves and join links: marks with a second row (row2), drawn as arrows between the two lanes'
// rows over everything else in the buffer, found per row through an index of arrow marks.

import { Style, type TimelineMarks } from '../../timeline/marks.ts';
import { STYLE_COLORS } from './palette.ts';
import type { PaintInput, PaintStats } from './paint-input.ts';
import type { RectSink } from './raster.ts';
import { ROW_H } from './rows.ts';
import { colOf } from './view-coords.ts';

/** A mark drawn as an arrow between two rows (a move, a join link). */
export const isArrow = (m: TimelineMarks, k: number): boolean => m.row2[k] >= 0;

/** Per row, its arrow marks (moves, join links) in time order: ks[start[r] .. start[r + 1]). */
interface ArrowIndex { start: Int32Array; ks: Int32Array }
const arrowIndexes = new WeakMap<TimelineMarks, ArrowIndex>();
function arrowIndexOf(m: TimelineMarks): ArrowIndex {
  let a = arrowIndexes.get(m);
  if (a) return a;
  const start = new Int32Array(m.rows.length + 1);
  for (let i = 0; i < m.length; i++) if (m.row2[i] >= 0) start[m.row[i] + 1]++;
  for (let r = 0; r < m.rows.length; r++) start[r + 1] += start[r];
  const ks = new Int32Array(start[m.rows.length]);
  const fill = start.slice(0, m.rows.length);
  // Marks are sorted by (row, t0): each row's arrows come out in time order.
  for (let i = 0; i < m.length; i++) if (m.row2[i] >= 0) ks[fill[m.row[i]]++] = i;
  a = { start, ks };
  arrowIndexes.set(m, a);
  return a;
}

/** The arrows of the drawn rows whose time is in the view (every one: the dense path may step over them). */
export function arrowsInView(p: PaintInput, mode: Uint8Array, shown: (k: number) => boolean): number[] {
  const { marks: m, view: v } = p;
  const { start, ks } = arrowIndexOf(m);
  const out: number[] = [];
  for (let r = 0; r < mode.length; r++) {
    if (!mode[r] || start[r] === start[r + 1]) continue;
    let lo = start[r];
    let hi = start[r + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (m.t0[ks[mid]] < v.t0) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < start[r + 1] && m.t0[ks[j]] <= v.t1; j++) if (shown(ks[j])) out.push(ks[j]);
  }
  return out;
}

/** Moves and join links: arrows between the two lanes' rows, into the buffer. */
export function paintArrows(out: RectSink, p: PaintInput, arrows: number[], stats: PaintStats): void {
  const { marks: m, rows } = p;
  for (const k of arrows) {
    const x = Math.round(colOf(m.t0[k]));
    const ya = rows.y[m.row[k]] + ROW_H / 2;
    const yb = rows.y[m.row2[k]] >= 0 ? rows.y[m.row2[k]] + ROW_H / 2 : -1;
    const st = m.style[k];
    const color = STYLE_COLORS[st];
    if (yb < 0) {
      // The other lane is hidden: a short stub up and to the right says the move leaves this lane.
      for (let j = 0; j < 6; j++) out.fill(x + Math.round((j * 8) / 6), ya - j - 1, 2, 1, color);
    } else if (st === Style.JoinLink) {
      // Dashed, 3 on 3 off, from this lane's row to the peer's; only the dashes on screen (the
      // peer's lane can be thousands of pixels away), in the same phase.
      const [top, bottom] = ya < yb ? [ya, yb] : [yb, ya];
      const from = top + Math.max(0, Math.floor((p.scrollTop - top) / 6) * 6);
      const to = Math.min(bottom, p.scrollTop + p.height);
      for (let y = from; y < to; y += 6) out.fill(x, y, 1, Math.min(3, bottom - y), color);
    } else {
      out.fill(x - 1, Math.min(ya, yb), 2, Math.abs(yb - ya), color);
      out.triangle(x, yb, 8, 5, yb > ya ? 1 : -1, color);
    }
    out.disc(x, ya, st === Style.JoinLink ? 2 : 3.5, color);
    stats.draws += 3;
  }
}
