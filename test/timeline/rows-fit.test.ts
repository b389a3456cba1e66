// Fitting the lanes to the timeline's height: tracks the user has not opened are drawn on one
// row, one kind at a time (service, join, network, groups, membership), only as far as needed;
// a track the user opened stays open, one the user closed stays closed.
import { describe, expect, it } from 'vitest';
import { MarksBuilder, Style, type TimelineMarks, type TrackKind } from '../../src/timeline/marks.ts';
import { labelsApart } from '../../src/views/timeline/span-labels.ts';
import { FIT_ORDER, LANE_HEAD, layoutRows, ROW_H, type LayoutOptions } from '../../src/views/timeline/rows.ts';

const UI: LayoutOptions = { laneOrder: [], hiddenLanes: [], collapsedLanes: [], hiddenTracks: ['density'], collapsedTracks: [], expandedTracks: [], expandedGroups: [], filteredOut: new Set() };

/** Three lanes like a 3-node incident: 1 membership row, 2 join, 5 network, 2 groups, 3 service rows each. */
function incident(): TimelineMarks {
  const b = new MarksBuilder();
  const rows: Array<[TrackKind, number]> = [['membership', 1], ['join', 2], ['network', 5], ['groups', 2], ['service', 3]];
  for (let lane = 0; lane < 3; lane++) {
    for (const [track, n] of rows) {
      for (let i = 0; i < n; i++) b.add(b.rowOf(lane, track, `${track} ${i}`), Style.ViewSpan, 0, 10, 'x', null);
    }
  }
  return b.build(['N1', 'N2', 'N3'].map((node) => ({ node, coverage: [[0, 100]] })));
}

const laneH = (rows: number) => LANE_HEAD + rows * ROW_H + 4;
const summaryTracks = (r: ReturnType<typeof layoutRows>) => [...new Set(r.labels.filter((l) => l.summary).map((l) => l.track))];

describe('fitting the lanes to the height', () => {
  const m = incident();

  it('leaves everything open when it fits, or when no height is given', () => {
    const full = layoutRows(m, UI);
    expect(full.height).toBe(3 * laneH(13));
    expect(full.fitted).toEqual([]);
    expect(layoutRows(m, { ...UI, fitHeight: full.height }).fitted).toEqual([]);
  });

  it('collapses kinds in their order, across every lane, only as far as needed', () => {
    // One row short of everything open: collapsing service (3 → 1 row per lane) is enough.
    const one = layoutRows(m, { ...UI, fitHeight: 3 * laneH(13) - 1 });
    expect(one.fitted).toEqual(['service']);
    expect(one.height).toBe(3 * laneH(11));
    expect(summaryTracks(one)).toEqual(['service']);
    expect(one.labels.filter((l) => l.fitted)).toHaveLength(3);
    // Room for 8 rows a lane: service, join and network go to one row each (1 + 1 + 1 + 2 + 1 = 6).
    const three = layoutRows(m, { ...UI, fitHeight: 3 * laneH(8) });
    expect(three.fitted).toEqual(['service', 'join', 'network']);
    expect(three.height).toBeLessThanOrEqual(3 * laneH(8));
    // (no captures in these lanes: their kind is not used)
    expect(FIT_ORDER.filter((k) => k !== 'captures').slice(0, 3)).toEqual(three.fitted);
  });

  it('gives the smallest layout when nothing makes it fit, and never folds a one-row track', () => {
    const tiny = layoutRows(m, { ...UI, fitHeight: 10 });
    expect(tiny.height).toBe(3 * laneH(5));
    expect(tiny.fitted).toEqual(['service', 'join', 'network', 'groups']);
    expect(tiny.labels.find((l) => l.track === 'membership')!.summary).toBe(false);
  });

  it('keeps a track the user opened open and one the user closed closed', () => {
    const opened = layoutRows(m, { ...UI, fitHeight: 10, expandedTracks: ['n2\u0000network'] });
    expect(opened.labels.filter((l) => l.node === 'N2' && l.track === 'network').map((l) => l.label)).toHaveLength(5);
    expect(opened.labels.filter((l) => l.node === 'N1' && l.track === 'network')).toHaveLength(1);
    const closed = layoutRows(m, { ...UI, collapsedTracks: ['n1\u0000groups'] });
    const g = closed.labels.filter((l) => l.node === 'N1' && l.track === 'groups');
    expect(g).toHaveLength(1);
    expect(g[0].fitted).toBe(false);
    expect(closed.fitted).toEqual([]);
  });

  it('puts every row of a fitted track, resources included, on its one line', () => {
    const fitted = layoutRows(m, { ...UI, fitHeight: 10 });
    const ys = new Set([...fitted.y.keys()].filter((r) => m.rows[r].lane === 0 && m.rows[r].track === 'network').map((r) => fitted.y[r]));
    expect(ys.size).toBe(1);
  });
});

describe('span labels on a shared line', () => {
  it('keep the first label of a stretch and drop those that would run over it', () => {
    const t = (text: string, x: number, y: number) => ({ text, x, y });
    const kept = labelsApart([t('10.0.0.1 → 10.0.0.2', 4, 10), t('10.0.0.1 → 10.0.0.3', 30, 10), t('other row', 30, 24), t('later', 400, 10)]);
    expect(kept.map((k) => k.text)).toEqual(['10.0.0.1 → 10.0.0.2', 'other row', 'later']);
  });
});
