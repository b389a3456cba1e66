// Span labels: a wide span carries its label's first words ("Online", "SQLNODE1"), collected
// while the rows are drawn and written by the context after the pixel buffer.

import { Style, type TimelineMarks } from '../../timeline/marks.ts';
import type { PaintInput, PaintStats } from './paint-input.ts';
import { ROW_H } from './rows.ts';
import { IS_POINT } from './style-rules.ts';
import { colOf } from './view-coords.ts';

/** What the context draws after the pixel buffer: span labels. */
export interface Later {
  texts: Array<{ text: string; x: number; y: number }>;
}

export function paintLater(ctx: CanvasRenderingContext2D, later: Later, stats: PaintStats): void {
  if (!later.texts.length) return;
  ctx.fillStyle = 'rgba(230,237,243,0.85)';
  ctx.font = '10px system-ui, sans-serif';
  let drawn = 0;
  for (const t of labelsApart(later.texts)) {
    ctx.fillText(t.text, t.x, t.y);
    drawn++;
  }
  stats.draws += drawn;
}

/** Width of one character of the 10 px label font, as pushText budgets it. */
export const TEXT_CHAR_W = 6;

/**
 * The labels that do not run over one drawn before them on the same line: rows drawn on one
 * line (a collapsed track) would print their labels over each other; the first one of a stretch
 * of the line wins, the others wait for the track to be opened.
 */
export function labelsApart<T extends { text: string; x: number; y: number }>(texts: readonly T[]): T[] {
  const taken = new Map<number, number[]>();
  const out: T[] = [];
  for (const t of texts) {
    const a = t.x;
    const b = t.x + t.text.length * TEXT_CHAR_W;
    const spans = taken.get(t.y);
    if (spans) {
      let clash = false;
      for (let j = 0; j < spans.length && !clash; j += 2) clash = a < spans[j + 1] && spans[j] < b;
      if (clash) continue;
      spans.push(a, b);
    } else taken.set(t.y, [a, b]);
    out.push(t);
  }
  return out;
}

/** The labels of a row's wide spans over the whole view (what paintSparse would add to `later`). */
export function collectTexts(p: PaintInput, k0: number, k1: number, y: number, later: Later): void {
  const { marks: m, view: v, mask } = p;
  const w = v.width;
  for (let i = k0; i < k1; i++) {
    if ((mask && mask[i] === 0) || m.t1[i] < v.t0 || m.row2[i] >= 0) continue;
    const st = m.style[i];
    if (IS_POINT[st] || st === Style.Disagree || st === Style.NoData) continue;
    const a = Math.max(-1, Math.round(colOf(m.t0[i])));
    const b = Math.min(w + 1, Math.round(colOf(m.t1[i])));
    if (b - a > 56) pushText(m, i, a, b, y, later);
  }
}

export function pushText(m: TimelineMarks, i: number, a: number, b: number, y: number, later: Later): void {
  const text = shortLabelOf(m, m.label[i]);
  const chars = Math.floor((b - a - 8) / TEXT_CHAR_W);
  if (chars >= 3 && text) later.texts.push({ text: text.length > chars ? `${text.slice(0, chars - 1)}…` : text, x: Math.max(a, 0) + 4, y: y + ROW_H - 4 });
}

/** The part of a tooltip label worth printing inside a span. */
function shortLabel(label: string): string {
  const cut = label.search(/ [—(:·]/);
  return cut > 0 ? label.slice(0, cut) : label;
}

/** shortLabel per label id, worked out once per set of marks (not on every frame). */
const shortLabels = new WeakMap<string[], (string | undefined)[]>();
function shortLabelOf(m: TimelineMarks, id: number): string {
  let cache = shortLabels.get(m.labels);
  if (!cache) shortLabels.set(m.labels, (cache = []));
  return (cache[id] ??= shortLabel(m.labels[id]));
}
