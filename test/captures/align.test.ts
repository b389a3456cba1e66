// A capture's time base from its alignment: the user's parts over the proposal, a lost hour or a
// relative capture's start given with the date, and the raw side of the toggle.
import { describe, expect, it } from 'vitest';
import { alignedTimeBase, hostMayName, nodeFromHosts, parseDate, type AlignmentProposal } from '../../src/sources/align.ts';
import type { FileFacts } from '../../src/ingest/types.ts';
import { toUtcShift } from '../../src/ingest/timebase.ts';

const proposal: AlignmentProposal = { dateMs: Date.UTC(2020, 4, 11), utcOffsetMinutes: -240, fineMs: 2.5, confidence: 0.95, reasons: ['x'] };

describe('capture alignment', () => {
  it('reads a date, a date with the hour a mangled export lost, and a relative capture\'s start', () => {
    expect(parseDate('2020-05-11')).toBe(Date.UTC(2020, 4, 11));
    expect(parseDate('2020-05-11 21:00')).toBe(Date.UTC(2020, 4, 11, 21));
    expect(parseDate('2020-05-11T21:17:41.9')).toBe(Date.UTC(2020, 4, 11, 21, 17, 41, 900));
    for (const bad of ['11.05.2020', '2020-13-01', '2020-05-11 24:00', '']) expect(parseDate(bad), bad).toBeNull();
  });

  it('takes each part the user gives over the proposal, and shows it as written on the raw side', () => {
    expect(alignedTimeBase(proposal, undefined)).toMatchObject({ base: 'local', utcOffsetMinutes: -240, dateMs: Date.UTC(2020, 4, 11), skewMs: 2.5, source: 'capture-node' });
    expect(alignedTimeBase(proposal, { fineMs: 1000 })).toMatchObject({ utcOffsetMinutes: -240, skewMs: 1000, source: 'user' });
    expect(alignedTimeBase(proposal, { date: '2020-05-11 21:00' }).dateMs).toBe(Date.UTC(2020, 4, 11, 21));
    const raw = alignedTimeBase(proposal, { fineMs: 1000, raw: true });
    expect(raw).toMatchObject({ base: 'local', utcOffsetMinutes: null, skewMs: 0, dateMs: Date.UTC(2020, 4, 11), source: 'user' });
    // As written: the written time of day on its date, nothing added.
    expect(toUtcShift(raw)).toBe(Date.UTC(2020, 4, 11));
    // UTC and epoch times need no offset (the node's is kept to show local times).
    expect(alignedTimeBase(proposal, undefined, 'epoch')).toMatchObject({ base: 'utc', utcOffsetMinutes: -240 });
  });
});

describe('a capture\'s node from its rows\' host', () => {
  const cap = (hosts: { name: string; rows: number }[]) => ({ capture: { hosts } } as unknown as Pick<FileFacts, 'capture'>);
  const logs = [
    { name: 'SVR12', node: 'SVR12', what: 'its node name' },
    { name: '10.10.10.24', node: 'SVR13', what: "SVR13's route line 2" },
  ];
  it('matches a name (short or fully qualified) or an address; two machines alone together are not told apart', () => {
    expect(nodeFromHosts(cap([{ name: 'svr12.contoso.com', rows: 40 }]), logs)?.node).toBe('SVR12');
    expect(nodeFromHosts(cap([{ name: '10.10.10.24', rows: 90 }, { name: '10.10.10.23', rows: 45 }]), logs)).toEqual({ node: 'SVR13', where: "its rows' own 10.10.10.24 (90 rows) is SVR13's address (SVR13's route line 2)" });
    expect(nodeFromHosts(cap([{ name: '10.10.10.24', rows: 50 }, { name: '10.10.10.23', rows: 50 }]), logs)).toBeNull();
    expect(nodeFromHosts(cap([{ name: 'OTHERHOST', rows: 9 }]), logs)).toBeNull();
  });
});

describe('when a capture\'s rows may name its node', () => {
  const facts = (source: 'folder' | 'file-name' | 'header' | 'user' | null, name = 'case42') => ({
    capture: {}, nodeSource: source, node: source ? name : null,
    nodeEvidence: source && source !== 'user' ? [{ source, name, where: 'x' }] : [],
  } as unknown as FileFacts);
  it('when nothing names it, or only a path guess no log has as its node; never over the user', () => {
    const logs = new Set(['svr12']);
    expect(hostMayName(facts(null), logs)).toBe(true);
    expect(hostMayName(facts('folder'), logs)).toBe(true);
    expect(hostMayName(facts('file-name'), logs)).toBe(true);
    expect(hostMayName(facts('file-name', 'SVR12'), logs)).toBe(false);
    expect(hostMayName(facts('user', 'SVR12'), logs)).toBe(false);
  });
});
