import { describe, expect, it } from 'vitest';
import { clusterRecords, correlate } from './index.ts';
import { evenFile, Lines } from '../../../test/helpers/correlate-events.ts';

const view = (L: Lines, t: number, node: string, local: number, viewId: string, members: number[], old: [string, number[]], joiners: number[] = [], downers: number[] = [], subjects: string[] = []) =>
  L.ev(t, node, 'view-change', {
    localId: local, joiners, downers, viewId, members, oldViewId: old[0], oldMembers: old[1], joiner: false, form: false,
  }, { ...(subjects.length ? { subject: subjects[0] } : {}), ...(subjects.length > 1 ? { subjects } : {}) });

const files = (end: number, ends: Record<string, number> = {}) =>
  ['A', 'B', 'C'].map((n) => evenFile(n, 0, ends[n] ?? end));

describe('views', () => {
  it('groups the installs of one view across nodes and names ids from the events', () => {
    const L = new Lines();
    const m = correlate([
      view(L, 1000, 'A', 1, '1301', [1, 3], ['1101', [1, 2, 3]], [], [2], ['B']),
      view(L, 1005, 'C', 3, '1301', [3, 1], ['1101', [1, 2, 3]], [], [2], ['B']),
    ], files(5000));
    expect(m.views).toHaveLength(1);
    expect(m.views[0]).toMatchObject({
      viewId: '1301', t: 1000, members: ['A', 'C'], downers: ['B'], oldMembers: ['A', 'B', 'C'], oldViewId: '1101',
      installs: [{ node: 'A', t: 1000 }, { node: 'C', t: 1005 }],
    });
  });

  it('uses a name lookup from the options for ids the events do not name', () => {
    const L = new Lines();
    const m = correlate([view(L, 0, 'A', 1, '201', [1, 2], ['001', [1]], [2])], [], { names: { nodeName: (id) => (id === 2 ? 'B' : null) } });
    expect(m.views[0].members).toEqual(['A', 'B']);
    expect(m.views[0].joiners).toEqual(['B']);
  });

  it('leaves an id nothing names as `node N`', () => {
    const L = new Lines();
    const m = correlate([view(L, 0, 'A', 1, '201', [1, 7], ['001', [1]], [7])], []);
    expect(m.views[0].members).toEqual(['A', 'node 7']);
  });

  it('membership: each node\u2019s views over time; a stopped service holds no view', () => {
    const L = new Lines();
    const m = correlate([
      view(L, 1000, 'B', 2, '201', [1, 2], ['001', [1]], [2]),
      view(L, 5000, 'B', 2, '1302', [2], ['201', [1, 2]], [], [1]),
      L.ev(6000, 'B', 'service-stop', {}),
    ], files(20_000));
    const b = m.membership.find((x) => x.node === 'B')!;
    expect(b.points.map((p) => [p.t, p.viewId])).toEqual([[1000, '201'], [5000, '1302'], [6000, null]]);
  });
});

describe('disagreements', () => {
  it('reports nodes holding different views for longer than the tolerance', () => {
    const L = new Lines();
    const m = correlate([
      view(L, 1000, 'A', 1, '1301', [1, 3], ['1101', [1, 2, 3]], [], [2]),
      view(L, 1010, 'C', 3, '1301', [1, 3], ['1101', [1, 2, 3]], [], [2]),
      view(L, 1100, 'B', 2, '1302', [2], ['1101', [1, 2, 3]], [], [1, 3]),
    ], files(10_000));
    expect(m.disagreements).toHaveLength(1);
    const d = m.disagreements[0];
    // From A's install of 1301: B and C still held 1101, which no line of theirs installs (the
    // oldView of their own next installs says so).
    expect([d.start, d.end]).toEqual([1000, 10_000]);
    expect(d.views).toEqual([{ node: 'A', viewId: '1301' }, { node: 'B', viewId: '1302' }, { node: 'C', viewId: '1301' }]);
    expect(d.refs.length).toBeGreaterThanOrEqual(3);
    expect(clusterRecords(m).find((r) => r.type === 'disagreement')).toMatchObject({ start: 1000, end: 10_000, views: d.views });
    const b = m.membership.find((x) => x.node === 'B')!;
    expect(b.points.map((p) => [p.t, p.viewId, !!p.inferred])).toEqual([[0, '1101', true], [1100, '1302', false]]);
    expect(b.points[0].inferred).toBe('held before view 1302 (that line\'s oldView), from where the log begins: its install is not in it');
  });

  it('a 1.5 s lag is not a disagreement under the default 2 s tolerance, and is one (one segment) under 1 s', () => {
    const L = new Lines();
    const lag = [
      view(L, 0, 'A', 1, '101', [1, 2], ['001', [1]]),
      view(L, 0, 'B', 2, '101', [1, 2], ['001', [1]]),
      view(L, 1000, 'A', 1, '301', [1, 2], ['101', [1, 2]]),
      view(L, 2500, 'B', 2, '301', [1, 2], ['101', [1, 2]]),
    ];
    expect(correlate(lag, files(10_000)).disagreements).toEqual([]);
    const m = correlate(lag, files(10_000), { disagreementToleranceMs: 1000 });
    expect(m.disagreements).toHaveLength(1);
    expect(m.disagreements[0]).toMatchObject({ start: 1000, end: 2500, segments: [{ start: 1000, end: 2500 }] });
  });

  it('a node whose log has ended is not counted', () => {
    const L = new Lines();
    const m = correlate([
      view(L, 1000, 'A', 1, '1301', [1, 3], ['1101', [1, 2, 3]], [], [2]),
      view(L, 1000, 'C', 3, '1301', [1, 3], ['1101', [1, 2, 3]], [], [2]),
      view(L, 1100, 'B', 2, '1302', [2], ['1101', [1, 2, 3]], [], [1, 3]),
    ], files(10_000, { B: 1500 }));
    expect(m.disagreements).toEqual([]);
  });

  it('a node whose log has not started yet is not counted', () => {
    const L = new Lines();
    const f = files(20_000);
    f[1] = evenFile('B', 8000, 20_000);
    const m = correlate([
      view(L, 1000, 'A', 1, '301', [1, 3], ['101', [1, 3]]),
      view(L, 1000, 'C', 3, '301', [1, 3], ['101', [1, 3]]),
      // B's view event carries an earlier time than its file's first line (clock trouble): still not counted before 8000.
      view(L, 500, 'B', 2, '502', [2], ['101', [1, 2, 3]]),
    ], f);
    expect(m.disagreements.map((d) => [d.start, d.end])).toEqual([[8000, 20_000]]);
  });

  it('a node whose service stopped is not counted until it installs a view again', () => {
    const L = new Lines();
    const m = correlate([
      view(L, 1000, 'A', 1, '1301', [1, 3], ['1101', [1, 2, 3]], [], [2]),
      view(L, 1000, 'C', 3, '1301', [1, 3], ['1101', [1, 2, 3]], [], [2]),
      view(L, 1100, 'B', 2, '1302', [2], ['1101', [1, 2, 3]], [], [1, 3]),
      L.ev(1500, 'B', 'service-stop', {}),
      L.ev(60_000, 'B', 'log-begin', {}, { pid: 200 }),
      view(L, 70_000, 'B', 2, '1501', [1, 2, 3], ['1301', [1, 3]], [2]),
      view(L, 70_000, 'A', 1, '1501', [1, 2, 3], ['1301', [1, 3]], [2]),
      view(L, 70_000, 'C', 3, '1501', [1, 2, 3], ['1301', [1, 3]], [2]),
    ], files(100_000));
    expect(m.disagreements).toEqual([]);
  });
});

describe('views the lines imply', () => {
  it('a proposal\'s oldView and a GEM pause\'s currentView are views their node held: drawn as inferred where no install shows them', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(1000, 'A', 'view-proposed', { localId: 1, viewId: '201', members: [1, 2], oldViewId: '001', oldMembers: [1], joiners: [2], downers: [] }),
      L.ev(2000, 'A', 'gem-pause', { localId: 1, viewId: '201', proposedMembers: [1, 2], currentViewId: '001', currentMembers: [1], joiners: [2], steady: true }),
      // Its install line does not say what it replaced (as a first view after a restart would not).
      view(L, 3000, 'A', 1, '201', [1, 2], ['000', []], [2]),
    ], files(10_000));
    const a = m.membership.find((x) => x.node === 'A')!;
    expect(a.points.map((p) => [p.t, p.viewId, p.inferred ?? null])).toEqual([
      [0, '001', 'held at 00:00:01.000 UTC (the oldView of the view 201 it proposed)'],
      [3000, '201', null],
    ]);
  });
});
