import { describe, expect, it } from 'vitest';
import { correlate } from './index.ts';
import { Lines } from '../../../test/helpers/correlate-events.ts';

const online = (L: Lines, t: number, node: string, group: string) =>
  L.ev(t, node, 'group-state', { group, from: 'Pending', to: 'Online' }, { channel: 'Operational' });

const move = (L: Lines, t: number, node: string, group: string, from: [string, number], to: [string, number], type: string) =>
  L.ev(t, node, 'group-move', {
    group, from: from[0], fromId: from[1], to: to[0], toId: to[1], moveType: `MoveType::${type}`, failoverCount: 1,
    lastFailoverTime: '2024/08/07-12:00:00.000',
  });

const downView = (L: Lines, t: number, node: string, local: number, viewId: string, members: number[], downers: number[], subjects: string[]) =>
  L.ev(t, node, 'view-change', {
    local, joiners: [], downers, viewId, members, oldViewId: '1101', oldMembers: [1, 2, 3], joiner: false, form: false,
  }, { subject: subjects[0], ...(subjects.length > 1 ? { subjects } : {}) });

describe('group moves', () => {
  it('NodeDown move that writes the target twice: the source is the previous owner', () => {
    const L = new Lines();
    const m = correlate([
      online(L, 1000, 'B', 'ag1'),
      downView(L, 50_000, 'A', 1, '1301', [1, 3], [2], ['B']),
      move(L, 56_000, 'A', 'ag1', ['A', 1], ['A', 1], 'NodeDown'),
    ], []);
    expect(m.moves).toHaveLength(1);
    expect(m.moves[0]).toMatchObject({
      group: 'ag1', t: 56_000, to: 'A', loggedFrom: 'A', from: 'B', sourceFrom: 'owner-series', failover: true,
      moveType: 'MoveType::NodeDown', failoverCount: 1, lastFailoverTime: '2024/08/07-12:00:00.000',
    });
  });

  it('without an owner series, the downers of the view change before the move give the source', () => {
    const L = new Lines();
    const m = correlate([
      // The lost node's own singleton view (downers = the survivors) must not be the one used.
      downView(L, 50_000, 'A', 1, '1301', [1, 3], [2], ['B']),
      downView(L, 50_100, 'B', 2, '1302', [2], [1, 3], ['A', 'C']),
      move(L, 56_000, 'A', 'ag1', ['A', 1], ['A', 1], 'NodeDown'),
    ], []);
    expect(m.moves[0]).toMatchObject({ from: 'B', sourceFrom: 'downers', failover: true });
  });

  it('a failover with no owner and no view before it has an unknown source', () => {
    const L = new Lines();
    const m = correlate([move(L, 56_000, 'A', 'ag1', ['A', 1], ['A', 1], 'NodeDown')], []);
    expect(m.moves[0]).toMatchObject({ from: null, loggedFrom: 'A', sourceFrom: 'unknown' });
  });

  it('a logged source that differs from the target is taken as written', () => {
    const L = new Lines();
    const m = correlate([
      online(L, 1000, 'C', 'ag1'),
      move(L, 56_000, 'A', 'ag1', ['B', 2], ['A', 1], 'NodeDown'),
    ], []);
    expect(m.moves[0]).toMatchObject({ from: 'B', sourceFrom: 'logged', failover: true });
  });

  it('a manual move is not a failover', () => {
    const L = new Lines();
    const m = correlate([move(L, 0, 'A', 'ag1', ['A', 1], ['C', 3], 'Manual')], []);
    expect(m.moves[0]).toMatchObject({ from: 'A', to: 'C', sourceFrom: 'logged', failover: false });
  });

  it('lines of one move (RCM + Operational failover attempt) merge, names compared case-blind', () => {
    const L = new Lines();
    const m = correlate([
      move(L, 56_000, 'A', 'ag1', ['A', 1], ['A', 1], 'NodeDown'),
      L.ev(56_002, 'A', 'failover-attempt', { group: 'ag1', from: 'b', to: 'a' }, { channel: 'Operational' }),
      L.ev(58_000, 'B', 'heartbeat-missed', {}),
    ], []);
    expect(m.moves).toHaveLength(1);
    expect(m.moves[0]).toMatchObject({ from: 'B', sourceFrom: 'logged', failover: true, nodes: ['A'] });
    expect(m.moves[0].refs).toHaveLength(2);
  });

  it('owner series: moves and Online transitions, repeats dropped', () => {
    const L = new Lines();
    const m = correlate([
      online(L, 1000, 'B', 'ag1'),
      online(L, 2000, 'B', 'ag1'),
      move(L, 56_000, 'A', 'ag1', ['B', 2], ['A', 1], 'NodeDown'),
      online(L, 59_000, 'A', 'ag1'),
    ], []);
    const g = m.groups.find((x) => x.group === 'ag1')!;
    expect(g.owners.map((o) => [o.t, o.owner, o.source])).toEqual([[1000, 'B', 'online'], [56_000, 'A', 'move']]);
    expect(g.points.map((p) => [p.t, p.state, p.node])).toEqual([[1000, 'Online', 'B'], [59_000, 'Online', 'A']]);
  });
});
