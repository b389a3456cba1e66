// The engine in this thread: the view store, its shards and their readers, wired by real
// MessageChannels (so every column, event chunk and slice crosses by transfer, as between
// workers). Tests drive it with the messages the main thread sends.
import type { EngineSnapshot } from '../../src/engine/api.ts';
import type { ViewToMain } from '../../src/engine/protocol.ts';
import { Reader } from '../../src/engine/reader.ts';
import { Shard } from '../../src/engine/shard.ts';
import { ViewStore } from '../../src/engine/view-store.ts';

export interface Engine {
  store: ViewStore;
  shards: Shard[];
  /** The last snapshot. */
  snap(): EngineSnapshot | null;
  /** Resolves with the first snapshot (from now) that `ok` accepts. */
  until(ok: (s: EngineSnapshot) => boolean): Promise<EngineSnapshot>;
  done(): Promise<EngineSnapshot>;
  ask<T>(msg: Record<string, unknown>): Promise<T>;
  close(): void;
}

export function engine(shards: number, splitMinBytes: number): Engine {
  let snap: EngineSnapshot | null = null;
  let waiting: (() => void) | null = null;
  const watchers = new Set<() => void>();
  const shardList: Shard[] = [];
  const replies = new Map<number, (v: unknown) => void>();
  let req = 0;
  const store = new ViewStore((m: ViewToMain) => {
    if (m.t === 'snapshot') {
      snap = m.snap;
      waiting?.();
      for (const w of [...watchers]) w();
    } else replies.get(m.req)?.(m.value);
  }, splitMinBytes);
  const ports: MessagePort[] = [];
  const channels: MessageChannel[] = [];
  for (let i = 0; i < shards; i++) {
    const ch = new MessageChannel();
    const rd = new MessageChannel();
    channels.push(ch, rd);
    const reader = new Reader((m, t) => rd.port1.postMessage(m, t ?? []));
    rd.port1.onmessage = (e) => reader.handle(e.data);
    const shard = new Shard((m, t) => ch.port1.postMessage(m, t ?? []), (m) => rd.port2.postMessage(m));
    rd.port2.onmessage = (e) => shard.fromReader(e.data);
    shardList.push(shard);
    ch.port1.onmessage = (e) => shard.handle(e.data);
    ports.push(ch.port2);
  }
  store.handle({ t: 'init', shards: ports });
  const loaded = (s: EngineSnapshot | null) => !!s && !s.loading && s.files.length > 0 && s.files.every((f) => f.progress.finishedAt !== null);
  return {
    store,
    shards: shardList,
    snap: () => snap,
    until: (ok) =>
      new Promise((resolve) => {
        const check = () => {
          if (snap && ok(snap)) {
            watchers.delete(check);
            resolve(snap);
          }
        };
        watchers.add(check);
        check();
      }),
    done: () =>
      new Promise((resolve) => {
        const check = () => (loaded(snap) ? resolve(snap!) : (waiting = check));
        check();
      }),
    ask: <T>(msg: Record<string, unknown>) =>
      new Promise<T>((resolve) => {
        const r = ++req;
        replies.set(r, (v) => resolve(v as T));
        store.handle({ ...msg, req: r } as never);
      }),
    close: () => channels.forEach((c) => (c.port1.close(), c.port2.close())),
  };
}

