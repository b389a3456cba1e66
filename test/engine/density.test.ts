// getDensity through the real view store, with a stand-in shard on a MessagePort: segments
// arriving in slices, two files of one node that overlap (duplicates counted once), a local-time
// file, a file that failed, the view's file filter, a time-base change, and the reply's buffer
// transferred, checked against a brute-force count of the same synthetic lines.
import { afterAll, describe, expect, it } from 'vitest';
import { Level } from '../../src/base/levels.ts';
import type { Density, EngineSnapshot } from '../../src/engine/api.ts';
import type { MainToView, ShardToView, ViewToMain, ViewToShard } from '../../src/engine/protocol.ts';
import { ViewStore } from '../../src/engine/view-store.ts';
import { emptyFacts, type FileFacts } from '../../src/ingest/types.ts';
import { severityOf } from '../../src/store/filter.ts';
import { seededRandom } from '../helpers/random.ts';

const rng = seededRandom;

/** Class of Row.severity, written out here: info, warning, error, critical. */
function rowClass(lb: number): number {
  const sev = severityOf(lb) === Level.INFO && (lb & 15) === Level.None ? Level.None : severityOf(lb);
  return sev === Level.WARN ? 1 : sev === Level.ERR ? 2 : sev === Level.CRIT ? 3 : 0;
}

interface SynthFile {
  name: string;
  node: string | null;
  ts: Float64Array;
  level: Uint8Array;
  hashes: Uint32Array;
  /** Local time minus UTC (minutes) for a local-time file, else null (UTC). */
  offset: number | null;
  fail?: boolean;
}

const T0 = Date.UTC(2024, 7, 8, 6, 0, 0);
const LEVELS = [Level.INFO, Level.INFO, Level.DBG, Level.None, Level.WARN, Level.ERR, Level.CRIT, Level.DBG | (Level.CRIT << 4), Level.DBG | (Level.WARN << 4)];

function lines(n: number, seed: number, start: number, spanMs: number, hashBase: number): { ts: Float64Array; level: Uint8Array; hashes: Uint32Array } {
  const r = rng(seed);
  const ts = new Float64Array(n);
  const level = new Uint8Array(n);
  const hashes = new Uint32Array(n);
  let t = start;
  for (let i = 0; i < n; i++) {
    hashes[i] = hashBase + i;
    if (i < 3) {
      ts[i] = NaN; // header lines
      continue;
    }
    t += Math.floor((r() < 0.01 ? 50 : 2) * r() * (spanMs / n));
    ts[i] = t;
    level[i] = LEVELS[Math.floor(r() * LEVELS.length)];
  }
  return { ts, level, hashes };
}

function facts(f: SynthFile, n: number, done: boolean): FileFacts {
  const x = emptyFacts(f.name, f.name, n * 100);
  x.node = f.node;
  x.nodeSource = f.node ? 'header' : null;
  x.timeBase = f.offset === null ? { base: 'utc', utcOffsetMinutes: 0, source: 'header', skewMs: 0 } : { base: 'local', utcOffsetMinutes: f.offset, source: 'header', skewMs: 0 };
  let first: number | null = null;
  let last: number | null = null;
  for (let i = 0; i < n; i++) {
    const t = f.ts[i];
    if (t !== t) continue;
    if (first === null) first = t;
    last = t;
  }
  x.firstWritten = first;
  x.lastWritten = last;
  x.lines = n;
  x.status = done ? 'done' : 'loading';
  return x;
}

/** Answers the view store like a shard: the synthetic lines in slices, then their hashes. */
class StandInShard {
  readonly port: MessagePort;
  private readonly files = new Map<number, SynthFile>();
  /** Lines per segment; the first segment of each file is sent at once, the rest on `release`. */
  constructor(port: MessagePort, private readonly byName: Map<string, SynthFile>, private readonly slice: number) {
    this.port = port;
    port.onmessage = (e: MessageEvent<ViewToShard>) => this.on(e.data);
  }
  private held: Array<() => void> = [];
  private post(m: ShardToView): void {
    this.port.postMessage(m);
  }
  private on(m: ViewToShard): void {
    if (m.t === 'open') {
      const f = this.byName.get((m.file as unknown as { name: string }).name)!;
      this.files.set(m.id, f);
      const n = f.ts.length;
      const send = (from: number) => {
        const to = Math.min(n, from + this.slice);
        this.post({
          t: 'segment', id: m.id, gen: 0, from,
          ts: f.ts.slice(from, to), level: f.level.slice(from, to), comp: new Uint16Array(to - from), flags: new Uint8Array(to - from),
          facts: facts(f, to, false), progress: { bytesRead: to * 100, lines: to },
        });
        if (to < n) this.held.push(() => send(to));
        else if (f.fail) this.post({ t: 'failed', id: m.id, gen: 0, message: `${f.name} is not a cluster log.` });
        else this.post({ t: 'done', id: m.id, gen: 0, facts: facts(f, n, true), progress: { bytesRead: n * 100, lines: n }, halves: 1 });
      };
      send(0);
    } else if (m.t === 'hashes') {
      const f = this.files.get(m.id)!;
      this.post({ t: 'hashes', req: m.req, hashes: f.hashes.slice(m.from, m.to) });
    }
  }
  /** Sends the next segment of every file still loading. */
  release(): boolean {
    const h = this.held;
    this.held = [];
    for (const f of h) f();
    return this.held.length > 0;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits (up to 5 s) for a condition the store's timers will make true. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await sleep(10);
}

describe('getDensity through the view store', () => {
  // N1: a.log and a re-collected b.log of the same node (spelled in lower case) sharing 6,000 lines;
  // N2: a local-time file (UTC-5); a file that fails has no lane.
  const a = lines(20_000, 1, T0, 2 * 3_600_000, 1);
  const bNew = lines(5_000, 2, a.ts[a.ts.length - 1] + 10, 1_800_000, 1_000_000);
  const shared = 6_000;
  const b = {
    ts: Float64Array.from([...a.ts.subarray(a.ts.length - shared), ...bNew.ts.subarray(3)]),
    level: Uint8Array.from([...a.level.subarray(a.level.length - shared), ...bNew.level.subarray(3)]),
    hashes: Uint32Array.from([...a.hashes.subarray(a.hashes.length - shared), ...bNew.hashes.subarray(3)]),
  };
  const c = lines(15_000, 3, T0 - 5 * 3_600_000 + 600_000, 3_600_000, 2_000_000);
  const files: SynthFile[] = [
    { name: 'a.log', node: 'NODE1', ...a, offset: null },
    { name: 'bad.log', node: null, ...lines(100, 4, T0, 1000, 3_000_000), offset: null, fail: true },
    { name: 'b.log', node: 'node1', ...b, offset: null },
    { name: 'c.log', node: 'NODE2', ...c, offset: -300 },
  ];
  const byName = new Map(files.map((f) => [f.name, f]));

  const ch = new MessageChannel();
  const shard = new StandInShard(ch.port2, byName, 4_000);
  const replies = new Map<number, { value: unknown; transfer: Transferable[] }>();
  let snap: EngineSnapshot | null = null;
  const store = new ViewStore((msg: ViewToMain, transfer?: Transferable[]) => {
    if (msg.t === 'snapshot') snap = msg.snap;
    else replies.set(msg.req, { value: msg.value, transfer: transfer ?? [] });
  });
  let req = 0;
  const send = (m: MainToView) => store.handle(m);
  const density = async (t0: number, t1: number, buckets: number): Promise<{ d: Density | null; transfer: Transferable[] }> => {
    const r = ++req;
    send({ t: 'density', req: r, t0, t1, buckets });
    for (let i = 0; i < 100 && !replies.has(r); i++) await sleep(1);
    const got = replies.get(r)!;
    return { d: got.value as Density | null, transfer: got.transfer };
  };
  const idOf = (name: string) => snap!.files.find((f) => f.facts.name === name)!.id;

  afterAll(() => {
    ch.port1.close();
    ch.port2.close();
  });

  /** Brute force: lane -> class -> bucket, from the synthetic lines (UTC shift, duplicates once, file filter). */
  function expected(t0: number, t1: number, buckets: number, opts: { only?: string[]; hideShared: boolean; cUtc?: boolean; prefix?: Map<string, number> }): Uint32Array {
    const lanes = ['NODE1', 'NODE2'];
    const out = new Uint32Array(lanes.length * 4 * buckets);
    const w = (t1 - t0) / buckets;
    for (const f of files) {
      if (f.fail || (opts.only && !opts.only.includes(f.name))) continue;
      const lane = f.node!.toUpperCase() === 'NODE1' ? 0 : 1;
      const shift = f.offset === null || opts.cUtc ? 0 : -f.offset * 60_000;
      const n = opts.prefix?.get(f.name) ?? f.ts.length;
      for (let i = 0; i < n; i++) {
        if (f.name === 'b.log' && opts.hideShared && i < shared) continue;
        const u = f.ts[i] + shift;
        if (!(u >= t0 && u < t1)) continue;
        const k = Math.min(buckets - 1, Math.floor((u - t0) / w));
        out[(lane * 4 + rowClass(f.level[i])) * buckets + k]++;
      }
    }
    return out;
  }

  it('reflects the lines that have arrived while files load', async () => {
    send({ t: 'init', shards: [ch.port1] });
    send({ t: 'add', files: files.map((f) => ({ file: { name: f.name, size: f.ts.length * 100 } as unknown as File, path: f.name })), replace: false, demo: false });
    await until(() => store.snapshot().files.some((f) => f.facts.lines > 0));
    // Only the first segment (4,000 lines) of each file opened so far.
    const s = store.snapshot();
    const prefix = new Map<string, number>();
    for (const f of files) prefix.set(f.name, s.files.find((x) => x.facts.name === f.name)?.facts.lines ?? 0);
    expect([...prefix.values()].some((n) => n > 0)).toBe(true);
    const { d } = await density(T0 - 3_600_000, T0 + 3 * 3_600_000, 400);
    expect(d).not.toBeNull();
    // With the file filter open, lanes of files still loading count what they have (no duplicates known yet).
    const sum = d!.counts.reduce((x, v) => x + v, 0);
    const want = expected(T0 - 3_600_000, T0 + 3 * 3_600_000, 400, { hideShared: false, prefix });
    expect(sum).toBe(want.reduce((x, v) => x + v, 0));
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(20_000);
  });

  it('counts every line once, per node lane in the snapshot order, when loaded', async () => {
    const v0 = store.snapshot().densityVersion;
    for (let i = 0; i < 1000; i++) {
      shard.release();
      await sleep(5);
      if (store.snapshot().files.every((f) => f.progress.finishedAt !== null)) break;
    }
    for (let i = 0; i < 400; i++) {
      await sleep(10);
      const s = snap as EngineSnapshot | null;
      if (s && !s.loading && s.files.find((f) => f.facts.name === 'b.log')?.duplicates === shared) break;
    }
    const s = snap!;
    expect(s.loading).toBe(false);
    expect(s.files.find((f) => f.facts.name === 'b.log')!.duplicates).toBe(shared);
    expect(s.densityVersion).toBeGreaterThan(v0);
    expect(s.nodes.map((l) => l.name)).toEqual(['NODE1', 'NODE2']);

    // The whole span, exact totals per lane and class at any bucket count.
    const lo = T0 - 2 * 3_600_000;
    const hi = T0 + 6 * 3_600_000;
    for (const buckets of [1, 7, 1600, 4096]) {
      const { d, transfer } = await density(lo, hi, buckets);
      expect(d!.nodes).toEqual(s.nodes.map((l) => l.name));
      expect(d!.classes).toEqual(['info', 'warning', 'error', 'critical']);
      expect(d!.buckets).toBe(buckets);
      expect(transfer).toContain(d!.counts.buffer);
      const want = expected(lo, hi, buckets, { hideShared: true });
      const tot = (x: Uint32Array, lane: number, cl: number) => x.subarray((lane * 4 + cl) * buckets, (lane * 4 + cl + 1) * buckets).reduce((p, v) => p + v, 0);
      for (let lane = 0; lane < 2; lane++) for (let cl = 0; cl < 4; cl++) expect(tot(d!.counts, lane, cl), `lane ${lane} class ${cl}`).toBe(tot(want, lane, cl));
      let max = 0;
      for (let lane = 0; lane < 2; lane++) {
        for (let k = 0; k < buckets; k++) {
          let st = 0;
          for (let cl = 0; cl < 4; cl++) st += d!.counts[(lane * 4 + cl) * buckets + k];
          max = Math.max(max, st);
        }
      }
      expect(d!.max).toBe(max);
    }
    // Zoomed in (below the pyramid's finest level): exact, bucket by bucket.
    const r = rng(8);
    for (let rep = 0; rep < 20; rep++) {
      const t0 = T0 + r() * 2.5 * 3_600_000;
      const t1 = t0 + 500 + r() * 20_000;
      const buckets = 100 + Math.floor(r() * 1500); // buckets of at most 200 ms: below the finest level
      const { d } = await density(t0, t1, buckets);
      expect(Array.from(d!.counts)).toEqual(Array.from(expected(t0, t1, buckets, { hideShared: true })));
    }
  });

  it('follows the view file filter, a time-base change and removal', async () => {
    const lo = T0 - 2 * 3_600_000;
    const hi = T0 + 6 * 3_600_000;
    const v1 = snap!.densityVersion;
    send({ t: 'view', spec: { fileIds: [idOf('c.log')], minLevel: Level.ERR, components: [], from: T0, to: T0 + 1000, onlyHits: false, context: 0, expandAll: false } });
    await until(() => snap!.densityVersion > v1);
    expect(snap!.densityVersion).toBeGreaterThan(v1);
    // The level and time filters do not apply; the file filter does; NODE1's lane is there, empty.
    let { d } = await density(lo, hi, 8);
    expect(d!.nodes).toEqual(['NODE1', 'NODE2']);
    expect(d!.counts.subarray(0, 32).reduce((x, v) => x + v, 0)).toBe(0);
    expect(d!.counts.reduce((x, v) => x + v, 0)).toBe(expected(lo, hi, 8, { only: ['c.log'], hideShared: true }).reduce((x, v) => x + v, 0));
    expect(d!.counts.reduce((x, v) => x + v, 0)).toBe(15_000 - 3);

    // c.log read as UTC instead of UTC-5: its lines move five hours earlier.
    const v2 = snap!.densityVersion;
    send({ t: 'options', id: idOf('c.log'), opts: { timeBase: { base: 'utc', utcOffsetMinutes: 0 } } });
    await until(() => snap!.densityVersion > v2);
    expect(snap!.densityVersion).toBeGreaterThan(v2);
    const t0 = T0 - 5 * 3_600_000 + 600_000 + 1_000_000;
    ({ d } = await density(t0, t0 + 60_000, 1200));
    expect(Array.from(d!.counts)).toEqual(Array.from(expected(t0, t0 + 60_000, 1200, { only: ['c.log'], hideShared: true, cUtc: true })));
    expect(d!.counts.reduce((x, v) => x + v, 0)).toBeGreaterThan(0);

    // All files again; a.log removed: b.log's shared lines are no longer duplicates.
    send({ t: 'view', spec: { fileIds: [], minLevel: 0, components: [], from: null, to: null, onlyHits: false, context: 0, expandAll: false } });
    send({ t: 'remove', id: idOf('a.log') });
    await until(() => snap!.files.length === 3 && snap!.files.every((f) => f.duplicates === 0) && !snap!.loading);
    ({ d } = await density(lo, hi, 3));
    const lane0 = d!.counts.subarray(0, 12).reduce((x, v) => x + v, 0);
    expect(lane0).toBe(b.ts.length);
    expect(await density(5, 5, 10).then((x) => x.d)).toBeNull();
  });
});

describe('getDensity of the fake engine', () => {
  it('counts the lines of its files per lane by severity', async () => {
    const { createFakeEngine } = await import('../doubles/fake-engine.ts');
    const e = createFakeEngine();
    const text = [
      '[===  Cluster Logs  ===]',
      '00000b50.00000810::2024/08/08-06:00:00.100 INFO  [RCM] one',
      '00000b50.00000810::2024/08/08-06:00:00.900 WARN  [RCM] two',
      '    continuation of two',
      '00000b50.00000810::2024/08/08-06:00:01.500 ERR   [RCM] three',
      '00000b50.00000810::2024/08/08-06:00:03.000 CRIT  [NM] four',
      '00000b50.00000810::2024/08/08-06:00:03.999 DBG   [NM] five',
    ].join('\r\n');
    e.addFiles([{ file: new File([text], 'cluster.log'), path: 'NODE1/cluster.log' }], { replace: false });
    for (let i = 0; i < 200 && !(e.snapshot().files[0]?.facts.status === 'done' && !e.snapshot().loading); i++) await sleep(10);
    expect(e.snapshot().nodes.map((l) => l.name)).toEqual(['NODE1']);
    const t0 = Date.UTC(2024, 7, 8, 6, 0, 0);
    const d = (await e.getDensity({ t0, t1: t0 + 4000, buckets: 4 }))!;
    expect(d.nodes).toEqual(['NODE1']);
    // Seconds 0..3; rows info, warning, error, critical (the continuation line, without a level, is info at its record's time).
    expect(Array.from(d.counts)).toEqual([2, 0, 0, 1, /**/ 1, 0, 0, 0, /**/ 0, 1, 0, 0, /**/ 0, 0, 0, 1]);
    expect(d.max).toBe(3);
    expect(await e.getDensity({ t0, t1: t0, buckets: 4 })).toBeNull();
    e.dispose();
  });
});
