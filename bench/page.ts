// The benchmark page. bench/run.ts hands files to #f with page.setInputFiles (disk-backed
// File objects, as a user's drop) and drives the functions on window.bench.

import { WorkerEngine } from '../src/engine/client.ts';
import type { EngineSnapshot, SearchSpec } from '../src/engine/api.ts';
import type { KernelResult } from './kernel.worker.ts';
import type { NaiveSearchRequest, NaiveSearchResult } from './naive-search.worker.ts';
import { ProbeEngine } from './probe-engine.ts';

declare const gc: (() => void) | undefined;

const input = document.getElementById('f') as HTMLInputElement;
const files = (): File[] => Array.from(input.files ?? []);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function collect(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

let held: Worker | null = null;
/** Ends a kernel worker kept alive for profiling. */
function endKernel(): void {
  held?.terminate();
  held = null;
}

/** Runs one kernel mode in a fresh worker over file #idx (kept alive with keep=true, for a profiler). */
function kernel(idx: number, mode: string, runs: number, warmup: number, keep = false): Promise<KernelResult> {
  const file = files()[idx];
  const w = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: `bench-kernel-${mode}` });
  return new Promise((resolve) => {
    w.onmessage = (e: MessageEvent<KernelResult>) => {
      if (keep) held = w;
      else w.terminate();
      resolve(e.data);
    };
    w.onerror = (e) => {
      w.terminate();
      resolve({ mode, runs: [], warmup: [], error: e.message });
    };
    w.postMessage({ file, mode, runs, warmup });
  });
}

/**
 * The capture hand-off (issue 11): a worker posts the columns of 500 k capture rows by transfer,
 * once per run; each run is the time from its post to this thread's handler holding typed views
 * of every column (touched once). The first `warmup` runs are not counted.
 */
function handoff(idx: number, runs: number, warmup: number): Promise<{ ms: number[]; rows: number }> {
  const file = files()[idx];
  const w = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'bench-kernel-capture-handoff' });
  const ms: number[] = [];
  let rows = 0;
  return new Promise((resolve) => {
    w.onmessage = (e: MessageEvent<{ t: string; at: number; rows: number; cols: Record<string, ArrayLike<number>> }>) => {
      if (e.data.t === 'handoff-done') {
        w.terminate();
        resolve({ ms: ms.slice(warmup), rows });
        return;
      }
      let touched = 0;
      for (const c of Object.values(e.data.cols)) touched += c.length > 0 ? Number(c[c.length - 1]) | 0 : 0;
      ms.push(performance.timeOrigin + performance.now() - e.data.at);
      rows = e.data.rows + (touched & 0);
      w.postMessage({ t: 'ack' });
    };
    w.onerror = (e) => {
      w.terminate();
      resolve({ ms: [], rows: -1 });
      console.error(e.message);
    };
    w.postMessage({ file, mode: 'capture-handoff', runs, warmup });
  });
}

/** The naive search baseline over files #idxs, in a fresh worker (bench/naive-search.worker.ts). */
function naiveSearch(idxs: number[], specs: NaiveSearchRequest['specs'], runs: number): Promise<NaiveSearchResult> {
  const w = new Worker(new URL('./naive-search.worker.ts', import.meta.url), { type: 'module', name: 'bench-naive-search' });
  return new Promise((resolve) => {
    w.onmessage = (e: MessageEvent<NaiveSearchResult>) => {
      w.terminate();
      resolve(e.data);
    };
    w.onerror = (e) => {
      w.terminate();
      resolve({ lines: 0, bySpec: {}, error: e.message });
    };
    w.postMessage({ files: idxs.map((i) => files()[i]), specs, runs } satisfies NaiveSearchRequest);
  });
}

// ---- Memory ------------------------------------------------------------------------------

interface MemBreakdown {
  bytes: number;
  attribution: { url: string; scope: string }[];
  types: string[];
}
interface MemResult {
  method: string;
  total: number;
  byScope: Record<string, number>;
  mainUsedJSHeap: number | null;
}

async function measureMemory(): Promise<MemResult> {
  collect();
  const perf = performance as Performance & {
    measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: MemBreakdown[] }>;
    memory?: { usedJSHeapSize: number };
  };
  const mainUsed = perf.memory ? perf.memory.usedJSHeapSize : null;
  if (!crossOriginIsolated || !perf.measureUserAgentSpecificMemory) {
    return { method: 'performance.memory (main thread only)', total: mainUsed ?? NaN, byScope: {}, mainUsedJSHeap: mainUsed };
  }
  const m = await perf.measureUserAgentSpecificMemory();
  const byScope: Record<string, number> = {};
  for (const b of m.breakdown) {
    const key = b.attribution.length ? b.attribution.map((a) => `${a.scope}:${a.url.split('/').pop()}`).join('+') : `(${b.types.join(',') || 'shared'})`;
    byScope[key] = (byScope[key] ?? 0) + b.bytes;
  }
  return { method: 'performance.measureUserAgentSpecificMemory', total: m.bytes, byScope, mainUsedJSHeap: mainUsed };
}

/** Checks whether the memory measurement counts ArrayBuffer backing stores (it should not). */
async function memoryProbe(): Promise<{ before: number; after: number; allocated: number }> {
  const before = (await measureMemory()).total;
  const w = new Worker(new URL('./hold.worker.ts', import.meta.url), { type: 'module', name: 'bench-hold' });
  const allocated = 256 << 20;
  await new Promise<void>((r) => {
    w.onmessage = () => r();
    w.postMessage(allocated);
  });
  const after = (await measureMemory()).total;
  w.terminate();
  return { before, after, allocated };
}

// ---- End to end through the engine -----------------------------------------------------------

let engine: WorkerEngine | ProbeEngine | null = null;
let last: EngineSnapshot | null = null;
const waiters: { test: (s: EngineSnapshot) => boolean; resolve: (s: EngineSnapshot) => void }[] = [];

function onSnap(s: EngineSnapshot): void {
  last = s;
  for (let i = 0; i < waiters.length; i++) {
    if (waiters[i].test(s)) {
      waiters[i].resolve(s);
      waiters.splice(i--, 1);
    }
  }
}

function waitFor(test: (s: EngineSnapshot) => boolean, timeoutMs = 120_000): Promise<EngineSnapshot> {
  if (last && test(last)) return Promise.resolve(last);
  return new Promise((resolve, reject) => {
    const w = { test, resolve };
    waiters.push(w);
    setTimeout(() => {
      const i = waiters.indexOf(w);
      if (i >= 0) {
        waiters.splice(i, 1);
        reject(new Error(`timeout waiting for engine state; last: ${JSON.stringify(summary(last))}`));
      }
    }, timeoutMs);
  });
}

function summary(s: EngineSnapshot | null) {
  if (!s) return null;
  return {
    version: s.version, viewRows: s.viewRows, totalLines: s.totalLines, loading: s.loading,
    files: s.files.map((f) => ({ name: f.facts.name, status: f.facts.status, lines: f.facts.lines, bytesRead: f.progress.bytesRead, size: f.progress.size })),
    search: s.search,
  };
}

/** Creates a fresh engine (workers started and idle), so that load timings exclude worker start-up. */
/** `splitMinBytes`: forces the split of large files over two shards (the product's default leaves it off on 2 cores). */
async function newEngine(probe = false, splitMinBytes?: number): Promise<void> {
  disposeEngine();
  const e = probe ? new ProbeEngine() : new WorkerEngine(undefined, { splitMinBytes });
  engine = e;
  last = null;
  e.subscribe(onSnap);
  // One round trip through the view worker, then give the shard workers time to load their module.
  await e.getRows(0, 0);
  await sleep(300);
}

function disposeEngine(): void {
  if (engine) engine.dispose();
  engine = null;
  last = null;
  waiters.length = 0;
}

interface LoadResult {
  firstRowsMs: number;
  firstRowsCount: number;
  firstRowsBytesRead: number;
  firstTextMs: number;
  completeMs: number;
  shardElapsedMs: number[];
  lines: number;
  viewRows: number;
  snapshots: number;
  statuses: string[];
  /** How each file was parsed (FileProgress.halves): 2 = both cores, joined. */
  halves: (number | string | null)[];
}

/** Loads the given files into the current engine; times to first rows and to the complete index. */
async function load(idxs: number[]): Promise<LoadResult> {
  if (!engine) throw new Error('no engine');
  const e = engine;
  const list = idxs.map((i) => files()[i]);
  let snapshots = 0;
  let firstRowsMs = NaN;
  let firstRowsCount = 0;
  let firstRowsBytesRead = 0;
  let firstTextMs = NaN;
  let textAsked = false;
  let resolveText: () => void = () => {};
  const textDone = new Promise<void>((r) => (resolveText = r));
  const t0 = performance.now();
  const unsub = e.subscribe((s) => {
    snapshots++;
    if (s.viewRows > 0 && !textAsked) {
      textAsked = true;
      firstRowsMs = performance.now() - t0;
      firstRowsCount = s.viewRows;
      firstRowsBytesRead = s.files.reduce((a, f) => a + f.progress.bytesRead, 0);
      // The decoded text of the first window (what the raw-log view paints first).
      void e.getRows(0, 60).then(() => {
        firstTextMs = performance.now() - t0;
        resolveText();
      });
    }
  });
  e.addFiles(list.map((file) => ({ file, path: file.name })), { replace: true });
  const done = await waitFor((s) => s.files.length === list.length && !s.loading && s.files.every((f) => f.facts.status === 'done' || f.facts.status === 'error'));
  const completeMs = performance.now() - t0;
  await textDone;
  unsub();
  return {
    firstRowsMs, firstRowsCount, firstRowsBytesRead, firstTextMs, completeMs,
    shardElapsedMs: done.files.map((f) => (f.progress.finishedAt ?? NaN) - f.progress.startedAt),
    lines: done.totalLines, viewRows: done.viewRows, snapshots,
    statuses: done.files.map((f) => f.facts.status),
    halves: done.files.map((f) => f.progress.halves),
  };
}

interface SearchResult {
  wallMs: number;
  firstHitMs: number;
  engineElapsedMs: number;
  hits: number;
  visibleHits: number;
  error: string | null;
}

async function search(spec: SearchSpec): Promise<SearchResult> {
  if (!engine) throw new Error('no engine');
  const e = engine;
  // Clear the previous search first.
  e.search(null);
  await waitFor((s) => s.search.spec === null && !s.search.running);
  await sleep(50);
  const same = (s: EngineSnapshot) => !!s.search.spec && s.search.spec.text === spec.text && s.search.spec.regex === spec.regex && s.search.spec.caseSensitive === spec.caseSensitive;
  let firstHitMs = NaN;
  const t0 = performance.now();
  const unsub = e.subscribe((s) => {
    if (firstHitMs !== firstHitMs && same(s) && s.search.hits > 0) firstHitMs = performance.now() - t0;
  });
  e.search(spec);
  const s = await waitFor((x) => same(x) && !x.search.running);
  const wallMs = performance.now() - t0;
  unsub();
  return { wallMs, firstHitMs, engineElapsedMs: s.search.elapsedMs, hits: s.search.hits, visibleHits: s.search.visibleHits, error: s.search.error };
}

async function probe(): Promise<unknown> {
  if (!(engine instanceof ProbeEngine)) throw new Error('not a probe engine');
  return engine.probe();
}

function env() {
  return {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated,
    files: files().map((f) => ({ name: f.name, size: f.size })),
    jsHeapSizeLimit: (performance as Performance & { memory?: { jsHeapSizeLimit: number } }).memory?.jsHeapSizeLimit ?? null,
  };
}

(window as unknown as { bench: unknown }).bench = {
  env, kernel, handoff, naiveSearch, endKernel, collect, newEngine, disposeEngine, load, search, measureMemory, memoryProbe, probe,
  snapshot: () => summary(last),
  ready: true,
};
