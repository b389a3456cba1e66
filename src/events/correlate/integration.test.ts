// The real pipeline on the generator's 3-node network-isolation incident: files written by
// writeScenario, indexed, extracted, named, materialized, correlated. What the scenario model says
// happened (joins, the removed node, the failover, routes going down, the service restart) must
// come out of the correlation. The generator's templates are independent of the parser's
// catalogue, so this checks both against each other.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScenario } from '../../generator/node-writer.ts';
import { defaultStartFor, demoPreset } from '../../generator/presets.ts';
import { buildScenario } from '../../generator/scenario.ts';
import { viewId } from '../../generator/timeline.ts';
import type { Scenario, ScenarioEvent } from '../../generator/model.ts';
import { indexBytes } from '../../ingest/index.ts';
import { toUtcShift } from '../../ingest/timebase.ts';
import { extractFile } from '../from-file.ts';
import { materializeFile } from '../materialize.ts';
import { buildNames } from '../names.ts';
import { clusterRecords, correlate } from './index.ts';
import type { ClusterEvent, ClusterModel, CoverageFile } from './types.ts';

type Ev<K extends ScenarioEvent['kind']> = Extract<ScenarioEvent, { kind: K }>;

interface Setup {
  label: string;
  seed: number;
  /** Scenario overrides on top of the demo preset. */
  isolatedNodeId?: number;
  nodes?: number;
}

const SETUPS: Setup[] = [
  // The bundled demo: SQLNODE2 (AG owner) loses its network; node 1 UTF-16LE, SQLNODE3's clock 350 ms ahead.
  { label: 'demo (3 nodes, SQLNODE2 isolated)', seed: 20240808 },
  // The witness / Cluster Group owner is lost: two groups fail over, arbitration waits for the death timer.
  { label: '4 nodes, SQLNODE1 isolated', seed: 7, isolatedNodeId: 1, nodes: 4 },
];

for (const setup of SETUPS) describe(`correlate on the generated network-isolation incident: ${setup.label}`, () => suite(setup));

function suite(setup: Setup): void {
  let dir = '';
  let scenario: Scenario;
  let events: ClusterEvent[];
  let files: CoverageFile[];
  let model: ClusterModel;
  let names: ReturnType<typeof buildNames>;

  const name = (id: number): string => scenario.nodes[id - 1].name;
  const idOf = (node: string): number => scenario.nodes.find((n) => n.name === node)!.id;
  const of = <K extends ScenarioEvent['kind']>(kind: K): Array<Ev<K>> => scenario.events.filter((e): e is Ev<K> => e.kind === kind);
  /** Times from the logs are true time + the node's clock error + a few ms of writing. */
  const near = (t: number, at: number, slackMs = 600): boolean => Math.abs(t - at) <= slackMs;
  /** A true time as node `id`'s clock writes it. */
  const onClock = (id: number, at: number): number => at + scenario.nodes[id - 1].clockOffsetMs;

  beforeAll(async () => {
    const opts = demoPreset();
    opts.scenario = { ...opts.scenario, seed: setup.seed, steadyStateMs: 60_000 };
    if (setup.isolatedNodeId) opts.scenario.isolatedNodeId = setup.isolatedNodeId;
    if (setup.nodes) opts.scenario.nodes = setup.nodes;
    dir = mkdtempSync(join(tmpdir(), 'clusterlens-correlate-'));
    const manifest = await writeScenario(opts, dir);
    scenario = buildScenario({ start: defaultStartFor(opts.file.dialect), ...opts.scenario });
    const indexed = manifest.files.map((f, id) => {
      const ix = indexBytes(new Uint8Array(readFileSync(join(dir, f.name))), { name: f.name });
      return { id, path: f.name, ix, events: extractFile(ix) };
    });
    names = buildNames(indexed.map((x) => ({ facts: x.ix.facts, events: x.events })));
    events = indexed.flatMap((x) => materializeFile({ id: x.id, path: x.path, facts: x.ix.facts, ts: x.ix.columns.ts, flags: x.ix.columns.flags, events: x.events }, names));
    files = indexed.map((x) => ({
      fileId: x.id, path: x.path, node: x.ix.facts.node ?? x.ix.facts.name, ts: x.ix.columns.ts, shift: toUtcShift(x.ix.facts.timeBase), lines: x.ix.facts.lines,
    }));
    model = correlate(events, files, { names });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sees every node', () => {
    expect(model.nodes).toEqual(scenario.nodes.map((n) => n.name));
    expect(model.untimed).toBe(0);
  });

  it('every successful join: the joiner\u2019s half and the listener\u2019s half pair up', () => {
    for (const j of of('join')) {
      for (const peer of j.peers) {
        const attempt = j.stages.find((s) => s.node === j.joiner && s.peer === peer && s.stage === 'Attempt Initial Connection')!;
        const half = model.joins.find((s) => s.node === name(j.joiner) && s.peer === name(peer) && near(s.start, onClock(j.joiner, attempt.at)));
        expect(half, `${name(j.joiner)} joining ${name(peer)}`).toBeDefined();
        expect(half).toMatchObject({ role: 'joiner', outcome: 'succeeded', peerId: peer });
        const other = model.joins.find((s) => s.id === half!.pairedWith);
        expect(other).toMatchObject({ node: name(peer), peer: name(j.joiner), role: 'listener', outcome: 'succeeded', pairedWith: half!.id });
        expect(other!.stages[0].stage).toBe('Listen for Connection');
      }
    }
    // Node 2 joins node 1 first (node 1 formed the cluster).
    const first = of('join')[0];
    expect([first.joiner, first.peers]).toEqual([2, [1]]);
    expect(model.joins.filter((x) => x.outcome === 'succeeded' && x.role === 'joiner')).toHaveLength(of('join').reduce((n, j) => n + j.peers.length, 0));
  });

  it('the failed join attempt of the isolated node: failed spans, unpaired, then a retry that succeeds', () => {
    const failed = of('join-attempt-failed')[0];
    for (const s of failed.stages) {
      const span = model.joins.find((x) => x.node === name(failed.joiner) && x.peer === name(s.peer) && x.outcome === 'failed');
      expect(span).toMatchObject({ role: 'joiner', pairedWith: null });
      expect(span!.stages[0]).toMatchObject({ stage: 'Attempt Initial Connection', failed: true, status: 10060 });
      expect(near(span!.end, onClock(failed.joiner, s.at))).toBe(true);
      const retry = model.joins.find((x) => x.node === span!.node && x.peer === span!.peer && x.start > span!.end);
      expect(retry).toMatchObject({ outcome: 'succeeded' });
      expect(retry!.pairedWith).not.toBeNull();
    }
    // The `Farthest reported progress` line is kept on the failed span of the sponsor.
    const sponsorSpan = model.joins.find((x) => x.node === name(failed.joiner) && x.peer === name(failed.sponsor) && x.outcome === 'failed')!;
    expect(sponsorSpan.notes.map((n) => n.kind)).toContain('join-progress');
  });

  it('every view change is one view installed by its observers; the isolated node is removed on the survivors', () => {
    for (const v of of('view-change')) {
      const view = model.views.find((x) => x.viewId === viewId(v.newView));
      expect(view, viewId(v.newView)).toBeDefined();
      expect(view!.members).toEqual(v.newView.members.map(name));
      expect(view!.downers).toEqual(v.downers.map(name));
      expect(view!.joiners).toEqual(v.joiners.map(name));
      expect(view!.installs.map((i) => i.node).sort()).toEqual(v.observers.map(name).sort());
      for (const i of view!.installs) expect(near(i.t, onClock(idOf(i.node), v.at))).toBe(true);
    }
    const iso = name(scenario.isolatedNodeId);
    const removal = of('view-change').find((v) => v.downers.includes(scenario.isolatedNodeId))!;
    const survivors = removal.observers.map(name);
    expect(model.views.find((x) => x.viewId === viewId(removal.newView))!.installs.map((i) => i.node).sort()).toEqual(survivors.sort());

    const fact = model.facts.find((f) => f.kind === 'node-removed' && f.subject?.toLowerCase() === iso.toLowerCase());
    expect(fact).toBeDefined();
    expect([...new Set(fact!.observations.map((o) => o.node))].sort()).toEqual(survivors.sort());
    expect(fact!.observations.every((o) => o.channel === 'System')).toBe(true);
  });

  it('membership: survivors and the isolated node held different views only briefly (its service went down)', () => {
    expect(model.disagreements).toEqual([]);
    const strict = correlate(events, files, { names, disagreementToleranceMs: 200 });
    const removal = of('view-change').find((v) => v.downers.includes(scenario.isolatedNodeId))!;
    const singleton = of('view-change').find((v) => v.observers.length === 1 && v.observers[0] === scenario.isolatedNodeId)!;
    const d = strict.disagreements.find((x) => x.views.some((v) => v.viewId === viewId(singleton.newView)));
    expect(d).toBeDefined();
    expect(d!.views).toEqual(
      [...removal.observers.map((id) => ({ node: name(id), viewId: viewId(removal.newView) })), { node: name(scenario.isolatedNodeId), viewId: viewId(singleton.newView) }]
        .sort((a, b) => a.node.localeCompare(b.node)),
    );
    const iso = model.membership.find((m) => m.node === name(scenario.isolatedNodeId))!;
    // Its view goes with its stopped service, and comes back with the rejoin view.
    expect(iso.points.map((p) => p.viewId)).toContain(null);
  });

  it('the failover after the node loss gets its real source', () => {
    const failovers = of('group-failover');
    expect(failovers.length).toBeGreaterThan(0);
    for (const f of failovers) {
      const mv = model.moves.find((m) => m.group === f.group && m.to === name(f.to));
      expect(mv, f.group).toBeDefined();
      expect(mv).toMatchObject({ from: name(f.from), failover: true, moveType: expect.stringMatching(/NodeDown/) });
      expect(near(mv!.t, onClock(f.to, f.at))).toBe(true);
      expect(mv!.refs.length).toBeGreaterThanOrEqual(2);
      // The owner series has the isolated node before the move and the target after.
      const owners = model.groups.find((g) => g.group === f.group)!.owners;
      expect(owners.filter((o) => o.t < mv!.t).at(-1)?.owner).toBe(name(f.from));
      expect(owners.find((o) => o.t >= mv!.t)?.owner).toBe(name(f.to));
    }
  });

  it('a NodeDown move written `from X(n) to X(n)` gets its source from the owner series, else from the downers', () => {
    const f = of('group-failover')[0];
    // Rewrite the logged source as real NodeDown lines do (source = target) on every line of the move.
    const rewritten = events.map((e) => (e.kind === 'group-move' || e.kind === 'failover-attempt') && e.fields.group === f.group
      ? { ...e, fields: { ...e.fields, from: e.fields.to, fromName: e.fields.toName ?? e.fields.to, fromId: e.fields.toId ?? f.to } }
      : e);
    const m1 = correlate(rewritten, files, { names }).moves.find((m) => m.group === f.group)!;
    expect(m1).toMatchObject({ loggedFrom: name(f.to), from: name(f.from), sourceFrom: 'owner-series' });
    const noOwners = rewritten.filter((e) => !(e.kind === 'group-state' && e.fields.group === f.group));
    const m2 = correlate(noOwners, files, { names }).moves.find((m) => m.group === f.group)!;
    expect(m2).toMatchObject({ from: name(f.from), sourceFrom: 'downers' });
  });

  it('routes to the isolated node go down on the survivors (and come back up after the rejoin)', () => {
    for (const rd of of('route-down')) {
      const series = model.routes.filter((r) => r.node === name(rd.observer) && r.peer === name(rd.peer) && r.local !== '');
      const real = series.find((r) => r.remote === `${scenario.nodes[rd.peer - 1].ip}:3343`);
      expect(real, `${name(rd.observer)} -> ${name(rd.peer)}`).toBeDefined();
      const states = real!.points.map((p) => p.state);
      const down = real!.points.find((p) => p.state === 'down')!;
      expect(near(down.t, onClock(rd.observer, rd.at))).toBe(true);
      expect(states.indexOf('up')).toBeLessThan(states.indexOf('degraded'));
      expect(states.indexOf('degraded')).toBeLessThan(states.indexOf('down'));
      expect(states.lastIndexOf('up')).toBeGreaterThan(states.indexOf('down'));
      // `Lost connection to node X` on the node-level key.
      const nodeLevel = model.routes.find((r) => r.node === name(rd.observer) && r.peer === name(rd.peer) && r.local === '');
      expect(nodeLevel?.points[0]).toMatchObject({ state: 'down', kind: 'connection-lost' });
    }
  });

  it('service sessions: the isolated node\u2019s service goes down after losing quorum and restarts; a no-data gap covers the outage', () => {
    const iso = scenario.nodes[scenario.isolatedNodeId - 1];
    const sessions = model.sessions.filter((s) => s.node === iso.name);
    expect(sessions).toHaveLength(iso.sessions.length);
    const lost = of('quorum-lost')[0];
    const restart = of('service-start').find((e) => e.reason === 'restart')!;
    expect(sessions[0].pid).toBe(iso.sessions[0].clussvcPid);
    expect(['stop', 'crash']).toContain(sessions[0].endKind);
    expect(sessions[0].end).toBeGreaterThan(onClock(iso.id, lost.at));
    expect(sessions[0].end).toBeLessThan(onClock(iso.id, restart.at));
    // It ends with the last line of the stopping process (`About to exit service`), about when the process is gone.
    const stop = of('service-stop')[0];
    expect(sessions[0].end).toBeGreaterThanOrEqual(onClock(iso.id, stop.at));
    expect(near(sessions[0].end, onClock(iso.id, iso.sessions[0].stop!), 1000)).toBe(true);
    expect(sessions[1]).toMatchObject({ pid: iso.sessions[1].clussvcPid, startKind: 'log-begin', endKind: 'open' });
    expect(near(sessions[1].start, onClock(iso.id, restart.at), 50)).toBe(true);
    for (const n of scenario.nodes.filter((x) => x.id !== iso.id)) {
      expect(model.sessions.filter((s) => s.node === n.name).map((s) => s.endKind)).toEqual(['open']);
    }
    const gap = model.gaps.find((g) => g.node === iso.name);
    expect(gap).toMatchObject({ label: 'no data' });
    expect(gap!.start).toBeLessThanOrEqual(sessions[0].end + 1);
    expect(near(gap!.end, onClock(iso.id, restart.at), 50)).toBe(true);
    expect(model.gaps.filter((g) => g.node !== iso.name)).toEqual([]);
    // Its RHS was terminated with the service; the restart brought a new one.
    const rhs = model.rhs.filter((p) => p.node === iso.name);
    expect(rhs.map((p) => p.pid)).toEqual(iso.sessions.map((s) => s.rhsPid));
    expect(rhs[0].terminated).not.toBeNull();
  });

  it('facts merge each view change across its observers; records flatten the model', () => {
    for (const v of of('view-change')) {
      const fact = model.facts.find((f) => f.kind === 'view-change' && f.fields.viewId === viewId(v.newView))!;
      expect(new Set(fact.observations.map((o) => o.node))).toEqual(new Set(v.observers.map(name)));
    }
    const recs = clusterRecords(model);
    expect(new Set(recs.map((r) => r.type))).toEqual(new Set([
      'join', 'view', 'membership', 'move', 'resource-series', 'group-series', 'route-series', 'session', 'rhs', 'no-data', 'fact',
    ]));
    expect(JSON.parse(JSON.stringify(recs))).toHaveLength(recs.length);
  });
}
