import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScenario } from './scenario.ts';
import { renderNodeLog } from './render.ts';
import { viewId } from './timeline.ts';
import { writeScenario } from './node-writer.ts';
import { demoPreset, type WriteOptions } from './presets.ts';
import { runGenerate, parseSize } from '../cli/generate.ts';

const tmp = mkdtempSync(join(tmpdir(), 'clusterlens-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const small: WriteOptions = {
  scenario: { seed: 42, steadyStateMs: 60_000 },
  file: { dialect: 'w2016', encoding: 'utf-16le', bom: true, eol: 'crlf' },
  perNode: [undefined, { encoding: 'utf-8', bom: false, eol: 'lf' }],
};

describe('scenario', () => {
  const s = buildScenario({ seed: 9 });

  it('has 3 nodes by default with ids, IPs and service sessions', () => {
    expect(s.nodes.map((n) => [n.id, n.name])).toEqual([[1, 'SQLNODE1'], [2, 'SQLNODE2'], [3, 'SQLNODE3']]);
    expect(new Set(s.nodes.map((n) => n.ip)).size).toBe(3);
    // The isolated node restarts: a second session with new PIDs.
    const [a, b] = s.nodes[1].sessions;
    expect(b).toBeDefined();
    expect(b.clussvcPid).not.toBe(a.clussvcPid);
    expect(b.rhsPid).not.toBe(a.rhsPid);
    expect(b.start - a.stop!).toBeGreaterThanOrEqual(60_000);
  });

  it('uses <seq><2-digit proposer> view ids that grow', () => {
    const views = s.events.flatMap((e) => (e.kind === 'view-change' || e.kind === 'form' ? [e.kind === 'form' ? e.view : e.newView] : []));
    expect(viewId(views[0])).toBe('001');
    expect(viewId({ seq: 11, proposer: 1, members: [1, 2] })).toBe('1101');
    // The isolated node proposes its own singleton view with the survivors' sequence (R1: 1301 vs 1302).
    const singleton = views.find((v) => v.proposer === 2)!;
    expect(singleton.members).toEqual([2]);
    expect(viewId(singleton)).toMatch(/^\d+02$/);
    expect(views.some((v) => v.seq === singleton.seq && v.proposer === 1)).toBe(true);
    for (let i = 1; i < views.length; i++) expect(views[i].seq).toBeGreaterThanOrEqual(views[i - 1].seq);
  });

  it('has realistic cause → effect latencies in the incident', () => {
    const at = (kind: string) => s.events.find((e) => e.kind === kind)!.at;
    const loss = at('network-loss');
    const missed = s.events.filter((e) => e.kind === 'heartbeats-missed').map((e) => e.at - loss);
    const down = s.events.filter((e) => e.kind === 'route-down').map((e) => e.at - loss);
    expect(Math.min(...missed)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...missed)).toBeLessThan(2500);
    expect(Math.min(...down)).toBeGreaterThanOrEqual(5000);
    expect(Math.max(...down)).toBeLessThan(5500);
    const removed = s.events.find((e) => e.kind === 'view-change' && e.downers.includes(2))!.at - loss;
    expect(removed).toBeGreaterThan(5000);
    expect(removed).toBeLessThan(7000);
    const failover = s.events.find((e) => e.kind === 'group-failover')!;
    expect(failover).toMatchObject({ group: 'ag1', from: 2, to: 1 });
    expect(s.groups.find((g) => g.name === 'ag1')!.finalOwner).toBe(1);
    const events = s.events.map((e) => e.at);
    expect([...events].sort((x, y) => x - y)).toEqual(events);
  });

  it('accepts names, clock offsets and another isolated node', () => {
    const t = buildScenario({ seed: 1, nodeNames: ['A', 'B', 'C', 'D'], clockOffsetsMs: [0, 350, -1200], isolatedNodeId: 1 });
    expect(t.nodes.map((n) => n.clockOffsetMs)).toEqual([0, 350, -1200, 0]);
    expect(t.events.find((e) => e.kind === 'group-failover' && e.group === 'Cluster Group')).toMatchObject({ from: 1, to: 2 });
    expect(() => buildScenario({ nodes: 3, isolatedNodeId: 4 })).toThrow();
  });
});

describe('determinism', () => {
  it('same options and seed give byte-identical files; another seed differs', async () => {
    const a = await writeScenario(small, join(tmp, 'a'));
    const b = await writeScenario(small, join(tmp, 'b'));
    await writeScenario({ ...small, scenario: { ...small.scenario, seed: 43 } }, join(tmp, 'c'));
    expect(b).toEqual(a);
    for (const f of a.files) {
      expect(readFileSync(join(tmp, 'b', f.name)).equals(readFileSync(join(tmp, 'a', f.name)))).toBe(true);
      expect(readFileSync(join(tmp, 'c', f.name)).equals(readFileSync(join(tmp, 'a', f.name)))).toBe(false);
    }
  });

  it('rendering twice gives the same lines and truths', () => {
    const s = buildScenario({ seed: 3, steadyStateMs: 60_000 });
    const once = [...renderNodeLog(s, 2, { dialect: 'w2008' })];
    expect([...renderNodeLog(s, 2, { dialect: 'w2008' })]).toEqual(once);
    expect([...renderNodeLog(buildScenario({ seed: 3, steadyStateMs: 60_000 }), 2, { dialect: 'w2008' })]).toEqual(once);
  });
});

describe('writer and manifest', () => {
  it('writes <node>_cluster.log per node and a manifest with byte and line counts', async () => {
    const m = await writeScenario(small, join(tmp, 'm'));
    expect(readdirSync(join(tmp, 'm')).sort()).toEqual(['SQLNODE1_cluster.log', 'SQLNODE2_cluster.log', 'SQLNODE3_cluster.log', 'manifest.json']);
    const onDisk = JSON.parse(readFileSync(join(tmp, 'm', 'manifest.json'), 'utf8'));
    expect(onDisk).toEqual(m);
    expect(m.files[0]).toMatchObject({ name: 'SQLNODE1_cluster.log', node: 'SQLNODE1', dialect: 'w2016', encoding: 'utf-16le', bom: true, eol: 'crlf' });
    expect(m.files[1]).toMatchObject({ encoding: 'utf-8', bom: false, eol: 'lf' });
    for (const f of m.files) {
      const bytes = readFileSync(join(tmp, 'm', f.name));
      expect(bytes.length).toBe(f.bytes);
      const text = new TextDecoder(f.encoding).decode(bytes);
      expect(text.split(f.eol === 'lf' ? '\n' : '\r\n').length - 1).toBe(f.lines);
    }
    expect(m.scenario.incident).toMatchObject({ kind: 'network-isolation', isolatedNode: 'SQLNODE2' });
  });

  it('demo preset: 3 nodes, w2016, node 1 UTF-16LE with BOM, a skewed clock, small', async () => {
    const m = await writeScenario(demoPreset(), join(tmp, 'demo'));
    expect(m.files.map((f) => [f.dialect, f.encoding, f.bom])).toEqual([['w2016', 'utf-16le', true], ['w2016', 'utf-8', false], ['w2016', 'utf-8', false]]);
    expect(m.scenario.nodes.some((n) => Math.abs(n.clockOffsetMs) >= 100)).toBe(true);
    expect(m.files.reduce((n, f) => n + f.bytes, 0)).toBeLessThan(1.5e6);
    for (const f of m.files) expect(f.lines).toBeGreaterThan(1500);
  });
});

describe('cli', () => {
  it('parses sizes', () => {
    expect(parseSize('300MB')).toBe(300 * 1024 ** 2);
    expect(parseSize('1.5 GB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('64kb')).toBe(65536);
    expect(() => parseSize('lots')).toThrow();
  });

  it('generate writes files and returns 0; bad options return 2', async () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const code = await runGenerate(['--out', join(tmp, 'cli'), '--seed', '7', '--names', 'ALPHA,BRAVO,CHARLIE', '--dialect', 'w2003',
        '--pasted', '--eol', 'lf', '--clock-offsets', '0,350,-1200', '--size', '200KB']);
      expect(code).toBe(0);
      expect(out.join('')).toMatch(/ALPHA_cluster\.log\tALPHA\tw2003 pasted\twindows-1252\tlf\t/);
      const m = JSON.parse(readFileSync(join(tmp, 'cli', 'manifest.json'), 'utf8'));
      for (const f of m.files) expect(Math.abs(f.bytes - 204800) / 204800).toBeLessThan(0.03);
      expect(await runGenerate(['--seed', '1'])).toBe(2);
      expect(await runGenerate(['--out', join(tmp, 'x'), '--dialect', 'w2099'])).toBe(2);
      expect(await runGenerate(['--out', join(tmp, 'x'), '--dialect', 'w2003', '--local-time', '-420'])).toBe(2);
      expect(await runGenerate(['--out', join(tmp, 'x'), '--bogus'])).toBe(2);
    } finally {
      process.stdout.write = write;
      process.stderr.write = err;
    }
  });
});
