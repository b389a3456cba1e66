// Translucent shading, drawn whole over the buffer on every frame: time outside each lane's
// files (coverage), the windows where the nodes' views disagree (across the whole lane), and
// the focused row.

import { Style } from '../../timeline/marks.ts';
import type { PaintInput } from './paint-input.ts';
import type { RectSink } from './raster.ts';
import { LANE_HEAD, ROW_H } from './rows.ts';
import { xOf } from './view-coords.ts';
import { visibleRange } from './visible-range.ts';

/** `mode`: per row, 0 when it is not drawn (see paint); `shown`: the mark passes the filters. */
export function paintShading(out: RectSink, p: PaintInput, mode: Uint8Array, shown: (k: number) => boolean): void {
  const { marks: m, rows, endMax, scrollTop, view: v } = p;
  const w = v.width;
  const yMax = scrollTop + p.height;
  for (const lane of rows.lanes) {
    if (lane.bottom < scrollTop || lane.y > yMax) continue;
    paintCoverage(out, p, lane.lane, lane.y + LANE_HEAD - 2, lane.bottom - 2);
    const r = lane.membershipRow;
    if (r < 0 || rows.y[r] < 0) continue;
    const [k0, k1] = visibleRange(m, endMax, r, v);
    for (let i = k0; i < k1 && i - k0 < 2000; i++) {
      if (m.style[i] !== Style.Disagree || !shown(i)) continue;
      const a = Math.max(0, xOf(v, m.t0[i]));
      out.fill(a, lane.y + LANE_HEAD - 2, Math.max(1, Math.min(w, xOf(v, m.t1[i])) - a), lane.bottom - lane.y - LANE_HEAD, 'rgba(227,179,65,0.07)');
    }
  }
  if (p.focusRow >= 0 && mode[p.focusRow]) out.fill(0, rows.y[p.focusRow], w, ROW_H, 'rgba(78,154,241,0.10)');
}

function paintCoverage(out: RectSink, p: PaintInput, lane: number, top: number, bottom: number): void {
  const { view: v } = p;
  const cov = p.marks.lanes[lane]?.coverage ?? [];
  let from = v.t0;
  const sorted = cov.length > 1 ? [...cov].sort((a, b) => a[0] - b[0]) : cov;
  const band = (a: number, b: number) => {
    const x0 = Math.max(0, xOf(v, a));
    const x1 = Math.min(v.width, xOf(v, b));
    if (x1 > x0) out.fill(x0, top, x1 - x0, bottom - top, 'rgba(120,120,120,0.12)');
  };
  for (const [a, b] of sorted) {
    if (a > from) band(from, a);
    from = Math.max(from, b);
  }
  if (from < v.t1) band(from, v.t1);
}
