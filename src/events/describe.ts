// One line per event for lists and tooltips, from its normalized fields. Plain text only.
// Codes are not repeated here: the list shows them decoded next to the kind.

import type { FieldValue, Fields } from '../formats/messages/types.ts';
import type { ClusterEvent } from './types.ts';

const s = (v: FieldValue | undefined): string => (v === undefined || v === null ? '?' : Array.isArray(v) ? `(${v.join(' ')})` : String(v));
/** A state change: `from → to`, or only `to` when the line does not say the state left. */
const change = (f: Fields): string => `${f.from !== undefined && f.from !== null ? `${s(f.from)} → ` : ''}${s(f.to)}`;
const nodes = (e: ClusterEvent): string => (e.subjects ?? (e.subject ? [e.subject] : [])).join(', ');

/** What a sentence needs to name things: node ids, and which names are groups or resources. */
export interface NameLookup {
  nodeName(id: number): string | null;
  isGroup?(name: string): boolean;
  resourceGroup?(resource: string): string | null;
}

type Describer = (f: Fields, e: ClusterEvent, n: Namer) => string;

/** Names nodes by id ('SVR13', else 'node 2'), lists of ids, and objects as what they are. */
class Namer {
  constructor(private readonly look: NameLookup | undefined, private readonly e: ClusterEvent) {}
  node(v: FieldValue | undefined): string {
    if (typeof v !== 'number') return s(v);
    if (v === this.e.fields.localId) return `this node (${this.e.node})`;
    return this.look?.nodeName(v) ?? `node ${v}`;
  }
  nodes(v: FieldValue | undefined): string {
    if (!Array.isArray(v)) return s(v);
    return v.length === 0 ? 'none' : v.map((id) => this.look?.nodeName(id) ?? `node ${id}`).join(', ');
  }
  /** `[RCM] TransitionToState(X)` names a resource or a group: say which, when the cluster's lines tell. */
  object(v: FieldValue | undefined): string {
    const name = s(v);
    if (typeof v !== 'string') return name;
    if (this.look?.isGroup?.(v)) return `group ${name}`;
    const g = this.look?.resourceGroup?.(v);
    if (g) return `resource ${name} (in ${g})`;
    return `${name} (resource or group: no line says which)`;
  }
}

/** Summaries for every kind: a sentence with names, never field=value lists. */
const SUMMARIES: Record<string, Describer> = {
  'join-stage': (f, e) => `join with ${e.subject ?? s(f.sponsorName ?? f.sponsorAddress)}: ${s(f.stage)}`,
  'join-failed': (f, e) => `join with ${e.subject ?? s(f.peerName ?? f.sponsorAddress ?? f.cluster)} failed${f.stage ? ` at ${s(f.stage)}` : ''}${f.reason ? ` (${s(f.reason)})` : ''}`,
  'join-progress': (f, e) => `farthest join progress with ${e.subject ?? '?'}: ${s(f.stage)}`,
  'join-role': (f) => `this node is the form/join ${s(f.role)}`,
  'join-connect': (f) => `${s(f.step)} ${s(f.peerName)}`,
  'join-succeeded': (f) => `joined cluster ${s(f.cluster)}`,
  'form-succeeded': (f) => `formed cluster ${s(f.cluster)}`,
  'join-attempt': (f) => `attempting to join ${s(f.cluster)}`,
  'view-change': (f, _e, n) => `view ${s(f.viewId)} installed: ${n.nodes(f.members)}${(f.joiners as number[])?.length ? `; joined ${n.nodes(f.joiners)}` : ''}${(f.downers as number[])?.length ? `; down ${n.nodes(f.downers)}` : ''} (was view ${s(f.oldViewId)}${Array.isArray(f.oldMembers) ? `: ${n.nodes(f.oldMembers)}` : ''})`,
  'view-proposed': (f, _e, n) => `view ${s(f.viewId)} proposed: ${n.nodes(f.members)}`,
  'node-removed': (_f, e) => `${nodes(e)} removed from membership`,
  quarantine: (f, e) => `${nodes(e)} quarantined${f.until ? ` until ${s(f.until)} (local)` : ''}`,
  'connection-broken': (f, e) => `connection to ${nodes(e)} broken: ${s(f.reason)}`,
  'node-down-handling': (_f, e) => `handling down node ${nodes(e)}`,
  'nodes-down': () => 'a nodes-down event is handled',
  'rgp-singleton': () => 'regroup: this node goes on alone (singleton)',
  'rgp-merge-restart': (f, _e, n) => `regroup: merge and restart, joining ${n.nodes(f.joiners)}, down ${n.nodes(f.downers)}`,
  'rgp-partition': (f, _e, n) => `regroup: partition ${s(f.viewId)} (${n.nodes(f.members)}) selected, as ${n.node(f.by)} has quorum`,
  'route-added': (f) => `route added ${s(f.local)} → ${s(f.remote)}`,
  'connect-attempt': (f, e) => `trying to connect to ${e.subject ?? s(f.peerName)} at ${s(f.remote)}`,
  'tcp-connection': (f) => (f.direction === 'accepted' ? `TCP connection accepted from ${s(f.remote)}` : `TCP connection established to ${s(f.remote)}`),
  'route-up': (f) => `route up ${s(f.local)} → ${s(f.remote)}`,
  'route-down': (f) => `route down ${s(f.local)} → ${s(f.remote)}`,
  'route-removed': (f) => `route removed ${s(f.local)} → ${s(f.remote)}`,
  'route-alternate': (f) => `route ${s(f.local)} → ${s(f.remote)}${f.peerName ? ` (${s(f.peerName)})` : ''} exists: forwarding on an alternate path`,
  'endpoint-local': (f) => `local endpoint ${s(f.endpoint)}: ${s(f.change)}`,
  'interface-state': (f) => `network interface${f.iface ? ` ${s(f.iface)}` : ''} of ${s(f.node ?? f.peerName ?? f.peer)}${f.networkName ? ` on ${s(f.networkName)}` : ''}: ${s(f.to ?? f.state)}`,
  'heartbeat-missed': (f) => `missed heartbeats ${f.pct !== undefined ? `${s(f.pct)}% ` : f.amount ? `${s(f.amount)} ` : ''}${s(f.local)} ← ${s(f.remote ?? f.peerName)}`,
  'connection-lost': (f, e) => `lost connection to ${e.subject ?? s(f.peerName)}`,
  'resource-state': (f) => `resource ${s(f.resource)}: ${change(f)}`,
  'resource-transition': (f, _e, n) => `${n.object(f.object)}: ${change(f)}`,
  'resource-reported': (f) => `resource ${s(f.resource)} has come ${s(f.to)}`,
  'resource-health': (f) => `${f.resource ? `resource ${s(f.resource)}` : s(f.resourceType)}${f.dll ? ` (${s(f.dll)})` : ''}: ${s(f.message)}`,
  'resource-create-failed': (f) => `resource ${s(f.resource)} could not be created`,
  'group-state': (f) => `group ${s(f.group)}: ${change(f)}`,
  'group-move': (f) => `move of ${s(f.group)}: ${s(f.from)} → ${s(f.to)}${f.moveType ? ` (${s(f.moveType).replace('MoveType::', '')})` : ''}`,
  'failover-attempt': (f) => `failing over ${s(f.group)}: ${s(f.from ?? f.fromName)} → ${s(f.to ?? f.toName)}`,
  'failover-refused': (f) => `failover of ${s(f.group)} refused: ${s(f.failoverCount)} failovers already${f.computedThreshold !== undefined || f.threshold !== undefined ? `, the threshold is ${s(f.computedThreshold ?? f.threshold)}` : ''}`,
  'quorum-lost': (f, _e, n) => `quorum lost${Array.isArray(f.members) ? ` (view: ${n.nodes(f.members)})` : ''}${f.reason ? `: ${s(f.reason)}` : ''}`,
  'quorum-one-off': (f, _e, n) => `one vote short of quorum${Array.isArray(f.members) ? ` (view: ${n.nodes(f.members)})` : ''}: the witness decides`,
  'quorum-owner-died': (f, _e, n) => `the owner of the quorum resource, ${n.node(f.peer)}, died`,
  'death-timer': (f) => `death timer ${s(f.action)}${f.secs !== undefined ? ` (${s(f.secs)} s)` : f.left !== undefined ? ` (${s(f.left)} s left)` : ''}`,
  'quorum-arbitrated': (f, _e, n) => `quorum arbitrated${f.by !== undefined ? ` by ${n.node(f.by)}` : ''}`,
  'quorum-regained': (_f, e) => (e.rec === 'quorum.rcm-arbitrated' ? 'quorum arbitrated: the other groups go to their persistent state' : 'quorum regained: the groups are distributed again'),
  'witness-delay': (f) => `witness arbitration delayed ${s(f.secs)} s, to give the current witness owner preference`,
  'witness-tag': (f) => (f.witnessTag ? `the witness holds tag ${s(f.witnessTag)}, ${s(f.verdict)} than the ${s(f.proposedTag)} this node proposes: it cannot update the witness` : `witness tag: ${s(f.msg)}`),
  'quorum-stay-up': () => 'this node stays up: network connectivity is assumed to be available',
  'quorum-config': (f) => (f.tag ? `quorum configuration tag ${s(f.tag)}, votes ${s(f.set)}, weights ${s(f.weights)}` : `dynamic quorum ${f.enabled ? 'on' : 'off'}`),
  'node-weights': (f) => `node weights ${s(f.fromWeights)} → ${s(f.toWeights)}`,
  'paxos-tag': (f) => `Paxos tag ${s(f.tag)}${f.step ? ` (${s(f.step)})` : ''}`,
  'gum-epoch': (f) => `GUM epoch change${f.reason ? `: ${s(f.reason)}` : ''}`,
  'dm-unload': () => 'shutting down: the cluster database is unloaded',
  'quorum-check': () => 'checking whether this node owns the quorum resource',
  'io-hold': (f) => (f.action === 'hold' ? 'quorum I/O held' : 'quorum I/O resumed'),
  'quorum-logging': () => 'a node is down: quorum logging turned on',
  'force-quorum': (f) => `quorum forced: ${s(f.mode)}${f.nodes ? ` for ${s(f.nodes)}` : ''}`,
  'log-begin': () => 'log begins (a clussvc session starts)',
  'local-time': (f) => `local time at service start: ${s(f.localTime)}`,
  'service-start': (f) => `service start: ${s(f.step)}${f.version ? ` ${s(f.version)}` : ''}`,
  'service-stop': (f, e) => `service stop: ${s(f.step ?? f.reason)}${e.subject ? ` (${e.subject})` : ''}`,
  'service-terminated': () => 'cluster service terminated',
  'service-fatal': (f) => `cluster service fatal error${f.code !== undefined ? ` (code ${s(f.code)})` : ''}`,
  'watchdog-config': (f) => `clussvc watchdog: ${s(f.secs)} s → ${s(f.action)}`,
  'rhs-start': (_f, e) => `RHS process starts (pid ${e.pid})`,
  'resource-call': (f) => `issuing ${s(f.call)}(${s(f.resource)}) to RHS`,
  'monitor-reply': (f) => `monitor reply ${s(f.call)} for ${s(f.resource)}`,
  'health-check-failed': (f) => `${s(f.resource)}: ${s(f.check)} failed`,
  'rhs-deadlock': (f) => `RHS deadlock: ${f.call ? `${s(f.call)} timed out for ` : ''}${s(f.resource)}`,
  'rhs-terminated': (f) => (f.resource ? `RHS terminating resource ${s(f.resource)}${f.current ? ` (was ${s(f.current)})` : ''}` : 'RHS process terminated (it will be restarted)'),
  'resource-failed': (f) => `resource ${s(f.resource)} failed${f.group ? ` in ${s(f.group)}` : ''}`,
  'role-failed': (f) => `role ${s(f.group)} failed to come online or offline`,
  'group-move-request': (f, _e, n) => `move requested: ${s(f.group)}${f.dest !== undefined ? ` → ${typeof f.dest === 'number' && f.dest < 0 ? 'the best node' : n.node(f.dest)}` : ''}${f.moveType ? ` (${s(f.moveType)})` : ''}`,
  'gem-pause': (f, _e, n) => `GEM pauses for view ${s(f.viewId)}: ${n.nodes(f.proposedMembers)}`,
  'rgp-emit-view': (f, _e, n) => `regroup emits view ${s(f.viewId)}: ${n.nodes(f.members)}`,
  'rgp-connected': (_f, e) => `regroup: ${nodes(e)} connected`,
  'rgp-disconnected': (_f, e) => `regroup: ${nodes(e)} disconnected`,
};

/** The kinds that have a sentence (a test checks it is every kind of the catalogue). */
export const DESCRIBED_KINDS: ReadonlySet<string> = new Set(Object.keys(SUMMARIES));

export function describe(e: ClusterEvent, names?: NameLookup): string {
  const d = SUMMARIES[e.kind];
  if (d) return d(e.fields, e, new Namer(names, e));
  const parts = Object.entries(e.fields)
    .filter(([k]) => k !== 'localId')
    .map(([k, v]) => `${k} ${s(v)}`);
  return parts.length ? `${e.kind}: ${parts.join(', ')}` : e.kind;
}
