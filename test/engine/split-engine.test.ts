// The engine with one large file parsed by two shards (both cores) gives what one shard
// gives: the view store, the shards and their readers run in this thread, wired by real
// MessageChannels (so every column, event chunk and slice crosses by transfer, as between
// workers). The split threshold is lowered so that small generated files split.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSilent } from '../helpers/generate-silent.ts';
import type { EngineSnapshot } from '../../src/engine/api.ts';
import type { ViewToMain } from '../../src/engine/protocol.ts';
import { Reader } from '../../src/engine/reader.ts';
import { Shard } from '../../src/engine/shard.ts';
import { ViewStore } from '../../src/engine/view-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'clusterlens-split-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Engine {
  store: ViewStore;
  done(): Promise<EngineSnapshot>;
  ask<T>(msg: Record<string, unknown>): Promise<T>;
  close(): void;
}

function engine(shards: number, splitMinBytes: number): Engine {
  let snap: EngineSnapshot | null = null;
  let waiting: (() => void) | null = null;
  const replies = new Map<number, (v: unknown) => void>();
  let req = 0;
  const store = new ViewStore((m: ViewToMain) => {
    if (m.t === 'snapshot') {
      snap = m.snap;
      waiting?.();
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
    ch.port1.onmessage = (e) => shard.handle(e.data);
    ports.push(ch.port2);
  }
  store.handle({ t: 'init', shards: ports });
  const loaded = (s: EngineSnapshot | null) => !!s && !s.loading && s.files.length > 0 && s.files.every((f) => f.progress.finishedAt !== null);
  return {
    store,
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

async function generated(name: string, args: string[]): Promise<File> {
  const out = join(dir, name);
  await generateSilent(out, ['--nodes', '2', '--size', '7MB', '--seed', '21', ...args]);
  return new File([readFileSync(join(out, 'SQLNODE1_cluster.log'))], 'SQLNODE1_cluster.log');
}

/** What a load gives, as far as the views see it: facts, every row's text, every event. */
async function load(file: File, shards: number) {
  const e = engine(shards, 1 << 20);
  try {
    e.store.handle({ t: 'add', files: [{ file, path: file.name }], replace: true, demo: false });
    const snap = await e.done();
    const f = snap.files[0];
    const rows = await e.ask<{ text: string }[]>({ t: 'rows', start: 0, count: snap.viewRows });
    const events = await e.ask<unknown[]>({ t: 'eventRows', start: 0, count: snap.events.total });
    return { halves: f.progress.halves, facts: f.facts, lines: snap.totalLines, rows: rows.map((r) => r.text), events, eventCount: snap.events.total };
  } finally {
    e.close();
  }
}

describe('one file parsed by two shards', () => {
  it.each([
    ['w2016 UTF-8', ['--dialect', 'w2016', '--encoding', 'utf-8']],
    ['w2016 UTF-16LE', ['--dialect', 'w2016', '--encoding', 'utf-16le', '--bom']],
    ['w2008 UTF-8 LF', ['--dialect', 'w2008', '--encoding', 'utf-8', '--eol', 'lf']],
  ])('%s: the halves are joined, and the views see what one shard gives', async (name, args) => {
    const file = await generated(name.replace(/\W+/g, '-'), args);
    const one = await load(file, 1);
    const two = await load(file, 2);
    expect(one.halves).toBe(1);
    expect(two.halves).toBe(2);
    expect(two.lines).toBe(one.lines);
    expect(two.facts).toEqual(one.facts);
    expect(two.rows.length).toBe(one.rows.length);
    expect(two.rows).toEqual(one.rows);
    expect(two.eventCount).toBeGreaterThan(10);
    expect(two.events).toEqual(one.events);
  }, 60_000);
});
