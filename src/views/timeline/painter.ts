// Draws the timeline's marks on a canvas, outside React: one owner of animation frames,
// marks sorted by (row, start) once, and per row at most one mark per pixel column and style
// (marks denser than pixels are aggregated).

import { POINT_STYLES, Style, type TimelineMarks } from '../../timeline/marks.ts';
import { ROW_H, type RowLayout } from './rows.ts';

/** Colour per style (index = Style value). */
export const STYLE_COLORS: Record<number, string> = {
  [Style.ViewSpan]: '#2f4a6b', [Style.Disagree]: '#e3b341', [Style.ViewChange]: '#8fb3ff', [Style.NodeDown]: '#ff4d6d',
  [Style.JoinOk]: '#2d6a4f', [Style.JoinFailed]: '#b3261e', [Style.JoinOpen]: '#6b5b2a', [Style.Stage]: '#9ad95f', [Style.StageFailed]: '#ff6b6b',
  [Style.RouteUp]: '#2d6a4f', [Style.RouteDegraded]: '#c9a227', [Style.RouteDown]: '#d9363e', [Style.HeartbeatMissed]: '#f0a030', [Style.RouteAdded]: '#5fd38d',
  [Style.Owner]: '#4a5d8a', [Style.MoveFailover]: '#ff7b54', [Style.MoveManual]: '#8fb3ff', [Style.GroupFailed]: '#ff4d6d',
  [Style.Session]: '#33465c', [Style.SessionCrash]: '#7a2e3a', [Style.Rhs]: '#3d3a5c', [Style.NoData]: '#555',
  [Style.Quorum]: '#ff4d6d',
};
export const STYLE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(Style).map(([k, v]) => [v, k]));

export interface View {
  /** Visible time domain (UTC ms). */
  t0: number;
  t1: number;
  width: number;
}

export const xOf = (v: View, t: number): number => ((t - v.t0) / (v.t1 - v.t0)) * v.width;
export const tOf = (v: View, x: number): number => v.t0 + (x / v.width) * (v.t1 - v.t0);

/** Mark indexes sorted by (row, t0): rows draw left to right, and hit tests scan one row. */
export function sortMarks(m: TimelineMarks): { order: Uint32Array; rowStart: Uint32Array } {
  const order = new Uint32Array(m.length);
  for (let i = 0; i < m.length; i++) order[i] = i;
  order.sort((a, b) => m.row[a] - m.row[b] || m.t0[a] - m.t0[b]);
  const rowStart = new Uint32Array(m.rows.length + 1);
  for (let i = 0; i < m.length; i++) rowStart[m.row[order[i]] + 1]++;
  for (let r = 0; r < m.rows.length; r++) rowStart[r + 1] += rowStart[r];
  return { order, rowStart };
}

export function paint(ctx: CanvasRenderingContext2D, m: TimelineMarks, rows: RowLayout, sorted: ReturnType<typeof sortMarks>, v: View, cursor: number | null, dpr: number): void {
  const w = v.width;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, rows.height);
  // Lanes: header band and the stretches outside the lane's files (no data was ever there).
  for (let L = 0; L < rows.lanes.length; L++) {
    const lane = rows.lanes[L];
    ctx.fillStyle = '#161b22';
    ctx.fillRect(0, lane.y, w, 16);
    const cov = m.lanes[L]?.coverage ?? [];
    ctx.fillStyle = 'rgba(120,120,120,0.10)';
    let from = v.t0;
    for (const [a, b] of [...cov].sort((p, q) => p[0] - q[0])) {
      if (a > from) ctx.fillRect(Math.max(0, xOf(v, from)), lane.y + 16, Math.min(w, xOf(v, a)) - Math.max(0, xOf(v, from)), lane.bottom - lane.y - 16);
      from = Math.max(from, b);
    }
    if (from < v.t1) ctx.fillRect(Math.max(0, xOf(v, from)), lane.y + 16, w - Math.max(0, xOf(v, from)), lane.bottom - lane.y - 16);
    ctx.fillStyle = '#262d36';
    ctx.fillRect(0, lane.bottom - 2, w, 1);
  }
  const { order, rowStart } = sorted;
  const arrows: number[] = [];
  for (let r = 0; r < m.rows.length; r++) {
    const y = rows.y[r];
    if (y < 0) continue;
    let lastPx = -1;
    let lastStyle = -1;
    for (let k = rowStart[r]; k < rowStart[r + 1]; k++) {
      const i = order[k];
      const t0 = m.t0[i];
      const t1 = m.t1[i];
      if (t1 < v.t0 || t0 > v.t1) continue;
      const st = m.style[i];
      if (m.row2[i] >= 0) {
        arrows.push(i);
        continue;
      }
      const x0 = xOf(v, t0);
      const px = Math.floor(x0);
      if (POINT_STYLES.has(st)) {
        if (px === lastPx && st === lastStyle) continue;
        ctx.fillStyle = STYLE_COLORS[st];
        ctx.beginPath();
        ctx.moveTo(x0, y + 1);
        ctx.lineTo(x0 + 4, y + ROW_H / 2);
        ctx.lineTo(x0, y + ROW_H - 1);
        ctx.lineTo(x0 - 4, y + ROW_H / 2);
        ctx.fill();
      } else {
        const x1 = xOf(v, t1);
        if (x1 - x0 < 1 && px === lastPx && st === lastStyle) continue;
        ctx.fillStyle = STYLE_COLORS[st];
        const a = Math.max(-1, x0);
        const b = Math.min(w + 1, x1);
        ctx.fillRect(a, y + 2, Math.max(1, b - a), ROW_H - 4);
      }
      lastPx = px;
      lastStyle = st;
    }
  }
  // Moves: arrows from the source lane's row to the target's.
  ctx.lineWidth = 2;
  for (const i of arrows) {
    const x = xOf(v, m.t0[i]);
    const ya = rows.y[m.row[i]] + ROW_H / 2;
    const yb = rows.y[m.row2[i]] + ROW_H / 2;
    ctx.strokeStyle = ctx.fillStyle = STYLE_COLORS[m.style[i]];
    ctx.beginPath();
    ctx.moveTo(x, ya);
    ctx.lineTo(x, yb);
    ctx.stroke();
    const dir = yb > ya ? 1 : -1;
    ctx.beginPath();
    ctx.moveTo(x, yb);
    ctx.lineTo(x - 5, yb - 7 * dir);
    ctx.lineTo(x + 5, yb - 7 * dir);
    ctx.fill();
    ctx.beginPath();
    ctx.arc(x, ya, 3, 0, Math.PI * 2);
    ctx.fill();
  }
  if (cursor !== null && cursor >= v.t0 && cursor <= v.t1) {
    ctx.fillStyle = '#e6edf3';
    ctx.fillRect(Math.round(xOf(v, cursor)), 0, 1, rows.height);
  }
}

/** The mark under (x, y): a point within 5 px, else the span that covers x; arrows by their stem. */
export function hitTest(m: TimelineMarks, rows: RowLayout, sorted: ReturnType<typeof sortMarks>, v: View, x: number, y: number): number {
  let best = -1;
  let bestD = 6;
  for (let r = 0; r < m.rows.length; r++) {
    const ry = rows.y[r];
    if (ry < 0 || y < ry || y >= ry + ROW_H) continue;
    for (let k = sorted.rowStart[r]; k < sorted.rowStart[r + 1]; k++) {
      const i = sorted.order[k];
      const x0 = xOf(v, m.t0[i]);
      const x1 = xOf(v, m.t1[i]);
      const d = POINT_STYLES.has(m.style[i]) || m.row2[i] >= 0 ? Math.abs(x - x0) : x >= x0 && x <= x1 ? 3 : Infinity;
      if (d < bestD) [best, bestD] = [i, d];
    }
  }
  if (best >= 0) return best;
  // Arrow stems cross the rows between their ends.
  for (let i = 0; i < m.length; i++) {
    if (m.row2[i] < 0) continue;
    const ya = rows.y[m.row[i]];
    const yb = rows.y[m.row2[i]];
    if (y >= Math.min(ya, yb) && y <= Math.max(ya, yb) + ROW_H && Math.abs(x - xOf(v, m.t0[i])) < 5) return i;
  }
  return -1;
}
