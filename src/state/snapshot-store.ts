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
 * Mirror the engine's snapshots into `useSnap`, coalesced to animation frames.
 * `clone`: the engine runs in this thread and may change its snapshot objects in place
 * (the fake engine): copy each one, so that equal identity keeps meaning equal content.
 */
export function connectSnapshots(engine: EngineClient, clone = false): () => void {
  useSnap.setState({ snap: clone ? structuredClone(engine.snapshot()) : engine.snapshot() });
  let pending: EngineSnapshot | null = null;
  let raf = 0;
  let timer = 0;
  const flush = () => {
    raf = 0;
    if (timer) { clearTimeout(timer); timer = 0; }
    if (pending) {
      const s = pending;
      pending = null;
      const prev = useSnap.getState().snap;
      const next = shareEqual(prev, clone ? structuredClone(s) : s);
      if (next !== prev) useSnap.setState({ snap: next });
    }
  };
  const unsub = engine.subscribe((s) => {
    pending = s;
    if (!raf) {
      raf = requestAnimationFrame(flush);
      // Hidden tabs get no animation frames; still deliver, slowly.
      timer = window.setTimeout(flush, 250);
    }
  });
  return () => {
    unsub();
    if (raf) cancelAnimationFrame(raf);
    if (timer) clearTimeout(timer);
  };
}
