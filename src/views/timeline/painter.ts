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
/** Which style an aggregated pixel shows when several meet there (the higher; the first of equals). */
export const STYLE_PRIORITY: Readonly<Uint8Array> = PRIORITY;
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
  /** The opaque colour under the marks (an opaque canvas), or none: a transparent canvas. */
  ground?: string | null;
}

export interface PaintStats {
  visited: number;
  draws: number;
  /** The last frame reused, moved by this many CSS px (null: drawn whole). */
  shifted?: number | null;
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
 * The frame's horizontal scale: a time's column is t * SCALE - ORIGIN, ORIGIN a whole number of
 * columns of absolute time. A difference of two doubles this close is exact, so a time's column
 * moves by exactly the change of ORIGIN when the view pans (paint reuses the last frame then).
 */
let SCALE = 1;
let ORIGIN = 0;
const colOf = (t: number): number => t * SCALE - ORIGIN;

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
  ORIGIN = Math.round(input.view.t0 * k);
  SCALE = k;
  const t0s = ORIGIN / k;
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
  const dx = last ? last.origin - ORIGIN : 0;
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
  // Span labels belong to the whole view, whatever part of the buffer is drawn.
  if (shifted) for (let r = 0; r < n; r++) if (mode[r] === 2) collectTexts(p, scratchK0[r], scratchK1[r], rows.y[r], later);

  if (pixels.length < w + 2) pixels = new Uint8Array(Math.ceil(w) + 2);
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
  lastFrames.set(out, { marks: m, rows, mask, endMax, width: w, height, dpr: p.dpr, scrollTop, ground, span, origin: ORIGIN, mode });
  stats.shifted = shifted ? dx : null;
  out.flush(ctx);
  paintLater(ctx, later, stats);

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

/** Pixels either side of a redrawn range whose marks still reach into it, and edge bands of a pan. */
const EDGE_BAND = 8;

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
function arrowsInView(p: PaintInput, mode: Uint8Array, shown: (k: number) => boolean): number[] {
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
function paintArrows(out: RectSink, p: PaintInput, arrows: number[], stats: PaintStats): void {
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

/** What the context draws after the pixel buffer: span labels. */
interface Later {
  texts: Array<{ text: string; x: number; y: number }>;
}

function paintLater(ctx: CanvasRenderingContext2D, later: Later, stats: PaintStats): void {
  if (!later.texts.length) return;
  ctx.fillStyle = 'rgba(230,237,243,0.85)';
  ctx.font = '10px system-ui, sans-serif';
  // Rows drawn on one line (a collapsed track) would print their labels over each other: the
  // first label of a stretch of the line wins, the others wait for the track to be opened.
  const taken = new Map<number, number[]>();
  let drawn = 0;
  for (const t of later.texts) {
    const a = t.x;
    const b = t.x + t.text.length * TEXT_CHAR_W;
    const spans = taken.get(t.y);
    if (spans) {
      let clash = false;
      for (let j = 0; j < spans.length && !clash; j += 2) clash = a < spans[j + 1] && spans[j] < b;
      if (clash) continue;
      spans.push(a, b);
    } else taken.set(t.y, [a, b]);
    ctx.fillText(t.text, t.x, t.y);
    drawn++;
  }
  stats.draws += drawn;
}
/** Width of one character of the 10 px label font, as pushText budgets it. */
const TEXT_CHAR_W = 6;

/** The labels of a row's wide spans over the whole view (what paintSparse would add to `later`). */
function collectTexts(p: PaintInput, k0: number, k1: number, y: number, later: Later): void {
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

function pushText(m: TimelineMarks, i: number, a: number, b: number, y: number, later: Later): void {
  const text = shortLabelOf(m, m.label[i]);
  const chars = Math.floor((b - a - 8) / TEXT_CHAR_W);
  if (chars >= 3 && text) later.texts.push({ text: text.length > chars ? `${text.slice(0, chars - 1)}…` : text, x: Math.max(a, 0) + 4, y: y + ROW_H - 4 });
}

/** The no-data hatch: white at 8 % over the no-data grey, as an opaque colour. */
const NO_DATA_HATCH = '#63686f';

/** 1 for styles drawn as points (POINT_STYLES as a table: looked up per mark per frame). */
const IS_POINT = new Uint8Array(64);
for (const st of POINT_STYLES) IS_POINT[st] = 1;
/** Scratch: the point marks of the row being drawn (drawn after its spans). */
let rowPoints = new Int32Array(256);

function paintSparse(out: RectSink, p: PaintInput, k0: number, k1: number, y: number, later: Later, stats: PaintStats): void {
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
    else if (st === Style.NoData) {
      // Every 6 px of absolute time (not of the view), so that a pan moves the hatch with the marks.
      const phase = ((ORIGIN % 6) + 6) % 6;
      for (let x = Math.ceil((a + phase) / 6) * 6 - phase; x < b; x += 6) out.fill(x, y + 2, 1, ROW_H - 4, NO_DATA_HATCH);
    }
  }
  for (let j = 0; j < points; j++) {
    const i = rowPoints[j];
    out.diamond(colOf(m.t0[i]), y + 1, ROW_H - 2, 4, STYLE_COLORS[m.style[i]]);
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

/**
 * Whether aggregated value `v` (style + 1) takes a pixel that holds `cur` (0: nothing): when it
 * is more severe. The first of equals keeps it, so the result is the first mark of the highest
 * priority, in the marks' order.
 */
const takes = (v: number, cur: number): boolean => cur === 0 || PRIORITY[cur - 1] < PRIORITY[v - 1];

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
    const pr = PRIORITY[st];
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
function paintDense(out: RectSink, p: PaintInput, r: number, k0: number, k1: number, y: number, stats: PaintStats): void {
  const { marks: m, view: v, mask } = p;
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
          if (cur !== 0 && pri64[i >> 6] <= PRIORITY[cur - 1]) { i += 64; continue; }
        }
        if (i + 8 <= k1 && t0s[i + 7] < next && end8[i >> 3] < next) {
          if (!mask) {
            const wn = win8[i >> 3];
            if (wn !== 0 && takes(wn, cur)) px[col] = wn;
            i += 8;
            continue;
          }
          if (cur !== 0 && pri8[i >> 3] <= PRIORITY[cur - 1]) { i += 8; continue; }
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
