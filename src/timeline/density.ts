// The Density track's numbers: lines per time bucket, stacked by severity class, per file.
// Pure (no DOM, no workers): the view worker feeds each file's columns as they arrive and asks
// for any domain and bucket count on every zoom or pan.
//
// A scan of every line per request is too slow for millions of lines, so each file keeps a
// pyramid of pre-aggregated counts: per class, counts in fixed power-of-two buckets of the
// file's *written* time (2^k ms, bucket j covers [j·2^k, (j+1)·2^k)), one level per k from the
// finest level k0 up to 2^MAX_EXP ms. Levels are stored sparsely in pages of PAGE buckets, so
// a stray far-away timestamp costs a page per level, not a dense array over the gap. Only the
// finest level is written per line; coarser levels are re-added from the pages an append
// touched. The finest level gets coarser (it is dropped) whenever its pages would hold fewer
// than LINES_PER_BUCKET lines per bucket on average, which bounds the memory by about two bytes
// per line; below it, requests are answered from the raw columns, found through a per-block
// (BLOCK lines) min/max time index: no assumption that times ascend (sections restart the
// clock, backwards lines stay where they are).
//
// The file's UTC shift is applied when asking, never when building: a changed time base costs
// nothing here.
//
// Answering a request for UTC [t0, t1) in B buckets of width w = (t1 - t0) / B (bucket i
// covers [t0 + i·w, t0 + (i+1)·w)):
// - w below the finest level's width: every line with t0 <= utc < t1 is counted in bucket
//   floor((utc - t0) / w) (the last bucket when rounding says B). Exact.
// - otherwise from the coarsest level whose width W is <= w (W > w/2, so at most 2B+1 pyramid
//   buckets per file). Nothing is split fractionally: each pyramid bucket goes whole to the
//   request bucket containing its start (bucket 0 for the one straddling t0). Error bound: at
//   most one pyramid bucket of time skew. A line at utc u is counted in the bucket of a time in
//   (u - W, u], so in its own bucket or the one before, never later; lines within W outside
//   the domain's edges may be counted (in the first or last bucket). Consequences: exact when
//   t0 - shift and w are multiples of W; the domain's total is exact when no line lies within W
//   outside the domain (in particular when the domain covers all lines); and for every bucket
//   edge e, lines in [t0, e) <= answer's cumulative count up to e <= lines in (t0 - W, e + W).

import { Growable } from '../base/growable.ts';
import { Level } from '../base/levels.ts';
import { severityOf } from '../store/filter.ts';

/**
 * The four classes in drawing order (bottom to top). From the line's severity (`severityOf`: the
 * derived severity in the level byte's high nibble, else the written level — the rule behind
 * Row.severity):
 * - 'info': Level.INFO, Level.DBG, Level.None (no level word) and Level.Unknown (an unknown word)
 * - 'warning': Level.WARN
 * - 'error': Level.ERR
 * - 'critical': Level.CRIT
 */
export const DENSITY_CLASSES: readonly string[] = ['info', 'warning', 'error', 'critical'];
export const DENSITY_CLASS_COUNT = 4;
/** Largest bucket count a request may ask for. */
export const MAX_DENSITY_BUCKETS = 4096;

/** Class (index into DENSITY_CLASSES) of a severity (a Level value). */
export function densityClassOfSeverity(sev: number): number {
  switch (sev) {
    case Level.WARN: return 1;
    case Level.ERR: return 2;
    case Level.CRIT: return 3;
    default: return 0;
  }
}

/**
 * Class of each level byte (low nibble: level as written; high nibble: derived severity).
 * A plain Level value (no high nibble) maps to its own class, so this table also serves
 * columns of Level values.
 */
export const LEVEL_BYTE_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++) t[b] = densityClassOfSeverity(severityOf(b));
  return t;
})();

/** Buckets per page (a power of two). */
const PAGE = 256;
const INV_PAGE = 1 / PAGE;
const HALF = PAGE / 2;
const C = DENSITY_CLASS_COUNT;
/** Coarsest level: 2^44 ms (about 557 years). */
export const MAX_EXP = 44;
/** Lines per block of the raw-column time index. */
const BLOCK = 1024;
/** The finest level may hold this many buckets whatever the line count. */
const MIN_BUCKETS = 4096;
/** Below this many lines per (occupied) finest bucket on average, the finest level is dropped. */
const LINES_PER_BUCKET = 16;
/** Appends are processed in chunks of this many lines, the finest level checked after each. */
const CHUNK = 8192;

type Level0 = Map<number, Uint32Array>;

export interface DensityColumns {
  /** Written times (ms), NaN for lines without a time; at least `lines` long. */
  ts: Float64Array;
  /** Level bytes (or Level values), at least `lines` long. */
  level: Uint8Array;
}

export class DensityPyramid {
  /** Exponent of the finest level; -1 before the first timed line. */
  private k0 = -1;
  /** levels[l] holds buckets of 2^(k0 + l) ms: page index -> PAGE × C counts (bucket-major). */
  private levels: Level0[] = [];
  private n = 0;
  private counted = 0;
  private readonly blockMin = new Growable(Float64Array);
  private readonly blockMax = new Growable(Float64Array);

  /**
   * @param hidden lines not to count (duplicates shown once), indexed by line; the same mask must
   *   stay valid for as long as this pyramid is asked.
   * @param classOf class of each level byte (LEVEL_BYTE_CLASS).
   */
  constructor(readonly hidden: Uint8Array | null = null, private readonly classOf: Uint8Array = LEVEL_BYTE_CLASS) {}

  /** A pyramid of the first `length` lines of whole columns. */
  static build(cols: DensityColumns, length: number, hidden: Uint8Array | null = null, classOf: Uint8Array = LEVEL_BYTE_CLASS): DensityPyramid {
    const p = new DensityPyramid(hidden, classOf);
    p.append(cols.ts.subarray(0, length), cols.level.subarray(0, length));
    return p;
  }

  /** Lines fed so far (the columns asked with must hold at least these). */
  get lines(): number {
    return this.n;
  }

  /** Lines counted (with a time, not hidden). */
  get countedLines(): number {
    return this.counted;
  }

  /** Width (ms) of the finest level's buckets; NaN before the first timed line. */
  get finestMs(): number {
    return this.k0 < 0 ? NaN : 2 ** this.k0;
  }

  /** Buckets held in pages, over all levels (memory: 4·C bytes each). */
  get storedBuckets(): number {
    let s = 0;
    for (const lv of this.levels) s += lv.size * PAGE;
    return s;
  }

  /** Feed the next lines (in line order): written times and level bytes of the same lines. */
  append(ts: Float64Array, level: Uint8Array): void {
    const len = Math.min(ts.length, level.length);
    for (let at = 0; at < len; at += CHUNK) this.appendChunk(ts, level, at, Math.min(len, at + CHUNK));
  }

  private appendChunk(ts: Float64Array, level: Uint8Array, from: number, to: number): void {
    const base = this.n;
    this.indexBlocks(ts, from, to, base);
    if (this.k0 < 0) this.start(ts, from, to, base);
    if (this.k0 >= 0) {
      const lv0 = this.levels[0];
      const inv = 1 / 2 ** this.k0;
      const hidden = this.hidden;
      const classOf = this.classOf;
      const dirty = new Set<number>();
      let lastP = NaN;
      let page: Uint32Array | undefined;
      let counted = 0;
      for (let i = from; i < to; i++) {
        const t = ts[i];
        if (t !== t) continue;
        if (hidden !== null && hidden[base + i - from] === 1) continue;
        const b = Math.floor(t * inv);
        const p = Math.floor(b * INV_PAGE);
        if (p !== lastP) {
          page = lv0.get(p);
          if (!page) {
            page = new Uint32Array(PAGE * C);
            lv0.set(p, page);
          }
          dirty.add(p);
          lastP = p;
        }
        page![(b - p * PAGE) * C + classOf[level[i]]]++;
        counted++;
      }
      this.counted += counted;
      this.propagate(dirty);
      const cap = Math.max(MIN_BUCKETS, this.counted / LINES_PER_BUCKET);
      while (this.k0 < MAX_EXP && this.levels[0].size * PAGE > cap) {
        this.levels.shift();
        this.k0++;
      }
    }
    this.n += to - from;
  }

  /** Per block of lines, the least and greatest time (for finding lines in a range). */
  private indexBlocks(ts: Float64Array, from: number, to: number, base: number): void {
    let i = from;
    while (i < to) {
      const line = base + i - from;
      const k = Math.floor(line / BLOCK);
      const end = Math.min(to, i + (BLOCK - (line - k * BLOCK)));
      let lo = Infinity;
      let hi = -Infinity;
      for (let j = i; j < end; j++) {
        const t = ts[j];
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
      if (k === this.blockMin.length) {
        this.blockMin.push(lo);
        this.blockMax.push(hi);
      } else {
        if (lo < this.blockMin.data[k]) this.blockMin.data[k] = lo;
        if (hi > this.blockMax.data[k]) this.blockMax.data[k] = hi;
      }
      i = end;
    }
  }

  /**
   * The finest level from the first timed lines: about MIN_BUCKETS (or a bucket per
   * LINES_PER_BUCKET lines) over the span of the middle 90% of their times (a stray far-away
   * time must not make it coarse). Later appends only make it coarser.
   */
  private start(ts: Float64Array, from: number, to: number, base: number): void {
    const times: number[] = [];
    for (let i = from; i < to; i++) {
      const t = ts[i];
      if (t !== t || (this.hidden !== null && this.hidden[base + i - from] === 1)) continue;
      times.push(t);
    }
    if (times.length === 0) return;
    times.sort((a, b) => a - b);
    const lo = times[Math.floor(times.length * 0.05)];
    const hi = times[Math.floor((times.length - 1) * 0.95)];
    const target = Math.max(MIN_BUCKETS, times.length / LINES_PER_BUCKET);
    const span = Math.max(1, hi - lo);
    this.k0 = Math.min(MAX_EXP, Math.max(0, Math.ceil(Math.log2(span / target))));
    this.levels = Array.from({ length: MAX_EXP - this.k0 + 1 }, () => new Map<number, Uint32Array>());
  }

  /** Re-adds the coarser levels' buckets over the pages an append touched. */
  private propagate(dirty: Set<number>): void {
    let cur = dirty;
    for (let l = 0; l + 1 < this.levels.length && cur.size > 0; l++) {
      const child = this.levels[l];
      const parent = this.levels[l + 1];
      const next = new Set<number>();
      for (const p of cur) {
        const src = child.get(p)!;
        const q = Math.floor(p / 2);
        let dst = parent.get(q);
        if (!dst) {
          dst = new Uint32Array(PAGE * C);
          parent.set(q, dst);
        }
        const off = (p - 2 * q) * HALF * C;
        for (let m = 0; m < HALF; m++) {
          const s = 2 * m * C;
          const d = off + m * C;
          dst[d] = src[s] + src[s + C];
          dst[d + 1] = src[s + 1] + src[s + C + 1];
          dst[d + 2] = src[s + 2] + src[s + C + 2];
          dst[d + 3] = src[s + 3] + src[s + C + 3];
        }
        next.add(q);
      }
      cur = next;
    }
  }

  /**
   * Adds this file's counts for UTC [t0, t1) in `buckets` buckets to
   * `out[offset + class * buckets + bucket]`. `shift` turns written times into UTC; `cols` are
   * the columns this pyramid was fed (for requests finer than its finest level).
   * Returns the width (ms) of the pyramid buckets used, or 0 when answered from the columns.
   */
  query(out: Uint32Array, offset: number, t0: number, t1: number, buckets: number, shift: number, cols: DensityColumns): number {
    if (!(t1 > t0) || !(buckets >= 1) || this.k0 < 0) return 0;
    const w = (t1 - t0) / buckets;
    let k = Math.floor(Math.log2(w));
    if (2 ** k > w) k--;
    else if (2 ** (k + 1) <= w) k++;
    if (k < this.k0) {
      this.queryRaw(out, offset, t0, t1, buckets, shift, cols);
      return 0;
    }
    if (k > MAX_EXP) k = MAX_EXP;
    const W = 2 ** k;
    const lv = this.levels[k - this.k0];
    const jFirst = Math.floor((t0 - shift) / W);
    const jLast = Math.ceil((t1 - shift) / W) - 1;
    const last = buckets - 1;
    for (let p = Math.floor(jFirst * INV_PAGE), pEnd = Math.floor(jLast * INV_PAGE); p <= pEnd; p++) {
      const page = lv.get(p);
      if (!page) continue;
      const j0 = Math.max(jFirst, p * PAGE);
      const j1 = Math.min(jLast, p * PAGE + PAGE - 1);
      for (let j = j0; j <= j1; j++) {
        const s = (j - p * PAGE) * C;
        const n0 = page[s];
        const n1 = page[s + 1];
        const n2 = page[s + 2];
        const n3 = page[s + 3];
        if ((n0 | n1 | n2 | n3) === 0) continue;
        let i = Math.floor((j * W + shift - t0) / w);
        if (i < 0) i = 0;
        else if (i > last) i = last;
        const o = offset + i;
        out[o] += n0;
        out[o + buckets] += n1;
        out[o + 2 * buckets] += n2;
        out[o + 3 * buckets] += n3;
      }
    }
    return W;
  }

  private queryRaw(out: Uint32Array, offset: number, t0: number, t1: number, buckets: number, shift: number, cols: DensityColumns): void {
    const nb = this.blockMin.length;
    const bmin = this.blockMin.data;
    const bmax = this.blockMax.data;
    const { ts, level } = cols;
    const hidden = this.hidden;
    const classOf = this.classOf;
    const n = this.n;
    // A block can hold a line of [t0, t1) only if its range meets it (a rounding margin of 1 ms).
    const lo = t0 - shift - 1;
    const hi = t1 - shift + 1;
    for (let k = 0; k < nb; k++) {
      if (bmax[k] < lo || bmin[k] > hi) continue;
      countRaw(out, offset, ts, level, k * BLOCK, Math.min(n, (k + 1) * BLOCK), shift, t0, t1, buckets, hidden, classOf);
    }
  }
}

/**
 * Counts lines [from, to) of columns with t0 <= ts + shift < t1 into
 * `out[offset + class * buckets + floor((utc - t0) / w)]` (w = (t1 - t0) / buckets). Lines without a
 * time and hidden lines are not counted. The exact count, for small ranges and for tests.
 */
export function countRaw(
  out: Uint32Array, offset: number, ts: ArrayLike<number>, level: ArrayLike<number>, from: number, to: number,
  shift: number, t0: number, t1: number, buckets: number, hidden: Uint8Array | null = null, classOf: Uint8Array = LEVEL_BYTE_CLASS,
): void {
  const w = (t1 - t0) / buckets;
  const last = buckets - 1;
  for (let i = from; i < to; i++) {
    if (hidden !== null && hidden[i] === 1) continue;
    const u = ts[i] + shift;
    if (!(u >= t0 && u < t1)) continue;
    let b = Math.floor((u - t0) / w);
    if (b > last) b = last;
    out[offset + classOf[level[i]] * buckets + b]++;
  }
}

/** The largest stacked (all classes) bucket total of any node in node-major [node][class][bucket] counts. */
export function densityMax(counts: Uint32Array, nodes: number, buckets: number): number {
  let max = 0;
  for (let nd = 0; nd < nodes; nd++) {
    const base = nd * C * buckets;
    for (let b = 0; b < buckets; b++) {
      let s = 0;
      for (let c = 0; c < C; c++) s += counts[base + c * buckets + b];
      if (s > max) max = s;
    }
  }
  return max;
}
