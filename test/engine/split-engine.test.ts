// The engine with one large file parsed by two shards (both cores) gives what one shard
// gives: the view store, the shards and their readers run in this thread, wired by real
// MessageChannels (so every column, event chunk and slice crosses by transfer, as between
// workers). The split threshold is lowered so that small generated files split.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/base/content-hash.ts';
import { generateSilent } from '../helpers/generate-silent.ts';
import { engine } from '../helpers/in-thread-engine.ts';

const dir = mkdtempSync(join(tmpdir(), 'clusterlens-split-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    // The content fingerprint is the same whichever shard read which bytes.
    expect(one.facts.contentHash).toBe(contentHash(new Uint8Array(await file.arrayBuffer())));
    expect(two.facts).toEqual(one.facts);
    expect(two.rows.length).toBe(one.rows.length);
    expect(two.rows).toEqual(one.rows);
    expect(two.eventCount).toBeGreaterThan(10);
    expect(two.events).toEqual(one.events);
  }, 60_000);
});
