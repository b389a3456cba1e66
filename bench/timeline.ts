// The timeline figure (issue #4, T8/T9): scripted wheel, keys and drag through the app's real
// TimelineView (bench/timeline.html) in headless Chromium with software raster, 20 lanes, a
// 1600 px canvas, 1 M and 5 M synthetic marks; per-frame script and paint from a Chromium trace;
// the naive painter (one fillRect per visible mark) over the same domains in the same run.
// Called by bench/run.ts (section "timeline"); see bench/README.md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { BenchRow } from './report.ts';
import { cutTrace, dist, type Dist, type StepCost, type TraceEvent } from './timeline-trace.ts';

type TimelineRow = BenchRow;

/** The canvas width the figure is specified at, and the page's height. */
const CANVAS_W = 1600;
const VIEWPORT_H = 900;
const LANES = 20;
const SEED = 4;
/** Trace categories: devtools.timeline (EventDispatch, FireAnimationFrame, FunctionCall, TimeStamp), its disabled-by-default half (RunTask, Commit, RasterTask), blink (CanvasRenderingContext2D::FinalizeFrame, Document::UpdateStyleAndLayout), cc (ProxyMain::BeginMainFrame, RasterizerTaskImpl), viz (Display::DrawAndSwap). */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'viz'];
/** Naive frames replayed per phase (each costs about 0.5 s at 1 M marks and 2.5 s at 5 M). */
const NAIVE_FRAMES: Record<string, number> = { '1M': 16, '5M': 8, '2M-cap': 12 };

/** `captureShare`: the share of the dense marks that are capture rows (issue 11's 2 M-row capture, same painter, same budget as 1 M). */
const ALL_SIZES: readonly { key: string; marks: number; targetMs: number; target: string; captureShare?: number }[] = [
  { key: '1M', marks: 1_000_000, targetMs: 8, target: 'T8' },
  { key: '5M', marks: 5_000_000, targetMs: 16, target: 'T9' },
  { key: '2M-cap', marks: 2_000_000, targetMs: 8, target: 'C3', captureShare: 0.9 },
];
/** TIMELINE_SIZES=1M runs one size only (for quick profiling sessions). */
const SIZES = ALL_SIZES.filter((s) => !process.env.TIMELINE_SIZES || process.env.TIMELINE_SIZES.split(',').includes(s.key));

type Phase = 'zoom' | 'pan' | 'setup';
interface StepResult { phase: Phase; kind: string; painted: boolean; t0: number; t1: number }

interface Geometry {
  cssWidth: number; cssHeight: number; backingWidth: number; backingHeight: number; left: number; top: number;
  visible: { left: number; right: number; top: number; bottom: number; width: number; height: number };
  labelWidth: number; sectionWidth: number; sectionHeight: number;
  viewport: { width: number; height: number; dpr: number; visualScale: number };
}
interface FrameRecord { at: number; scriptMs: number; visited: number; draws: number }
interface RafRecord { id: number; at: number; ms: number; t0: number; t1: number }

async function tl<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ([f, a]) => {
      const b = (window as unknown as { benchTl: Record<string, (...x: unknown[]) => unknown> }).benchTl;
      return (await b[f as string](...(a as unknown[]))) as never;
    },
    [fn, args] as const,
  ) as Promise<T>;
}

/** The scripted sequence: real input events, one step per frame; `setup` steps are not counted. */
async function script(page: Page, g: Geometry, steps: StepResult[]): Promise<void> {
  const v = g.visible;
  const y = v.top + Math.min(120, v.height / 2);
  const xAt = (f: number) => v.left + v.width * f;
  // Every step ends with one settle() (one trace window); setup steps are not counted.
  const step = async (phase: Phase, kind: string, act: () => Promise<void>) => {
    await act();
    const r = await tl<{ painted: boolean; t0: number; t1: number }>(page, 'settle', phase === 'setup' ? 400 : 2000);
    steps.push({ phase, kind, ...r });
  };
  const wheel = (dx: number, dy: number, ctrl = false) => async () => {
    if (ctrl) await page.keyboard.down('Control');
    await page.mouse.wheel(dx, dy);
    if (ctrl) await page.keyboard.up('Control');
  };
  const key = (k: string) => async () => { await page.keyboard.press(k); };

  // Zoom: ctrl+wheel in and out at different pointer positions, then W / S around the pointer.
  await step('setup', 'pointer over the canvas', () => page.mouse.move(xAt(0.5), y));
  for (let i = 0; i < 20; i++) {
    // The pointer moves (hover, its own render) in a step of its own, not counted.
    await step('setup', 'pointer move', () => page.mouse.move(xAt(0.3 + 0.02 * i), y));
    await step('zoom', 'ctrl+wheel in', wheel(0, -100, true));
  }
  for (let i = 0; i < 20; i++) await step('zoom', 'ctrl+wheel out', wheel(0, 100, true));
  await step('setup', 'pointer move', () => page.mouse.move(xAt(0.5), y));
  for (let i = 0; i < 12; i++) await step('zoom', 'key W', key('w'));
  for (let i = 0; i < 12; i++) await step('zoom', 'key S', key('s'));

  // Pan at about half of the whole span, then at a few minutes: wheel (horizontal and vertical),
  // A / D, and a shift+drag.
  await step('setup', 'key F', key('f'));
  for (let i = 0; i < 2; i++) await step('setup', 'key W', key('w'));
  const pans = async (n: number) => {
    for (let i = 0; i < n; i++) await step('pan', 'wheel right', wheel(240, 0));
    for (let i = 0; i < n; i++) await step('pan', 'wheel left', wheel(-240, 0));
    for (let i = 0; i < n / 3; i++) await step('pan', 'vertical wheel', wheel(0, i % 2 ? -200 : 200));
    for (let i = 0; i < n / 2; i++) await step('pan', 'key D', key('d'));
    for (let i = 0; i < n / 2; i++) await step('pan', 'key A', key('a'));
    await step('setup', 'pointer move', () => page.mouse.move(xAt(0.7), y));
    await page.keyboard.down('Shift');
    await page.mouse.down();
    // The first 4 px only arm the drag (the view's threshold).
    await step('setup', 'shift+drag start', () => page.mouse.move(xAt(0.7) - 5, y));
    let x = xAt(0.7) - 5;
    for (let i = 0; i < n; i++) await step('pan', 'shift+drag', async () => { x -= 20; await page.mouse.move(x, y); });
    for (let i = 0; i < n; i++) await step('pan', 'shift+drag', async () => { x += 20; await page.mouse.move(x, y); });
    await page.mouse.up();
    await page.keyboard.up('Shift');
  };
  await pans(12);
  for (let i = 0; i < 8; i++) await step('setup', 'key W', key('w'));
  await pans(6);
}

/** A few frames of each kind of input, then F (fit) again: nothing is recorded. */
async function warmUp(page: Page, g: Geometry): Promise<void> {
  const v = g.visible;
  const y = v.top + Math.min(120, v.height / 2);
  await page.mouse.move(v.left + v.width * 0.4, y);
  for (const [dx, dy, ctrl] of [[0, -100, true], [0, 100, true], [240, 0, false], [-240, 0, false]] as const) {
    for (let i = 0; i < 8; i++) {
      if (ctrl) await page.keyboard.down('Control');
      await page.mouse.wheel(dx, dy);
      if (ctrl) await page.keyboard.up('Control');
      await tl(page, 'settle', 400);
    }
  }
  for (const k of ['w', 'w', 's', 's', 'd', 'a', 'f']) {
    await page.keyboard.press(k);
    await tl(page, 'settle', 400);
  }
}

function summarize(ws: StepCost[]) {
  const pick = (k: keyof StepCost) => dist(ws.map((w) => w[k]));
  return {
    frame: pick('frame'), script: pick('script'), paint: pick('paint'), input: pick('input'), raf: pick('raf'), render: pick('render'), raster: pick('raster'), other: pick('other'), display: pick('display'),
    frameCpu: pick('frameCpu'), inputCpu: pick('inputCpu'), rafCpu: pick('rafCpu'), renderCpu: pick('renderCpu'), compositorCpu: pick('compositorCpu'), rasterCpu: pick('rasterCpu'),
  };
}
type Summary = ReturnType<typeof summarize>;

/** Per figure, the median of the runs' p50, p95 and max (an odd number of runs: a run's own figure). */
function medianSummary(runs: Summary[]): Summary {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  const out = {} as Record<keyof Summary, Dist>;
  for (const k of Object.keys(runs[0]) as (keyof Summary)[]) {
    out[k] = { n: runs[0][k].n, p50: med(runs.map((r) => r[k].p50)), p95: med(runs.map((r) => r[k].p95)), max: med(runs.map((r) => r[k].max)) };
  }
  return out as Summary;
}

async function traced(browser: Browser, page: Page, body: () => Promise<void>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let failed: unknown = null;
  try {
    await body();
  } catch (e) {
    failed = e;
  }
  const buf = await browser.stopTracing();
  if (failed) throw failed;
  return (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
}

export async function runTimelineBench(browser: Browser, url: string, log: (s: string) => void, runs = 3): Promise<{ results: Record<string, unknown>; rows: TimelineRow[] }> {
  const results: Record<string, unknown> = { traceCategories: TRACE_CATEGORIES, lanes: LANES, seed: SEED, canvasWidth: CANVAS_W };
  const rows: TimelineRow[] = [];
  for (const size of SIZES) {
    const t0 = Date.now();
    // First guess of the label column; corrected from the DOM below.
    const context = await browser.newContext({ viewport: { width: CANVAS_W + 212, height: VIEWPORT_H } });
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`timeline page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') log(`timeline console: ${m.text()}`); });
    try {
      await page.goto(new URL('timeline.html' + (process.env.TIMELINE_QUERY ?? ''), url).href);
      await page.waitForFunction(() => (window as unknown as { benchTl?: { ready: boolean } }).benchTl?.ready === true);
      const built = await tl<{ buildMs: number; length: number; rows: number; lanes: number }>(page, 'build', size.marks, LANES, SEED, size.captureShare ?? 0);
      const tMount = Date.now();
      const first = await tl<{ painted: boolean }>(page, 'settle', 120_000);
      const firstPaintMs = Date.now() - tMount;
      if (!first.painted) throw new Error('the timeline view painted no frame (is TimelineView reading the injected marks?)');
      let g = await tl<Geometry | null>(page, 'geometry');
      if (!g) throw new Error('no timeline canvas in the page');
      if (Math.round(g.cssWidth) !== CANVAS_W) {
        await page.setViewportSize({ width: g.viewport.width + CANVAS_W - Math.round(g.cssWidth), height: VIEWPORT_H });
        await tl(page, 'settle', 2000);
        g = (await tl<Geometry | null>(page, 'geometry'))!;
      }
      const firstFrames = await tl<{ view: FrameRecord[]; raf: RafRecord[] }>(page, 'frames');
      log(`  timeline ${size.key}: ${built.length} marks, ${built.rows} rows, ${built.lanes} lanes built in ${built.buildMs.toFixed(0)} ms; first paint ${firstPaintMs} ms after mount; canvas ${g.cssWidth}×${g.cssHeight} CSS px (backing ${g.backingWidth}×${g.backingHeight}), label column ${g.labelWidth} px, viewport ${g.viewport.width}×${g.viewport.height}`);

      // Warm-up (perf.md's protocol: a warm-up run, then the measured one): the same kinds of
      // input, untraced, so that the measured frames run optimized code, not the JIT's first tiers.
      await warmUp(page, g);

      // The real view, driven by input events: the measured script `runs` times, each from the
      // fitted view (perf.md's protocol: a warm-up, then the median of 3), each traced on its own.
      const measured: { steps: StepResult[]; cut: ReturnType<typeof cutTrace> }[] = [];
      for (let run = 0; run < runs; run++) {
        await page.keyboard.press('f');
        await tl(page, 'settle', 2000);
        const steps: StepResult[] = [];
        // TIMELINE_PROFILE=dir also samples the page's JavaScript during the first measured run
        // (dir/timeline-1M.cpuprofile, for DevTools or speedscope); the sampling adds its own cost.
        const profiler = run === 0 && process.env.TIMELINE_PROFILE ? await context.newCDPSession(page) : null;
        if (profiler) {
          await profiler.send('Profiler.enable');
          await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
          await profiler.send('Profiler.start');
        }
        const events = await traced(browser, page, async () => {
          await tl(page, 'mark');
          await script(page, g, steps);
        });
        if (profiler) {
          const { profile } = await profiler.send('Profiler.stop');
          mkdirSync(process.env.TIMELINE_PROFILE!, { recursive: true });
          writeFileSync(join(process.env.TIMELINE_PROFILE!, `timeline-${size.key}.cpuprofile`), JSON.stringify(profile));
        }
        // TIMELINE_TRACE=dir keeps the first run's trace (dir/timeline-1M.json), to open in Perfetto or chrome://tracing.
        if (run === 0 && process.env.TIMELINE_TRACE) {
          mkdirSync(process.env.TIMELINE_TRACE, { recursive: true });
          writeFileSync(join(process.env.TIMELINE_TRACE, `timeline-${size.key}.json`), JSON.stringify({ traceEvents: events }));
        }
        const cut = cutTrace(events);
        if (cut.windows.length !== steps.length) log(`  timeline ${size.key} run ${run + 1}: ${cut.windows.length} trace windows for ${steps.length} steps (stamps lost?)`);
        measured.push({ steps, cut });
      }
      const { steps, cut } = measured[0];
      const view = await tl<{ view: FrameRecord[]; raf: RafRecord[] }>(page, 'frames');
      /** One run's painted windows of a phase. */
      const windowsOf = (r: (typeof measured)[number], p: Phase) => {
        const n = Math.min(r.cut.windows.length, r.steps.length);
        return r.cut.windows.slice(0, n).filter((_, i) => r.steps[i].phase === p && r.steps[i].painted);
      };
      const visualScale = (await tl<Geometry>(page, 'geometry')).viewport.visualScale;

      // The naive painter over the same domains (a subsample: it is slow).
      await tl(page, 'naiveSetup');
      const naiveSteps: { phase: Phase; t0: number; t1: number; ms: number; drawn: number }[] = [];
      const naiveEvents = await traced(browser, page, async () => {
        await tl(page, 'mark');
        for (const phase of ['zoom', 'pan'] as const) {
          const list = steps.filter((s) => s.phase === phase && s.painted);
          const k = Math.max(1, Math.ceil(list.length / NAIVE_FRAMES[size.key]));
          for (let i = 0; i < list.length; i += k) {
            const r = await tl<{ ms: number; drawn: number }>(page, 'naiveStep', list[i].t0, list[i].t1);
            naiveSteps.push({ phase, t0: list[i].t0, t1: list[i].t1, ...r });
          }
        }
      });
      await tl(page, 'naiveRemove');
      const naiveCut = cutTrace(naiveEvents);
      const naiveByPhase = (p: Phase) => naiveCut.windows.filter((_, i) => naiveSteps[i]?.phase === p);

      const phases: Record<string, unknown> = {};
      for (const phase of ['zoom', 'pan'] as const) {
        const perRun = measured.map((r) => summarize(windowsOf(r, phase)));
        const ws = windowsOf(measured[0], phase);
        const s: Summary = medianSummary(perRun);
        const runsP95 = (k: keyof Summary) => perRun.map((x) => x[k].p95.toFixed(1)).join(' / ');
        const nv: Summary = summarize(naiveByPhase(phase));
        const viewScript = dist(view.view.map((f) => f.scriptMs));
        phases[phase] = {
          steps: steps.filter((x) => x.phase === phase).length, painted: ws.length, runs: perRun,
          kinds: [...new Set(steps.filter((x) => x.phase === phase).map((x) => x.kind))],
          ...s, naive: { frames: naiveByPhase(phase).length, drawn: dist(naiveSteps.filter((x) => x.phase === phase).map((x) => x.drawn)), ...nv },
        };
        const f = (d: Dist) => `p50 ${d.p50.toFixed(1)} / p95 ${d.p95.toFixed(1)} / max ${d.max.toFixed(1)} ms`;
        log(`  timeline ${size.key} ${phase}: ${ws.length} frames × ${runs} runs, medians of the runs; frame ${f(s.frame)} (p95 per run ${runsP95('frame')}); script ${f(s.script)} (input ${f(s.input)}; rAF ${f(s.raf)}); paint ${f(s.paint)} (render ${f(s.render)}; raster ${f(s.raster)}); other ${f(s.other)}; display ${f(s.display)}`);
        log(`  timeline ${size.key} ${phase} CPU time: frame ${f(s.frameCpu)} (p95 per run ${runsP95('frameCpu')}) (input ${f(s.inputCpu)}; rAF ${f(s.rafCpu)}; render ${f(s.renderCpu)}; compositor ${f(s.compositorCpu)}; raster ${f(s.rasterCpu)})`);
        log(`  timeline ${size.key} ${phase} naive: ${nv.frame.n} frames; frame ${f(nv.frame)}; script ${f(nv.script)}; paint ${f(nv.paint)}; CPU ${f(nv.frameCpu)}`);
        const ratio = nv.frame.p95 / s.frame.p95;
        const id = `${size.target}.${size.key}.${phase}`;
        const label = `Timeline ${size.key} marks, ${LANES} lanes, ${Math.round(g.cssWidth)} px, ${phase}`;
        rows.push({ id, metric: `${label}: frame (script + paint) p95`, measured: s.frame.p95, unit: 'ms', target: `≤ ${size.targetMs} ms (p50 ${s.frame.p50.toFixed(1)}, max ${s.frame.max.toFixed(1)})`, ratio, pass: s.frame.p95 <= size.targetMs, note: `${ws.length} frames × ${runs} runs, median of the runs (p95 per run ${runsP95('frame')}); ratio = naive frame p95 / product frame p95; naive ${nv.frame.n} frames, p95 ${nv.frame.p95.toFixed(0)} ms` });
        rows.push({ id: `${id}.cpu`, metric: `${label}: frame in CPU time p95 (thread time of the same work + compositor commit/draw)`, measured: s.frameCpu.p95, unit: 'ms', target: `≤ ${size.targetMs} ms (p50 ${s.frameCpu.p50.toFixed(1)}, max ${s.frameCpu.max.toFixed(1)})`, ratio: nv.frameCpu.p95 / s.frameCpu.p95, pass: s.frameCpu.p95 <= size.targetMs, note: `p95 per run ${runsP95('frameCpu')}; wall durations (the row above) also count waiting for the compositor commit and being descheduled on 2 vCPUs` });
        rows.push({ id: `${id}.script`, metric: `${label}: script per frame p95 (input + rAF)`, measured: s.script.p95, unit: 'ms', target: `(info: p50 ${s.script.p50.toFixed(1)}, max ${s.script.max.toFixed(1)}; view's own paint callback p95 ${viewScript.p95.toFixed(1)})`, ratio: nv.script.p95 / s.script.p95, pass: null });
        rows.push({ id: `${id}.paint`, metric: `${label}: paint per frame p95 (render + raster)`, measured: s.paint.p95, unit: 'ms', target: `(info: p50 ${s.paint.p50.toFixed(1)}, max ${s.paint.max.toFixed(1)})`, ratio: nv.paint.p95 / s.paint.p95, pass: null });
        rows.push({ id: `${id}.naive`, metric: `${label}: naive fillRect per visible mark, frame p95`, measured: nv.frame.p95, unit: 'ms', target: `(baseline: p50 ${nv.frame.p50.toFixed(0)}, max ${nv.frame.max.toFixed(0)}; script p95 ${nv.script.p95.toFixed(0)}, paint p95 ${nv.paint.p95.toFixed(0)})`, ratio: 1, pass: null });
      }
      results[size.key] = {
        marks: built.length, rows: built.rows, lanes: built.lanes, buildMs: built.buildMs, firstPaintMs, firstFrames, geometry: g, visualScaleAfter: visualScale,
        threads: cut.threads, windows: cut.windows.length, steps: steps.length, unpainted: steps.filter((s) => !s.painted).map((s) => s.kind),
        phases,
        viewFrames: { n: view.view.length, scriptMs: dist(view.view.map((f) => f.scriptMs)), rafMs: dist(view.raf.map((f) => f.ms)) },
        perStep: measured.map((r) => r.steps.slice(0, Math.min(r.steps.length, r.cut.windows.length)).map((s, i) => ({ ...s, ...Object.fromEntries(Object.entries(r.cut.windows[i]).map(([k, x]) => [k, +x.toFixed(3)])) }))),
        naiveSteps: naiveSteps.map((s, i) => ({ ...s, ...(naiveCut.windows[i] ?? {}) })),
        elapsedS: (Date.now() - t0) / 1000,
      };
      log(`  timeline ${size.key}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    } finally {
      await context.close();
    }
  }
  return { results, rows };
}
