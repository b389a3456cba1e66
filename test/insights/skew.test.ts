// Clock skew from causal pairs (issue 13): on a generated cluster whose nodes' clocks are off by
// known amounts, each node's interval contains its true offset and is at most 50 ms wide; a pair
// that contradicts the others is reported, never averaged away.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../src/cli/events.ts';
import { indexPath } from '../../src/cli/read-file.ts';
import { CATALOGUE } from '../../src/formats/messages/index.ts';
import { clocksOf, correctionOf, estimateSkew, PAIR_KINDS, sayInterval } from '../../src/insights/skew.ts';
import { generateSilent } from '../helpers/generate-silent.ts';

const NAMES = ['N1', 'N2', 'N3', 'N4'];
const OFFSETS = [0, 350, -1200, 40];
let dir = '';
let events: ReturnType<typeof eventsOf>['events'] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clusterlens-skew-'));
  await generateSilent(dir, ['--seed', '9', '--names', NAMES.join(','), '--dialect', 'w2016', '--encoding', 'utf-8', '--size', '200KB', '--clock-offsets', OFFSETS.join(',')]);
  events = eventsOf(NAMES.map((n) => indexPath(join(dir, `${n}_cluster.log`)))).events;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clock skew from causal pairs', () => {
  it('pair kinds rest on catalogue kinds', () => {
    const kinds = new Set(CATALOGUE.map((r) => r.kind));
    for (const k of PAIR_KINDS) for (const x of k.kinds) expect(kinds.has(x), `${k.id}: ${x}`).toBe(true);
  });

  it('puts each node\'s known offset inside an interval at most 50 ms wide', () => {
    const truth = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const offsets: number[] = truth.scenario.nodes.map((n: { clockOffsetMs: number }) => n.clockOffsetMs);
    expect(offsets).toEqual(OFFSETS);
    const s = estimateSkew(events, NAMES);
    expect(s.conflict).toBeNull();
    expect(s.pairs).toBeGreaterThanOrEqual(2 * (NAMES.length - 1));
    const ref = NAMES.indexOf(s.reference!);
    expect(ref).toBeGreaterThanOrEqual(0);
    for (const n of s.nodes) {
      const want = OFFSETS[NAMES.indexOf(n.node)] - OFFSETS[ref];
      expect(n.lo, `${n.node}: ${sayInterval(n.lo, n.hi)} vs ${want}`).toBeLessThanOrEqual(want);
      expect(n.hi, `${n.node}: ${sayInterval(n.lo, n.hi)} vs ${want}`).toBeGreaterThanOrEqual(want);
      expect(n.hi - n.lo).toBeLessThanOrEqual(50);
      if (n.node !== s.reference) {
        // Each side rests on cited lines: a pair whose later line is on one node and earlier on another.
        expect(n.evidence.length).toBeGreaterThanOrEqual(2);
        for (const p of n.evidence) {
          expect(p.before.node).not.toBe(p.after.node);
          expect(p.before.line).toBeGreaterThan(0);
        }
      }
    }
  });

  it('keeps the raw skew visible once a correction is applied, and the correction removes it', () => {
    const raw = estimateSkew(events, NAMES);
    const refApplied = 0;
    const fix = new Map(raw.nodes.map((n) => [n.node, correctionOf({ ...n, applied: 0, shownLo: n.lo, shownHi: n.hi }, refApplied)!]));
    // The logs read again with each node's correction (the CLI's and the app's clockMs option).
    const fixed = eventsOf(NAMES.map((n) => indexPath(join(dir, `${n}_cluster.log`), { clockMs: fix.get(n) }))).events;
    const c = clocksOf(estimateSkew(fixed, NAMES), (n) => fix.get(n) ?? 0);
    for (const n of c.nodes) {
      const before = raw.nodes.find((x) => x.node === n.node)!;
      // Raw: the same interval as before the correction, whichever node is the reference.
      expect(n.hi - n.lo).toBeCloseTo(before.hi - before.lo, 6);
      // Shown: around zero, within the interval's width.
      expect(n.shownLo).toBeLessThanOrEqual(1);
      expect(n.shownHi).toBeGreaterThanOrEqual(-1);
      expect(n.applied).toBe(fix.get(n.node));
    }
  });

  it('pairs a view\'s proposal with its installs on the other nodes (one side each)', () => {
    const view = PAIR_KINDS.find((k) => k.id === 'view-install')!.find(events);
    expect(view.length).toBeGreaterThan(0);
    for (const p of view) {
      expect(p.before.node).not.toBe(p.after.node);
      expect(p.before.what).toMatch(/proposes view \d+/);
      // The true order holds once each node's known offset is taken off.
      const off = (n: string) => OFFSETS[NAMES.indexOf(n)];
      expect(p.after.t - off(p.after.node)).toBeGreaterThanOrEqual(p.before.t - off(p.before.node));
    }
  });

  it('reports pairs that contradict each other instead of an interval', () => {
    // Move one node's accepts 5 s earlier: its connections' orders can no longer all hold.
    const bent = events.map((e) => (e.node === 'N3' && e.kind === 'tcp-connection' ? { ...e, t: e.t - 5000 } : e));
    const s = estimateSkew(bent, NAMES);
    expect(s.conflict).not.toBeNull();
    expect(s.conflict!.length).toBeGreaterThan(0);
    expect(s.nodes).toEqual([]);
  });

  it('says nothing without pairs', () => {
    const s = estimateSkew(events.filter((e) => e.kind !== 'tcp-connection' && e.kind !== 'view-proposed'), NAMES);
    expect(s.reference).toBeNull();
    expect(s.nodes.every((n) => n.lo === -Infinity && n.hi === Infinity)).toBe(true);
    expect(sayInterval(-Infinity, Infinity)).toBe('unknown (no causal pair)');
    expect(sayInterval(-12.4, 30)).toBe('−12 ms to +30 ms');
  });
});
