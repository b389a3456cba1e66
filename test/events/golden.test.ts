// Events recognized in the hand-built golden fixtures (real lines from formats.md), checked
// against expectations written by hand from formats.md, through the CLI's own pipeline.
import { describe, expect, it } from 'vitest';
import { eventRecord, eventsOf } from '../../src/cli/events.ts';
import { indexPath } from '../../src/cli/read-file.ts';

const FIX = new URL('../fixtures/clusterlog/', import.meta.url).pathname;
function records(...names: string[]) {
  const ev = eventsOf(names.map((n) => indexPath(FIX + n)));
  return { ...ev, recs: ev.events.map(eventRecord) };
}
const at = (recs: Record<string, unknown>[], line: number) => recs.find((r) => r.line === line);

describe('events of the golden fixtures', () => {
  it('WS2016: the channel lines, the group move with its embedded local time, the Verbose quorum loss', () => {
    const { recs, names } = records('w2016.log');
    expect(at(recs, 22)).toMatchObject({ t: '2017-10-23T21:01:11.623Z', node: 'ze-2016-v1', family: 'group', kind: 'role-failed', channel: 'System', group: 'ag1023', verified: true });
    expect(at(recs, 28)).toMatchObject({ kind: 'failover-attempt', channel: 'Operational', from: 'ze-2016-v1', to: 'ze-2016-v2', subject: 'ze-2016-v2' });
    // lastFailoverTime is local (PDT, the header's 420 minutes): it is the 1205 failure above, 2 ms apart.
    expect(at(recs, 48)).toMatchObject({
      kind: 'group-move', group: 'ag1023', from: 'ze-2016-v2', to: 'ze-2016-v1', fromId: 1, toId: 2, moveType: 'Manual', failoverCount: 2,
      lastFailoverTime: '2017/10/23-14:01:11.621', lastFailoverTimeUtc: '2017-10-23T21:01:11.621Z', lastFailoverTimeNote: 'converted', subject: 'ze-2016-v1',
    });
    expect(at(recs, 41)).toMatchObject({ kind: 'quorum-lost', channel: 'Verbose', members: [2] });
    expect(at(recs, 25)).toMatchObject({ kind: 'service-fatal', code: 5050, codeName: 'ERROR_CLUSTER_NODE_DOWN' });
    // Dest:-1 names no node: no subject.
    expect(at(recs, 44)).toMatchObject({ kind: 'group-move-request', dest: -1 });
    expect(at(recs, 44)!.subject).toBeUndefined();
    expect(names.nodeName(1)).toBe('ze-2016-v2');
    expect(names.nodeName(2)).toBe('ze-2016-v1');
    // The continuation lines of the 40-percent event are not events of their own.
    expect(recs.filter((r) => r.line === 30 || r.line === 31)).toEqual([]);
  });

  it('WS2000: codes decoded by object type and as Win32 errors', () => {
    const { recs } = records('w2000.log');
    expect(at(recs, 12)).toMatchObject({ kind: 'join-failed', sponsorAddress: '172.16.64.2', status: 1722, codeName: 'RPC_S_SERVER_UNAVAILABLE' });
    expect(at(recs, 16)).toMatchObject({ kind: 'resource-state', state: 129, stateName: 'ClusterResourceOnlinePending', status: 997, codeName: 'ERROR_IO_PENDING' });
    expect(at(recs, 18)).toMatchObject({ kind: 'node-removed', subject: 'node 2', code: 5, codeName: 'ERROR_ACCESS_DENIED' });
    expect(recs.every((r) => r.node === 'NODE1')).toBe(true);
  });

  it('WS2022 in local time: the join failure and the farthest progress, its embedded time shown as written', () => {
    const { recs } = records('w2022-localtime.log');
    expect(at(recs, 14)).toMatchObject({ node: 'sqlnode02', kind: 'join-failed', subject: 'sqlnode01', peer: 1, status: 10060, codeName: 'WSAETIMEDOUT' });
    const p = at(recs, 15)!;
    expect(p).toMatchObject({ kind: 'join-progress', subject: 'sqlnode01', stage: 'Attempt Initial Connection', at: '2024/08/08-07:56:41.153', atNote: 'zone unknown' });
    // No source says which zone `at time` is in (formats.md B.1.1 quotes it from R9 only): it is never converted.
    expect(p.atUtc).toBeNull();
  });

  it('two files of different clusters: a name written on the line beats the dictionary', () => {
    const { recs } = records('w2016.log', 'w2022-localtime.log');
    expect(recs.find((r) => r.kind === 'join-progress')).toMatchObject({ subject: 'sqlnode01' });
  });

  it('every event points at a real line of its file', () => {
    for (const f of ['w2016.log', 'w2012r2.log', 'w2000.log', 'w2003.log', 'w2022-localtime.log', 'w2012r2-startup.log', 'pasted-blog.txt']) {
      const file = indexPath(FIX + f);
      const ev = eventsOf([file]);
      for (const e of ev.events) {
        expect(e.ref.line).toBeLessThan(file.facts.lines);
        expect(file.lineText(e.ref.line).length).toBeGreaterThan(0);
        expect(e.ref.offset).toBe(file.columns.offset[e.ref.line]);
      }
    }
  });
});
