// What the context draws last, over the marks: the notes' lines and bands, the focused mark's
// ring, the drag selection's band, the hovered line's dashed cursor and the selected line's cursor.

import type { PaintInput } from './paint-input.ts';
import { ROW_H } from './rows.ts';
import { xOf } from './view-coords.ts';

/** `p.view` is the frame's view (snapped to whole pixels by paint). */
export function paintOverlays(ctx: CanvasRenderingContext2D, p: PaintInput): void {
  const { marks: m, rows, scrollTop, height, view: v } = p;
  const w = v.width;
  if (p.notes?.length) paintNotes(ctx, p.notes, v, scrollTop, height);
  if (p.finding) paintFinding(ctx, p, p.finding);
  // The focused mark gets a ring.
  if (p.focusMark >= 0 && p.focusMark < m.length && rows.y[m.row[p.focusMark]] >= 0) {
    const k = p.focusMark;
    const y = rows.y[m.row[k]];
    const x0 = xOf(v, m.t0[k]);
    const x1 = Math.max(x0, xOf(v, m.t1[k]));
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5;
    if (x1 - x0 < 3) {
      ctx.beginPath();
      ctx.arc(x0, y + ROW_H / 2, 6, 0, Math.PI * 2);
      ctx.stroke();
    } else ctx.strokeRect(Math.max(-2, x0) + 0.5, y + 0.5, Math.min(w + 4, x1 - Math.max(-2, x0)) - 1, ROW_H - 1);
  }

  if (p.selection) {
    const a = xOf(v, Math.min(p.selection[0], p.selection[1]));
    const b = xOf(v, Math.max(p.selection[0], p.selection[1]));
    ctx.fillStyle = 'rgba(78,154,241,0.18)';
    ctx.fillRect(a, scrollTop, b - a, height);
    ctx.fillStyle = '#4e9af1';
    ctx.fillRect(a, scrollTop, 1, height);
    ctx.fillRect(b, scrollTop, 1, height);
  }
  if (p.hoverT !== null && p.hoverT >= v.t0 && p.hoverT <= v.t1) {
    ctx.strokeStyle = 'rgba(230,237,243,0.55)';
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 3]);
    const x = Math.round(xOf(v, p.hoverT)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, scrollTop);
    ctx.lineTo(x, scrollTop + height);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (p.cursor !== null && p.cursor >= v.t0 && p.cursor <= v.t1) {
    ctx.fillStyle = '#e6edf3';
    ctx.fillRect(Math.round(xOf(v, p.cursor)), scrollTop, 1, height);
  }
}

/* Notes are teal (--note in app.css): apart from the severities', the tracks' and the cursors' colours. */

function paintNotes(ctx: CanvasRenderingContext2D, notes: readonly (readonly [number, number])[], v: { t0: number; t1: number; width: number }, top: number, height: number): void {
  ctx.save();
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  for (const [t0, t1] of notes) {
    if (t1 < v.t0 || t0 > v.t1) continue;
    const a = Math.round(xOf(v, t0));
    if (t1 > t0) {
      const b = Math.round(xOf(v, t1));
      ctx.fillStyle = 'rgba(57,197,207,0.08)';
      ctx.fillRect(a, top, Math.max(1, b - a), height);
    }
    ctx.strokeStyle = 'rgba(57,197,207,0.8)';
    ctx.beginPath();
    for (const x of t1 > t0 ? [a, Math.round(xOf(v, t1))] : [a]) {
      ctx.moveTo(x + 0.5, top);
      ctx.lineTo(x + 0.5, top + height);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/* The picked finding is amber (the selection's warm twin): a band over its span, a ring on each of its marks. */
function paintFinding(ctx: CanvasRenderingContext2D, p: PaintInput, f: NonNullable<PaintInput['finding']>): void {
  const { view: v, scrollTop: top, height, marks: m, rows } = p;
  const a = Math.round(xOf(v, f.span[0]));
  const b = Math.round(xOf(v, f.span[1]));
  if (b >= 0 && a <= v.width) {
    ctx.fillStyle = 'rgba(227,179,65,0.07)';
    ctx.fillRect(a, top, Math.max(1, b - a), height);
  }
  ctx.save();
  ctx.strokeStyle = '#e3b341';
  ctx.lineWidth = 2;
  for (const k of f.marks) {
    const y = rows.y[m.row[k]];
    if (y < 0 || y + ROW_H < top || y > top + height) continue;
    const x0 = xOf(v, m.t0[k]);
    const x1 = Math.max(x0, xOf(v, m.t1[k]));
    if (x1 < -8 || x0 > v.width + 8) continue;
    ctx.beginPath();
    if (x1 - x0 < 3) ctx.arc(x0, y + ROW_H / 2, 7, 0, Math.PI * 2);
    else ctx.rect(Math.max(-2, x0) - 1, y - 1, Math.min(v.width + 4, x1 - Math.max(-2, x0)) + 2, ROW_H + 2);
    ctx.stroke();
  }
  ctx.restore();
}
