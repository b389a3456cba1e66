// Profiling kernels (`npm run bench -- --profile`): the indexer's work split into phases,
// each over the file's slices already in memory, so that the cost of each layer shows:
//   phase-scan    line splitting only (the indexer's scan8/scan16 loop, one offset stored per line)
//   phase-prefix  + the product's parseRecordPrefix per line (ts stored)
//   index-mem     (in kernel.worker.ts) the full product FileIndexer
//   phase-scan-indexof  an alternative splitter on native indexOf (slower: kept as evidence)
//   phase-search  the product's searchFile over the slices (4 queries, per-query times in extra)
//   phase-alt, phase-search-alt  the same over bench/scratch/ copies of the product code with
//                 proposed changes (git-ignored; only when present)

import { parseRecordPrefix, PrefixResult } from '../src/ingest/prefix.ts';
import { SliceStore } from '../src/ingest/text.ts';
import { FileIndexer } from '../src/ingest/indexer.ts';
import { searchFile } from '../src/store/search.ts';

// bench/scratch/ (git-ignored) holds local copies of product files with proposed changes;
// the phase-alt / phase-search-alt kernels exist only when those copies are present.
const scratch = import.meta.glob<Record<string, unknown>>('./scratch/*.ts', { eager: true });
const AltIndexer = scratch['./scratch/indexer.ts']?.FileIndexer as typeof FileIndexer | undefined;
const altSearchFile = scratch['./scratch/search.ts']?.searchFile as typeof searchFile | undefined;

export interface PhaseResult {
  lines: number;
  extra?: Record<string, unknown>;
}

/** Joins the slices into one array of code units (no timing impact: the phases only scan). */
function units(slices: Uint8Array[], size: number): { u: Uint8Array | Uint16Array; wide: boolean } {
  const all = new Uint8Array(size);
  let o = 0;
  for (const s of slices) {
    all.set(s, o);
    o += s.length;
  }
  if (all[0] === 0xff && all[1] === 0xfe) return { u: new Uint16Array(all.buffer, 2, (size - 2) >> 1), wide: true };
  return { u: all, wide: false };
}

const cache = new WeakMap<Uint8Array[], { u: Uint8Array | Uint16Array; wide: boolean }>();
function joined(slices: Uint8Array[], size: number) {
  let j = cache.get(slices);
  if (!j) {
    j = units(slices, size);
    cache.set(slices, j);
  }
  return j;
}

/** The indexer's word-at-a-time line splitter (scan8) with a callback per line. */
function scan8(u: Uint8Array, onLine: (s: number, e: number) => void): number {
  const len = u.length;
  let ls = 0;
  let n = 0;
  const nWords = len >> 2;
  const words = new Uint32Array(u.buffer, u.byteOffset, nWords);
  for (let w = 0; w < nWords; w++) {
    const x = words[w];
    if ((((x - 0x0e0e0e0e) | x) & 0x80808080) === 0) continue;
    const k0 = w << 2;
    for (let k = k0; k < k0 + 4; k++) {
      if (k < ls) continue;
      const c = u[k];
      if (((c - 14) & 0xff) < 114) continue;
      if (c === 10 || c === 13) {
        onLine(ls, k);
        n++;
        ls = c === 13 && u[k + 1] === 10 ? k + 2 : k + 1;
        k = ls - 1;
      }
    }
  }
  return n;
}

function scan16(u: Uint16Array, onLine: (s: number, e: number) => void): number {
  const len = u.length;
  let ls = 0;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = u[i];
    if (((c - 14) & 0xffff) < 114) continue;
    if (c === 10 || c === 13) {
      onLine(ls, i);
      n++;
      ls = c === 13 && u[i + 1] === 10 ? i + 2 : i + 1;
      i = ls - 1;
    }
  }
  return n;
}

function scan(u: Uint8Array | Uint16Array, wide: boolean, onLine: (s: number, e: number) => void): number {
  return wide ? scan16(u as Uint16Array, onLine) : scan8(u as Uint8Array, onLine);
}

export const PHASES: Record<string, (slices: Uint8Array[], size: number) => PhaseResult> = {
  'phase-scan'(slices, size) {
    const { u, wide } = joined(slices, size);
    const off = new Float64Array(u.length / 40);
    let i = 0;
    const n = scan(u, wide, (s) => {
      if (i < off.length) off[i++] = s;
    });
    return { lines: n };
  },
  'phase-scan-indexof'(slices, size) {
    // Alternative splitter: native indexOf for LF and CR (lone CRs are found, CRLF is one ending),
    // plus one OR pass over 32-bit words to learn whether the block has any byte >= 0x80 at all.
    const { u, wide } = joined(slices, size);
    const off = new Float64Array(u.length / 40);
    let n = 0;
    let high = 0;
    if (!wide) {
      const w = new Int32Array(u.buffer, u.byteOffset, u.length >> 2);
      let acc = 0;
      for (let i = 0; i < w.length; i++) acc |= w[i];
      high = acc & 0x80808080;
    }
    const len = u.length;
    let ls = 0;
    let cr = u.indexOf(13);
    let lf = u.indexOf(10);
    while (lf >= 0 || cr >= 0) {
      let end: number;
      let next: number;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        end = cr;
        next = cr + 1 < len && u[cr + 1] === 10 ? cr + 2 : cr + 1;
        cr = u.indexOf(13, next);
        if (lf >= 0 && lf < next) lf = u.indexOf(10, next);
      } else {
        end = lf;
        next = lf + 1;
        lf = u.indexOf(10, next);
      }
      if (n < off.length) off[n] = ls;
      n++;
      ls = next;
      void end;
    }
    return { lines: n, extra: { high } };
  },
  'phase-prefix'(slices, size) {
    const { u, wide } = joined(slices, size);
    const ts = new Float64Array(u.length / 40);
    const r = new PrefixResult();
    let i = 0;
    let parsed = 0;
    const n = scan(u, wide, (s, e) => {
      if (s < e && parseRecordPrefix(u, s, e, r, !wide)) {
        parsed++;
        if (i < ts.length) ts[i] = r.ts;
      }
      i++;
    });
    return { lines: n, extra: { parsed } };
  },
  'phase-alt'(slices, size) {
    if (!AltIndexer) throw new Error('phase-alt needs bench/scratch/indexer.ts');
    const ix = new AltIndexer(size);
    for (const s of slices) ix.push(s);
    const out = ix.finish();
    return { lines: out.columns.length, extra: { buckets: out.facts.buckets, components: out.facts.components.length, threads: out.threads.pid.length } };
  },
  'phase-search'(slices, size) {
    return runSearch(slices, size, searchFile);
  },
  'phase-search-alt'(slices, size) {
    if (!altSearchFile) throw new Error('phase-search-alt needs bench/scratch/search.ts');
    return runSearch(slices, size, altSearchFile);
  },
};

// The search phases need line offsets: index once per slices array (not timed after the first call).
const offsets = new WeakMap<Uint8Array[], { offset: Float64Array; length: number; encoding: string; store: SliceStore }>();
function runSearch(slices: Uint8Array[], size: number, fn: typeof searchFile): PhaseResult {
  let o = offsets.get(slices);
  if (!o) {
    const ix = new FileIndexer(size);
    const store = new SliceStore();
    for (const s of slices) {
      store.add(s);
      ix.push(s);
    }
    const out = ix.finish();
    o = { offset: out.columns.offset.slice(), length: out.columns.length, encoding: out.facts.encoding, store };
    offsets.set(slices, o);
  }
  const st = o.store;
  const target = { offset: o.offset, length: o.length, size, encoding: o.encoding, range: (a: number, b: number) => st.range(a, b) };
  const t0 = performance.now();
  const cs = fn(target, { text: 'quorum', regex: false, caseSensitive: true }).length;
  const t1 = performance.now();
  const ci = fn(target, { text: 'quorum', regex: false, caseSensitive: false }).length;
  const t2 = performance.now();
  const common = fn(target, { text: 'File Share Witness', regex: false, caseSensitive: true }).length;
  const t3 = performance.now();
  const re = fn(target, { text: '(quorum|heartbeat)\\s\\w+', regex: true, caseSensitive: false }).length;
  const t4 = performance.now();
  return {
    lines: o.length,
    extra: {
      hits: { cs, ci, common, re },
      ms: { cs: t1 - t0, ci: t2 - t1, common: t3 - t2, re: t4 - t3 },
      mbps: { cs: size / 1e3 / (t1 - t0), ci: size / 1e3 / (t2 - t1), common: size / 1e3 / (t3 - t2), re: size / 1e3 / (t4 - t3) },
    },
  };
}
