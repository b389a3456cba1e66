// R1's death-timer line, stamped 21:17:42.347 in a `-UseLocalTime` log, writes the UTC time
// 2020/05/12-01:17:42.347: the log is in local time, UTC−04:00.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../cli/events.ts';
import { NO_ZONE_WARNING } from '../ingest/facts.ts';
import { indexBytes } from '../ingest/index.ts';
import { applyTimeBaseProposal } from './timebase-evidence.ts';

const FIX = new URL('../../test/fixtures/incident-2node/', import.meta.url).pathname;
const read = (folder: string) => readFileSync(`${FIX}${folder}/Cluster.log`, 'latin1');
const index = (text: string) => indexBytes(new TextEncoder().encode(text), { name: 'Cluster.log', path: 'Cluster.log' });

describe('time base from a UTC time written in a line', () => {
  it('the death timer line of a local-time log: local, −04:00, with the line as the reason', () => {
    const f = index(read('second'));
    expect(f.facts.timeBase.base).toBe('assumed-utc');
    expect(f.facts.warnings).toContain(NO_ZONE_WARNING);
    const ev = eventsOf([f]);
    expect(f.facts.timeBase).toMatchObject({ base: 'local', utcOffsetMinutes: -240, source: 'embedded-utc' });
    expect(f.facts.timeBase.reason).toMatch(/^line 7 \(death-timer-started at 2020\/05\/12-01:17:42\.347, a UTC time\) is stamped 2020-05-11 21:17:42\.347: the log is in local time, UTC-04:00$/);
    expect(f.facts.warnings).not.toContain(NO_ZONE_WARNING);
    // Every event moves by the offset: the death timer line is at its own UTC time now.
    const death = ev.events.find((e) => e.rec === 'quorum.death-timer-started')!;
    expect(new Date(death.t).toISOString()).toBe('2020-05-12T01:17:42.347Z');
    // Its embedded time is UTC as written, whatever the log's base; the move's lastFailoverTime is the 1601 'never'.
    expect(death.times).toEqual([{ field: 'at', written: '2020/05/12-01:17:42.347', zone: 'utc', utc: Date.UTC(2020, 4, 12, 1, 17, 42, 347), note: 'utc' }]);
    const move = ev.events.find((e) => e.rec === 'group.move');
    expect(move?.times.map((t) => t.note)).toEqual(['never']);
  });

  it('in a UTC log the written time and the stamp agree: utc', () => {
    // The same lines, stamped in UTC (four hours later; past midnight the date turns).
    const shifted = read('second').replace(/2020\/05\/11-21:(\d\d:\d\d\.\d{3})/g, '2020/05/12-01:$1');
    const f = index(shifted);
    eventsOf([f]);
    expect(f.facts.timeBase).toMatchObject({ base: 'utc', utcOffsetMinutes: 0, source: 'embedded-utc' });
  });

  it('a stamp that is no whole quarter hour from the written time proves nothing', () => {
    const f = index(read('second').replace('2020/05/12-01:17:42.347', '2020/05/12-01:19:12.347'));
    eventsOf([f]);
    expect(f.facts.timeBase.source).toBe('dialect');
    expect(f.facts.warnings).toContain(NO_ZONE_WARNING);
  });

  it('a header, a Local Time is line or the user win over it; a proposal taken back restores the assumption', () => {
    const f = index(read('second'));
    f.facts.timeBase = { ...f.facts.timeBase, base: 'utc', utcOffsetMinutes: 60, source: 'user' };
    applyTimeBaseProposal(f.facts, { base: 'local', utcOffsetMinutes: -240, line: 6, reason: 'x', agree: 1, disagree: 0 });
    expect(f.facts.timeBase).toMatchObject({ base: 'utc', utcOffsetMinutes: 60, source: 'user' });
    const g = index(read('second'));
    applyTimeBaseProposal(g.facts, { base: 'local', utcOffsetMinutes: -240, line: 6, reason: 'x', agree: 1, disagree: 0 });
    expect(g.facts.timeBase.source).toBe('embedded-utc');
    applyTimeBaseProposal(g.facts, null);
    expect(g.facts.timeBase).toMatchObject({ base: 'assumed-utc', utcOffsetMinutes: null, source: 'dialect' });
    expect(g.facts.warnings).toContain(NO_ZONE_WARNING);
  });
});

describe('time base of a log whose own lines say nothing', () => {
  it('takes that of the other node\'s log when their written times overlap, with the reason', () => {
    const a = index(read('first'));
    const b = index(read('second'));
    const ev = eventsOf([a, b]);
    expect(a.facts.timeBase).toMatchObject({ base: 'local', utcOffsetMinutes: -240, source: 'embedded-utc' });
    expect(a.facts.timeBase.reason).toMatch(/^no line of its own says; the log of SVR13, whose written times overlap this one's, is in local time, UTC-04:00 \(its line 7\)/);
    // Both nodes on one UTC axis: SVR12 loses quorum 9.562 s after SVR13's death timer started.
    const lost = ev.events.find((e) => e.node === 'SVR12' && e.kind === 'quorum-lost')!;
    const death = ev.events.find((e) => e.node === 'SVR13' && e.kind === 'death-timer')!;
    expect(new Date(lost.t).toISOString()).toBe('2020-05-12T01:17:51.909Z');
    expect(lost.t - death.t).toBe(9562);
  });
  it('not when their written times are apart', () => {
    const a = index(read('first').replace(/2020\/05\/11/g, '2020/05/01'));
    const b = index(read('second'));
    eventsOf([a, b]);
    expect(a.facts.timeBase.source).toBe('dialect');
  });
});
