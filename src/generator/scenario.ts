// buildScenario: turns options into the abstract scenario (cluster objects + timeline).
// All timing decisions are made here so every renderer sees the same story.

import { rngFor, type Rng } from './prng.ts';
import type {
  GroupSpec, NetworkSpec, NodeSpec, ResourceSpec, Scenario, ScenarioEvent, ScenarioOptions, ServiceSession, View,
} from './model.ts';
import { buildJoin, nextView } from './timeline.ts';
import { buildNetworkIsolation, type IncidentInput, type IncidentResult } from './incident-network-isolation.ts';
import { buildClussvcHang, buildJoinBlocked, buildResourceFailure, buildRhsDeadlock } from './incidents.ts';

const INCIDENTS: Record<Exclude<ScenarioOptions['incident'] & string, 'none'>, (input: IncidentInput) => IncidentResult> = {
  'network-isolation': buildNetworkIsolation,
  'resource-failure': buildResourceFailure,
  'rhs-deadlock': buildRhsDeadlock,
  'clussvc-hang': buildClussvcHang,
  'join-blocked': buildJoinBlocked,
};

export const DEFAULT_START = '2024-08-08T06:50:00Z';
const DEFAULT_STEADY_MS = 10 * 60_000;
/** Background throughput assumed when stretching the steady state for a size target (~40 lines/s). */
const NOMINAL_BYTES_PER_SECOND = 5_000;
const TAIL_MS = 90_000;

/** Thread roles of the clussvc process; each gets its own TID per session. */
export const CLUSSVC_THREADS = ['main', 'net', 'join', 'gem', 'gum', 'rcm', 'quorum', 'core', 'dm', 'hm', 'events', 'api'] as const;
export type ClussvcThread = (typeof CLUSSVC_THREADS)[number];

function newSession(rng: Rng, start: number): ServiceSession {
  const pid = rng.int(0x200, 0x3f00) * 4;
  const tid = (): number => rng.int(0x100, 0x3fff) * 4;
  const threads: Record<string, number> = {};
  for (const role of CLUSSVC_THREADS) threads[role] = tid();
  return {
    clussvcPid: pid,
    rhsPid: pid + rng.int(40, 400) * 4,
    threads,
    rhsThreads: [tid(), tid(), tid(), tid()],
    start, stop: null, activeFrom: Number.POSITIVE_INFINITY, activeUntil: null,
  };
}

function parseStart(start: string | number | undefined): number {
  if (typeof start === 'number') return start;
  const ms = Date.parse(start ?? DEFAULT_START);
  if (!Number.isFinite(ms)) throw new Error(`invalid start time: ${start}`);
  return ms;
}

function names(localized: boolean) {
  return localized
    ? { clusterGroup: 'Clustergruppe', ip: 'Cluster-IP-Adresse', netName: 'Clustername', storage: 'Verfügbarer Speicher',
        disk: 'Clusterdatenträger 1', fsw: 'Dateifreigabenzeuge', cloud: 'Cloudzeuge', publicNet: 'Öffentlich', clusterNet: 'Clusternetzwerk 2' }
    : { clusterGroup: 'Cluster Group', ip: 'Cluster IP Address', netName: 'Cluster Name', storage: 'Available Storage',
        disk: 'Cluster Disk 1', fsw: 'File Share Witness', cloud: 'Cloud Witness', publicNet: 'Cluster Network 1', clusterNet: 'Cluster Network 2' };
}

export function buildScenario(opts: ScenarioOptions = {}): Scenario {
  const seed = (opts.seed ?? 1) >>> 0;
  const rng = rngFor(seed, 'scenario');
  const count = opts.nodeNames?.length ?? opts.nodes ?? 3;
  if (count < 2) throw new Error('a scenario needs at least 2 nodes');
  const nodeNames = opts.nodeNames ?? Array.from({ length: count }, (_, i) => `SQLNODE${i + 1}`);
  const utcOffsetMinutes = opts.utcOffsetMinutes ?? -420;
  const start = parseStart(opts.start);
  const isolated = opts.isolatedNodeId ?? 2;
  if (isolated < 1 || isolated > count) throw new Error(`isolated node id ${isolated} is not in 1..${count}`);
  const loc = names(opts.localizedNames ?? false);

  const nodes: NodeSpec[] = nodeNames.map((name, i) => ({
    id: i + 1,
    name,
    ip: `10.10.20.${11 + i}`,
    virtualIpv6: `fe80::${rng.hex(4).replace(/^0+/, '') || '0'}:${rng.hex(4).replace(/^0+/, '') || '0'}:${rng.hex(4).replace(/^0+/, '') || '0'}:${rng.hex(4).replace(/^0+/, '') || '0'}`,
    scopeId: rng.int(11, 31),
    clockOffsetMs: opts.clockOffsetsMs?.[i] ?? 0,
    utcOffsetMinutes,
    sessions: [],
  }));
  const ids = nodes.map((n) => n.id);
  const byId = (id: number): NodeSpec => nodes[id - 1];
  const survivors = ids.filter((id) => id !== isolated);

  const networks: NetworkSpec[] = [
    { name: loc.publicNet, id: 1, subnet: '10.10.20.0/24', role: 'ClusterAndClient' },
    { name: loc.clusterNet, id: 2, subnet: '172.16.0.0/24', role: 'Cluster' },
  ];

  const witnessType = opts.witness ?? 'File Share Witness';
  const agName = opts.agName ?? 'ag1';
  const witness: ResourceSpec = { name: witnessType === 'Cloud Witness' ? loc.cloud : loc.fsw, type: witnessType, group: loc.clusterGroup, guid: rng.guid() };
  const resources: ResourceSpec[] = [
    { name: loc.ip, type: 'IP Address', group: loc.clusterGroup, guid: rng.guid() },
    { name: loc.netName, type: 'Network Name', group: loc.clusterGroup, guid: rng.guid() },
    witness,
    { name: agName, type: 'SQL Server Availability Group', group: agName, guid: rng.guid() },
    { name: loc.disk, type: 'Physical Disk', group: loc.storage, guid: rng.guid() },
  ];
  const clusterGroupOwner = 1;
  const storageOwner = survivors[survivors.length - 1];
  const groupOf = (name: string, owner: number, prior: number, lastAgoMs: number | null): GroupSpec => ({
    name, initialOwner: owner, finalOwner: owner,
    resources: resources.filter((r) => r.group === name).map((r) => r.name),
    priorFailovers: prior, lastFailoverAt: lastAgoMs === null ? null : start - lastAgoMs,
  });
  const groups: GroupSpec[] = [
    groupOf(loc.clusterGroup, clusterGroupOwner, 0, null),
    groupOf(agName, isolated, 1, rng.int(2, 20) * 3_600_000 + rng.int(0, 3_599_999)),
    groupOf(loc.storage, storageOwner, 0, null),
  ];

  const events: ScenarioEvent[] = [];
  const openSession = (node: number, at: number): number => {
    byId(node).sessions.push(newSession(rngFor(seed, 'session', node, byId(node).sessions.length), at));
    return byId(node).sessions.length - 1;
  };

  // Boot: every node starts its service within a few seconds; node 1 forms, the others join in turn.
  let t = start;
  const ready: number[] = [];
  for (const n of nodes) {
    const session = openSession(n.id, Math.round(t));
    events.push({ kind: 'service-start', at: Math.round(t), node: n.id, session, reason: 'boot' });
    ready.push(t + rng.range(1500, 2600));
    t += rng.range(300, 2500);
  }
  let view: View = { seq: 0, proposer: 1, members: [1] };
  const formAt = Math.round(ready[0]);
  events.push({ kind: 'form', at: formAt, node: 1, view });
  byId(1).sessions[0].activeFrom = formAt + 500;
  events.push({ kind: 'group-online', at: formAt + rng.int(400, 900), group: loc.clusterGroup, node: clusterGroupOwner, reason: 'form' });

  let free = formAt + rng.range(300, 800);
  for (const n of nodes.slice(1)) {
    const members = view.members;
    const join = buildJoin(rng, Math.round(Math.max(ready[n.id - 1], free)), n.id, 1, members);
    events.push(join);
    for (const peer of members) {
      const hb = join.stages.find((s) => s.node === n.id && s.peer === peer && s.stage === 'Wait for Heartbeats on Initial NetFT Route')!;
      events.push({ kind: 'route-up', at: hb.at, a: n.id, b: peer });
    }
    const old = view;
    view = nextView(rng, old, 1, [...members, n.id]);
    const at = Math.round(join.done + rng.range(40, 200));
    events.push({ kind: 'view-change', at, observers: view.members, joiners: [n.id], downers: [], newView: view, oldView: old, form: false });
    n.sessions[0].activeFrom = at + 500;
    free = at + rng.range(200, 900);
  }

  // Placement: the AG comes online on its preferred owner, storage on the last node.
  let placeAt = free + rng.range(1000, 3000);
  for (const g of groups.filter((x) => x.name !== loc.clusterGroup)) {
    events.push({ kind: 'group-online', at: Math.round(placeAt), group: g.name, node: g.initialOwner, reason: 'placement' });
    placeAt += rng.range(300, 1500);
  }

  // Steady state, stretched when a size target asks for more background traffic.
  const steadyFrom = Math.round(placeAt + 8000);
  const target = opts.targetBytesPerNode ?? null;
  const steadyMs = Math.max(opts.steadyStateMs ?? DEFAULT_STEADY_MS, target ? (target / NOMINAL_BYTES_PER_SECOND) * 1000 : 0);
  const incidentAt = Math.round(steadyFrom + steadyMs);

  const kind = opts.incident ?? 'network-isolation';
  const input: IncidentInput = {
    rng: rngFor(seed, 'incident'), nodes, groups, isolated, witnessOwner: clusterGroupOwner, at: incidentAt, view,
    openSession,
    closeSession: (node, s, activeUntil, stop) => { byId(node).sessions[s].activeUntil = activeUntil; byId(node).sessions[s].stop = stop; },
    activateSession: (node, s, activeFrom) => { byId(node).sessions[s].activeFrom = activeFrom; },
    rhsRestart: (node, at) => {
      const s = sessionAt(byId(node), at);
      (s.rhsRestarts ??= []).push({ at, pid: s.rhsPid + rngFor(seed, 'rhs', node, at).int(40, 400) * 4 });
    },
  };
  if (kind !== 'none' && !INCIDENTS[kind]) throw new Error(`unknown incident '${kind}'`);
  const incident = kind === 'none' ? { events: [], view, settledAt: incidentAt } : INCIDENTS[kind](input);
  events.push(...incident.events);
  const end = Math.round(incident.settledAt + TAIL_MS);
  events.sort((a, b) => a.at - b.at);

  return {
    seed, clusterName: opts.clusterName ?? 'SQLCLUSTER', domain: 'contoso.local',
    nodes, networks, groups, resources, witness,
    incident: kind, isolatedNodeId: isolated,
    start, end, steadyFrom, steadyUntil: incidentAt, events,
    noiseRate: opts.noiseRate ?? 3,
    targetBytesPerNode: target,
    build: 17763,
  };
}

/** Owner of a group at true time `t` (follows failovers). */
export function groupOwnerAt(scenario: Scenario, group: GroupSpec, t: number): number | null {
  let owner: number | null = null;
  for (const e of scenario.events) {
    if (e.at > t) break;
    if (e.kind === 'group-online' && e.group === group.name) owner = e.node;
    else if (e.kind === 'group-failover' && e.group === group.name) owner = e.to;
  }
  return owner;
}

/** The service session of `node` running at `t` (the nearest one before it otherwise). */
/** The RHS process of a session at `t` (a terminated RHS is followed by a new PID). */
export function rhsPidAt(s: ServiceSession, t: number): number {
  let pid = s.rhsPid;
  for (const r of s.rhsRestarts ?? []) if (r.at <= t) pid = r.pid;
  return pid;
}

export function sessionAt(node: NodeSpec, t: number): ServiceSession {
  let found = node.sessions[0];
  for (const s of node.sessions) if (s.start <= t) found = s;
  return found;
}
