// Responsiveness while a big set loads (issue #10, T12): the built app (dist/) with its demo and
// the timeline open; a ~2 M-line, two-node set is dropped on it and replaces the demo. Measured
// from a Chromium trace of the page's main thread: the longest task and the count of tasks over
// 50 ms, from the drop until the set is loaded and its timeline drawn. Median of --runs runs.
// Naive baseline, same page, same files: the set decoded and split into lines on the main
// thread (what a viewer without workers does), as its longest task.
// Called by bench/run.ts (section "responsive"); see bench/README.md.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { median, type BenchRow } from './report.ts';
import { generateQuiet } from './generate-quiet.ts';
import type { TraceEvent } from './timeline-trace.ts';

const TARGET_MS = 50;
/** The e2e suite's "big" set: w2008, UTF-8, two nodes of ~67 MB, ~2.1 M lines. */
const SET_ARGS = ['--seed', '14', '--nodes', '2', '--names', 'BIG1,BIG2', '--dialect', 'w2008', '--encoding', 'utf-8', '--size', '135MB'];
/** RunTask is the trace's "Task" (what the Long Tasks API reports from 50 ms on). */
const CATEGORIES = ['disabled-by-default-devtools.timeline', 'devtools.timeline'];

interface Run {
  longestMs: number; over50: number; tasksOver16: number; loadMs: number; longTasks: number[];
  /** CPU time of each long task (same order): far below its wall time, the thread waited for a core. */
  longTasksCpu: number[];
}

type Log = (s: string) => void;

async function ensureSet(dir: string, log: Log): Promise<{ paths: string[]; bytes: number; lines: number }> {
  const stamp = join(dir, 'bench-args.json');
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== JSON.stringify(SET_ARGS)) {
    log(`Generating the responsiveness set into ${dir} (generate ${SET_ARGS.join(' ')})…`);
    mkdirSync(dir, { recursive: true });
    await generateQuiet(dir, SET_ARGS);
    writeFileSync(stamp, JSON.stringify(SET_ARGS));
  }
  const files = (JSON.parse(readFileSync(manifest, 'utf8')) as { files: { name: string; bytes: number; lines: number }[] }).files;
  return { paths: files.map((f) => join(dir, f.name)), bytes: files.reduce((s, f) => s + f.bytes, 0), lines: files.reduce((s, f) => s + f.lines, 0) };
}

/** A main-thread task: wall time, and the thread's CPU time in it (ms). */
interface Task { ms: number; cpuMs: number }

/**
 * Main-thread tasks of the page's renderer between two trace times (µs). The task that holds
 * the start stamp is the bench's own (its evaluate, the profiler starting): tasks count from
 * the first one that starts after it.
 */
function mainTasks(events: TraceEvent[], from: number, to: number): Task[] {
  const mains = new Map<string, number>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(`${e.pid}:${e.tid}`, 0);
  const tasks: { key: string; ts: number; dur: number; cpu: number }[] = [];
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key) || e.ts <= from || e.ts > to) continue;
    tasks.push({ key, ts: e.ts, dur: e.dur, cpu: e.tdur ?? e.dur });
    mains.set(key, (mains.get(key) ?? 0) + e.dur);
  }
  // The page's renderer is the busy one (an idle about:blank renderer may be in the trace too).
  const busiest = [...mains.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return tasks.filter((t) => t.key === busiest).map((t) => ({ ms: t.dur / 1000, cpuMs: t.cpu / 1000 }));
}

async function stamp(page: Page, label: string): Promise<void> {
  await page.evaluate((l) => console.timeStamp(l), label);
}

function stampTime(events: TraceEvent[], label: string): number {
  const e = events.find((x) => x.name === 'TimeStamp' && x.args?.data?.message === label);
  if (!e) throw new Error(`trace has no stamp ${label}`);
  return e.ts;
}

async function waitLoaded(page: Page, cards: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="file-card"]').length === n, cards, { timeout: 600_000, polling: 100 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="load-state"]')?.classList.contains('st-busy'), null, { timeout: 600_000, polling: 100 });
}

async function oneRun(browser: Browser, url: string, paths: string[]): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await waitLoaded(page, 3);
    await page.getByTestId('timeline').waitFor({ state: 'visible', timeout: 120_000 });
    // Let the demo's last merges and the timeline's first frames finish: this measures the drop.
    await page.evaluate(() => new Promise<void>((r) => setTimeout(r, 1500)));
    // RESPONSIVE_TRACE=dir keeps each run's trace, with JS samples (for finding what a long task runs).
    await browser.startTracing(page, { categories: process.env.RESPONSIVE_TRACE ? [...CATEGORIES, 'disabled-by-default-v8.cpu_profiler'] : CATEGORIES });
    await stamp(page, 'resp-start');
    const t0 = Date.now();
    await page.setInputFiles('[data-testid="file-input"]', paths);
    await waitLoaded(page, paths.length);
    // The new set's timeline is drawn (its lanes are the new nodes).
    await page.waitForFunction(() => !!document.querySelector('[data-testid="timeline"]:not(.empty)') && [...document.querySelectorAll('[data-testid="timeline-lane"]')].some((l) => l.textContent?.includes('BIG1')), null, { timeout: 600_000, polling: 100 });
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 500))));
    const loadMs = Date.now() - t0;
    await stamp(page, 'resp-end');
    const buf = await browser.stopTracing();
    if (process.env.RESPONSIVE_TRACE) {
      mkdirSync(process.env.RESPONSIVE_TRACE, { recursive: true });
      writeFileSync(join(process.env.RESPONSIVE_TRACE, `responsive-${Date.now()}.json`), buf);
    }
    const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    const tasks = mainTasks(events, stampTime(events, 'resp-start'), stampTime(events, 'resp-end'));
    const long = tasks.filter((d) => d.ms > TARGET_MS).sort((a, b) => b.ms - a.ms);
    return {
      longestMs: Math.max(0, ...tasks.map((d) => d.ms)), over50: long.length, tasksOver16: tasks.filter((d) => d.ms > 16).length, loadMs,
      longTasks: long.map((d) => Math.round(d.ms)), longTasksCpu: long.map((d) => Math.round(d.cpuMs)),
    };
  } finally {
    await context.close();
  }
}

/** The naive viewer: every file read and split into lines on the main thread, as one task each. */
async function naiveRun(browser: Browser, url: string, paths: string[]): Promise<number> {
  // The app's own viewport: in a narrower one the file panel (whose cards waitLoaded counts) is hidden.
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.goto(url);
    // The page only hosts the naive split; its demo need not be loaded (it loads beside, in workers).
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.id = 'naive-input';
      document.body.append(input);
    });
    await page.setInputFiles('#naive-input', paths);
    // A naive viewer can stall on big files (whole-file strings): NaN after 90 s instead of hanging the bench.
    const timeout = new Promise<number>((r) => setTimeout(() => r(NaN), 90_000));
    return await Promise.race([timeout, page.evaluate(async () => {
      const files = [...(document.getElementById('naive-input') as HTMLInputElement).files!];
      const texts = await Promise.all(files.map((f) => f.text()));
      let longest = 0;
      let keep = 0;
      for (const t of texts) {
        const s = performance.now();
        const lines = t.split('\n');
        keep += lines.length;
        longest = Math.max(longest, performance.now() - s);
      }
      return keep > 0 ? longest : NaN;
    })]);
  } finally {
    await context.close();
  }
}

/** `url` serves the built app (dist/). */
export async function runResponsiveBench(browser: Browser, url: string, outDir: string, log: Log, runs: number): Promise<{ results: unknown; rows: BenchRow[] }> {
  const set = await ensureSet(join(outDir, 'responsive'), log);
  const list: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await oneRun(browser, url, set.paths);
    log(`  run ${i + 1}: longest task ${r.longestMs.toFixed(0)} ms, ${r.over50} over 50 ms [wall/cpu ms: ${r.longTasks.map((w, j) => `${w}/${r.longTasksCpu[j]}`).join(', ')}], loaded in ${(r.loadMs / 1000).toFixed(1)} s`);
    list.push(r);
  }
  const naive = await naiveRun(browser, url, set.paths);
  const longest = median(list.map((r) => r.longestMs));
  const over = median(list.map((r) => r.over50));
  const what = `${(set.lines / 1e6).toFixed(2)} M lines, ${(set.bytes / 1e6).toFixed(0)} MB in 2 files, replacing the demo, timeline open`;
  const rows: BenchRow[] = [
    { id: 'T12.longest', metric: `Longest main-thread task while ${what}`, measured: longest, unit: 'ms', target: `≤ ${TARGET_MS} ms`, ratio: naive / longest, pass: longest <= TARGET_MS, note: `each run: ${list.map((r) => r.longestMs.toFixed(0)).join(' / ')}; CPU of the longest long task ${median(list.map((r) => r.longTasksCpu[0] ?? 0)).toFixed(0)} ms (the rest of its wall time the main thread waited for a core); naive (split on the main thread) ${naive.toFixed(0)} ms` },
    { id: 'T12.over50', metric: 'Main-thread tasks over 50 ms during that load', measured: over, unit: 'tasks', target: '0', ratio: null, pass: over === 0, note: `each run: ${list.map((r) => r.over50).join(' / ')}` },
  ];
  return { results: { set: { ...set, generator: SET_ARGS.join(' ') }, runs: list, naiveLongestMs: naive }, rows };
}
