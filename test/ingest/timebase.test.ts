// Time base per file (formats.md A.8, A.3, A.6.2): columns.ts always holds the time as
// written; summary.firstTime/lastTime apply the base (local: UTC = written - utcOffsetMinutes).
import { describe, expect, it } from 'vitest';
import { indexBytes, summarize } from '../../src/ingest/index.ts';
import { fixtureText, utf8 } from '../helpers/clusterlog.ts';

function run(text: string, name = 'x.log', extra: Record<string, unknown> = {}) {
  const f = indexBytes(utf8(text), { name, path: name, ...extra });
  return { f, s: summarize(f) };
}

const HEADER_420 = [
  '[=== Cluster ===]',
  'Build Number 14393',
  'UTC = localtime + time zone offset; the time zone offset of this machine is 420 minutes, or 7 hours',
];
const LOGS = [
  '[=== Cluster Logs ===]',
  '00001214.00001884::2017/10/23-14:00:00.000 INFO  [RCM] rcm::RcmApi::MoveGroup: (Group:ag1023 Dest:-1 Flags:0 MoveType:MoveType::Manual Cur.State:Online, ContextSize:0)',
  '00001214.00001884::2017/10/23-14:52:25.229 INFO  [RCM] rcm::RcmGroup::Move: (ag1023, 2, MoveType::Manual)',
];
const join = (l: string[]) => `${l.join('\r\n')}\r\n`;

describe('time base', () => {
  it('2016 header with the offset line, no local-time flag: utc, offset -420, times unchanged', () => {
    const { f, s } = run(join([...HEADER_420, 'Current node: name (ze-2016-v1) id (2)', '', ...LOGS]));
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['utc', -420]);
    expect(f.facts.timeBase.source).toBe('header');
    expect(s.firstTime).toBe('2017-10-23T14:00:00.000Z');
    expect(s.lastTime).toBe('2017-10-23T14:52:25.229Z');
  });

  it('2016 header with "The logs were generated using local time": local, UTC = written + 7 h', () => {
    const { f, s } = run(join([...HEADER_420, 'The logs were generated using local time', 'Current node: name (ze-2016-v1) id (2)', '', ...LOGS]));
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['local', -420]);
    expect(s.firstTime).toBe('2017-10-23T21:00:00.000Z');
    expect(s.lastTime).toBe('2017-10-23T21:52:25.229Z');
    // the column keeps the time as written
    const first = Array.from(f.columns.ts).find((t) => !Number.isNaN(t));
    expect(first).toBe(Date.UTC(2017, 9, 23, 14, 0, 0, 0));
    expect(f.facts.firstWritten).toBe(Date.UTC(2017, 9, 23, 14, 0, 0, 0));
  });

  it('2016 local time east of UTC (offset -330 min in the header): UTC = written - 5:30, across midnight', () => {
    const header = [
      '[=== Cluster ===]',
      'UTC = localtime + time zone offset; the time zone offset of this machine is -330 minutes, or -5.5 hours',
      'The logs were generated using local time',
    ];
    const logs = ['[=== Cluster Logs ===]', '00003948.00003a38::2024/08/08-03:10:05.236 INFO  ---+ LOG BEGIN +---'];
    const { s } = run(join([...header, '', ...logs]));
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['local', 330]);
    expect(s.firstTime).toBe('2024-08-07T21:40:05.236Z');
  });

  it('2016+ file without header (only the Cluster Logs section): utc, offset unknown', () => {
    const { s } = run(join(LOGS));
    expect(s.dialect).toBe('w2016');
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['utc', null]);
    expect(s.firstTime).toBe('2017-10-23T14:00:00.000Z');
  });

  it('2008-2012 R2 (ETW era): assumed-utc, offset null, times unchanged', () => {
    const { s } = run(fixtureText('w2012r2.log'), 'w2012r2.log');
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['assumed-utc', null]);
    expect(s.firstTime).toBe('2014-06-10T07:54:34.099Z');
  });

  it('user override on a 2012 R2 file: local +120 min => UTC = written - 2 h', () => {
    const { f, s } = run(fixtureText('w2012r2.log'), 'w2012r2.log', { timeBase: { base: 'local', utcOffsetMinutes: 120 } });
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['local', 120]);
    expect(f.facts.timeBase.source).toBe('user');
    expect(s.firstTime).toBe('2014-06-10T05:54:34.099Z');
    expect(s.lastTime).toBe('2018-10-18T17:17:46.804Z');
  });

  it('W2000: utc (GMT per the Resource Kit), offset unknown', () => {
    const { s } = run(fixtureText('w2000.log'), 'w2000.log');
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['utc', null]);
    expect(s.firstTime).toBe('1999-06-09T18:00:18.874Z');
  });

  it('W2003 "Local Time is" line: offset = local - record time, rounded to 15 min (fixture: -420)', () => {
    const { f, s } = run(fixtureText('w2003.log'), 'w2003.log');
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['utc', -420]);
    expect(f.facts.timeBase.source).toBe('local-time-line');
    expect(s.firstTime).toBe('2002-06-08T22:49:47.360Z'); // the record times are GMT: unchanged
  });

  it('W2003 "Local Time is" east of UTC, 7 s off the quarter hour: rounds to +330', () => {
    const text = join([
      '00000a20.00000a24::2002/06/08-10:19:40.100 INFO Local Time is 2002/06/08-15:49:47.375',
      '00000a20.00000a24::2002/06/08-10:19:40.100 INFO [CS] Service Starting...',
    ]);
    const { s } = run(text);
    expect(s.dialect).toBe('w2003');
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['utc', 330]);
    expect(s.firstTime).toBe('2002-06-08T10:19:40.100Z');
  });

  it('W2003 without a "Local Time is" line: utc, offset unknown', () => {
    const text = join([
      '00000a34.00000a3c::2002/06/08-22:49:49.025 WARN [RM] RmpInsertResourceList failed, returned 234',
      '00000a34.00000a3c::2002/06/08-22:49:49.025 ERR [RM] Failed creating resource d98b79b2-70e8-4762-a836-215b13ef2965, error 234.',
      '00000644.00000944::2003/11/30-18:11:30.360 SQL Server <SQLServer>: [sqsrvres] OnlineThread: Error d bringing resource online.',
    ]);
    const { s } = run(text);
    expect(s.dialect).toBe('w2003');
    expect([s.timeBase, s.utcOffsetMinutes]).toEqual(['utc', null]);
  });
});
