// The Density track's pyramid against a brute-force count of the same synthetic columns:
// exact where it says it is exact (raw columns, aligned edges, whole-domain totals), within the
// documented skew elsewhere, the same whether fed at once or in slices, and fast on 7 M lines.
import { describe, expect, it } from 'vitest';
import { Level } from '../../src/base/levels.ts';
import { severityOf } from '../../src/store/filter.ts';
import { DENSITY_CLASSES, DensityPyramid, LEVEL_BYTE_CLASS, MAX_DENSITY_BUCKETS, densityMax } from '../../src/timeline/density.ts';
import { seededRandom } from '../helpers/random.ts';

const rng = seededRandom;

/** The class of Row.severity (view-store.ts), written out independently of the module's table. */
function rowClass(lb: number): number {
  const sev = severityOf(lb) === Level.INFO && (lb & 15) === Level.None ? Level.None : severityOf(lb);
  return sev === Level.WARN ? 1 : sev === Level.ERR ? 2 : sev === Level.CRIT ? 3 : 0;
}

interface Cols {
  ts: Float64Array;
  level: Uint8Array;
  hidden: Uint8Array | null;
}

const T_START = Date.UTC(2024, 7, 8, 0, 0, 0);
const DAY = 86_400_000;

/**
 * A file-like column set: header lines without a time, a first section over `spanMs` with
 * bursts (dense error storms) and quiet stretches, lines whose time goes backwards, continuation
 * lines carrying their record's time, then a second section that restarts the clock (like the
 * `[System]` channel of a 2016+ log), and level bytes with derived severities.
 */
function synth(n: number, seed: number, spanMs = DAY, start = T_START): Cols {
  const r = rng(seed);
  const ts = new Float64Array(n);
  const level = new Uint8Array(n);
  const header = Math.min(n, 7);
  for (let i = 0; i < header; i++) ts[i] = NaN;
  const main = Math.floor(n * 0.8);
  const avg = spanMs / Math.max(1, main);
  let t = start;
  let burst = 0;
  for (let i = header; i < n; i++) {
    if (i === main) t = start + r() * spanMs * 0.1; // second section: the clock restarts
    if (burst === 0 && r() < 0.0005) burst = 200 + Math.floor(r() * 3000);
    let dt: number;
    if (burst > 0) {
      burst--;
      dt = r() < 0.5 ? 0 : Math.floor(r() * 3); // many lines within the same ms
    } else {
      dt = Math.floor(avg * (r() < 0.01 ? 40 * r() : 2 * r()));
    }
    t += dt;
    const cont = r() < 0.05 && i > header;
    ts[i] = cont ? ts[i - 1] : r() < 0.002 ? t - Math.floor(r() * 5000) : t;
    const x = r();
    let lb: number = x < 0.4 ? Level.INFO : x < 0.7 ? Level.DBG : x < 0.8 ? Level.None : x < 0.9 ? Level.WARN : x < 0.97 ? Level.ERR : x < 0.98 ? Level.CRIT : Level.Unknown;
    if (burst > 0 && r() < 0.6) lb = Level.ERR;
    if (r() < 0.01) lb = Level.DBG | ((1 + Math.floor(r() * 5)) << 4); // an event-channel line with a derived severity
    level[i] = lb;
  }
  return { ts, level, hidden: null };
}

/** Per class, the UTC times of the counted lines, sorted (for range counts by binary search). */
function sortedByClass(c: Cols, shift: number): Float64Array[] {
  const lists: number[][] = [[], [], [], []];
  for (let i = 0; i < c.ts.length; i++) {
    const t = c.ts[i];
    if (t !== t || (c.hidden && c.hidden[i])) continue;
    lists[rowClass(c.level[i])].push(t + shift);
  }
  return lists.map((l) => Float64Array.from(l).sort());
}

/** Number of values < x (strict) or <= x. */
function below(a: Float64Array, x: number, inclusive = false): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (inclusive ? a[m] <= x : a[m] < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** The exact answer, one line at a time. */
function brute(c: Cols, t0: number, t1: number, buckets: number, shift: number): Uint32Array {
  const out = new Uint32Array(4 * buckets);
  const w = (t1 - t0) / buckets;
  for (let i = 0; i < c.ts.length; i++) {
    const t = c.ts[i];
    if (t !== t || (c.hidden && c.hidden[i])) continue;
    const u = t + shift;
    if (u < t0 || u >= t1) continue;
    const b = Math.min(buckets - 1, Math.floor((u - t0) / w));
    out[rowClass(c.level[i]) * buckets + b]++;
  }
  return out;
}

function ask(p: DensityPyramid, c: Cols, t0: number, t1: number, buckets: number, shift: number): { out: Uint32Array; W: number } {
  const out = new Uint32Array(4 * buckets);
  const W = p.query(out, 0, t0, t1, buckets, shift, c);
  return { out, W };
}

/**
 * The documented bound for an answer from pyramid buckets of width W: for every bucket edge e,
 * lines in [t0, e) <= cumulative answer up to e <= lines in (t0 - W, e + W), per class.
 */
function checkSkew(out: Uint32Array, sorted: Float64Array[], t0: number, t1: number, buckets: number, W: number): void {
  const w = (t1 - t0) / buckets;
  for (let c = 0; c < 4; c++) {
    const s = sorted[c];
    const from = below(s, t0);
    const fromLoose = below(s, t0 - W, true);
    let cum = 0;
    for (let i = 0; i < buckets; i++) {
      cum += out[c * buckets + i];
      const e = i === buckets - 1 ? t1 : t0 + (i + 1) * w;
      const lower = below(s, e) - from;
      const upper = below(s, e + W) - fromLoose;
      if (cum < lower || cum > upper) {
        throw new Error(`class ${c} bucket ${i}/${buckets} (W ${W}, w ${w}): cumulative ${cum} outside [${lower}, ${upper}]`);
      }
    }
  }
}

describe('density severity classes', () => {
  it('uses the rule of Row.severity for every level byte', () => {
    for (let b = 0; b < 256; b++) expect(LEVEL_BYTE_CLASS[b], `level byte 0x${b.toString(16)}`).toBe(rowClass(b));
    expect(DENSITY_CLASSES).toEqual(['info', 'warning', 'error', 'critical']);
  });

  it('gives event-channel lines their derived severity, everything at or below INFO the info class', () => {
    expect(LEVEL_BYTE_CLASS[Level.DBG | (Level.CRIT << 4)]).toBe(3); // a [System] DBG line about a removed node
    expect(LEVEL_BYTE_CLASS[Level.DBG | (Level.WARN << 4)]).toBe(1);
    expect(LEVEL_BYTE_CLASS[Level.ERR | (Level.INFO << 4)]).toBe(0); // the derived severity wins over the written level
    expect(LEVEL_BYTE_CLASS[Level.None]).toBe(0);
    expect(LEVEL_BYTE_CLASS[Level.DBG]).toBe(0);
    expect(LEVEL_BYTE_CLASS[Level.INFO]).toBe(0);
    expect(LEVEL_BYTE_CLASS[Level.Unknown]).toBe(0);
    expect(LEVEL_BYTE_CLASS[Level.WARN]).toBe(1);
    expect(LEVEL_BYTE_CLASS[Level.ERR]).toBe(2);
    expect(LEVEL_BYTE_CLASS[Level.CRIT]).toBe(3);
  });

  it('counts each class where its lines are', () => {
    const ts = Float64Array.from([NaN, 100, 100, 1500, 1600, 3000, 3072, 4095]);
    const level = Uint8Array.from([Level.ERR, Level.INFO, Level.DBG | (Level.CRIT << 4), Level.WARN, Level.ERR, Level.None, Level.CRIT, Level.DBG]);
    const p = DensityPyramid.build({ ts, level }, ts.length);
    const c = { ts, level, hidden: null };
    expect(p.countedLines).toBe(7); // the line without a time is not counted
    // From the raw columns (half-ms buckets are below the finest level) and from aligned pyramid buckets.
    for (const [t0, t1, b, raw] of [[0, 2048, 4096, true], [0, 4096, 4, false], [0, 8192, 2, false]] as const) {
      const { out, W } = ask(p, c, t0, t1, b, 0);
      expect(W === 0).toBe(raw);
      expect(Array.from(out)).toEqual(Array.from(brute(c, t0, t1, b, 0)));
    }
    const { out } = ask(p, c, 0, 4096, 4, 0);
    // buckets [0,1024) [1024,2048) [2048,3072) [3072,4096); rows: info, warning, error, critical
    expect(Array.from(out)).toEqual([1, 0, 1, 1, /**/ 0, 1, 0, 0, /**/ 0, 1, 0, 0, /**/ 1, 0, 0, 1]);
  });
});

/** A request in UTC for columns without a shift. */
function ask4(p: DensityPyramid, c: Cols, t0: number, t1: number, b: number) {
  return ask(p, c, t0, t1, b, 0);
}

describe('density pyramid against brute force', () => {
  const c = synth(300_000, 7);
  const p = DensityPyramid.build(c, c.ts.length);
  const shifts = [0, 7 * 3_600_000, -5 * 3_600_000 + 37]; // UTC; a local file; a local file with a clock skew

  it('holds every line with a time once', () => {
    let timed = 0;
    for (const t of c.ts) if (t === t) timed++;
    expect(p.countedLines).toBe(timed);
    expect(p.lines).toBe(c.ts.length);
    expect(p.finestMs).toBeGreaterThanOrEqual(1);
    // About two bytes per line for all levels.
    expect(p.storedBuckets * 16).toBeLessThan(c.ts.length * 4);
  });

  it('is exact from the raw columns and within one pyramid bucket of skew from the levels, at every zoom level', () => {
    const r = rng(99);
    let raw = 0;
    let levels = 0;
    const used = new Set<number>();
    for (const shift of shifts) {
      const sorted = sortedByClass(c, shift);
      for (let e = -4; e <= 28; e++) {
        for (let rep = 0; rep < 6; rep++) {
          const buckets = 1 + Math.floor(r() * (rep % 2 === 0 ? 1600 : MAX_DENSITY_BUCKETS));
          const w = 2 ** e * (1 + r());
          const t0 = T_START + shift + (r() * 1.2 - 0.1) * DAY - (buckets * w) / 2 + r();
          const t1 = t0 + buckets * w;
          const { out, W } = ask(p, c, t0, t1, buckets, shift);
          used.add(W);
          if (W === 0) {
            raw++;
            expect(Array.from(out)).toEqual(Array.from(brute(c, t0, t1, buckets, shift)));
          } else {
            levels++;
            expect(W).toBeLessThanOrEqual(w);
            expect(W).toBeGreaterThan(w / 2);
            checkSkew(out, sorted, t0, t1, buckets, W);
          }
        }
      }
    }
    expect(raw).toBeGreaterThan(20);
    expect(levels).toBeGreaterThan(100);
    expect(used.size).toBeGreaterThan(15);
  });

  it('is exact from the levels when the request edges align with pyramid buckets', () => {
    const r = rng(5);
    let checked = 0;
    for (const shift of [0, 3 * 3_600_000]) {
      for (let e = Math.log2(p.finestMs); e <= 26; e++) {
        const W = 2 ** e;
        for (let rep = 0; rep < 4; rep++) {
          const buckets = 1 + Math.floor(r() * 2000);
          // Aligned in written time: t0 - shift is a multiple of W.
          const a = Math.floor((T_START + r() * DAY - (buckets * W) / 2) / W) * W + shift;
          const { out, W: used } = ask(p, c, a, a + buckets * W, buckets, shift);
          expect(used).toBe(W);
          expect(Array.from(out)).toEqual(Array.from(brute(c, a, a + buckets * W, buckets, shift)));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('has exact totals per class when the domain covers all lines, at any bucket count', () => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of c.ts) if (t === t) { lo = Math.min(lo, t); hi = Math.max(hi, t); }
    const want = [0, 0, 0, 0];
    for (let i = 0; i < c.ts.length; i++) if (c.ts[i] === c.ts[i]) want[rowClass(c.level[i])]++;
    const r = rng(3);
    for (const shift of shifts) {
      for (const buckets of [1, 2, 3, 17, 640, 1600, 1601, 4096, ...Array.from({ length: 10 }, () => 1 + Math.floor(r() * 4096))]) {
        // Exactly the lines' span, and wider ones.
        for (const pad of [0, 1, 3_600_000, 40 * DAY]) {
          const t0 = lo + shift - pad;
          const t1 = hi + shift + 1 + pad * r();
          const { out } = ask(p, c, t0, t1, buckets, shift);
          const got = [0, 1, 2, 3].map((k) => out.subarray(k * buckets, (k + 1) * buckets).reduce((s, v) => s + v, 0));
          expect(got, `buckets ${buckets} pad ${pad} shift ${shift}`).toEqual(want);
        }
      }
    }
  });

  it('appending in slices gives the same answers as building at once', () => {
    const whole = DensityPyramid.build(c, c.ts.length);
    const r = rng(11);
    for (const maxSlice of [1, 700, 9000, 100_000]) {
      const sliced = new DensityPyramid();
      // Slices of random sizes (the first ones small when maxSlice is small: a 2 MiB first slice).
      for (let at = 0; at < c.ts.length;) {
        const len = Math.min(c.ts.length - at, 1 + Math.floor(r() * (maxSlice === 1 ? 3000 : maxSlice)));
        sliced.append(c.ts.slice(at, at + len), c.level.slice(at, at + len));
        at += len;
      }
      expect(sliced.lines).toBe(whole.lines);
      expect(sliced.countedLines).toBe(whole.countedLines);
      const fine = Math.max(whole.finestMs, sliced.finestMs);
      const fineMin = Math.min(whole.finestMs, sliced.finestMs);
      let same = 0;
      for (let e = -3; e <= 28; e++) {
        for (let rep = 0; rep < 3; rep++) {
          const buckets = 1 + Math.floor(r() * 1600);
          const w = 2 ** e * (1 + r());
          const t0 = T_START + r() * DAY - (buckets * w) / 2;
          const a = ask4(whole, c, t0, t0 + buckets * w, buckets);
          const b = ask4(sliced, c, t0, t0 + buckets * w, buckets);
          if (w >= fine || w < fineMin) {
            // Both from the same level, or both from the raw columns.
            expect(b.W).toBe(a.W);
          }
          if (a.W === b.W) {
            expect(Array.from(b.out)).toEqual(Array.from(a.out));
            same++;
          }
        }
      }
      expect(same).toBeGreaterThan(60);
    }
  });

  it('does not count hidden lines (duplicates shown once)', () => {
    const h = new Uint8Array(c.ts.length);
    const r = rng(21);
    for (let i = 0; i < h.length; i++) if (r() < 0.3) h[i] = 1;
    const ch: Cols = { ...c, hidden: h };
    const ph = DensityPyramid.build(c, c.ts.length, h);
    let timed = 0;
    for (let i = 0; i < h.length; i++) if (c.ts[i] === c.ts[i] && !h[i]) timed++;
    expect(ph.countedLines).toBe(timed);
    const sorted = sortedByClass(ch, 0);
    for (let e = -2; e <= 26; e += 2) {
      const buckets = 800;
      const w = 2 ** e * 1.3;
      const t0 = T_START + DAY / 3;
      const { out, W } = ask(ph, ch, t0, t0 + buckets * w, buckets, 0);
      if (W === 0) expect(Array.from(out)).toEqual(Array.from(brute(ch, t0, t0 + buckets * w, buckets, 0)));
      else checkSkew(out, sorted, t0, t0 + buckets * w, buckets, W);
    }
  });

  it('keeps far-away timestamps cheap and still finds them', () => {
    const ts = Float64Array.from([Date.UTC(1971, 0, 1), ...synth(50_000, 3).ts.subarray(7), Date.UTC(2100, 0, 1, 12)]);
    const level = new Uint8Array(ts.length).fill(Level.INFO);
    level[level.length - 1] = Level.CRIT;
    const q = DensityPyramid.build({ ts, level }, ts.length);
    expect(q.storedBuckets * 16).toBeLessThan(2_000_000);
    expect(q.finestMs).toBeLessThan(60_000);
    const t0 = Date.UTC(2100, 0, 1, 11, 30);
    const { out } = ask4(q, { ts, level, hidden: null }, t0, t0 + 3_600_000, 60);
    // The one line of that hour, a critical one at 12:00:00.000, in the minute starting then (or, within the skew, the one before).
    expect(out.reduce((s, v) => s + v, 0)).toBe(1);
    expect(out[3 * 60 + 29] + out[3 * 60 + 30]).toBe(1);
  });

  it('reports the largest stacked bucket of any node', () => {
    const counts = Uint32Array.from([1, 2, /**/ 0, 5, /**/ 0, 0, /**/ 0, 0, /**/ 4, 0, /**/ 4, 0, /**/ 0, 0, /**/ 1, 9]);
    expect(densityMax(counts, 2, 2)).toBe(9);
    expect(densityMax(counts.subarray(0, 8), 1, 2)).toBe(7);
  });
});
