import { describe, expect, it } from 'vitest';
import { correlate } from './index.ts';
import { roleOf } from './joins.ts';
import { evenFile, Lines } from '../../../test/helpers/correlate-events.ts';

const stage = (L: Lines, t: number, node: string, local: number, peer: number, peerName: string, name: string) =>
  L.ev(t, node, 'join-stage', { local, peer, stage: name }, { subject: peerName });

describe('join spans', () => {
  it('pairs the joiner half and the listener half of one join', () => {
    const L = new Lines();
    const events = [
      stage(L, 1000, 'A', 1, 2, 'B', 'Listen for Connection'),
      stage(L, 1010, 'B', 2, 1, 'A', 'Attempt Initial Connection'),
      stage(L, 1040, 'B', 2, 1, 'A', 'Exchange Node Information'),
      stage(L, 1200, 'B', 2, 1, 'A', 'Verify Network Role'),
      stage(L, 1400, 'B', 2, 1, 'A', 'Wait for Heartbeats on Initial NetFT Route'),
      stage(L, 1450, 'A', 1, 2, 'B', 'Establish Connection over NetFT Adapter'),
      stage(L, 1480, 'A', 1, 2, 'B', 'Update NetFT Route'),
      stage(L, 2400, 'B', 2, 1, 'A', 'Wait for NetFT Duplicate Address Detection'),
      stage(L, 2800, 'A', 1, 2, 'B', 'Join Succeeded'),
      stage(L, 3600, 'B', 2, 1, 'A', 'Reporting Ready for Form/Join State Transfer'),
      stage(L, 4000, 'B', 2, 1, 'A', 'Join Succeeded'),
    ];
    const m = correlate(events.reverse(), []);
    expect(m.joins).toHaveLength(2);
    const a = m.joins.find((j) => j.node === 'A')!;
    const b = m.joins.find((j) => j.node === 'B')!;
    expect(a).toMatchObject({ peer: 'B', peerId: 2, role: 'listener', outcome: 'succeeded', start: 1000, end: 2800, pairedWith: b.id });
    expect(b).toMatchObject({ peer: 'A', peerId: 1, role: 'joiner', outcome: 'succeeded', start: 1010, end: 4000, pairedWith: a.id });
    expect(b.stages.map((s) => s.stage)).toEqual([
      'Attempt Initial Connection', 'Exchange Node Information', 'Verify Network Role', 'Wait for Heartbeats on Initial NetFT Route',
      'Wait for NetFT Duplicate Address Detection', 'Reporting Ready for Form/Join State Transfer', 'Join Succeeded',
    ]);
    expect(b.refs).toHaveLength(7);
  });

  it('a failed attempt ends its span; the retry is a new span that pairs, the failed one does not', () => {
    const L = new Lines();
    const events = [
      L.ev(21_000, 'B', 'join-failed', { localId: 2, peer: 1, stage: 'Attempt Initial Connection', status: 10060, reason: 'Failed to connect to remote endpoint 10.0.0.1:~3343~' }, { subject: 'A' }),
      L.ev(21_004, 'B', 'join-progress', { localId: 2, peer: 1, peerName: 'a', stage: 'Attempt Initial Connection', status: 10060 }, { subject: 'A' }),
      stage(L, 25_000, 'A', 1, 2, 'B', 'Listen for Connection'),
      stage(L, 25_010, 'B', 2, 1, 'A', 'Attempt Initial Connection'),
      stage(L, 25_500, 'A', 1, 2, 'B', 'Update NetFT Route'),
      stage(L, 26_000, 'A', 1, 2, 'B', 'Join Succeeded'),
      stage(L, 27_000, 'B', 2, 1, 'A', 'Join Succeeded'),
    ];
    const m = correlate(events, []);
    const b = m.joins.filter((j) => j.node === 'B');
    expect(b.map((j) => [j.id, j.outcome])).toEqual([['join:B>A#1', 'failed'], ['join:B>A#2', 'succeeded']]);
    expect(b[0].stages[0]).toMatchObject({ stage: 'Attempt Initial Connection', failed: true, status: 10060 });
    expect(b[0].notes.map((n) => n.kind)).toEqual(['join-progress']);
    expect(b[0].pairedWith).toBeNull();
    expect(b[1].pairedWith).toBe('join:A>B#1');
  });

  it('a farthest-progress line written just before the failure line still lands on the failed span', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(21_000, 'B', 'join-progress', { localId: 2, peer: 1, stage: 'Attempt Initial Connection', status: 10060 }, { subject: 'A' }),
      L.ev(21_003, 'B', 'join-failed', { localId: 2, peer: 1, stage: 'Attempt Initial Connection', status: 10060 }, { subject: 'A' }),
    ], []);
    expect(m.joins).toHaveLength(1);
    expect(m.joins[0]).toMatchObject({ outcome: 'failed', start: 21_003, notes: [{ kind: 'join-progress', t: 21_000 }] });
  });

  it('a failed stage after earlier stages ends that span; the next stage starts a new one', () => {
    const L = new Lines();
    const m = correlate([
      stage(L, 0, 'B', 2, 1, 'A', 'Attempt Initial Connection'),
      stage(L, 100, 'B', 2, 1, 'A', 'Exchange Node Information'),
      L.ev(5000, 'B', 'join-failed', { localId: 2, peer: 1, stage: 'Verify Network Role', status: 1460, reason: 'timeout' }, { subject: 'A' }),
      stage(L, 9000, 'B', 2, 1, 'A', 'Attempt Initial Connection'),
    ], [evenFile('B', 0, 60_000)]);
    expect(m.joins.map((j) => [j.outcome, j.start, j.end])).toEqual([['failed', 0, 5000], ['open', 9000, 60_000]]);
    expect(m.joins[0].stages.at(-1)).toMatchObject({ stage: 'Verify Network Role', failed: true, reason: 'timeout' });
  });

  it('a span still running at the end of the data is open until the node\u2019s data ends', () => {
    const L = new Lines();
    const m = correlate([stage(L, 1000, 'A', 1, 2, 'B', 'Listen for Connection')], [evenFile('A', 0, 30_000)]);
    expect(m.joins[0]).toMatchObject({ outcome: 'open', start: 1000, end: 30_000, role: 'listener' });
  });

  it('event 1062 (no peer) ends the node\u2019s open spans as succeeded', () => {
    const L = new Lines();
    const m = correlate([
      stage(L, 0, 'C', 3, 1, 'A', 'Attempt Initial Connection'),
      stage(L, 5, 'C', 3, 2, 'B', 'Attempt Initial Connection'),
      L.ev(4000, 'C', 'join-succeeded', { cluster: 'CL' }, { channel: 'Operational' }),
    ], []);
    expect(m.joins.map((j) => [j.peer, j.outcome, j.end])).toEqual([['A', 'succeeded', 4000], ['B', 'succeeded', 4000]]);
  });

  it('keeps unknown stage names as written (role unknown)', () => {
    const L = new Lines();
    const m = correlate([stage(L, 0, 'A', 1, 2, 'B', 'Some Future Stage')], []);
    expect(m.joins[0].stages[0].stage).toBe('Some Future Stage');
    expect(m.joins[0].role).toBe('unknown');
  });

  it('a Windows 2000 attempt is adopted by the sponsor the next line names', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'N1', 'join-attempt', { cluster: 'CLUSTER1' }),
      L.ev(10, 'N1', 'join-stage', { sponsorName: 'N2', stage: 'Ask sponsor' }),
      L.ev(30_000, 'N1', 'join-failed', { sponsorAddress: '172.16.64.2', step: 'JoinVersion', status: 1722, stage: 'Ask sponsor' }),
    ], []);
    expect(m.joins[0]).toMatchObject({ peer: 'N2', role: 'joiner', stages: [{ stage: 'Attempt to join' }, { stage: 'Ask sponsor' }] });
  });

  it('roles follow the stages a node logs', () => {
    const mk = (stage: string) => ({ stage, t: 0, failed: false, kind: 'join-stage', ref: { fileId: 0, file: '', line: 0 } });
    expect(roleOf([mk('Listen for Connection'), mk('Join Succeeded')])).toBe('listener');
    expect(roleOf([mk('Verify Network Role')])).toBe('joiner');
    expect(roleOf([mk('Verify Network Role'), mk('Update NetFT Route')])).toBe('unknown');
  });

  it('does not pair spans far apart in time', () => {
    const L = new Lines();
    const m = correlate([
      stage(L, 0, 'A', 1, 2, 'B', 'Listen for Connection'),
      stage(L, 500, 'A', 1, 2, 'B', 'Join Succeeded'),
      stage(L, 60_000, 'B', 2, 1, 'A', 'Attempt Initial Connection'),
      stage(L, 61_000, 'B', 2, 1, 'A', 'Join Succeeded'),
    ], []);
    expect(m.joins.every((j) => j.pairedWith === null)).toBe(true);
  });
});
