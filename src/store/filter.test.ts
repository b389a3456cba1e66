import { describe, expect, it } from 'vitest';
import { indexBytes } from '../ingest/index.ts';
import { Level } from '../base/levels.ts';
import { buildView, severityOf } from './filter.ts';
import { mergeRuns } from './merge.ts';

const SYSTEM = [
  '[=== System ===]',
  "[System] 00000844.00000d34::2017/10/23-21:20:11.225 DBG   Cluster node 'ze-2016-v1' was removed from the active failover cluster membership. The Cluster service on this node may have stopped.",
  '[System] 00000844.00000d34::2017/10/23-21:20:11.233 DBG   The Cluster service is shutting down because quorum was lost. This could be due to the loss of network connectivity.',
  'Run the Validate a Configuration wizard to check your network configuration.',
  '[=== Cluster Logs ===]',
  '00001214.00001884::2017/10/23-21:20:11.300 INFO  [RCM] Res ag1023: Online -> WaitingToGoOffline( StateUnknown )',
  '00001214.00001884::2017/10/23-21:20:11.400 ERR   [QUORUM] Node 2: Lost quorum (2)',
].join('\n');

function setup() {
  const f = indexBytes(new TextEncoder().encode(SYSTEM), { path: 'ze-2016-v2_cluster.log' });
  const runs = f.facts.sections.map((s) => ({ file: 0, start: s.firstLine, end: s.firstLine + s.lineCount }));
  const merged = mergeRuns([{ ts: f.columns.ts, shift: 0 }], runs);
  const file = (o: Partial<Parameters<typeof buildView>[1][number]> = {}) => ({
    ...f.columns, shift: 0, selected: true, compAllowed: null, hits: null, expanded: new Set<number>(), ...o,
  });
  return { f, merged, file };
}
const spec = { minLevel: 0, from: null, to: null, onlyHits: false, context: 0, expandAll: false };

describe('buildView', () => {
  it('a [System] DBG line about a removed node has severity CRIT (derived from its text)', () => {
    const { f } = setup();
    expect(f.columns.level[1] & 15).toBe(Level.DBG);
    expect(severityOf(f.columns.level[1])).toBe(Level.CRIT);
  });
  it('folds multi-line entries unless expanded', () => {
    const { f, merged, file } = setup();
    const lines = (v: ReturnType<typeof buildView>) => Array.from(v.pos.subarray(0, v.length), (p) => merged.line[p]);
    expect(lines(buildView(merged, [file()], spec))).not.toContain(3);
    expect(lines(buildView(merged, [file({ expanded: new Set([2]) })], spec))).toContain(3);
    expect(lines(buildView(merged, [file()], { ...spec, expandAll: true }))).toContain(3);
    void f;
  });
  it('minimum level uses the derived severity', () => {
    const { merged, file } = setup();
    const v = buildView(merged, [file()], { ...spec, minLevel: Level.ERR });
    expect(Array.from(v.pos.subarray(0, v.length), (p) => merged.line[p])).toEqual([1, 2, 6]);
  });
  it('only matching lines, with context rows around each hit', () => {
    const { f, merged, file } = setup();
    const hits = new Uint8Array(f.columns.length);
    hits[5] = 1;
    const v = buildView(merged, [file({ hits })], { ...spec, onlyHits: true, context: 1 });
    expect(Array.from(v.pos.subarray(0, v.length), (p) => merged.line[p])).toEqual([4, 5, 6]);
    expect(Array.from(v.hitRows)).toEqual([1]);
  });
  it('time range and components', () => {
    const { f, merged, file } = setup();
    const from = Date.UTC(2017, 9, 23, 21, 20, 11, 300);
    const v = buildView(merged, [file()], { ...spec, from, to: null });
    expect(Array.from(v.pos.subarray(0, v.length), (p) => merged.line[p])).toEqual([5, 6]);
    // The upper bound: 21:20:11.233 to 21:20:11.300 keeps the 1177 entry and the RCM line, drops the rest (inclusive at both ends).
    const to = Date.UTC(2017, 9, 23, 21, 20, 11, 300);
    const u = buildView(merged, [file()], { ...spec, from: Date.UTC(2017, 9, 23, 21, 20, 11, 233), to });
    expect(Array.from(u.pos.subarray(0, u.length), (p) => merged.line[p])).toEqual([2, 5]);
    const before = buildView(merged, [file()], { ...spec, from: null, to: Date.UTC(2017, 9, 23, 21, 20, 11, 232) });
    expect(Array.from(before.pos.subarray(0, before.length), (p) => merged.line[p])).toEqual([1]);
    const allowed = Uint8Array.from(f.facts.components, (c) => (c === 'RCM' ? 1 : 0));
    const w = buildView(merged, [file({ compAllowed: allowed })], spec);
    expect(Array.from(w.pos.subarray(0, w.length), (p) => merged.line[p])).toEqual([5]);
  });
});
