// The timeline's marks for the bundled demo incident (3 nodes, SQLNODE2 isolated), checked
// against what the generator's scenario says happened.
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../src/cli/events.ts';
import { clusterModel } from '../../src/cli/cluster-output.ts';
import { indexPath } from '../../src/cli/read-file.ts';
import { layoutTimeline } from '../../src/timeline/layout.ts';
import { Style } from '../../src/timeline/marks.ts';

const DEMO = new URL('../../public/demo/', import.meta.url).pathname;

describe('timeline layout of the demo incident', () => {
  const files = ['SQLNODE1', 'SQLNODE2', 'SQLNODE3'].map((n) => indexPath(`${DEMO}${n}_cluster.log`));
  const ev = eventsOf(files);
  const m = layoutTimeline(clusterModel(ev), ev.events);
  const marks = Array.from({ length: m.length }, (_, i) => ({
    t0: m.t0[i], t1: m.t1[i], row: m.rows[m.row[i]], row2: m.row2[i] >= 0 ? m.rows[m.row2[i]] : null, style: m.style[i], label: m.labels[m.label[i]], fileId: m.fileId[i], line: m.line[i],
  }));
  const laneName = (lane: number) => m.lanes[lane].node;

  it('has a lane per node, with its coverage', () => {
    expect(m.lanes.map((l) => l.node)).toEqual(['SQLNODE1', 'SQLNODE2', 'SQLNODE3']);
    for (const l of m.lanes) expect(l.coverage.length).toBe(1);
  });

  it('draws the failover of ag1 as an arrow from the failed node to the survivor, landing on the move line', () => {
    const arrows = marks.filter((x) => x.style === Style.MoveFailover);
    expect(arrows).toHaveLength(1);
    const a = arrows[0];
    expect(laneName(a.row.lane)).toBe('SQLNODE2');
    expect(laneName(a.row2!.lane)).toBe('SQLNODE1');
    expect(a.row.label).toBe('ag1');
    const file = files[a.fileId - 1];
    expect(file.lineText(a.line)).toMatch(/move of group ag1 from .* is about to succeed/);
  });

  it('shows joins, the route going down after the heartbeat loss, the crash and the no-data stretch of the isolated node', () => {
    expect(marks.some((x) => x.style === Style.JoinOk && laneName(x.row.lane) === 'SQLNODE2')).toBe(true);
    const down = marks.filter((x) => x.style === Style.RouteDown && laneName(x.row.lane) === 'SQLNODE1');
    const missed = marks.filter((x) => x.style === Style.HeartbeatMissed && laneName(x.row.lane) === 'SQLNODE1');
    expect(down.length).toBeGreaterThan(0);
    expect(missed.length).toBeGreaterThan(0);
    expect(Math.min(...down.map((x) => x.t0))).toBeGreaterThanOrEqual(Math.min(...missed.map((x) => x.t0)));
    expect(marks.some((x) => x.style === Style.SessionCrash && laneName(x.row.lane) === 'SQLNODE2')).toBe(true);
    const gap = marks.find((x) => x.style === Style.NoData)!;
    expect(laneName(gap.row.lane)).toBe('SQLNODE2');
    expect(gap.label).toMatch(/no data/);
    // The survivors log the removal of SQLNODE2.
    expect(marks.filter((x) => x.style === Style.NodeDown && /SQLNODE2/.test(x.label)).length).toBeGreaterThan(0);
  });

  it('every mark with a line points at a real line of its file, and spans do not end before they start', () => {
    for (const x of marks) {
      expect(x.t1).toBeGreaterThanOrEqual(x.t0);
      if (x.fileId >= 0) expect(x.line).toBeLessThan(files[x.fileId - 1].facts.lines);
    }
  });
});
