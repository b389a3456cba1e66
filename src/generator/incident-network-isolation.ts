// Incident: one node loses its network. The survivors miss its heartbeats (~2 s = 40 %),
// declare the routes down at the threshold (5 beats at 1 s), install a view without it, keep
// quorum with the witness and fail its groups over. The isolated node loses quorum, stops
// clussvc (status 5925), is restarted by the SCM after 60 s, fails one join attempt while the
// network is still down and rejoins once it is back.

import type { Rng } from './prng.ts';
import type { GroupSpec, NodeSpec, ScenarioEvent, View } from './model.ts';
import { buildFailedJoin, buildJoin, nextView } from './timeline.ts';

export interface IncidentInput {
  rng: Rng;
  nodes: NodeSpec[];
  groups: GroupSpec[];
  isolated: number;
  /** Node owning the witness (the Cluster Group owner) before the incident. */
  witnessOwner: number;
  at: number;
  view: View;
  /** Opens the restarted service session of the isolated node; returns its index. */
  openSession: (node: number, start: number) => number;
  closeSession: (node: number, session: number, activeUntil: number, stop: number) => void;
  activateSession: (node: number, session: number, activeFrom: number) => void;
  /** A new RHS process of the node's running session from `at` (a new PID). */
  rhsRestart: (node: number, at: number) => void;
}

export interface IncidentResult {
  events: ScenarioEvent[];
  view: View;
  /** Time the cluster is whole again. */
  settledAt: number;
}

export function buildNetworkIsolation(input: IncidentInput): IncidentResult {
  const { rng, nodes, isolated, at } = input;
  const ids = nodes.map((n) => n.id);
  const survivors = ids.filter((id) => id !== isolated);
  const lowest = survivors[0];
  const events: ScenarioEvent[] = [{ kind: 'network-loss', at, node: isolated }];
  const ipOf = (id: number): string => nodes.find((n) => n.id === id)!.ip;

  // Heartbeats every 1000 ms; two missed (40 %) after ~2 s, route down after 5 (threshold).
  for (const s of survivors) {
    events.push({ kind: 'heartbeats-missed', at: Math.round(at + rng.range(2000, 2250)), observer: s, peer: isolated, percent: 40 });
    events.push({ kind: 'heartbeats-missed', at: Math.round(at + rng.range(2000, 2250)), observer: isolated, peer: s, percent: 40 });
  }
  const routeDown = at + rng.range(5000, 5200);
  for (const s of survivors) {
    events.push({ kind: 'route-down', at: Math.round(routeDown + rng.range(0, 120)), observer: s, peer: isolated });
    events.push({ kind: 'route-down', at: Math.round(routeDown + rng.range(0, 120)), observer: isolated, peer: s });
  }

  // Regroup: the survivors agree on a view without the isolated node; the isolated node installs
  // a singleton view with the same sequence (R1: 1301(1) vs 1302(2)).
  const viewAt = Math.round(routeDown + rng.range(250, 600));
  const survivorView = nextView(rng, input.view, lowest, survivors);
  const singleton: View = { seq: survivorView.seq, proposer: isolated, members: [isolated] };
  events.push({ kind: 'view-change', at: viewAt, observers: survivors, joiners: [], downers: [isolated], newView: survivorView, oldView: input.view, form: false });
  events.push({ kind: 'view-change', at: Math.round(viewAt + rng.range(-150, 150)), observers: [isolated], joiners: [], downers: survivors, newView: singleton, oldView: input.view, form: false });
  for (const s of survivors) events.push({ kind: 'node-removed', at: viewAt + rng.int(2, 25), observer: s, removed: [isolated] });
  events.push({ kind: 'node-removed', at: viewAt + rng.int(2, 25), observer: isolated, removed: survivors });

  // Survivors are one vote off full quorum; the witness owner arbitrates (6 s later when the
  // previous owner died and the others give it preference).
  const arbiter = survivors.includes(input.witnessOwner) ? input.witnessOwner : lowest;
  const arbitrationDelay = arbiter === input.witnessOwner ? rng.range(300, 900) : rng.range(6000, 6600);
  const arbitratedAt = Math.round(viewAt + 30 + arbitrationDelay);
  events.push({ kind: 'quorum-kept', at: viewAt + rng.int(5, 30), observers: survivors, arbiter, members: survivors, arbitratedAt });

  // Groups of the isolated node fail over to the lowest survivor once quorum is settled.
  let t = arbitratedAt + rng.range(40, 250);
  for (const g of input.groups.filter((x) => x.initialOwner === isolated)) {
    const onlineAt = Math.round(t + rng.range(1800, 5500));
    events.push({ kind: 'group-failover', at: Math.round(t), group: g.name, from: isolated, to: lowest, onlineAt });
    g.finalOwner = lowest;
    t += rng.range(20, 120);
  }

  // The isolated node: lost quorum, stops the service, SCM restarts it after 60 s.
  const lostAt = Math.round(viewAt + rng.range(10, 60));
  events.push({ kind: 'quorum-lost', at: lostAt, node: isolated, members: [isolated] });
  const stopAt = Math.round(lostAt + rng.range(80, 300));
  events.push({ kind: 'service-stop', at: stopAt, node: isolated, session: 0, reason: 'quorum-lost' });
  const exitAt = Math.round(stopAt + rng.range(900, 1800));
  input.closeSession(isolated, 0, at, exitAt);

  const restartAt = Math.round(exitAt + 60_000 + rng.range(5, 400));
  const session = input.openSession(isolated, restartAt);
  events.push({ kind: 'service-start', at: restartAt, node: isolated, session, reason: 'restart' });
  const ready = restartAt + rng.range(1500, 2500);

  // The network comes back while the first join attempt is still waiting for its TCP timeout.
  events.push({ kind: 'network-restored', at: Math.round(ready + rng.range(5000, 18000)), node: isolated });
  const failed = buildFailedJoin(rng, Math.round(ready), isolated, lowest, survivors, ipOf);
  events.push(failed);

  const join = buildJoin(rng, Math.round(failed.until + rng.range(800, 3000)), isolated, lowest, survivors);
  events.push(join);
  for (const peer of survivors) events.push({ kind: 'route-up', at: join.stages.find((s) => s.node === isolated && s.peer === peer && s.stage === 'Wait for Heartbeats on Initial NetFT Route')!.at, a: isolated, b: peer });
  const rejoinView = nextView(rng, survivorView, lowest, ids);
  const rejoinAt = Math.round(join.done + rng.range(40, 200));
  events.push({ kind: 'view-change', at: rejoinAt, observers: ids, joiners: [isolated], downers: [], newView: rejoinView, oldView: survivorView, form: false });
  input.activateSession(isolated, session, rejoinAt + 1000);

  return { events, view: rejoinView, settledAt: rejoinAt };
}
