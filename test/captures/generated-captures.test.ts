// A generated incident with its generated captures (src/generator/captures.ts), loaded as a user
// drops them: every capture lands on its node, and its proposed alignment has the node's exact
// UTC offset (a quarter-hour zone here) and a fine offset within the generator's latency, from
// anchors (process starts by PID, connections by ephemeral port) where the capture has them.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/generator/node-writer.ts';
import { generateSilent } from '../helpers/generate-silent.ts';
import { engine } from '../helpers/in-thread-engine.ts';

const OFFSET = 345; // UTC+05:45 (Nepal): a whole offset that is no whole hour

describe('generated captures, aligned', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlens-captures-'));
  let manifest: Manifest;
  beforeAll(async () => {
    await generateSilent(dir, ['--nodes', '3', '--seed', '11', '--captures', '--utc-offset', String(OFFSET), '--clock-offsets', '0,250,-120']);
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('each capture on its node, its offset exact, its fine offset within the rows\' latency to their lines', async () => {
    const names = readdirSync(dir).filter((n) => n !== 'manifest.json').sort();
    expect(names.filter((n) => !n.endsWith('_cluster.log'))).toHaveLength(12);
    const e = engine(1, Infinity);
    try {
      e.store.handle({ t: 'add', files: names.map((n) => ({ file: new File([readFileSync(join(dir, n))], n), path: `incident/${n}` })), replace: true, demo: false });
      const snap = await e.until((s) => !s.loading && s.files.length === names.length && s.files.every((f) => f.facts.status === 'done')
        && s.files.filter((f) => f.facts.capture).every((f) => f.facts.capture!.alignment !== null && f.facts.timeBase.utcOffsetMinutes !== null));
      for (const c of manifest.captures!) {
        const f = snap.files.find((x) => x.facts.name === c.name)!.facts;
        const cap = f.capture!;
        expect([f.kind, f.node, cap.records, cap.malformed], c.name).toEqual([c.kind, c.node, c.rows, 0]);
        expect(f.timeBase.utcOffsetMinutes, c.name).toBe(OFFSET);
        expect(f.timeBase.utcOffsetMinutes! % 15).toBe(0);
        const why = cap.alignment!.reasons.join(' | ');
        if (c.kind === 'eventlog') {
          // No anchors: the node log's offset, whole seconds as written.
          expect(f.timeBase.skewMs, c.name).toBe(0);
          continue;
        }
        expect(why, c.name).toMatch(/\d+ anchors? \(/);
        // Rows lead their lines by truth.leadMs: the fine offset puts them back on their lines.
        expect(f.timeBase.skewMs, `${c.name}: ${why}`).toBeGreaterThanOrEqual(c.truth.leadMs[0]);
        expect(f.timeBase.skewMs, `${c.name}: ${why}`).toBeLessThanOrEqual(c.truth.leadMs[1]);
        expect(cap.alignment!.confidence).toBeGreaterThanOrEqual(0.8);
      }
    } finally {
      e.close();
    }
  }, 60_000);

  it('captures whose names and folders say nothing land on their node by the host their rows name (its name, or its address in the logs)', async () => {
    const logs = readdirSync(dir).filter((n) => n.endsWith('_cluster.log'));
    const caps = manifest.captures!.filter((c) => c.kind === 'procmon' || c.kind === 'wireshark' || c.kind === 'netmon');
    const e = engine(1, Infinity);
    try {
      e.store.handle({ t: 'add', files: [
        ...logs.map((n) => ({ file: new File([readFileSync(join(dir, n))], n), path: `case/${n}` })),
        ...caps.map((c, i) => ({ file: new File([readFileSync(join(dir, c.name))], `capture${i}.csv`), path: `case/captures/capture${i}.${c.kind === 'netmon' ? 'txt' : 'csv'}` })),
      ], replace: true, demo: false });
      const snap = await e.until((s) => !s.loading && s.files.length === logs.length + caps.length && s.files.every((f) => f.facts.status === 'done')
        && s.files.filter((f) => f.facts.capture).every((f) => f.facts.node !== null && f.facts.timeBase.utcOffsetMinutes !== null));
      caps.forEach((c, i) => {
        const f = snap.files.find((x) => x.facts.name === `capture${i}.csv`)!.facts;
        expect(f.node, c.name).toBe(c.node);
        expect(f.nodeEvidence.map((x) => x.where).join(' | '), c.name).toMatch(/its rows' own \S+ \(\d+ rows\) is (a node name|\S+'s address \(\S+'s route line \d+\))/);
        expect(f.timeBase.utcOffsetMinutes, c.name).toBe(OFFSET);
      });
    } finally {
      e.close();
    }
  }, 60_000);
});
