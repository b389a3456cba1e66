// The latest engine snapshot as a zustand store, updated at most once per animation frame
// so a busy engine cannot flood React with renders.
//
// Snapshots arrive as fresh structured clones: every object in them is new even when
// nothing changed. Before publishing, `shareEqual` puts back the previous snapshot's objects
// wherever the values are equal, so selectors and memoized components can compare by
// identity (a file card whose facts did not change keeps its `facts` object, a search state
// that did not change keeps its object, ...). Only what really changed re-renders.

import { create } from 'zustand';
import { EMPTY_EVENTS, type EngineClient, type EngineSnapshot } from '../engine/api.ts';

export const EMPTY_SNAPSHOT: EngineSnapshot = {
  version: 0,
  skipped: { seq: 0, items: [] },
  files: [],
  nodes: [],
  totalLines: 0,
  viewRows: 0,
  viewVersion: 0,
  components: [],
  timeMin: null,
  timeMax: null,
  search: { spec: null, running: false, hits: 0, visibleHits: 0, error: null, elapsedMs: 0 },
  loading: false,
  demo: false,
  events: EMPTY_EVENTS,
  densityVersion: 0,
};

export const useSnap = create<{ snap: EngineSnapshot }>()(() => ({ snap: EMPTY_SNAPSHOT }));

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * `next` with every part that equals (by value) the same part of `prev` replaced by the
 * `prev` object, recursively; `prev` itself when everything is equal. Plain data only
 * (objects, arrays, primitives); anything else is taken from `next` as is.
 */
export function shareEqual<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return prev as T;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    const n = next.length;
    let same = prev.length === n;
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = shareEqual(i < prev.length ? prev[i] : undefined, next[i] as unknown);
      out[i] = v;
      if (same && v !== prev[i]) same = false;
    }
    return (same ? prev : out) as T;
  }
  if (isPlainObject(next)) {
    if (!isPlainObject(prev)) return next;
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(prev).length;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = shareEqual(prev[k], next[k]);
      out[k] = v;
      if (same && (v !== prev[k] || !(k in prev))) same = false;
    }
    return (same ? prev : out) as T;
  }
  return next;
}

/**
 * While files load, the engine reports progress many times a second; each published snapshot
 * costs the page a React commit, a layout and a paint, on cores the parsers need. A person
 * reads progress at a few updates a second: while loading, publish at most this often.
 */
export const LOADING_PUBLISH_MS = 200;

/**
 * Mirror the engine's snapshots into `useSnap`, coalesced to animation frames (and, while
 * loading, to one every LOADING_PUBLISH_MS; the last one, loading done, goes out at once).
 * `clone`: the engine runs in this thread and may change its snapshot objects in place
 * (the fake engine): copy each one, so that equal identity keeps meaning equal content.
 */
export function connectSnapshots(engine: EngineClient, clone = false): () => void {
  useSnap.setState({ snap: clone ? structuredClone(engine.snapshot()) : engine.snapshot() });
  let pending: EngineSnapshot | null = null;
  let raf = 0;
  /** Delivers when no animation frame comes (hidden tabs). */
  let fallback = 0;
  /** Waits out the loading interval before asking for a frame. */
  let hold = 0;
  let last = -Infinity;
  const cancel = () => {
    if (raf) cancelAnimationFrame(raf);
    if (fallback) clearTimeout(fallback);
    if (hold) clearTimeout(hold);
    raf = fallback = hold = 0;
  };
  const flush = () => {
    cancel();
    if (!pending) return;
    const s = pending;
    pending = null;
    last = performance.now();
    const prev = useSnap.getState().snap;
    const next = shareEqual(prev, clone ? structuredClone(s) : s);
    if (next !== prev) useSnap.setState({ snap: next });
  };
  const askFrame = () => {
    hold = 0;
    if (raf) return;
    raf = requestAnimationFrame(flush);
    fallback = window.setTimeout(flush, 250);
  };
  const unsub = engine.subscribe((s) => {
    pending = s;
    if (raf) return;
    const wait = s.loading ? last + LOADING_PUBLISH_MS - performance.now() : 0;
    if (wait > 0) {
      if (!hold) hold = window.setTimeout(askFrame, wait);
    } else {
      if (hold) { clearTimeout(hold); hold = 0; }
      askFrame();
    }
  });
  return () => {
    unsub();
    cancel();
  };
}
