// Draws the timeline on a canvas the size of its viewport, outside React (the view's one
// animation-frame owner calls paint()). Marks come sorted by (row, t0), so each visible row
// finds its visible marks by binary search. A row with more visible marks than it has pixels
// to spare is drawn aggregated: one colour per pixel column (the most severe style that falls
// there), consecutive equal pixels merged into one rectangle. Opaque rectangles go to a pixel
// buffer (raster.ts); the 2D context then draws what needs blending or smoothing over it.

import { POINT_STYLES, Style, type TimelineMarks } from '../../timeline/marks.ts';
import { DENSITY_H, LANE_HEAD, ROW_H, type RowLayout } from './rows.ts';
import { contextRects, PixelRects, type RectSink } from './raster.ts';

/** Colour per style (index = Style value). */
export const STYLE_COLORS: Record<number, string> = {
  [Style.ViewSpan]: '#2f4a6b', [Style.Disagree]: '#e3b341', [Style.ViewChange]: '#8fb3ff', [Style.NodeDown]: '#ff4d6d',
  [Style.JoinOk]: '#24513d', [Style.JoinFailed]: '#8c1d18', [Style.JoinOpen]: '#5c4f24', [Style.Stage]: '#9ad95f', [Style.StageFailed]: '#ff6b6b',
  [Style.RouteUp]: '#2d6a4f', [Style.RouteDegraded]: '#c9a227', [Style.RouteDown]: '#d9363e', [Style.HeartbeatMissed]: '#f0a030', [Style.RouteAdded]: '#5fd38d',
  [Style.Owner]: '#4a5d8a', [Style.MoveFailover]: '#ff7b54', [Style.MoveManual]: '#8fb3ff', [Style.GroupFailed]: '#ff4d6d',
  [Style.Session]: '#33465c', [Style.SessionCrash]: '#7a2e3a', [Style.Rhs]: '#3d3a5c', [Style.NoData]: '#555b63',
  [Style.Quorum]: '#ff4d6d', [Style.StageSpan]: '#3f7d5a', [Style.JoinLink]: '#9ad95f',
  [Style.ResOnline]: '#2d6a4f', [Style.ResPending]: '#c9a227', [Style.ResOffline]: '#4b5563', [Style.ResFailed]: '#d9363e', [Style.ResOther]: '#6b5b95',
};
export const STYLE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(Style).map(([k, v]) => [v, k]));

/** What wins a pixel shared by several marks: failures and outages over the ordinary. */
const PRIORITY = new Uint8Array(64);
for (const [s, p] of [
  [Style.RouteDown, 9], [Style.NodeDown, 9], [Style.StageFailed, 9], [Style.GroupFailed, 9], [Style.ResFailed, 9], [Style.Quorum, 9], [Style.SessionCrash, 9], [Style.JoinFailed, 8],
  [Style.HeartbeatMissed, 7], [Style.RouteDegraded, 6], [Style.ResPending, 6], [Style.Disagree, 6], [Style.ViewChange, 5], [Style.Stage, 5], [Style.RouteAdded, 4],
] as const) PRIORITY[s] = p;

/** Severity classes of the density row, bottom to top. */
export const DENSITY_COLORS = ['#3b5070', '#c9a227', '#e5534b', '#ff4dd2'];

export interface View {
  /** Visible time domain (UTC ms). */
  t0: number;
  t1: number;
  width: number;
}

export const xOf = (v: View, t: number): number => ((t - v.t0) / (v.t1 - v.t0)) * v.width;
export const tOf = (v: View, x: number): number => v.t0 + (x / v.width) * (v.t1 - v.t0);

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
  dpr: number;
}

export interface PaintStats {
  visited: number;
  draws: number;
}

/** For each sorted position, the running max of t1 within its row. */
export function endMaxOf(m: TimelineMarks): Float64Array {
  const out = new Float64Array(m.length);
  for (let r = 0; r < m.rows.length; r++) {
    let mx = -Infinity;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      if (m.t1[k] > mx) mx = m.t1[k];
      out[k] = mx;
    }
  }
  return out;
}

/** First position in [a, b) whose value is >= t (values ascending). */
function lowerBound(arr: Float64Array, a: number, b: number, t: number): number {
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (arr[mid] < t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** First position in [a, b) whose t0 is > t. */
function upperBound(arr: Float64Array, a: number, b: number, t: number): number {
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (arr[mid] <= t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** Visible positions [k0, k1) of row r. */
export function visibleRange(m: TimelineMarks, endMax: Float64Array, r: number, v: View): [number, number] {
  const a = m.rowStart[r];
  const b = m.rowStart[r + 1];
  return [lowerBound(endMax, a, b, v.t0), upperBound(m.t0, a, b, v.t1)];
}

const isArrow = (m: TimelineMarks, k: number): boolean => m.row2[k] >= 0;

// Scratch per-pixel buffer for aggregated rows (style + 1, 0 = empty).
let pixels = new Uint8Array(0);

/** The sink used when paint() is not given one: a pixel buffer where the platform has ImageData. */
let defaultRects: RectSink | null = null;

/**
 * One frame. Opaque rectangles (bands, spans, aggregated runs) go to `rects` first; then the
 * context draws what needs smoothing or blending on top: translucent shading, density, points,
 * labels, arrows, cursors. (Nothing may be drawn with the context before rects.flush(): a
 * pixel buffer replaces the canvas's pixels.)
 */
export function paint(ctx: CanvasRenderingContext2D, p: PaintInput, rects?: RectSink): PaintStats {
  const { marks: m, rows, view: v, mask, endMax, scrollTop, height } = p;
  const w = v.width;
  const stats: PaintStats = { visited: 0, draws: 0 };
  const out = rects ?? (defaultRects ??= typeof ImageData === 'function' ? new PixelRects() : contextRects());
  ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, -scrollTop * p.dpr);
  out.begin(ctx, w, height, p.dpr, scrollTop);
  const yMin = scrollTop - ROW_H;
  const yMax = scrollTop + height;
  const shown = (k: number) => !mask || mask[k] === 1;
  const later: Later = { texts: [] };

  // Lanes: header band, coverage shading, separator (density and disagreement bands come later).
  for (const lane of rows.lanes) {
    if (lane.bottom < scrollTop || lane.y > yMax) continue;
    out.fill(0, lane.y, w, LANE_HEAD - 2, '#161b22');
    paintCoverage(out, p, lane.lane, lane.y + LANE_HEAD - 2, lane.bottom - 2);
    out.fill(0, lane.bottom - 2, w, 1, '#262d36');
  }

  const arrows: number[] = [];
  if (pixels.length < w + 2) pixels = new Uint8Array(Math.ceil(w) + 2);
  for (let r = 0; r < m.rows.length; r++) {
    const y = rows.y[r];
    if (y < 0 || y < yMin || y > yMax) continue;
    if (r === p.focusRow) out.fill(0, y, w, ROW_H, 'rgba(78,154,241,0.10)');
    const [k0, k1] = visibleRange(m, endMax, r, v);
    if (k1 - k0 > w / 4) paintDense(out, p, r, k0, k1, y, arrows, stats);
    else paintSparse(out, p, k0, k1, y, arrows, later, stats);
  }
  // Disagreement windows are shaded across the whole lane, not only on their row.
  for (const lane of rows.lanes) {
    if (lane.bottom < scrollTop || lane.y > yMax) continue;
    const r = lane.membershipRow;
    if (r < 0 || rows.y[r] < 0) continue;
    const [k0, k1] = visibleRange(m, endMax, r, v);
    for (let k = k0; k < k1 && k - k0 < 2000; k++) {
      if (m.style[k] !== Style.Disagree || !shown(k)) continue;
      const a = Math.max(0, xOf(v, m.t0[k]));
      out.fill(a, lane.y + LANE_HEAD - 2, Math.max(1, Math.min(w, xOf(v, m.t1[k])) - a), lane.bottom - lane.y - LANE_HEAD, 'rgba(227,179,65,0.07)');
    }
  }

  // Moves and join links: arrows between the two lanes' rows.
  const stubs: number[] = [];
  for (const k of arrows) {
    if (!shown(k)) continue;
    const x = Math.round(xOf(v, m.t0[k]));
    const ya = rows.y[m.row[k]] + ROW_H / 2;
    const yb = rows.y[m.row2[k]] >= 0 ? rows.y[m.row2[k]] + ROW_H / 2 : -1;
    const st = m.style[k];
    const color = STYLE_COLORS[st];
    if (yb < 0) {
      // The other lane is hidden: a short stub (drawn below) says the move leaves this lane.
      stubs.push(k);
    } else if (st === Style.JoinLink) {
      // Dashed, 3 on 3 off, from this lane's row to the peer's.
      const [top, bottom] = ya < yb ? [ya, yb] : [yb, ya];
      for (let y = top; y < bottom; y += 6) out.fill(x, y, 1, Math.min(3, bottom - y), color);
    } else {
      out.fill(x - 1, Math.min(ya, yb), 2, Math.abs(yb - ya), color);
      out.triangle(x, yb, 8, 5, yb > ya ? 1 : -1, color);
    }
    out.disc(x, ya, st === Style.JoinLink ? 2 : 3.5, color);
    stats.draws += 3;
  }
  for (const lane of rows.lanes) {
    if (lane.bottom < scrollTop || lane.y > yMax) continue;
    if (lane.densityY >= 0 && p.density) paintDensity(out, p, lane.lane, lane.densityY, stats);
  }
  out.flush(ctx);
  paintLater(ctx, later, stats);
  for (const k of stubs) {
    const x = xOf(v, m.t0[k]);
    const ya = rows.y[m.row[k]] + ROW_H / 2;
    ctx.strokeStyle = STYLE_COLORS[m.style[k]];
    ctx.lineWidth = m.style[k] === Style.JoinLink ? 1 : 2;
    ctx.beginPath();
    ctx.moveTo(x, ya);
    ctx.lineTo(x + 8, ya - 6);
    ctx.stroke();
  }

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
  return stats;
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

function paintDensity(out: RectSink, p: PaintInput, lane: number, y: number, stats: PaintStats): void {
  const d = p.density!;
  const off = d.laneOffset[lane] ?? -1;
  if (off < 0 || d.max <= 0) return;
  const v = p.view;
  const bw = (d.t1 - d.t0) / d.buckets;
  const k = v.width / (v.t1 - v.t0);
  const h = DENSITY_H - 4;
  // Square-root scale over the busiest bucket of any lane: bursts stand out, quiet stretches stay visible.
  const scale = h / Math.sqrt(d.max);
  const n = d.buckets;
  // Only the buckets on screen (the answer may be for a wider domain than the one drawn now).
  const i0 = Math.max(0, Math.floor((v.t0 - d.t0) / bw));
  const i1 = Math.min(n, Math.ceil((v.t1 - d.t0) / bw));
  for (let i = i0; i < i1; i++) {
    const x0 = (d.t0 + i * bw - v.t0) * k;
    const w = Math.max(1, (d.t0 + (i + 1) * bw - v.t0) * k - x0);
    let total = 0;
    let base = 0;
    for (let c = 0; c < d.classes; c++) {
      const cnt = d.counts[off + c * n + i];
      if (cnt === 0) continue;
      total += cnt;
      // Rare classes get at least one pixel so that a single error is never invisible.
      const hh = Math.max(c > 0 ? 1.5 : 0.5, Math.sqrt(total) * scale - base);
      out.fill(x0, y + 2 + h - base - hh, w, hh, DENSITY_COLORS[c] ?? '#888888');
      base += hh;
      stats.draws++;
    }
  }
}

/** What the context draws after the pixel buffer: span labels. */
interface Later {
  texts: Array<{ text: string; x: number; y: number }>;
}

function paintLater(ctx: CanvasRenderingContext2D, later: Later, stats: PaintStats): void {
  if (!later.texts.length) return;
  ctx.fillStyle = 'rgba(230,237,243,0.85)';
  ctx.font = '10px system-ui, sans-serif';
  for (const t of later.texts) ctx.fillText(t.text, t.x, t.y);
  stats.draws += later.texts.length;
}

/** The no-data hatch: white at 8 % over the no-data grey, as an opaque colour. */
const NO_DATA_HATCH = '#63686f';

/** 1 for styles drawn as points (POINT_STYLES as a table: looked up per mark per frame). */
const IS_POINT = new Uint8Array(64);
for (const st of POINT_STYLES) IS_POINT[st] = 1;
/** Scratch: the point marks of the row being drawn (drawn after its spans). */
let rowPoints = new Int32Array(256);

function paintSparse(out: RectSink, p: PaintInput, k0: number, k1: number, y: number, arrows: number[], later: Later, stats: PaintStats): void {
  const { marks: m, view: v, mask } = p;
  const w = v.width;
  const t0 = v.t0;
  const k = w / (v.t1 - v.t0);
  let points = 0;
  for (let i = k0; i < k1; i++) {
    stats.visited++;
    if (mask && mask[i] === 0) continue;
    if (m.t1[i] < t0) continue;
    if (m.row2[i] >= 0) {
      arrows.push(i);
      continue;
    }
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
    const a = Math.max(-1, Math.round((m.t0[i] - t0) * k));
    const b = Math.min(w + 1, Math.round((m.t1[i] - t0) * k));
    const inset = st === Style.StageSpan ? 4 : st === Style.Disagree ? 0 : 2;
    out.fill(a, y + inset, Math.max(1, b - a - (st === Style.StageSpan ? 1 : 0)), ROW_H - inset * 2, STYLE_COLORS[st]);
    stats.draws++;
    // Wide spans carry their label's first words, so a glance reads "Online", "SQLNODE1"...
    if (b - a > 56 && st !== Style.Disagree && st !== Style.NoData) {
      const text = shortLabelOf(m, m.label[i]);
      const chars = Math.floor((b - a - 8) / 6);
      if (chars >= 3 && text) later.texts.push({ text: text.length > chars ? `${text.slice(0, chars - 1)}…` : text, x: Math.max(a, 0) + 4, y: y + ROW_H - 4 });
    } else if (st === Style.NoData) {
      for (let x = Math.ceil(a / 6) * 6; x < b; x += 6) out.fill(x, y + 2, 1, ROW_H - 4, NO_DATA_HATCH);
    }
  }
  for (let j = 0; j < points; j++) {
    const i = rowPoints[j];
    out.diamond((m.t0[i] - t0) * k, y + 1, ROW_H - 2, 4, STYLE_COLORS[m.style[i]]);
    stats.draws++;
  }
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

/** Pixels [a, b] take style `st` unless a more severe style holds them. */
function claimPixels(a: number, b: number, st: number): void {
  const pr = PRIORITY[st];
  for (let x = a; x <= b; x++) {
    const cur = pixels[x];
    if (cur === 0 || PRIORITY[cur - 1] <= pr) pixels[x] = st + 1;
  }
}

function paintDense(out: RectSink, p: PaintInput, r: number, k0: number, k1: number, y: number, arrows: number[], stats: PaintStats): void {
  const { marks: m, view: v, mask } = p;
  const w = Math.ceil(v.width);
  pixels.fill(0, 0, w + 1);
  const pxPerMs = v.width / (v.t1 - v.t0);
  let k = k0;
  while (k < k1) {
    stats.visited++;
    const t0 = m.t0[k];
    const px = Math.max(0, Math.floor((t0 - v.t0) * pxPerMs));
    if (!(mask && mask[k] === 0)) {
      const st = m.style[k];
      if (isArrow(m, k)) arrows.push(k);
      else claimPixels(px, Math.min(w, Math.floor((m.t1[k] - v.t0) * pxPerMs)), st);
    }
    // Many marks in this pixel: look at a few (the most severe wins), then jump past the pixel.
    if (k + 1 < k1 && Math.floor((m.t0[k + 1] - v.t0) * pxPerMs) <= px) {
      let seen = 0;
      while (k + 1 < k1 && seen < 6 && Math.floor((m.t0[k + 1] - v.t0) * pxPerMs) <= px) {
        k++;
        seen++;
        stats.visited++;
        if (mask && mask[k] === 0) continue;
        const st = m.style[k];
        if (isArrow(m, k)) { arrows.push(k); continue; }
        claimPixels(px, Math.min(w, Math.floor((m.t1[k] - v.t0) * pxPerMs)), st);
      }
      if (k + 1 < k1 && Math.floor((m.t0[k + 1] - v.t0) * pxPerMs) <= px) {
        // Gallop, then binary search, to the first mark of the next pixel column.
        const next = v.t0 + (px + 1) / pxPerMs;
        let step = 1;
        let lo = k + 1;
        while (lo + step < k1 && m.t0[lo + step] < next) { lo += step; step *= 2; }
        k = lowerBound(m.t0, lo, Math.min(k1, lo + step + 1), next);
        continue;
      }
    }
    k++;
  }
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

/** Colour per aggregated pixel value (style + 1; 0 = nothing). */
const STYLE_PALETTE: readonly string[] = ['', ...Array.from({ length: 63 }, (_, st) => STYLE_COLORS[st] ?? '#888888')];
// Scratch for the point-only scan lines of a dense row.
let pointPixels = new Uint8Array(0);

/**
 * Other shown point marks (and arrows) of mark k's row within `px` pixels of it: a tooltip
 * shows one mark, and says how many more share its place at this zoom.
 */
export function marksNear(m: TimelineMarks, endMax: Float64Array, mask: Uint8Array | null, v: View, k: number, px = 3): number {
  if (!POINT_STYLES.has(m.style[k]) && !isArrow(m, k)) return 0;
  const x = xOf(v, m.t0[k]);
  const near: View = { ...v, t0: tOf(v, x - px), t1: tOf(v, x + px), width: 2 * px };
  const [k0, k1] = visibleRange(m, endMax, m.row[k], near);
  let n = 0;
  for (let i = k0; i < k1; i++) {
    if (i === k || (mask && mask[i] === 0)) continue;
    if ((POINT_STYLES.has(m.style[i]) || isArrow(m, i)) && Math.abs(xOf(v, m.t0[i]) - x) <= px) n++;
  }
  return n;
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
      const d = point ? Math.abs(x - x0) - PRIORITY[m.style[k]] * 0.05 : x >= x0 && x <= x1 ? 4 + Math.min(1.9, (x1 - x0) / 1000) : Infinity;
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
