// The timeline's marks for the bundled demo incident (3 nodes, SQLNODE2 isolated), checked
// against what the generator's scenario says happened and against the log lines the marks point to.
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../src/cli/events.ts';
import { clusterModel } from '../../src/cli/cluster-output.ts';
import { indexPath } from '../../src/cli/read-file.ts';
import { layoutTimeline } from '../../src/timeline/layout.ts';
import { MARK_FAMILIES, Style, type TimelineRow } from '../../src/timeline/marks.ts';

const DEMO = new URL('../../public/demo/', import.meta.url).pathname;

/** The state a resource-state line reaches: RCM `Res X: A -> B(`, `TransitionToState(X) A-->B.`, Operational `to state B.` */
const reached = (line: string): string | null => [...line.matchAll(/(?:-->|->\s*|to state '?)([A-Za-z]+)/g)].at(-1)?.[1] ?? null;

describe('timeline layout of the demo incident', () => {
  const files = ['SQLNODE1', 'SQLNODE2', 'SQLNODE3'].map((n) => indexPath(`${DEMO}${n}_cluster.log`));
  const ev = eventsOf(files);
  const model = clusterModel(ev);
  const m = layoutTimeline(model, ev.events, (r) => ev.names.resourceGroup(r));
  const marks = Array.from({ length: m.length }, (_, i) => ({
    t0: m.t0[i], t1: m.t1[i], rowId: m.row[i], row: m.rows[m.row[i]], row2: m.row2[i] >= 0 ? m.rows[m.row2[i]] : null, style: m.style[i], label: m.labels[m.label[i]],
    fileId: m.fileId[i], line: m.line[i], family: MARK_FAMILIES[m.family[i]], names: m.labels[m.names[i]],
  }));
  const laneName = (lane: number) => m.lanes[lane].node;
  const lineOf = (x: { fileId: number; line: number }) => files[x.fileId - 1].lineText(x.line);
  const subRows = m.rows.map((r, id) => ({ ...r, id })).filter((r) => r.parent >= 0);

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
    expect(lineOf(a)).toMatch(/move of group ag1 from .* is about to succeed/);
    // The name filter finds the arrow by the group and by either node.
    expect(a.family).toBe('group');
    expect(a.names.split('\n').sort()).toEqual(['ag1', 'sqlnode1', 'sqlnode2']);
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
    // Its bounds are the silence's: the last line before it and the first after it, in UTC.
    const g = model.gaps.find((x) => x.node === 'SQLNODE2')!;
    expect([gap.t0, gap.t1]).toEqual([g.start, g.end]);
    const f2 = files[1];
    const shift = -(f2.facts.timeBase.utcOffsetMinutes ?? 0) * 60_000 * (f2.facts.timeBase.base === 'local' ? 1 : 0);
    expect(f2.columns.ts[g.beforeRef.line] + shift).toBe(g.start);
    expect(f2.columns.ts[g.afterRef.line] + shift).toBe(g.end);
    // Nothing of that file is logged inside it.
    const inside = Array.from(f2.columns.ts).filter((t) => t + shift > g.start && t + shift < g.end);
    expect(inside).toEqual([]);
    // The survivors log the removal of SQLNODE2.
    expect(marks.filter((x) => x.style === Style.NodeDown && /SQLNODE2/.test(x.label)).length).toBeGreaterThan(0);
  });

  it('every mark with a line points at a real line of its file, and spans do not end before they start', () => {
    for (const x of marks) {
      expect(x.t1).toBeGreaterThanOrEqual(x.t0);
      if (x.fileId >= 0) expect(x.line).toBeLessThan(files[x.fileId - 1].facts.lines);
    }
  });

  it('gives every mark a family that fits its track, and names outside the service track', () => {
    const fits: Record<TimelineRow['track'], string[]> = {
      membership: ['membership', 'quorum'], join: ['join'], network: ['network'], groups: ['group', 'resource'], service: ['service'], captures: [],
    };
    for (const x of marks) {
      expect(fits[x.row.track], `${x.row.track}: ${x.label}`).toContain(x.family);
      if (x.row.track !== 'service') expect(x.names, x.label).toMatch(/\S/);
      expect(x.names).toBe(x.names.toLowerCase());
    }
    // Each family of the incident is there.
    for (const f of ['membership', 'quorum', 'join', 'network', 'group', 'resource', 'service']) expect(marks.some((x) => x.family === f), f).toBe(true);
  });

  it('keeps the ag1 row, its resources and its move under a name filter "ag1"', () => {
    const keep = marks.filter((x) => x.names.includes('ag1') || x.row.label.toLowerCase().includes('ag1'));
    expect(keep.some((x) => x.style === Style.Owner && x.row.label === 'ag1')).toBe(true);
    expect(keep.some((x) => x.style === Style.MoveFailover)).toBe(true);
    const resources = marks.filter((x) => x.family === 'resource' && x.row.parent >= 0 && m.rows[x.row.parent].label === 'ag1');
    expect(resources.length).toBeGreaterThan(0);
    for (const x of resources) expect(keep).toContain(x);
    // Resources of other groups carry their own group's name, not ag1.
    const disk = marks.filter((x) => x.row.label === 'Cluster Disk 1');
    expect(disk.length).toBeGreaterThan(0);
    for (const x of disk) expect(x.names.split('\n')).toEqual(['cluster disk 1', 'available storage']);
  });

  it('hangs resource rows under a groups row of the same lane, and draws ag1 on both owners', () => {
    expect(subRows.length).toBeGreaterThan(0);
    for (const r of subRows) {
      const p = m.rows[r.parent];
      expect(p.track).toBe('groups');
      expect(r.track).toBe('groups');
      expect(p.lane).toBe(r.lane);
      expect(p.parent).toBe(-1);
    }
    const ag1 = subRows.filter((r) => r.label === 'ag1' && m.rows[r.parent].label === 'ag1').map((r) => laneName(r.lane)).sort();
    expect(ag1).toEqual(['SQLNODE1', 'SQLNODE2']);
    const cg = subRows.filter((r) => m.rows[r.parent].label === 'Cluster Group').map((r) => r.label).sort();
    expect(cg).toEqual(['Cluster IP Address', 'Cluster Name', 'File Share Witness']);
  });

  it('styles resource spans by the state their line writes', () => {
    const want = (state: string) =>
      state === 'Online' ? Style.ResOnline : state === 'Offline' ? Style.ResOffline : state === 'Failed' ? Style.ResFailed : /Pending|CallIssued|WaitingTo/.test(state) ? Style.ResPending : Style.ResOther;
    const spans = marks.filter((x) => x.style >= Style.ResOnline && x.style <= Style.ResOther);
    expect(spans.length).toBeGreaterThan(10);
    for (const x of spans) {
      expect(x.row.parent).toBeGreaterThanOrEqual(0);
      const text = lineOf(x);
      expect(text).toContain(x.row.label);
      const state = reached(text);
      expect(state, text).not.toBeNull();
      expect(x.style, text).toBe(want(state!));
      expect(x.label).toContain(`'${x.row.label}' ${state}`);
      if (x.style === Style.ResFailed) expect(text).toMatch(/Failed/);
    }
    expect(spans.some((x) => x.style === Style.ResOnline)).toBe(true);
    expect(spans.some((x) => x.style === Style.ResPending)).toBe(true);
  });

  it('ends a resource state at its node\'s next state, or when that node\'s clussvc session ends', () => {
    const ag1On2 = marks.filter((x) => x.family === 'resource' && x.row.label === 'ag1' && laneName(x.row.lane) === 'SQLNODE2').sort((a, b) => a.t0 - b.t0);
    for (let i = 0; i + 1 < ag1On2.length; i++) expect(ag1On2[i].t1).toBe(ag1On2[i + 1].t0);
    const crash = marks.find((x) => x.style === Style.SessionCrash && laneName(x.row.lane) === 'SQLNODE2')!;
    const last = ag1On2.at(-1)!;
    expect(last.style).toBe(Style.ResOnline);
    // SQLNODE2's log never says ag1 went offline: its service crashed, which ends the state.
    expect(last.t1).toBe(crash.t1);
  });

  it('draws the stages of SQLNODE2\'s joins with SQLNODE1 as contiguous segments inside the join span', () => {
    const row = marks.filter((x) => laneName(x.row.lane) === 'SQLNODE2' && x.row.track === 'join' && x.row.label === 'SQLNODE1');
    const joins = row.filter((x) => x.style === Style.JoinOk);
    expect(joins.length).toBe(2);
    const segments = row.filter((x) => x.style === Style.StageSpan);
    for (const j of joins) {
      const inside = segments.filter((s) => s.t0 >= j.t0 && s.t1 <= j.t1).sort((a, b) => a.t0 - b.t0);
      expect(inside.length).toBeGreaterThanOrEqual(5);
      expect(inside[0].t0).toBe(j.t0);
      expect(inside.at(-1)!.t1).toBe(j.t1);
      for (let i = 0; i + 1 < inside.length; i++) expect(inside[i].t1).toBe(inside[i + 1].t0);
      for (const s of inside) {
        expect(s.label).toMatch(/^.+ — \d+\.\d\d s$/);
        expect(s.family).toBe('join');
        expect(lineOf(s)).toContain(s.label.split(' — ')[0]);
      }
    }
    // Every segment belongs to one of the row's spans; the failed attempt keeps its red point.
    for (const s of segments) expect(joins.some((j) => s.t0 >= j.t0 && s.t1 <= j.t1)).toBe(true);
    expect(row.some((x) => x.style === Style.StageFailed)).toBe(true);
  });

  it('links the two halves of each paired join once, from the joiner\'s row to the listener\'s', () => {
    const links = marks.filter((x) => x.style === Style.JoinLink);
    const pairs = new Set(model.joins.filter((j) => j.pairedWith).map((j) => [j.id, j.pairedWith].sort().join(' ')));
    expect(links.length).toBe(pairs.size);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(l.row.track).toBe('join');
      expect(l.row2!.track).toBe('join');
      // The joiner's row is about the listener and vice versa.
      expect(l.row.label).toBe(laneName(l.row2!.lane));
      expect(l.row2!.label).toBe(laneName(l.row.lane));
      expect(l.label).toBe(`join of ${laneName(l.row.lane)} with ${laneName(l.row2!.lane)}: joiner ${laneName(l.row.lane)}, listener ${laneName(l.row2!.lane)}`);
      expect(l.names.split('\n').sort()).toEqual([laneName(l.row.lane), laneName(l.row2!.lane)].map((n) => n.toLowerCase()).sort());
    }
    const first = links.filter((l) => laneName(l.row.lane) === 'SQLNODE2' && laneName(l.row2!.lane) === 'SQLNODE1');
    expect(first.length).toBe(2);
    // At the later start of the two halves: SQLNODE2's first join starts after SQLNODE1 listens.
    const j = model.joins.find((x) => x.id === 'join:SQLNODE2>SQLNODE1#1')!;
    const other = model.joins.find((x) => x.id === j.pairedWith)!;
    expect(first.some((l) => l.t0 === Math.max(j.start, other.start))).toBe(true);
  });

  it('marks added routes on their route rows, with the peer and endpoints as names', () => {
    const added = marks.filter((x) => x.style === Style.RouteAdded);
    expect(added.length).toBeGreaterThan(0);
    for (const x of added) {
      expect(x.row.track).toBe('network');
      expect(x.family).toBe('network');
      expect(lineOf(x)).toMatch(/route|Adding|Route/i);
    }
    const r = added.find((x) => laneName(x.row.lane) === 'SQLNODE1' && x.row.label.startsWith('10.10.20.11:3343 → 10.10.20.12:3343'))!;
    expect(r.names.split('\n')).toEqual(['sqlnode2', '10.10.20.11:3343', '10.10.20.12:3343']);
  });
});

describe('timeline layout of resources without a known group, and of unusual states', () => {
  const ref = (line: number) => ({ fileId: 1, file: 'N1.log', line });
  const point = (t: number, state: string, line: number) => ({ t, state, node: 'N1', ref: ref(line), refs: [ref(line)] });
  const model = {
    nodes: ['N1'], coverage: [{ node: 'N1', spans: [{ fileId: 1, file: 'N1.log', start: 0, end: 1000 }] }],
    joins: [], views: [], membership: [], disagreements: [], moves: [], groups: [], routes: [], sessions: [], rhs: [], gaps: [], facts: [], untimed: 0,
    options: { disagreementToleranceMs: 2000, mergeWindowMs: 1000, joinPairToleranceMs: 5000, gapMinMs: 30000, gapFactor: 20 },
    resources: [
      { resource: 'Orphan', points: [point(10, 'OnlinePending', 1), point(20, 'Failed', 2), point(30, 'ClusterResourceOnline', 3), point(40, 'Mystery', 4)] },
      { resource: 'Disk', points: [point(10, 'OfflinePending', 5), point(50, 'Offline', 6)] },
    ],
  };

  it('puts them under "(no group)" unless the lookup names a group, styled by coarse state, up to the end of the data', () => {
    const m = layoutTimeline(model, [], (r) => (r === 'Disk' ? 'Storage' : null));
    const spans = Array.from({ length: m.length }, (_, i) => ({ row: m.rows[m.row[i]], style: m.style[i], t0: m.t0[i], t1: m.t1[i], names: m.labels[m.names[i]], label: m.labels[m.label[i]] }));
    const orphan = spans.filter((x) => x.row.label === 'Orphan');
    expect(orphan.map((x) => x.style)).toEqual([Style.ResPending, Style.ResFailed, Style.ResOnline, Style.ResOther]);
    expect(orphan.map((x) => [x.t0, x.t1])).toEqual([[10, 20], [20, 30], [30, 40], [40, 1000]]);
    expect(m.rows[orphan[0].row.parent].label).toBe('(no group)');
    expect(orphan[1].label).toBe("resource 'Orphan' Failed on N1");
    const disk = spans.filter((x) => x.row.label === 'Disk');
    expect(disk.map((x) => x.style)).toEqual([Style.ResPending, Style.ResOffline]);
    expect(m.rows[disk[0].row.parent].label).toBe('Storage');
    expect(disk[0].names).toBe('disk\nstorage');
  });
});
