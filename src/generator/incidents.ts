// The incidents besides the network isolation (generator/incident-network-isolation.ts): each is
// about one node and written with the latencies formats.md gives (IsAlive every 60 s, the RHS
// deadlock timeout of 5 min, the watchdog's 60 s, the SCM's 60 s restart delay, a TCP connect
// timing out after ~21 s). What each node writes for the events is narrate-modern.ts's.

import type { Rng } from './prng.ts';
import type { GroupSpec, NodeSpec, ScenarioEvent, View } from './model.ts';
import type { IncidentInput, IncidentResult } from './incident-network-isolation.ts';
import { buildFailedJoin, buildJoin, nextView } from './timeline.ts';

/** The SCM restarts clussvc this long after it ended (its recovery action). */
const SCM_RESTART_MS = 60_000;
/** IsAlive runs every 60 s by default (formats.md B.4.3). */
const ISALIVE_MS = 60_000;
/** RHS deadlock timeout, 5 min by default (formats.md B.4.3). */
const DEADLOCK_MS = 5 * 60_000;
/** The user-mode deadlock watchdog's timeout (the demo's `[CORE] … Timeout: 60`). */
const WATCHDOG_MS = 60_000;

const agOf = (groups: GroupSpec[], owner: number): GroupSpec => groups.find((g) => g.initialOwner === owner && g.resources.length === 1) ?? groups.find((g) => g.initialOwner === owner)!;

/** The survivors' side of losing a node: a view without it, 1135, one-off quorum arbitrated, its groups failed over (NodeDown). */
function survivorsLose(rng: Rng, input: IncidentInput, node: number, at: number): { events: ScenarioEvent[]; view: View; settled: number } {
  const ids = input.nodes.map((n) => n.id);
  const survivors = ids.filter((id) => id !== node);
  const lowest = survivors[0];
  const events: ScenarioEvent[] = [];
  const viewAt = Math.round(at);
  const view = nextView(rng, input.view, lowest, survivors);
  events.push({ kind: 'view-change', at: viewAt, observers: survivors, joiners: [], downers: [node], newView: view, oldView: input.view, form: false });
  for (const s of survivors) events.push({ kind: 'node-removed', at: viewAt + rng.int(2, 25), observer: s, removed: [node] });
  const arbiter = survivors.includes(input.witnessOwner) ? input.witnessOwner : lowest;
  const arbitratedAt = Math.round(viewAt + 30 + (arbiter === input.witnessOwner ? rng.range(300, 900) : rng.range(6000, 6600)));
  events.push({ kind: 'quorum-kept', at: viewAt + rng.int(5, 30), observers: survivors, arbiter, members: survivors, arbitratedAt });
  let t = arbitratedAt + rng.range(40, 250);
  for (const g of input.groups.filter((x) => x.initialOwner === node)) {
    events.push({ kind: 'group-failover', at: Math.round(t), group: g.name, from: node, to: lowest, onlineAt: Math.round(t + rng.range(1800, 5500)), cause: 'node-down' });
    g.finalOwner = lowest;
    t += rng.range(20, 120);
  }
  return { events, view, settled: t };
}

/** The node's service started again and joined back (its session activated once it is a member). */
function restartAndRejoin(rng: Rng, input: IncidentInput, node: number, restartAt: number, joinAt: (ready: number) => number, view: View, extra: ScenarioEvent[] = []): IncidentResult {
  const ids = input.nodes.map((n) => n.id);
  const survivors = ids.filter((id) => id !== node);
  const session = input.openSession(node, restartAt);
  const events: ScenarioEvent[] = [{ kind: 'service-start', at: restartAt, node, session, reason: 'restart' }, ...extra];
  const ready = restartAt + rng.range(1500, 2500);
  const join = buildJoin(rng, Math.round(joinAt(ready)), node, survivors[0], survivors);
  events.push(join);
  for (const peer of survivors) events.push({ kind: 'route-up', at: join.stages.find((s) => s.node === node && s.peer === peer && s.stage === 'Wait for Heartbeats on Initial NetFT Route')!.at, a: node, b: peer });
  const rejoinView = nextView(rng, view, survivors[0], ids);
  const rejoinAt = Math.round(join.done + rng.range(40, 200));
  events.push({ kind: 'view-change', at: rejoinAt, observers: ids, joiners: [node], downers: [], newView: rejoinView, oldView: view, form: false });
  input.activateSession(node, session, rejoinAt + 1000);
  return { events, view: rejoinView, settledAt: rejoinAt };
}

/**
 * The AG resource fails IsAlive on its owner, is restarted there (online again after ~2.5 s),
 * fails again at the next IsAlive, and its group fails over to another node: the restart
 * threshold (1 in 15 min) is used up. Nothing else happens: the node stays a member.
 */
export function buildResourceFailure(input: IncidentInput): IncidentResult {
  const { rng, isolated: node, at } = input;
  const g = agOf(input.groups, node);
  const res = g.resources[0];
  const to = input.nodes.map((n) => n.id).find((id) => id !== node)!;
  const events: ScenarioEvent[] = [{ kind: 'resource-failure', at, node, resource: res, group: g.name }];
  const restart = Math.round(at + rng.range(20, 80));
  events.push({ kind: 'resource-restart', at: restart, node, resource: res, group: g.name, onlineAt: Math.round(restart + rng.range(2200, 3200)) });
  const again = Math.round(restart + ISALIVE_MS + rng.range(-200, 200));
  events.push({ kind: 'resource-failure', at: again, node, resource: res, group: g.name });
  const offline = Math.round(again + rng.range(20, 80));
  events.push({ kind: 'group-offline', at: offline, node, group: g.name });
  const move = Math.round(offline + rng.range(800, 2000));
  events.push({ kind: 'group-failover', at: move, group: g.name, from: node, to, onlineAt: Math.round(move + rng.range(2500, 4500)), cause: 'failure' });
  g.finalOwner = to;
  return { events, view: input.view, settledAt: move + 6000 };
}

/**
 * The AG resource fails IsAlive and is restarted in place, but its Online call never returns:
 * after the 5 min deadlock timeout RHS cleans the call, RHS is terminated (1146) and started
 * again with a new PID, where the resource comes online. The group stays on its node.
 */
export function buildRhsDeadlock(input: IncidentInput): IncidentResult {
  const { rng, isolated: node, at } = input;
  const g = agOf(input.groups, node);
  const res = g.resources[0];
  const events: ScenarioEvent[] = [{ kind: 'resource-failure', at, node, resource: res, group: g.name }];
  const call = Math.round(at + rng.range(20, 80));
  const firedAt = Math.round(call + DEADLOCK_MS + rng.range(0, 30));
  const newRhsAt = Math.round(firedAt + rng.range(150, 600));
  input.rhsRestart(node, newRhsAt);
  events.push({ kind: 'rhs-deadlock', at: call, node, resource: res, group: g.name, firedAt, newRhsAt, onlineAt: Math.round(newRhsAt + rng.range(2500, 3500)) });
  return { events, view: input.view, settledAt: newRhsAt + 5000 };
}

/**
 * The cluster service hangs (its lines stop, no stop is logged). The user-mode watchdog ends it
 * after 60 s; its TCP connections close, so the others remove it at once and fail its groups
 * over. The SCM starts the service again 60 s later (LOG BEGIN, new PID) and it rejoins.
 */
export function buildClussvcHang(input: IncidentInput): IncidentResult {
  const { rng, isolated: node, at } = input;
  const killedAt = Math.round(at + WATCHDOG_MS + rng.range(5, 400));
  const events: ScenarioEvent[] = [{ kind: 'clussvc-hang', at, node, killedAt }];
  input.closeSession(node, 0, at, killedAt);
  for (const s of input.nodes.map((n) => n.id).filter((id) => id !== node)) {
    events.push({ kind: 'connection-closed', at: Math.round(killedAt + rng.range(1, 30)), observer: s, peer: node });
  }
  const lost = survivorsLose(rng, input, node, killedAt + rng.range(250, 600));
  events.push(...lost.events);
  const restartAt = Math.round(killedAt + SCM_RESTART_MS + rng.range(5, 400));
  const back = restartAndRejoin(rng, input, node, restartAt, (ready) => ready, lost.view);
  return { events: [...events, ...back.events], view: back.view, settledAt: back.settledAt };
}

/**
 * The node's service is stopped by an administrator (a graceful leave: the others remove it and
 * its groups move), and started again two minutes later; but a firewall change now drops TCP
 * 3343, so its joins time out (10060) twice before the rule is fixed and it joins.
 */
export function buildJoinBlocked(input: IncidentInput): IncidentResult {
  const { rng, isolated: node, at } = input;
  const ipOf = (id: number): string => input.nodes.find((n: NodeSpec) => n.id === id)!.ip;
  const survivors = input.nodes.map((n) => n.id).filter((id) => id !== node);
  const events: ScenarioEvent[] = [{ kind: 'service-stop', at, node, session: 0, reason: 'manual' }];
  const exitAt = Math.round(at + rng.range(900, 1800));
  input.closeSession(node, 0, at, exitAt);
  const lost = survivorsLose(rng, input, node, at + rng.range(300, 700));
  events.push(...lost.events);
  const restartAt = Math.round(exitAt + 2 * 60_000 + rng.range(0, 5000));
  const failed: ScenarioEvent[] = [];
  let t = restartAt + rng.range(1500, 2500);
  for (let i = 0; i < 2; i++) {
    const f = buildFailedJoin(rng, Math.round(t), node, survivors[0], survivors, ipOf);
    failed.push(f);
    t = f.until + rng.range(2000, 5000);
  }
  const back = restartAndRejoin(rng, input, node, restartAt, () => t + rng.range(20_000, 40_000), lost.view, failed);
  return { events: [...events, ...back.events], view: back.view, settledAt: back.settledAt };
}
