// Publishing the engine's snapshots: coalesced to animation frames, and while files load at most
// one every LOADING_PUBLISH_MS (progress costs the page a commit, a layout and a paint each
// time); the snapshot that ends the load is published at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient, EngineSnapshot } from '../engine/api.ts';
import { connectSnapshots, EMPTY_SNAPSHOT, LOADING_PUBLISH_MS, useSnap } from './snapshot-store.ts';

function fakeEngine() {
  let listener: ((s: EngineSnapshot) => void) | null = null;
  const engine = {
    snapshot: () => EMPTY_SNAPSHOT,
    subscribe: (l: (s: EngineSnapshot) => void) => { listener = l; return () => { listener = null; }; },
  } as unknown as EngineClient;
  return { engine, send: (patch: Partial<EngineSnapshot>) => listener?.({ ...EMPTY_SNAPSHOT, ...patch }) };
}

describe('connectSnapshots', () => {
  let published: number[] = [];
  let unsub = () => {};
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', globalThis);
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => setTimeout(() => f(performance.now()), 16) as unknown as number);
    vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
    published = [];
    unsub = useSnap.subscribe((s) => published.push(s.snap.totalLines));
  });
  afterEach(() => {
    unsub();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('publishes once per frame, the latest snapshot', () => {
    const { engine, send } = fakeEngine();
    const stop = connectSnapshots(engine);
    published = [];
    for (let i = 1; i <= 5; i++) send({ totalLines: i });
    vi.advanceTimersByTime(20);
    expect(published).toEqual([5]);
    stop();
  });

  it('while loading, at most one every LOADING_PUBLISH_MS; the end of the load at once', () => {
    const { engine, send } = fakeEngine();
    const stop = connectSnapshots(engine);
    published = [];
    // 2 s of progress every 10 ms: 200 snapshots.
    for (let i = 1; i <= 200; i++) {
      send({ totalLines: i, loading: true });
      vi.advanceTimersByTime(10);
    }
    const duringLoad = published.length;
    expect(duringLoad).toBeGreaterThanOrEqual(2000 / LOADING_PUBLISH_MS - 1);
    expect(duringLoad).toBeLessThanOrEqual(2000 / LOADING_PUBLISH_MS + 1);
    send({ totalLines: 1000, loading: false });
    vi.advanceTimersByTime(20);
    expect(published.at(-1)).toBe(1000);
    expect(published.length).toBe(duringLoad + 1);
    stop();
  });
});
