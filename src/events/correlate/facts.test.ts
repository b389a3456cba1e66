import { describe, expect, it } from 'vitest';
import { clusterRecords, correlate } from './index.ts';
import { evenFile, Lines } from '../../../test/helpers/correlate-events.ts';

describe('facts', () => {
  it('the same node removal logged by two survivors is one fact with both observations', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(1000, 'A', 'node-removed', { node: 'B' }, { subject: 'B', channel: 'System' }),
      L.ev(1015, 'C', 'node-removed', { node: 'b' }, { subject: 'b', channel: 'System' }),
      L.ev(1020, 'B', 'node-removed', { node: 'A' }, { subject: 'A', channel: 'System' }),
    ], []);
    const removed = m.facts.filter((f) => f.kind === 'node-removed');
    expect(removed.map((f) => [f.subject, f.t, f.observations.map((o) => o.node)])).toEqual([['B', 1000, ['A', 'C']], ['A', 1020, ['B']]]);
  });

  it('main log and [Verbose] copy of one line merge; the main log\u2019s fields are kept', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(500, 'A', 'quorum-lost', { members: [1], via: 'verbose' }, { channel: 'Verbose' }),
      L.ev(500, 'A', 'quorum-lost', { members: [1], via: 'main' }),
    ], []);
    expect(m.facts).toHaveLength(1);
    expect(m.facts[0].fields.via).toBe('main');
    expect(m.facts[0].observations.map((o) => o.channel)).toEqual(['Verbose', '']);
  });

  it('observations further apart than the merge window are separate facts', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'quorum-lost', {}),
      L.ev(1500, 'B', 'quorum-lost', {}),
    ], []);
    expect(m.facts).toHaveLength(2);
    expect(correlate([L.ev(0, 'A', 'quorum-lost', {}), L.ev(1500, 'B', 'quorum-lost', {})], [], { mergeWindowMs: 2000 }).facts).toHaveLength(1);
  });

  it('view changes merge by view id, group moves by group and target', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'view-change', { viewId: '1301', members: [1, 3] }),
      L.ev(8, 'C', 'view-change', { viewId: '1301', members: [1, 3] }),
      L.ev(50, 'B', 'view-change', { viewId: '1302', members: [2] }),
      L.ev(5000, 'A', 'group-move', { group: 'ag1', from: 'A', to: 'A' }),
      L.ev(5001, 'A', 'failover-attempt', { group: 'ag1', from: 'B', to: 'A' }, { channel: 'Operational' }),
    ], []);
    expect(m.facts.map((f) => [f.kind, f.observations.length])).toEqual([['view-change', 2], ['view-change', 1], ['group-move', 1], ['failover-attempt', 1]]);
  });

  it('per-node facts of other kinds do not merge across nodes or routes', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'heartbeat-missed', { local: '1:~3343~', remote: '2:~3343~' }),
      L.ev(1, 'A', 'heartbeat-missed', { local: '1:3343', remote: '2:3343' }),
      L.ev(2, 'A', 'heartbeat-missed', { local: '1:3343', remote: '3:3343' }),
      L.ev(3, 'C', 'heartbeat-missed', { local: '1:3343', remote: '2:3343' }),
    ], []);
    expect(m.facts.map((f) => f.observations.length)).toEqual([2, 1, 1]);
  });
});

describe('clusterRecords', () => {
  it('flattens every item with its type, numeric times and 1-based line refs', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(1000, 'A', 'join-stage', { localId: 1, peer: 2, stage: 'Listen for Connection' }, { subject: 'B' }),
      L.ev(2000, 'A', 'view-change', { localId: 1, viewId: '201', members: [1, 2], joiners: [2], downers: [] }),
      L.ev(3000, 'A', 'group-move', { group: 'g', from: 'B', to: 'A', moveType: 'MoveType::Manual' }),
      L.ev(4000, 'A', 'resource-state', { resource: 'r', to: 'Online' }),
      L.ev(5000, 'A', 'route-down', { local: 'x', remote: 'y' }),
      L.ev(6000, 'A', 'service-start', {}),
    ], [evenFile('A', 0, 200_000, 1000, [[10_000, 100_000]])]);
    const recs = clusterRecords(m);
    const types = new Set(recs.map((r) => r.type));
    for (const t of ['join', 'view', 'membership', 'move', 'resource-series', 'group-series', 'route-series', 'session', 'no-data', 'fact']) expect(types).toContain(t);
    const join = recs.find((r) => r.type === 'join')!;
    expect(join).toMatchObject({ start: 1000, refs: [{ file: 'A_cluster.log', line: 1 }] });
    expect(JSON.parse(JSON.stringify(recs))).toEqual(recs);
  });
});
