// The latest engine snapshot as a zustand store, updated at most once per animation frame
// so a busy engine cannot flood React with renders.

import { create } from 'zustand';
import type { EngineClient, EngineSnapshot } from '../engine/api.ts';

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
};

export const useSnap = create<{ snap: EngineSnapshot }>()(() => ({ snap: EMPTY_SNAPSHOT }));

/** Mirror the engine's snapshots into `useSnap`, coalesced to animation frames. */
export function connectSnapshots(engine: EngineClient): () => void {
  useSnap.setState({ snap: engine.snapshot() });
  let pending: EngineSnapshot | null = null;
  let raf = 0;
  let timer = 0;
  const flush = () => {
    raf = 0;
    if (timer) { clearTimeout(timer); timer = 0; }
    if (pending) {
      const s = pending;
      pending = null;
      useSnap.setState({ snap: s });
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
