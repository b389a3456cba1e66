// ClusterLens benchmark: `npm run bench [-- --json] [-- --regen] [-- --runs N] [-- --only timeline]`.
// Generates inputs into bench/out/ (when missing), builds the bench page (bench/vite.config.ts),
// serves it on 127.0.0.1 with cross-origin isolation, drives the system Chromium with Playwright,
// prints a table (or one JSON object with --json) and writes bench/out/results.json.
// See bench/README.md. This is a benchmark, not a test: it exits 0 even when a target is missed.

import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { build, preview } from 'vite';
import { chromium, type Page } from '@playwright/test';
import { Cdp, selfTimes, type CpuProfile } from './cdp.ts';
import { runTimelineBench } from './timeline.ts';
import { runResponsiveBench } from './responsive.ts';
import { median, type BenchRow } from './report.ts';
import { generateQuiet } from './generate-quiet.ts';
import { ensureCaptureInput } from './capture-input.ts';
import type { NaiveSearchResult } from './naive-search.worker.ts';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'out');
const argv = process.argv.slice(2);
const JSON_OUT = argv.includes('--json');
const REGEN = argv.includes('--regen');
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) > 0 && argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const SKIP = new Set((argv.includes('--skip') ? argv[argv.indexOf('--skip') + 1] : '').split(',').filter(Boolean));
/** --only a,b runs just those sections (kernels, engine, search, timeline, responsive); --skip a,b leaves them out. */
const ONLY = argv.includes('--only') ? new Set(argv[argv.indexOf('--only') + 1].split(',').filter(Boolean)) : null;
const runs = (section: string): boolean => (ONLY ? ONLY.has(section) : !SKIP.has(section));
const PROFILE = argv.includes('--profile');
/** --modes a,b limits the kernel modes (for profiling sessions); --profile adds the phase kernels. */
const MODES = argv.includes('--modes') ? argv[argv.indexOf('--modes') + 1].split(',') : null;
/** --cpuprofile MODE[:utf16]: V8 CPU profile of that kernel's worker (top functions by self time). */
const CPUPROFILE = argv.includes('--cpuprofile') ? argv[argv.indexOf('--cpuprofile') + 1] : null;
const PHASE_MODES = ['phase-scan', 'phase-prefix', 'index-prefetch', 'phase-search', ...(existsSync(join(here, 'scratch', 'indexer.ts')) ? ['phase-alt'] : []), ...(existsSync(join(here, 'scratch', 'search.ts')) ? ['phase-search-alt'] : [])];

/** Progress goes to stderr so that --json leaves stdout to the one JSON object. */
const log = (s: string): void => {
  process.stderr.write(s + '\n');
};

// ---- Inputs ------------------------------------------------------------------------------------

interface InputSet {
  dir: string;
  args: string[];
  /** What the table's rows name: each file's size (10^6 B = 1 MB) or the set's total line count. */
  want: { bytesPerFile?: number; totalLines?: number };
}
// The scenario generator needs >= 2 nodes. `--size N B` is the size of each file in bytes; the
// generator stops at the line that reaches it. Rows are labelled with the sizes measured, and a
// set that misses what it is meant to be by more than 3 % stops the bench (see checkSet).
//  - utf8: node 1 is "the 300 MB file" (T1, T3, T5); node 2 is only there because the generator wants two.
//  - utf16: node 1 is "the 64 MB UTF-16LE file" (T2).
//  - search: 3 nodes, 5.0 M lines in all (T10, T11 name "5 M lines"); about 134 B per line.
const SETS: Record<'utf8' | 'utf16' | 'search', InputSet> = {
  utf8: { dir: join(outDir, 'utf8'), args: ['--nodes', '2', '--dialect', 'w2016', '--encoding', 'utf-8', '--size', '300000000B', '--seed', '11'], want: { bytesPerFile: 300e6 } },
  utf16: { dir: join(outDir, 'utf16'), args: ['--nodes', '2', '--dialect', 'w2016', '--encoding', 'utf-16le', '--bom', '--size', '64000000B', '--seed', '12'], want: { bytesPerFile: 64e6 } },
  search: { dir: join(outDir, 'search'), args: ['--nodes', '3', '--dialect', 'w2016', '--encoding', 'utf-8', '--size', '223000000B', '--seed', '13'], want: { totalLines: 5e6 } },
};

/** The inputs must be what the rows say they are. */
function checkSet(key: string, set: InputSet, files: ManifestFile[]): void {
  const off = (got: number, want: number) => Math.abs(got - want) / want > 0.03;
  if (set.want.bytesPerFile !== undefined) {
    for (const f of files) if (off(f.bytes, set.want.bytesPerFile)) throw new Error(`${key} input ${f.name} has ${f.bytes} B, not about ${set.want.bytesPerFile} B: change SETS.${key}`);
  }
  if (set.want.totalLines !== undefined) {
    const lines = files.reduce((a, f) => a + f.lines, 0);
    if (off(lines, set.want.totalLines)) throw new Error(`${key} inputs have ${lines} lines, not about ${set.want.totalLines}: change SETS.${key}`);
  }
}

interface ManifestFile { name: string; node: string; bytes: number; lines: number; encoding: string; bom: boolean }

function readManifest(set: InputSet): ManifestFile[] | null {
  const m = join(set.dir, 'manifest.json');
  const stamp = join(set.dir, 'bench-args.json');
  if (!existsSync(m) || !existsSync(stamp)) return null;
  if (readFileSync(stamp, 'utf8') !== JSON.stringify(set.args)) return null;
  const files = (JSON.parse(readFileSync(m, 'utf8')) as { files: ManifestFile[] }).files;
  for (const f of files) {
    const p = join(set.dir, f.name);
    if (!existsSync(p) || statSync(p).size !== f.bytes) return null;
  }
  return files;
}

type Inputs = Record<keyof typeof SETS, { path: string; bytes: number; lines: number }[]>;

async function ensureInputs(): Promise<Inputs> {
  const out = {} as Inputs;
  for (const key of Object.keys(SETS) as (keyof typeof SETS)[]) {
    const set = SETS[key];
    let files = REGEN ? null : readManifest(set);
    if (!files) {
      log(`Generating ${key} inputs into ${set.dir} (src/cli/generate.ts ${set.args.join(' ')})…`);
      if (existsSync(set.dir)) rmSync(set.dir, { recursive: true, force: true });
      mkdirSync(set.dir, { recursive: true });
      await generateQuiet(set.dir, set.args);
      writeFileSync(join(set.dir, 'bench-args.json'), JSON.stringify(set.args));
      files = readManifest(set);
      if (!files) throw new Error(`generator output in ${set.dir} is incomplete`);
    }
    checkSet(key, set, files);
    out[key] = files.map((f) => ({ path: join(set.dir, f.name), bytes: f.bytes, lines: f.lines }));
  }
  return out;
}

// ---- Stats -------------------------------------------------------------------------------------

const MB = 1e6;

interface KernelRun { ms: number; readMs: number; lines: number; bytes: number; extra?: Record<string, unknown> }
interface KernelResult { mode: string; runs: KernelRun[]; warmup: KernelRun[]; error?: string }

interface KernelSummary {
  mode: string;
  medianMs: number;
  allMs: number[];
  warmupMs: number[];
  medianReadMs: number;
  mbPerS: number;
  linesPerS: number;
  lines: number;
  bytes: number;
  extra?: Record<string, unknown>;
}

function summarizeKernel(r: KernelResult): KernelSummary {
  if (r.error || !r.runs.length) throw new Error(`kernel ${r.mode} failed: ${r.error ?? 'no runs'}`);
  const ms = median(r.runs.map((x) => x.ms));
  const x = r.runs[0];
  return {
    mode: r.mode,
    medianMs: ms,
    allMs: r.runs.map((y) => +y.ms.toFixed(1)),
    warmupMs: r.warmup.map((y) => +y.ms.toFixed(1)),
    medianReadMs: median(r.runs.map((y) => y.readMs)),
    mbPerS: x.bytes / MB / (ms / 1000),
    linesPerS: x.lines / (ms / 1000),
    lines: x.lines,
    bytes: x.bytes,
    extra: x.extra,
  };
}

// ---- Browser -----------------------------------------------------------------------------------

interface LoadResult {
  firstRowsMs: number; firstRowsCount: number; firstRowsBytesRead: number; firstTextMs: number; completeMs: number;
  shardElapsedMs: number[]; lines: number; viewRows: number; snapshots: number; statuses: string[]; halves: (number | string | null)[];
}
interface SearchResult { wallMs: number; firstHitMs: number; engineElapsedMs: number; hits: number; visibleHits: number; error: string | null }
interface HeapTotals { jsHeap: number; arrayBuffers: number; targets: { target: string; type: string; usedSize: number; backingStorageSize: number }[] }
interface MemResult { method: string; total: number; byScope: Record<string, number>; mainUsedJSHeap: number | null }

async function call<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ([f, a]) => {
      const b = (window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench;
      return (await b[f as string](...(a as unknown[]))) as never;
    },
    [fn, args] as const,
  ) as Promise<T>;
}

// ---- Main ---------------------------------------------------------------------------------------

type Row = BenchRow;

async function main(): Promise<void> {
  const started = Date.now();
  // The generated log files are needed by every section but the timeline (synthetic marks, made in the page).
  const needInputs = runs('kernels') || runs('engine') || runs('search') || CPUPROFILE !== null;
  const inputs: Inputs = needInputs ? await ensureInputs() : { utf8: [], utf16: [], search: [] };
  const utf8 = inputs.utf8[0];
  const utf16 = inputs.utf16[0];
  const corpus = inputs.search;
  /** Positions of the search corpus's files in the page's file input. */
  const corpusIdx = corpus.map((_, i) => i + 2);

  log('Building the bench page (bench/vite.config.ts → bench/dist/)…');
  const configFile = join(here, 'vite.config.ts');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${(server.httpServer.address() as { port: number }).port}/`;

  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  const results: Record<string, unknown> = {};
  const rows: Row[] = [];
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    page.on('crash', () => log('page crashed (out of memory?)'));
    page.on('console', (m) => { if (m.type() === 'error') log(`console: ${m.text()}`); });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { bench?: { ready: boolean } }).bench?.ready === true);
    // File order in the input: 0 = the UTF-8 300 MB file, 1 = the UTF-16LE file, 2.. = the search corpus, then the capture CSV.
    const capture = runs('captures') ? await ensureCaptureInput(join(outDir, 'captures', 'procmon-100MB.csv')) : null;
    const logPaths = needInputs ? [utf8.path, utf16.path, ...corpus.map((f) => f.path)] : [];
    const captureIdx = logPaths.length;
    if (needInputs || capture) await page.setInputFiles('#f', [...logPaths, ...(capture ? [capture.path] : [])]);
    const env = await call<Record<string, unknown>>(page, 'env');
    results.env = { ...env, chromium: browser.version(), executablePath, node: process.version, runs: RUNS, cpu: cpus()[0]?.model, loadavgAtStart: loadavg() };
    if (needInputs) {
      results.inputs = {
        utf8: { ...utf8, encoding: 'utf-8', dialect: 'w2016', generator: SETS.utf8.args.join(' ') },
        utf16: { ...utf16, encoding: 'utf-16le+BOM', dialect: 'w2016', generator: SETS.utf16.args.join(' ') },
        searchCorpus: { files: corpus.length, bytes: corpus.reduce((a, f) => a + f.bytes, 0), lines: corpus.reduce((a, f) => a + f.lines, 0), generator: SETS.search.args.join(' ') },
      };
    }
    log(`Chromium ${browser.version()}, hardwareConcurrency ${env.hardwareConcurrency}, crossOriginIsolated ${env.crossOriginIsolated}`);

    // 1. Kernels, one fresh worker per mode: warm-up + RUNS timed runs.
    const kernels: Record<string, Record<string, KernelSummary>> = { utf8: {}, utf16: {} };
    const modes = MODES ?? ['io', 'index', 'index-mem', 'index-events-mem', 'hash-mem', 'naive', 'naive-mem'];
    if (PROFILE) for (const m of PHASE_MODES) if (!modes.includes(m)) modes.push(m);
    if (runs('kernels')) {
      for (const [key, idx] of [['utf8', 0], ['utf16', 1]] as const) {
        for (const mode of modes) {
          const r = summarizeKernel(await call<KernelResult>(page, 'kernel', idx, mode, RUNS, 1));
          kernels[key][mode] = r;
          log(`  ${key} ${mode.padEnd(12)} ${r.medianMs.toFixed(0).padStart(6)} ms  ${r.mbPerS.toFixed(0).padStart(5)} MB/s  ${(r.linesPerS / 1e6).toFixed(2)} M lines/s  runs ${r.allMs.join(', ')} (warm-up ${r.warmupMs.join(', ')})`);
        }
      }
      results.kernels = kernels;
    }

    // 2-4. End to end through the real WorkerEngine: fresh engine (workers started) per run.
    const loads: LoadResult[] = [];
    const splitLoads: LoadResult[] = [];
    const mems: { before: HeapTotals; after: HeapTotals; growth: number; uaBefore: number; uaAfter: number }[] = [];
    const cdp = await Cdp.open(browser);
    const heap = async (): Promise<HeapTotals> => {
      await call(page, 'collect');
      const h = await cdp.heap(url);
      return { jsHeap: h.total, arrayBuffers: h.backing, targets: h.targets.map((t) => ({ target: t.target, type: t.type, usedSize: t.usedSize, backingStorageSize: t.backingStorageSize })) };
    };
    if (CPUPROFILE === 'engine' || CPUPROFILE === 'engine-search') {
      // Profile every engine worker (view + shards) during one 300 MB load (engine), or during
      // one literal search over the whole corpus (engine-search).
      await call(page, 'newEngine', false);
      const searching = CPUPROFILE === 'engine-search';
      if (searching) await call<LoadResult>(page, 'load', corpusIdx);
      const ts = await cdp.targets((t) => t.type === 'worker' && t.title.startsWith('clusterlens-'));
      const sessions = [];
      for (const t of ts) {
        const s = await cdp.attach(t.targetId);
        await s.send('Profiler.enable');
        await s.send('Profiler.setSamplingInterval', { interval: 200 });
        await s.send('Profiler.start');
        sessions.push({ s, title: t.title });
      }
      const r = searching
        ? await call<SearchResult>(page, 'search', { text: 'quorum', regex: false, caseSensitive: true })
        : await call<LoadResult>(page, 'load', [0]);
      log(`engine under the profiler: ${JSON.stringify(r)}`);
      const profiles: Record<string, unknown> = {};
      for (const { s, title } of sessions) {
        const { profile } = await s.send<{ profile: CpuProfile }>('Profiler.stop');
        await s.detach();
        const top = selfTimes(profile, 15);
        profiles[title] = top;
        log(`CPU profile of ${title}:`);
        for (const t of top) if (!t.fn.startsWith('(idle)')) log(`  ${t.ms.toFixed(0).padStart(6)} ms ${t.pct.toFixed(1).padStart(5)}%  ${t.fn}`);
      }
      results.cpuProfile = { mode: 'engine', load: r, profiles };
      await call(page, 'disposeEngine');
    } else if (CPUPROFILE) {
      const [mode, enc] = CPUPROFILE.split(':');
      const idx = enc === 'utf16' ? 1 : 0;
      const running = call<KernelResult>(page, 'kernel', idx, mode, RUNS, 1, true);
      let target = null;
      for (let i = 0; i < 200 && !target; i++) {
        target = (await cdp.targets((t) => t.type === 'worker' && t.title.includes(`bench-kernel-${mode}`)))[0] ?? null;
        if (!target) await new Promise((r) => setTimeout(r, 10));
      }
      if (!target) throw new Error('kernel worker target not found');
      const s = await cdp.attach(target.targetId);
      await s.send('Profiler.enable');
      await s.send('Profiler.setSamplingInterval', { interval: 200 });
      await s.send('Profiler.start');
      const res = summarizeKernel(await running);
      const { profile } = await s.send<{ profile: CpuProfile }>('Profiler.stop');
      await s.detach();
      await call(page, 'endKernel');
      const top = selfTimes(profile, 30);
      results.cpuProfile = { mode, file: idx === 1 ? 'utf16' : 'utf8', kernel: res, top };
      log(`CPU profile of ${mode} (${idx === 1 ? 'utf16' : 'utf8'}), self time (includes the untimed read of the file and the warm-up):`);
      for (const t of top) log(`  ${t.ms.toFixed(0).padStart(6)} ms ${t.pct.toFixed(1).padStart(5)}%  ${t.fn}`);
    }
    if (runs('engine')) {
      results.memoryMethodCheck = await call(page, 'memoryProbe');
      for (let i = 0; i < RUNS + 1; i++) {
        await call(page, 'newEngine', false);
        const before = await heap();
        const uaBefore = (await call<MemResult>(page, 'measureMemory')).total;
        const r = await call<LoadResult>(page, 'load', [0]);
        const after = await heap();
        const uaAfter = (await call<MemResult>(page, 'measureMemory')).total;
        await call(page, 'disposeEngine');
        log(`  engine ${i === 0 ? 'warm-up' : `run ${i}`}: first rows ${r.firstRowsMs.toFixed(0)} ms (${r.firstRowsCount} rows, first text ${r.firstTextMs.toFixed(0)} ms), complete ${r.completeMs.toFixed(0)} ms, lines ${r.lines}, JS heap ${(before.jsHeap / MB).toFixed(1)} → ${(after.jsHeap / MB).toFixed(1)} MB, ArrayBuffers ${(before.arrayBuffers / MB).toFixed(1)} → ${(after.arrayBuffers / MB).toFixed(1)} MB, UA-specific (JS+buffers) ${(uaBefore / MB).toFixed(1)} → ${(uaAfter / MB).toFixed(1)} MB`);
        if (i > 0) {
          loads.push(r);
          mems.push({ before, after, growth: after.jsHeap - before.jsHeap, uaBefore, uaAfter });
        }
      }
      results.engine = { runs: loads, memory: mems };
      // The same load with the file split over both cores (forced: the product splits only with 3 cores or more).
      for (let i = 0; i < RUNS + 1; i++) {
        await call(page, 'newEngine', false, 64 << 20);
        const r = await call<LoadResult>(page, 'load', [0]);
        await call(page, 'disposeEngine');
        log(`  engine, split forced ${i === 0 ? 'warm-up' : `run ${i}`}: first rows ${r.firstRowsMs.toFixed(0)} ms, complete ${r.completeMs.toFixed(0)} ms, halves ${r.halves.join('+')}`);
        if (i > 0) splitLoads.push(r);
      }
      results.engineSplit = { runs: splitLoads };
      // View structures (merged order + view positions), read from a probe copy of the view worker.
      await call(page, 'newEngine', true);
      await call<LoadResult>(page, 'load', [0]);
      results.viewStructures = await call(page, 'probe');
      await call(page, 'disposeEngine');
    }

    // 5. Search over the search corpus (3 nodes, 5 M lines) through the engine, and the naive baseline.
    const searches: Record<string, SearchResult[] & { spec?: unknown }> = {};
    let naiveSearch: NaiveSearchResult | null = null;
    const SPECS = [
      { id: 'literal-cs', spec: { text: 'quorum', regex: false, caseSensitive: true } },
      { id: 'literal-ci', spec: { text: 'quorum', regex: false, caseSensitive: false } },
      { id: 'literal-common', spec: { text: 'File Share Witness', regex: false, caseSensitive: true } },
      { id: 'regex-ci', spec: { text: '(quorum|heartbeat)\\s\\w+', regex: true, caseSensitive: false } },
    ];
    if (runs('search')) {
      naiveSearch = await call<NaiveSearchResult>(page, 'naiveSearch', corpusIdx, SPECS, RUNS);
      if (naiveSearch.error) throw new Error(`naive search failed: ${naiveSearch.error}`);
      for (const [id, x] of Object.entries(naiveSearch.bySpec)) log(`  naive search ${id}: ${x.medianMs.toFixed(0)} ms (runs ${x.allMs.join(', ')}), ${x.hits} lines`);
      results.naiveSearch = naiveSearch;
      await call(page, 'newEngine', false);
      const r = await call<LoadResult>(page, 'load', corpusIdx);
      log(`  search corpus loaded: ${corpus.length} files, ${r.lines} lines in ${r.completeMs.toFixed(0)} ms`);
      results.searchCorpusLoad = r;
      for (const { id, spec } of SPECS) {
        const list: SearchResult[] = [];
        for (let i = 0; i < RUNS + 1; i++) {
          const s = await call<SearchResult>(page, 'search', spec);
          if (i > 0) list.push(s);
          log(`  search ${id} ${i === 0 ? 'warm-up' : `run ${i}`}: ${s.wallMs.toFixed(0)} ms (engine ${s.engineElapsedMs} ms, first hit ${s.firstHitMs.toFixed(0)} ms), ${s.hits} hits${s.error ? ` error ${s.error}` : ''}`);
        }
        searches[id] = list;
      }
      results.search = Object.fromEntries(SPECS.map(({ id, spec }) => [id, { spec, runs: searches[id] }]));
      await call(page, 'disposeEngine');
    }
    // 5b. Captures (issue 11): a 100 MB Procmon CSV, every field quoted: the product's capture
    // indexer against papaparse alone over the same slices, in the same kind of worker; and the
    // hand-off of 500 k rows' columns to the main thread.
    if (capture) {
      log(`Captures: ${(capture.bytes / MB).toFixed(0)} MB Procmon CSV (${capture.path})…`);
      const k: Record<string, KernelSummary> = {};
      for (const mode of ['capture-mem', 'papaparse-mem']) {
        const raw = await call<KernelResult>(page, 'kernel', captureIdx, mode, RUNS, 1);
        if (raw.error) log(`  ${mode}: ${raw.error}`);
        k[mode] = summarizeKernel(raw);
        log(`  ${mode.padEnd(14)} ${k[mode].medianMs.toFixed(0).padStart(6)} ms  ${k[mode].mbPerS.toFixed(0).padStart(5)} MB/s  runs ${k[mode].allMs.join(', ')}`);
      }
      const h = await call<{ ms: number[]; rows: number }>(page, 'handoff', captureIdx, RUNS, 1);
      log(`  hand-off of ${h.rows} rows: ${h.ms.map((x) => x.toFixed(1)).join(', ')} ms`);
      results.captures = { input: capture, kernels: k, handoff: h };
      const ours = k['capture-mem'];
      const papa = k['papaparse-mem'];
      if (ours && papa && ours.mbPerS > 0) {
        const ratio = ours.mbPerS / papa.mbPerS;
        rows.push({ id: 'C1', metric: `Procmon CSV ${(capture.bytes / MB).toFixed(0)} MB, all quoted: capture import (bytes in memory)`, measured: ours.mbPerS, unit: 'MB/s', target: '≥ 100 MB/s, ≥ 0.85× papaparse alone', ratio, pass: ours.mbPerS >= 100 && ratio >= 0.85 });
        rows.push({ id: 'C1.papa', metric: 'Procmon CSV: papaparse alone, same slices (baseline)', measured: papa.mbPerS, unit: 'MB/s', target: '(baseline)', ratio: 1, pass: null });
      }
      if (h.ms.length) {
        const m = median(h.ms);
        rows.push({ id: 'C2', metric: `Capture: ${h.rows} rows' columns handed to the main thread`, measured: m, unit: 'ms', target: '≤ 30 ms', ratio: null, pass: m <= 30 });
      }
    }

    await context.close();

    // 6. Timeline frames: the real TimelineView with 1 M and 5 M synthetic marks (bench/timeline.ts).
    let timelineRows: Row[] = [];
    if (runs('timeline')) {
      log('Timeline: scripted wheel, keys and drag through the real view (bench/timeline.html)…');
      const t = await runTimelineBench(browser, url, log, RUNS);
      results.timeline = t.results;
      timelineRows = t.rows;
    }

    // 7. Responsiveness: the built app, its demo replaced by a ~2 M-line set with the timeline open (bench/responsive.ts).
    let responsiveRows: Row[] = [];
    if (runs('responsive')) {
      log('Responsiveness: a ~2 M-line set dropped on the app (dist/) with the timeline open…');
      const appRoot = join(here, '..');
      await build({ root: appRoot, logLevel: 'warn' });
      const app = await preview({ root: appRoot, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
      try {
        const appUrl = app.resolvedUrls?.local[0] ?? `http://127.0.0.1:${(app.httpServer.address() as { port: number }).port}/`;
        const r = await runResponsiveBench(browser, appUrl, outDir, log, RUNS);
        results.responsive = r.results;
        responsiveRows = r.rows;
      } finally {
        await new Promise<void>((r) => app.httpServer.close(() => r()));
      }
    }

    // ---- Rows of the table ----
    /** Event recognition on top of parse+index, as the cost it adds (no target of its own). */
    const eventsRow = (id: string, enc: string, k: Record<string, KernelSummary>): void => {
      const ev = k['index-events-mem'];
      if (!ev || !k['index-mem'] || !k['naive-mem']) return;
      rows.push({ id, metric: `${enc}: parse+index+event recognition (bytes in memory)`, measured: ev.mbPerS, unit: 'MB/s', target: `(info: ${(100 * (k['index-mem'].mbPerS / ev.mbPerS - 1)).toFixed(0)} % over parse+index)`, ratio: ev.mbPerS / k['naive-mem'].mbPerS, pass: null });
    };
    /** The content fingerprint (issue 12) as the share it adds to what a shard does per byte. */
    const hashRow = (id: string, enc: string, k: Record<string, KernelSummary>): void => {
      const h = k['hash-mem'];
      const ev = k['index-events-mem'];
      if (!h || !ev) return;
      const cost = h.medianMs / ev.medianMs;
      rows.push({ id, metric: `${enc}: content fingerprint beside parse+index+events (${h.mbPerS.toFixed(0)} MB/s alone)`, measured: 100 * cost, unit: '% added', target: '≤ 5 % on a complete index', ratio: 1 + cost, pass: cost <= 0.05 });
    };
    const k8 = kernels.utf8;
    const k16 = kernels.utf16;
    hashRow('S1.hash8', 'UTF-8', k8);
    hashRow('S1.hash16', 'UTF-16LE', k16);
    if (k8.index && k8.naive && k8['index-mem'] && k8['naive-mem'] && k8.io) {
      const ratio = k8.index.mbPerS / k8.naive.mbPerS;
      rows.push({ id: 'T1.mbps', metric: `UTF-8 ${(utf8.bytes / MB).toFixed(0)} MB: read+parse+index, 1 worker`, measured: k8.index.mbPerS, unit: 'MB/s', target: '≥ 400 MB/s, ≥ 2.5× naive', ratio, pass: k8.index.mbPerS >= 400 && ratio >= 2.5 });
      rows.push({ id: 'T1.lps', metric: 'UTF-8: read+parse+index lines/s', measured: k8.index.linesPerS / 1e6, unit: 'M lines/s', target: '≥ 2.5 M lines/s', ratio: k8.index.linesPerS / k8.naive.linesPerS, pass: k8.index.linesPerS >= 2.5e6 });
      const r2 = k8['index-mem'].mbPerS / k8['naive-mem'].mbPerS;
      rows.push({ id: 'T1.mem', metric: 'UTF-8: parse+index only (bytes in memory)', measured: k8['index-mem'].mbPerS, unit: 'MB/s', target: '≥ 400 MB/s, ≥ 2.5× naive', ratio: r2, pass: k8['index-mem'].mbPerS >= 400 && r2 >= 2.5 });
      eventsRow('T1.events', 'UTF-8', k8);
      rows.push({ id: 'naive8', metric: 'UTF-8: naive baseline, read+parse (objects kept)', measured: k8.naive.mbPerS, unit: 'MB/s', target: '(baseline)', ratio: 1, pass: null });
      rows.push({ id: 'io8', metric: 'UTF-8: read only (16 MiB slices)', measured: k8.io.mbPerS, unit: 'MB/s', target: '(ceiling)', ratio: null, pass: null });
    }
    if (k16.index && k16.naive && k16['index-mem'] && k16['naive-mem']) {
      const ratio = k16.index.mbPerS / k16.naive.mbPerS;
      rows.push({ id: 'T2.mbps', metric: `UTF-16LE ${(utf16.bytes / MB).toFixed(0)} MB: read+parse+index, 1 worker`, measured: k16.index.mbPerS, unit: 'MB/s', target: '≥ 600 MB/s, ≥ 2.5× naive', ratio, pass: k16.index.mbPerS >= 600 && ratio >= 2.5 });
      rows.push({ id: 'T2.lps', metric: 'UTF-16LE: read+parse+index lines/s', measured: k16.index.linesPerS / 1e6, unit: 'M lines/s', target: '≥ 2.5 M lines/s', ratio: k16.index.linesPerS / k16.naive.linesPerS, pass: k16.index.linesPerS >= 2.5e6 });
      const r2 = k16['index-mem'].mbPerS / k16['naive-mem'].mbPerS;
      rows.push({ id: 'T2.mem', metric: 'UTF-16LE: parse+index only (bytes in memory)', measured: k16['index-mem'].mbPerS, unit: 'MB/s', target: '≥ 600 MB/s, ≥ 2.5× naive', ratio: r2, pass: k16['index-mem'].mbPerS >= 600 && r2 >= 2.5 });
      eventsRow('T2.events', 'UTF-16LE', k16);
      rows.push({ id: 'naive16', metric: 'UTF-16LE: naive baseline, read+parse (objects kept)', measured: k16.naive.mbPerS, unit: 'MB/s', target: '(baseline)', ratio: 1, pass: null });
    }
    if (loads.length) {
      const ttfr = median(loads.map((l) => l.firstRowsMs));
      const complete = median(loads.map((l) => l.completeMs));
      const naiveMs = k8?.naive ? k8.naive.medianMs : NaN;
      rows.push({ id: 'T5', metric: `Engine: drop → first snapshot with rows (${(utf8.bytes / MB).toFixed(0)} MB)`, measured: ttfr, unit: 'ms', target: '≤ 250 ms', ratio: null, pass: ttfr <= 250 });
      rows.push({ id: 'T5.text', metric: 'Engine: drop → first 60 rows decoded (getRows)', measured: median(loads.map((l) => l.firstTextMs)), unit: 'ms', target: '(info)', ratio: null, pass: null });
      rows.push({ id: 'T3', metric: `Engine: drop → complete index, loading=false (${(utf8.bytes / MB).toFixed(0)} MB, events on)`, measured: complete, unit: 'ms', target: '≤ 1000 ms', ratio: Number.isFinite(naiveMs) ? naiveMs / complete : null, pass: complete <= 1000, note: `ratio = naive single-worker parse time / engine time; parsed by ${[...new Set(loads.map((l) => l.halves.join('+')))].join(', ')} shard(s) (FileProgress.halves: 2 = both cores, halves joined)` });
      if (splitLoads.length) {
        const c = median(splitLoads.map((l) => l.completeMs));
        rows.push({ id: 'T3.split', metric: 'Engine: the same, the file split over both cores (forced; off on 2 cores)', measured: c, unit: 'ms', target: '≤ 1000 ms', ratio: Number.isFinite(naiveMs) ? naiveMs / c : null, pass: c <= 1000, note: `halves: ${[...new Set(splitLoads.map((l) => l.halves.join('+')))].join(', ')} (2 = joined); the product splits only with 3 cores or more, because here the split load is slower than one shard` });
      }
      const growth = median(mems.map((m) => m.growth));
      rows.push({ id: 'T6.heap', metric: `JS heap growth / input, ${(utf8.bytes / MB).toFixed(0)} MB loaded (page + workers)`, measured: growth / utf8.bytes, unit: '× input', target: '≤ 0.1×', ratio: null, pass: growth / utf8.bytes <= 0.1, note: `${(growth / MB).toFixed(1)} MB; CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage, summed over the page and its workers (ArrayBuffers excluded)` });
      const ab = median(mems.map((m) => m.after.arrayBuffers - m.before.arrayBuffers));
      rows.push({ id: 'T7', metric: `ArrayBuffers (raw bytes + columns) / input, ${(utf8.bytes / MB).toFixed(0)} MB loaded`, measured: ab / utf8.bytes, unit: '× input', target: '≤ 1.3× (T7, JS heap + buffers)', ratio: null, pass: (ab + growth) / utf8.bytes <= 1.3, note: `${(ab / MB).toFixed(1)} MB of ArrayBuffer backing stores (CDP backingStorageSize); measureUserAgentSpecificMemory, which counts JS heap + buffers, grew ${(median(mems.map((m) => m.uaAfter - m.uaBefore)) / MB).toFixed(1)} MB` });
    }
    if (k8.index?.extra) {
      const e = k8.index.extra as { columnBytesPerLine: number; columnBytesAllocatedPerLine: number };
      rows.push({ id: 'T6.cols', metric: 'Index columns bytes/line (offset+ts+level+comp+thread+flags)', measured: e.columnBytesPerLine, unit: 'B/line', target: '≤ 24 B/line', ratio: null, pass: e.columnBytesPerLine <= 24 });
      rows.push({ id: 'T6.alloc', metric: 'Index columns as allocated while indexing (growth slack)', measured: e.columnBytesAllocatedPerLine, unit: 'B/line', target: '(info)', ratio: null, pass: null });
    }
    const vs = results.viewStructures as Record<string, number> | undefined;
    if (vs && vs.lines) {
      rows.push({ id: 'view', metric: 'View structures bytes/line (merged order + view positions)', measured: (vs.mergedOrder + vs.viewPositions) / vs.lines, unit: 'B/line', target: '(info)', ratio: null, pass: null });
      rows.push({ id: 'view.cols', metric: 'View worker columns bytes/line as allocated (ts+level+comp+flags)', measured: vs.columnsAllocated / vs.lines, unit: 'B/line', target: '(info)', ratio: null, pass: null });
    }
    const corpusLines = corpus.reduce((a, f) => a + f.lines, 0);
    const sTarget: Record<string, [number, string]> = { 'literal-cs': [500, '≤ 500 ms'], 'literal-ci': [500, '≤ 500 ms'], 'literal-common': [500, '≤ 500 ms'], 'regex-ci': [800, '≤ 800 ms'] };
    for (const { id, spec } of SPECS) {
      const list = searches[id];
      if (!list?.length) continue;
      const ms = median(list.map((s) => s.wallMs));
      const hits = list[0].hits;
      const nv = naiveSearch?.bySpec[id];
      rows.push({
        id: `T10.${id}`, metric: `Search ${(corpusLines / 1e6).toFixed(2)} M lines, ${spec.regex ? 'regex' : 'literal'} ${spec.caseSensitive ? 'case-sens.' : 'case-insens.'} "${spec.text}" (${hits} hits)`,
        measured: ms, unit: 'ms', target: sTarget[id][1], ratio: nv ? nv.medianMs / ms : null, pass: ms <= sTarget[id][0],
        note: nv ? `ratio = naive per-line-string scan, 1 worker (${nv.medianMs.toFixed(0)} ms, ${nv.hits} hits) / engine${nv.hits !== hits ? ' — HIT COUNTS DIFFER' : ''}` : undefined,
      });
      if (id === 'literal-cs') {
        const fh = median(list.map((s) => s.firstHitMs));
        rows.push({ id: 'T10.first', metric: `Search first hit (literal "${spec.text}")`, measured: fh, unit: 'ms', target: '≤ 100 ms', ratio: null, pass: fh <= 100 });
      }
    }
    rows.push(...timelineRows);
    rows.push(...responsiveRows);
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }

  results.loadavgAtEnd = loadavg();
  results.table = rows;
  // Issue 10, item 2: each figure with its target and its ratio to the naive baseline of this run.
  const ITEM2 = ['T3', 'T3.split', 'T2.mem', 'T1.events', 'T10.literal-ci', 'T10.regex-ci'];
  results.item2 = rows.filter((r) => ITEM2.includes(r.id)).map(({ id, metric, measured, unit, target, ratio, pass }) => ({ id, metric, measured, unit, target, ratioToNaive: ratio, pass }));
  results.elapsedS = (Date.now() - started) / 1000;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 2));
  if (JSON_OUT) {
    process.stdout.write(JSON.stringify(results) + '\n');
  } else {
    printTable(results, rows);
  }
}

function fmt(v: number, unit: string): string {
  if (!Number.isFinite(v)) return 'n/a';
  const d = unit === 'ms' ? (Math.abs(v) < 100 ? 1 : 0) : unit === 'MB/s' ? 0 : unit === '× input' ? 3 : 2;
  return `${v.toFixed(d)} ${unit}`;
}

function printTable(results: Record<string, unknown>, rows: Row[]): void {
  const env = results.env as Record<string, unknown>;
  const inputs = results.inputs as Record<string, { bytes: number; lines: number; path?: string; files?: number }> | undefined;
  const out: string[] = [];
  out.push(`ClusterLens bench — Chromium ${env.chromium}, hardwareConcurrency ${env.hardwareConcurrency}, crossOriginIsolated ${env.crossOriginIsolated}, median of ${env.runs} after a warm-up`);
  const la = (results.env as { loadavgAtStart: number[] }).loadavgAtStart;
  out.push(`machine: ${env.cpu}; load average ${la.map((x) => x.toFixed(2)).join(' ')} at start, ${(results.loadavgAtEnd as number[]).map((x) => x.toFixed(2)).join(' ')} at end (other processes on the box add noise)`);
  if (inputs) out.push(`inputs: UTF-8 ${inputs.utf8.bytes.toLocaleString('en-US')} B / ${inputs.utf8.lines.toLocaleString('en-US')} lines; UTF-16LE ${inputs.utf16.bytes.toLocaleString('en-US')} B / ${inputs.utf16.lines.toLocaleString('en-US')} lines; search corpus ${inputs.searchCorpus.files} files, ${inputs.searchCorpus.bytes.toLocaleString('en-US')} B / ${inputs.searchCorpus.lines.toLocaleString('en-US')} lines (bytes resident in the shards)`);
  const head = ['metric', 'measured', 'target', 'ratio-to-naive', 'pass/fail'];
  const body = rows.map((r) => [r.metric, fmt(r.measured, r.unit), r.target, r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`, r.pass === null ? '' : r.pass ? 'pass' : 'MISSED']);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 3 ? c.padStart(w[i]) : c.padEnd(w[i]))).join(' | ');
  out.push(line(head));
  out.push(w.map((n) => '-'.repeat(n)).join('-|-'));
  for (const b of body) out.push(line(b));
  const missed = rows.filter((r) => r.pass === false);
  out.push('');
  out.push(missed.length ? `MISSED ${missed.length} target(s): ${missed.map((r) => r.id).join(', ')}` : 'All targets met.');
  for (const r of rows) if (r.note) out.push(`note ${r.id}: ${r.note}`);
  out.push(`results: ${join(outDir, 'results.json')} (${(results.elapsedS as number).toFixed(0)} s)`);
  process.stdout.write(out.join('\n') + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    log(`bench failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
