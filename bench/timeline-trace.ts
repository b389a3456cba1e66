// Cuts a Chromium trace of the timeline bench into one window per scripted step (the page
// stamps `console.timeStamp('tl-step')` after each step has painted and settled) and sums, per
// window, what the renderer spent on that frame. See bench/README.md ("Timeline frames").

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, in µs, when the trace has it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { message?: string; type?: string; functionName?: string } };
}

/** Per step window, in ms. */
export interface StepCost {
  /** Input events' handlers (EventDispatch: the page's listeners, React's synchronous render, any canvas flush they force). */
  input: number;
  /** Animation-frame callbacks (FireAnimationFrame: the view's paint callback issuing the canvas commands). */
  raf: number;
  /** script = input + raf. */
  script: number;
  /** Main-thread rendering: BeginMainFrame minus its rAF callbacks (style, layout, paint, layerize, commit with the canvas's raster of its recorded commands), plus the canvas flushes (FinalizeFrame) and forced style/layout outside BeginMainFrame. */
  render: number;
  /** Raster worker tasks (RasterizerTaskImpl / RasterTask on the renderer's worker threads). */
  raster: number;
  /** paint = render + raster. */
  paint: number;
  /** frame = script + paint. */
  frame: number;
  /** Other main-thread JS in the window (timers, React scheduler tasks) and GC: not part of the frame. */
  other: number;
  /** The display compositor's software draw (Display::DrawAndSwap in the GPU process): not part of the frame. */
  display: number;
  /**
   * The same frame in CPU (thread) time: input, rAF and rendering on the main thread, plus the
   * renderer compositor thread's commit and draw of the frame (ProxyImpl::ReadyToCommit,
   * ProxyImpl::ScheduledActionDraw) and the raster threads. Wall durations also count the time
   * the main thread waits for that commit or is descheduled (2 vCPUs shared with the compositor
   * threads and the GPU process's software compositor).
   */
  inputCpu: number;
  rafCpu: number;
  renderCpu: number;
  compositorCpu: number;
  rasterCpu: number;
  frameCpu: number;
}

const TOP_MAIN = new Set(['EventDispatch', 'FireAnimationFrame', 'ProxyMain::BeginMainFrame', 'CanvasRenderingContext2D::FinalizeFrame', 'Document::UpdateStyleAndLayout', 'FunctionCall', 'MinorGC', 'MajorGC']);
const RASTER = new Set(['RasterizerTaskImpl::RunOnWorkerThread', 'RasterTask']);
/** The renderer compositor thread's share of a frame: taking the commit, drawing the frame. */
const COMPOSITOR_FRAME = new Set(['ProxyImpl::ReadyToCommit', 'ProxyImpl::ScheduledActionDraw']);

/** Events of one thread that are not nested in another event of `names` on that thread. */
function topLevel(list: TraceEvent[], names: Set<string>): { e: TraceEvent; parent: TraceEvent | null }[] {
  const xs = list.filter((e) => names.has(e.name)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: { e: TraceEvent; parent: TraceEvent | null }[] = [];
  let open: TraceEvent | null = null;
  for (const e of xs) {
    if (open && e.ts + (e.dur ?? 0) <= open.ts + (open.dur ?? 0)) {
      out.push({ e, parent: open });
      continue;
    }
    open = e;
    out.push({ e, parent: null });
  }
  return out;
}

export interface TraceCut {
  windows: StepCost[];
  stamps: number;
  /** Threads the events were read from (for the README and the JSON). */
  threads: { main: string; raster: string[]; display: string | null };
}

export function cutTrace(events: TraceEvent[], stampMessage = 'tl-step'): TraceCut {
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    if (e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '');
  }
  const stampEvents = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === stampMessage).sort((a, b) => a.ts - b.ts);
  if (stampEvents.length < 2) return { windows: [], stamps: stampEvents.length, threads: { main: '', raster: [], display: null } };
  // The renderer of the bench page: the process whose main thread made the stamps.
  const rpid = stampEvents[0].pid;
  const mainKey = `${rpid}:${stampEvents[0].tid}`;
  const stamps = stampEvents.map((e) => e.ts);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const k = `${e.pid}:${e.tid}`;
    let l = byThread.get(k);
    if (!l) byThread.set(k, (l = []));
    l.push(e);
  }
  const windows: StepCost[] = stamps.slice(1).map(() => ({
    input: 0, raf: 0, script: 0, render: 0, raster: 0, paint: 0, frame: 0, other: 0, display: 0,
    inputCpu: 0, rafCpu: 0, renderCpu: 0, compositorCpu: 0, rasterCpu: 0, frameCpu: 0,
  }));
  /** The window an event belongs to (by its start), -1 outside. */
  const at = (ts: number): number => {
    if (ts < stamps[0] || ts >= stamps[stamps.length - 1]) return -1;
    let a = 0;
    let b = stamps.length - 1;
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (stamps[m] <= ts) a = m;
      else b = m;
    }
    return a;
  };
  const ms = (e: TraceEvent): number => (e.dur ?? 0) / 1000;
  /** CPU time; an event without it counts its wall time (never less than the truth). */
  const cpu = (e: TraceEvent): number => (e.tdur ?? e.dur ?? 0) / 1000;

  for (const { e, parent } of topLevel(byThread.get(mainKey) ?? [], TOP_MAIN)) {
    const w = at(e.ts);
    if (w < 0) continue;
    const x = windows[w];
    if (parent) {
      // rAF callbacks, and the mouse events Blink dispatches after a layout change, run inside
      // BeginMainFrame: script, taken out of the frame's rendering.
      if (parent.name === 'ProxyMain::BeginMainFrame' && (e.name === 'FireAnimationFrame' || e.name === 'EventDispatch')) {
        if (e.name === 'FireAnimationFrame') { x.raf += ms(e); x.rafCpu += cpu(e); }
        else { x.input += ms(e); x.inputCpu += cpu(e); }
        x.render -= ms(e);
        x.renderCpu -= cpu(e);
      }
      continue;
    }
    if (e.name === 'FireAnimationFrame') { x.raf += ms(e); x.rafCpu += cpu(e); }
    else if (e.name === 'EventDispatch') { x.input += ms(e); x.inputCpu += cpu(e); }
    else if (e.name === 'ProxyMain::BeginMainFrame' || e.name === 'CanvasRenderingContext2D::FinalizeFrame' || e.name === 'Document::UpdateStyleAndLayout') { x.render += ms(e); x.renderCpu += cpu(e); }
    else x.other += ms(e);
  }
  const raster: string[] = [];
  let display: string | null = null;
  for (const [k, list] of byThread) {
    const name = threadName.get(k) ?? k;
    const pid = Number(k.split(':')[0]);
    if (pid === rpid && k !== mainKey && list.some((e) => RASTER.has(e.name))) {
      raster.push(name);
      for (const { e, parent } of topLevel(list, RASTER)) {
        const w = at(e.ts);
        if (w >= 0 && !parent) { windows[w].raster += ms(e); windows[w].rasterCpu += cpu(e); }
      }
    }
    if (pid === rpid && name === 'Compositor') {
      for (const { e, parent } of topLevel(list, COMPOSITOR_FRAME)) {
        const w = at(e.ts);
        if (w >= 0 && !parent) windows[w].compositorCpu += cpu(e);
      }
    }
    if (/VizCompositor/.test(name) && list.some((e) => e.name === 'Display::DrawAndSwap')) {
      display = `${processName.get(pid) ?? pid}/${name}`;
      for (const { e, parent } of topLevel(list, new Set(['Display::DrawAndSwap']))) {
        const w = at(e.ts);
        if (w >= 0 && !parent) windows[w].display += ms(e);
      }
    }
  }
  for (const x of windows) {
    x.script = x.input + x.raf;
    x.paint = x.render + x.raster;
    x.frame = x.script + x.paint;
    x.frameCpu = x.inputCpu + x.rafCpu + x.renderCpu + x.compositorCpu + x.rasterCpu;
  }
  return { windows, stamps: stamps.length, threads: { main: threadName.get(mainKey) ?? mainKey, raster: [...new Set(raster)], display } };
}

/** Nearest-rank percentile. */
export function pct(xs: number[], p: number): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export interface Dist { n: number; p50: number; p95: number; max: number }
export const dist = (xs: number[]): Dist => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: xs.length ? Math.max(...xs) : NaN });
