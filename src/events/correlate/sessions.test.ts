import { describe, expect, it } from 'vitest';
import { correlate } from './index.ts';
import { evenFile, Lines } from '../../../test/helpers/correlate-events.ts';

describe('service sessions', () => {
  it('start, stop (stopping lines extend it), restart with a new PID, open at the end of the file', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'B', 'log-begin', {}, { pid: 100 }),
      L.ev(2, 'B', 'service-start', {}, { pid: 100 }),
      L.ev(5000, 'B', 'view-change', { viewId: '201', members: [1, 2] }, { pid: 100, family: 'membership' }),
      L.ev(10_000, 'B', 'service-stop', {}, { pid: 100 }),
      L.ev(10_500, 'B', 'quorum-lost', {}, { pid: 100, family: 'quorum' }),
      L.ev(70_000, 'B', 'log-begin', {}, { pid: 300 }),
    ], [evenFile('B', 0, 100_000)]);
    expect(m.sessions.map((s) => [s.pid, s.start, s.end, s.startKind, s.endKind])).toEqual([
      [100, 0, 10_500, 'log-begin', 'stop'],
      [300, 70_000, 100_000, 'log-begin', 'open'],
    ]);
    expect(m.sessions[0].endRef?.line).toBe(3);
  });

  it('a fatal error makes the end a crash, even while stopping', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'B', 'service-start', {}, { pid: 100 }),
      L.ev(1000, 'B', 'service-stop', {}, { pid: 100 }),
      L.ev(1100, 'B', 'service-fatal', { code: 5050 }, { pid: 100, channel: 'System' }),
    ], []);
    expect(m.sessions.map((s) => [s.endKind, s.end])).toEqual([['crash', 1100]]);
  });

  it('a stop line from RHS ends the running session, opens none; a shutdown reported about another node is ignored', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'log-begin', {}, { pid: 100 }),
      L.ev(500, 'A', 'service-stop', { node: 'B', reason: 'Shutdown' }, { pid: 100, subject: 'B' }),
      L.ev(2000, 'A', 'service-terminated', {}, { pid: 500 }),
      L.ev(2100, 'A', 'rhs-start', {}, { pid: 500 }),
    ], []);
    expect(m.sessions.map((s) => [s.pid, s.end, s.endKind])).toEqual([[100, 2000, 'stop']]);
    expect(m.rhs.map((p) => p.pid)).toEqual([500]);
  });

  it('a new clussvc PID without a start line starts a session; the old one ends at its last line', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'view-change', {}, { pid: 100, family: 'membership' }),
      L.ev(4000, 'A', 'route-down', {}, { pid: 100, family: 'network' }),
      // A resource line of another PID is RHS, not a new clussvc.
      L.ev(4500, 'A', 'resource-state', { resource: 'r', to: 'Online' }, { pid: 555 }),
      L.ev(9000, 'A', 'route-up', {}, { pid: 200, family: 'network' }),
    ], []);
    expect(m.sessions.map((s) => [s.pid, s.start, s.end, s.startKind, s.endKind])).toEqual([
      [100, 0, 4000, 'new-pid', 'next-start'],
      [200, 9000, 9000, 'new-pid', 'open'],
    ]);
  });

  it('RHS processes: PIDs of RHS lines and of resource lines that are not clussvc\u2019s', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'service-start', {}, { pid: 100 }),
      L.ev(100, 'A', 'rhs-start', {}, { pid: 500 }),
      L.ev(200, 'A', 'resource-state', { resource: 'r', to: 'Online' }, { pid: 100 }),
      L.ev(300, 'A', 'resource-failed', { resource: 'r' }, { pid: 500 }),
      L.ev(400, 'A', 'rhs-terminated', {}, { pid: 100, channel: 'System' }),
      L.ev(900, 'A', 'rhs-start', {}, { pid: 700 }),
    ], []);
    expect(m.rhs.map((p) => [p.pid, p.first, p.last, p.started, p.events, p.terminated?.t ?? null])).toEqual([
      [500, 100, 300, true, 2, 400],
      [700, 900, 900, true, 1, null],
    ]);
  });
});
