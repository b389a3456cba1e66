// A row with more visible marks than it has pixels to spare, drawn aggregated: one colour per
// pixel column (the most severe style that falls there), consecutive equal pixels merged into
// scan lines. Blocks of 8 and 64 marks let a column of thousands of marks cost a few steps.

import type { TimelineMarks } from '../../timeline/marks.ts';
import { STYLE_PALETTE } from './palette.ts';
import type { PaintInput, PaintStats } from './paint-input.ts';
import type { RectSink } from './raster.ts';
import { ROW_H, type RowLayout } from './rows.ts';
import { IS_POINT, STYLE_PRIORITY, takes } from './style-rules.ts';
import { ORIGIN, SCALE } from './view-coords.ts';
import { lowerBound } from './visible-range.ts';

// Scratch per-pixel buffer for aggregated rows (style + 1, 0 = empty).
let pixels = new Uint8Array(0);

/** Pixels [a, b] take style `st` unless one as severe or more holds them (the first of equals wins). */
function claimPixels(a: number, b: number, st: number): void {
  for (let x = a; x <= b; x++) if (takes(st + 1, pixels[x])) pixels[x] = st + 1;
}

/** Per 8 and per 64 marks (in the sorted order): the largest end and the highest priority. */
interface MarkBlocks {
  end8: Float64Array; end64: Float64Array; pri8: Uint8Array; pri64: Uint8Array;
  /** The block's winner as an aggregated row takes it (style + 1; 0: none): its first mark of the highest priority, arrows left out. */
  win8: Uint8Array; win64: Uint8Array;
}
const markBlocks = new WeakMap<TimelineMarks, MarkBlocks>();
function blocksOf(m: TimelineMarks): MarkBlocks {
  let b = markBlocks.get(m);
  if (b) return b;
  const n8 = Math.ceil(m.length / 8);
  const n64 = Math.ceil(m.length / 64);
  b = {
    end8: new Float64Array(n8).fill(-Infinity), end64: new Float64Array(n64).fill(-Infinity), pri8: new Uint8Array(n8), pri64: new Uint8Array(n64),
    win8: new Uint8Array(n8), win64: new Uint8Array(n64),
  };
  for (let i = 0; i < m.length; i++) {
    const e = m.t1[i];
    const st = m.style[i];
    const pr = STYLE_PRIORITY[st];
    if (e > b.end8[i >> 3]) b.end8[i >> 3] = e;
    if (e > b.end64[i >> 6]) b.end64[i >> 6] = e;
    if (pr > b.pri8[i >> 3]) b.pri8[i >> 3] = pr;
    if (pr > b.pri64[i >> 6]) b.pri64[i >> 6] = pr;
    if (m.row2[i] >= 0) continue;
    if (takes(st + 1, b.win8[i >> 3])) b.win8[i >> 3] = st + 1;
    if (takes(st + 1, b.win64[i >> 6])) b.win64[i >> 6] = st + 1;
  }
  markBlocks.set(m, b);
  return b;
}

/**
 * An aggregated row: each pixel column takes the most severe style of the marks over it (the
 * first of equals), exactly. Marks are taken a pixel column at a time; within a column, a block
 * of 8 or 64 marks that lies in it whole is taken at once by its winner, and (with filters, or
 * not aligned) one that can change nothing (none more severe than what the column has, none
 * reaching past it) is stepped over, so a column of thousands of heartbeats costs a few steps.
 * Exact, a column depends only on the marks over it: a pan can reuse the last frame's columns.
 */
export function paintDense(out: RectSink, p: PaintInput, r: number, k0: number, k1: number, y: number, stats: PaintStats): void {
  const { marks: m, view: v, mask } = p;
  if (pixels.length < v.width + 2) pixels = new Uint8Array(Math.ceil(v.width) + 2);
  const w = Math.ceil(v.width);
  // Locals for the hot loops (module and object properties are loaded again on every use).
  const px = pixels;
  const t0s = m.t0;
  const t1s = m.t1;
  const styles = m.style;
  const row2 = m.row2;
  const scale = SCALE;
  const origin = ORIGIN;
  px.fill(0, 0, w + 1);
  const B = blocksOf(m);
  const { end8, end64, pri8, pri64, win8, win64 } = B;
  let visited = 0;
  // Marks that start before the view count only where they reach into it.
  const f = lowerBound(t0s, k0, k1, v.t0);
  const vt0 = v.t0;
  for (let i = k0; i < f; ) {
    if ((i & 63) === 0 && i + 64 <= f && end64[i >> 6] < vt0) { i += 64; continue; }
    if ((i & 7) === 0 && i + 8 <= f && end8[i >> 3] < vt0) { i += 8; continue; }
    visited++;
    if (t1s[i] >= vt0 && (!mask || mask[i] === 1) && row2[i] < 0) claimPixels(0, Math.min(w, Math.floor(t1s[i] * scale - origin)), styles[i]);
    i++;
  }
  let k = f;
  while (k < k1) {
    const col = Math.max(0, Math.floor(t0s[k] * scale - origin));
    // The marks of this pixel column, up to the first that starts in the next one.
    const next = (origin + col + 1) / scale;
    let i = k;
    while (i < k1 && t0s[i] < next) {
      if ((i & 7) === 0) {
        // A whole block of 64, or of 8, in this column and not reaching past it. Unfiltered, it
        // gives the column what its marks one by one would: its first mark of the highest
        // priority, when that is more severe than what the column has. Filtered (the winners
        // may be hidden), it is stepped over when nothing in it is more severe than the column.
        // Checked at block starts only: a failed check holds for the rest of its block.
        const cur = px[col];
        if ((i & 63) === 0 && i + 64 <= k1 && t0s[i + 63] < next && end64[i >> 6] < next) {
          if (!mask) {
            const wn = win64[i >> 6];
            if (wn !== 0 && takes(wn, cur)) px[col] = wn;
            i += 64;
            continue;
          }
          if (cur !== 0 && pri64[i >> 6] <= STYLE_PRIORITY[cur - 1]) { i += 64; continue; }
        }
        if (i + 8 <= k1 && t0s[i + 7] < next && end8[i >> 3] < next) {
          if (!mask) {
            const wn = win8[i >> 3];
            if (wn !== 0 && takes(wn, cur)) px[col] = wn;
            i += 8;
            continue;
          }
          if (cur !== 0 && pri8[i >> 3] <= STYLE_PRIORITY[cur - 1]) { i += 8; continue; }
        }
      }
      visited++;
      if ((!mask || mask[i] === 1) && row2[i] < 0) {
        const st = styles[i];
        const e = t1s[i];
        if (e < next) {
          // Within this column (most marks at this zoom): one pixel to settle.
          if (takes(st + 1, px[col])) px[col] = st + 1;
        } else claimPixels(col, Math.min(w, Math.floor(e * scale - origin)), st);
      }
      i++;
    }
    k = i;
  }
  stats.visited += visited;
  // The row's pixels as scan lines: spans and points over the middle, points alone one pixel
  // higher and lower (as the sparse diamonds reach).
  if (pointPixels.length < pixels.length) pointPixels = new Uint8Array(pixels.length);
  let any = 0;
  for (let x = 0; x <= w; x++) {
    const s = pixels[x];
    pointPixels[x] = s !== 0 && IS_POINT[s - 1] ? s : 0;
    any |= s;
  }
  if (!any) return;
  // A row alone on its line may replace its band; rows sharing one (a collapsed track) merge.
  const alone = !sharedLines(p.rows)[r];
  out.scanlines(y + 2, ROW_H - 4, pixels, w + 1, STYLE_PALETTE, alone);
  out.scanlines(y + 1, 1, pointPixels, w + 1, STYLE_PALETTE, alone);
  out.scanlines(y + ROW_H - 2, 1, pointPixels, w + 1, STYLE_PALETTE, alone);
  stats.draws += 3;
}

/** Per row: 1 when another shown row is drawn on the same line (collapsed lanes and tracks). */
const shared = new WeakMap<RowLayout, Uint8Array>();
function sharedLines(rows: RowLayout): Uint8Array {
  let out = shared.get(rows);
  if (!out) {
    const count = new Map<number, number>();
    for (let r = 0; r < rows.y.length; r++) if (rows.y[r] >= 0) count.set(rows.y[r], (count.get(rows.y[r]) ?? 0) + 1);
    out = new Uint8Array(rows.y.length);
    for (let r = 0; r < rows.y.length; r++) out[r] = rows.y[r] >= 0 && count.get(rows.y[r])! > 1 ? 1 : 0;
    shared.set(rows, out);
  }
  return out;
}

// Scratch for the point-only scan lines of a dense row.
let pointPixels = new Uint8Array(0);
