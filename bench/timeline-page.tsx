// The timeline benchmark page: the app's real TimelineView (and the app's CSS) fed millions of
// synthetic marks through injectTimelineMarks(), driven by bench/run.ts with real input events
// (wheel, keys, drag). It also holds the naive baseline painter (one fillRect per mark in the
// visible time range), replayed over the domains the real view painted. See bench/README.md.

import '../src/views/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TimelineView } from '../src/views/timeline/TimelineView.tsx';
import { injectTimelineMarks } from '../src/state/timeline-source.ts';
import { takeFrames, type FrameRecord } from '../src/views/timeline/frame-stats.ts';
import { useUi } from '../src/state/ui-state.ts';
import { bindEngine } from '../src/state/controller.ts';
import { createFakeEngine } from '../test/doubles/fake-engine.ts';
import { currentDomain } from '../src/state/timeline-nav.ts';
import { syntheticMarks } from '../test/helpers/synthetic-marks.ts';
import { Style, type TimelineMarks } from '../src/timeline/marks.ts';
import type { Density } from '../src/engine/api.ts';
import type { DensityInit } from './density.worker.ts';

/** The engine's severity classes of the density track, bottom first. */
const DENSITY_CLASSES = ['info', 'warning', 'error', 'critical'] as const;

declare const gc: (() => void) | undefined;

// ---- Instrumentation: every animation-frame callback the view runs, with the domain it drew ----

interface RafRecord { id: number; at: number; ms: number; t0: number; t1: number }
const rafs: RafRecord[] = [];
const viewFrames: FrameRecord[] = [];
/** Called after the next animation-frame callback of the page (settle() waits on it). */
let frameWaiter: (() => void) | null = null;
const origRaf = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (cb: FrameRequestCallback): number => {
  const id: number = origRaf((t) => {
    const d = currentDomain();
    const at = performance.now();
    try {
      cb(t);
    } finally {
      rafs.push({ id, at, ms: performance.now() - at, t0: d ? d[0] : NaN, t1: d ? d[1] : NaN });
      const w = frameWaiter;
      frameWaiter = null;
      w?.();
    }
  });
  return id;
};
const pullFrames = (): void => {
  for (const f of takeFrames()) viewFrames.push(f);
};

// ---- The engine: an empty in-process fake, whose getTimeline() also returns the injected marks
// (so the view finds them by either path: the injected-marks store or the engine) ----

let marks: TimelineMarks | null = null;
const engine = createFakeEngine();
engine.getTimeline = async () => marks;
bindEngine(engine, { inProcess: true });

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rootEl = document.getElementById('root')!;

/** Builds n synthetic marks in the page (not transferred from Node), injects them and mounts the view. */
function build(n: number, lanes: number, seed: number, captureShare = 0): { buildMs: number; length: number; rows: number; lanes: number; tMin: number; tMax: number } {
  const t = performance.now();
  marks = syntheticMarks({ marks: n, lanes, seed, captureShare });
  const buildMs = performance.now() - t;
  engine.getDensity = syntheticDensity(marks);
  injectTimelineMarks(marks);
  const pad = Math.max(1000, (marks.tMax - marks.tMin) * 0.02);
  useUi.getState().set({ timelineOpen: true, tlFull: [marks.tMin - pad, marks.tMax + pad], tlDomain: null });
  createRoot(rootEl).render(
    <StrictMode>
      <div className="app">
        <main className="main">
          <TimelineView />
          {/* Where the raw log sits in the app (the timeline takes at most 42 % of the height). */}
          <div className="bench-log" style={{ flex: '1 1 auto' }} />
        </main>
      </div>
    </StrictMode>,
  );
  return { buildMs, length: marks.length, rows: marks.rows.length, lanes: marks.lanes.length, tMin: marks.tMin, tMax: marks.tMax };
}

/**
 * The density track for the synthetic marks, answered by a worker as the engine answers
 * getDensity (every mark counts as a line, by severity). The page builds prefix sums over 65 536
 * bins of the whole range per lane and class once, and hands them to the worker
 * (bench/density.worker.ts); the view's requests and the answers go by message, the counts
 * transferred, so the main thread pays what it pays for the engine's answer.
 */
function syntheticDensity(m: TimelineMarks): (req: { t0: number; t1: number; buckets: number }) => Promise<Density | null> {
  const BINS = 1 << 16;
  const L = m.lanes.length;
  const C = DENSITY_CLASSES.length;
  const classOf = new Uint8Array(64);
  for (const st of [Style.RouteDegraded, Style.HeartbeatMissed, Style.ResPending, Style.Disagree]) classOf[st] = 1;
  for (const st of [Style.RouteDown, Style.NodeDown, Style.StageFailed, Style.JoinFailed, Style.ResFailed, Style.GroupFailed, Style.SessionCrash, Style.MoveFailover]) classOf[st] = 2;
  classOf[Style.Quorum] = 3;
  const t0 = m.tMin;
  const span = Math.max(1, m.tMax - m.tMin);
  const prefix = new Uint32Array(L * C * (BINS + 1));
  for (let k = 0; k < m.length; k++) {
    const lane = m.rows[m.row[k]].lane;
    const bin = Math.min(BINS - 1, Math.max(0, Math.floor(((m.t0[k] - t0) / span) * BINS)));
    prefix[(lane * C + classOf[m.style[k]]) * (BINS + 1) + bin + 1]++;
  }
  for (let r = 0; r < L * C; r++) for (let b = 1; b <= BINS; b++) prefix[r * (BINS + 1) + b] += prefix[r * (BINS + 1) + b - 1];
  const worker = new Worker(new URL('./density.worker.ts', import.meta.url), { type: 'module', name: 'bench-density' });
  const init: DensityInit = { type: 'init', prefix, lanes: L, classes: DENSITY_CLASSES, bins: BINS, t0, span, nodes: m.lanes.map((l) => l.node) };
  worker.postMessage(init, [prefix.buffer]);
  let next = 0;
  const waiting = new Map<number, (d: Density | null) => void>();
  worker.onmessage = (e: MessageEvent<{ id: number; density: Density }>) => {
    waiting.get(e.data.id)?.(e.data.density);
    waiting.delete(e.data.id);
  };
  return (req) => new Promise<Density | null>((resolve) => {
    const id = next++;
    waiting.set(id, resolve);
    worker.postMessage({ type: 'ask', id, ...req });
  });
}

let lastSettle = 0;
/** How long a step waits after the view's frame, so that its paint, commit and raster are done. */
const SETTLE_MS = 50;

/**
 * After a scripted input: waits for the view's animation frame (or `timeoutMs` without one:
 * the input changed nothing), then SETTLE_MS, then stamps the trace ("tl-step") so that
 * bench/run.ts cuts the trace into one window per step. Event-driven (no polling), so that the
 * harness adds no script of its own to the windows. Returns the domain the view now shows.
 */
async function settle(timeoutMs = 2000): Promise<{ painted: boolean; t0: number; t1: number }> {
  let painted = rafs.length > 0 && rafs[rafs.length - 1].at > lastSettle;
  if (!painted) {
    painted = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        frameWaiter = null;
        resolve(false);
      }, timeoutMs);
      frameWaiter = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
  await sleep(SETTLE_MS);
  console.timeStamp('tl-step');
  lastSettle = performance.now();
  const d = currentDomain();
  return { painted, t0: d ? d[0] : NaN, t1: d ? d[1] : NaN };
}

/** Stamps the trace once (the start of the first window) and forgets what was recorded so far. */
function mark(): void {
  pullFrames();
  rafs.length = 0;
  viewFrames.length = 0;
  console.timeStamp('tl-step');
  lastSettle = performance.now();
}

/** The view's frames since the last call: its own records (frame-stats.ts) and the rAF callbacks seen here. */
function frames(): { view: FrameRecord[]; raf: RafRecord[] } {
  pullFrames();
  return { view: viewFrames.splice(0), raf: rafs.splice(0) };
}

function canvasEl(): HTMLCanvasElement | null {
  return document.querySelector<HTMLCanvasElement>('[data-testid="timeline-canvas"]') ?? document.querySelector<HTMLCanvasElement>('.timeline canvas');
}

/** Where the view's canvas is: its CSS and backing sizes, and the part of it on screen (to aim the input at). */
function geometry() {
  const c = canvasEl();
  if (!c) return null;
  const r = c.getBoundingClientRect();
  const box = c.parentElement!.getBoundingClientRect();
  const scroller = c.closest('.tl-body')?.getBoundingClientRect() ?? box;
  const section = c.closest('.timeline')?.getBoundingClientRect() ?? box;
  const vis = { left: Math.max(r.left, scroller.left, box.left), right: Math.min(r.right, scroller.right, box.right), top: Math.max(r.top, scroller.top), bottom: Math.min(r.bottom, scroller.bottom) };
  return {
    cssWidth: r.width, cssHeight: r.height, backingWidth: c.width, backingHeight: c.height, left: r.left, top: r.top,
    visible: { ...vis, width: vis.right - vis.left, height: vis.bottom - vis.top },
    labelWidth: r.left - section.left, sectionWidth: section.width, sectionHeight: section.height,
    viewport: { width: innerWidth, height: innerHeight, dpr: devicePixelRatio, visualScale: visualViewport?.scale ?? 1 },
  };
}

function domain(): readonly [number, number] | null {
  return currentDomain();
}

function setDomainDirect(d: [number, number] | null): void {
  useUi.getState().set({ tlDomain: d });
}

// ---- The naive baseline: every mark in the visible time range, one fillRect each ----

let naive: HTMLCanvasElement | null = null;
let naiveY: Float64Array | null = null;
const NAIVE_COLORS = ['#2f4a6b', '#e3b341', '#8fb3ff', '#ff4d6d', '#2d6a4f', '#b3261e', '#6b5b2a', '#9ad95f', '#ff6b6b', '#2d6a4f', '#c9a227', '#d9363e', '#f0a030', '#5fd38d', '#4a5d8a', '#ff7b54', '#8fb3ff', '#ff4d6d', '#33465c', '#7a2e3a', '#3d3a5c', '#555', '#ff4d6d', '#6a8f3a', '#888', '#2d6a4f', '#c9a227', '#555', '#d9363e', '#777'];

/** Puts the naive canvas over the view's canvas, the same size (it draws on top while the view stays still). */
function naiveSetup(): { width: number; height: number } {
  const c = canvasEl()!;
  const m = marks!;
  naive?.remove();
  naive = document.createElement('canvas');
  naive.width = c.width;
  naive.height = c.height;
  naive.style.cssText = `position:absolute;left:0;top:0;width:${c.style.width || `${c.clientWidth}px`};height:${c.style.height || `${c.clientHeight}px`};z-index:3;pointer-events:none;background:#0d1014`;
  c.parentElement!.appendChild(naive);
  // Its own trivial layout: lanes in order, each lane's rows in the order they were made.
  naiveY = new Float64Array(m.rows.length);
  let y = 0;
  for (let L = 0; L < m.lanes.length; L++) {
    y += 18;
    for (let r = 0; r < m.rows.length; r++) if (m.rows[r].lane === L) { naiveY[r] = y; y += 14; }
    y += 4;
  }
  return { width: naive.width, height: naive.height };
}

function naiveRemove(): void {
  naive?.remove();
  naive = null;
}

/** One naive frame of domain [t0, t1] in the next animation frame; resolves with its script time. */
function naiveFrame(t0: number, t1: number): Promise<{ ms: number; drawn: number }> {
  return new Promise((resolve) => {
    origRaf(() => {
      const s = performance.now();
      const m = marks!;
      const c = naive!;
      const ctx = c.getContext('2d')!;
      const dpr = c.width / (parseFloat(c.style.width) || c.width);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const w = c.width / dpr;
      ctx.clearRect(0, 0, w, c.height / dpr);
      const k = w / (t1 - t0);
      const y = naiveY!;
      let last = -1;
      let drawn = 0;
      for (let i = 0; i < m.length; i++) {
        const a = m.t0[i];
        const b = m.t1[i];
        if (b < t0 || a > t1) continue;
        const st = m.style[i];
        if (st !== last) {
          ctx.fillStyle = NAIVE_COLORS[st] ?? '#888';
          last = st;
        }
        ctx.fillRect((a - t0) * k, y[m.row[i]] + 2, Math.max(1, (b - a) * k), 10);
        drawn++;
      }
      resolve({ ms: performance.now() - s, drawn });
    });
  });
}

/** A naive frame, then the same settling as a view frame (paint, commit, raster, then the trace stamp). */
async function naiveStep(t0: number, t1: number): Promise<{ ms: number; drawn: number }> {
  const r = await naiveFrame(t0, t1);
  await sleep(SETTLE_MS);
  console.timeStamp('tl-step');
  lastSettle = performance.now();
  return r;
}

function collect(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

(window as unknown as { benchTl: unknown }).benchTl = {
  build, settle, mark, frames, geometry, domain, setDomain: setDomainDirect, naiveSetup, naiveRemove, naiveStep, collect,
  env: () => ({ userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency, dpr: devicePixelRatio }),
  ready: true,
};
