// One line per event for lists and tooltips, from its normalized fields. Plain text only.
// Codes are not repeated here: the list shows them decoded next to the kind.

import type { FieldValue, Fields } from '../formats/messages/types.ts';
import type { ClusterEvent } from './types.ts';

const s = (v: FieldValue | undefined): string => (v === undefined || v === null ? '?' : Array.isArray(v) ? `(${v.join(' ')})` : String(v));
/** A state change: `from → to`, or only `to` when the line does not say the state left. */
const change = (f: Fields): string => `${f.from !== undefined && f.from !== null ? `${s(f.from)} → ` : ''}${s(f.to)}`;
const nodes = (e: ClusterEvent): string => (e.subjects ?? (e.subject ? [e.subject] : [])).join(', ');

type Describer = (f: Fields, e: ClusterEvent) => string;

/** Summaries for the kinds whose fields need arranging; other kinds list their fields. */
const SUMMARIES: Record<string, Describer> = {
  'join-stage': (f, e) => `join with ${e.subject ?? s(f.sponsorName ?? f.sponsorAddress)}: ${s(f.stage)}`,
  'join-failed': (f, e) => `join with ${e.subject ?? s(f.peerName ?? f.sponsorAddress ?? f.cluster)} failed${f.stage ? ` at ${s(f.stage)}` : ''}${f.reason ? ` (${s(f.reason)})` : ''}`,
  'join-progress': (f, e) => `farthest join progress with ${e.subject ?? '?'}: ${s(f.stage)}`,
  'join-role': (f) => `form/join ${s(f.role)}`,
  'join-connect': (f) => `${s(f.step)} ${s(f.peerName)}`,
  'join-succeeded': (f) => `joined cluster ${s(f.cluster)}`,
  'form-succeeded': (f) => `formed cluster ${s(f.cluster)}`,
  'join-attempt': (f) => `attempting to join ${s(f.cluster)}`,
  'view-change': (f) => `view ${s(f.viewId)} ${s(f.members)}${(f.joiners as number[])?.length ? ` +${s(f.joiners)}` : ''}${(f.downers as number[])?.length ? ` −${s(f.downers)}` : ''} (was ${s(f.oldViewId)})`,
  'view-proposed': (f) => `proposed view ${s(f.viewId)} ${s(f.members)}`,
  'node-removed': (_f, e) => `${nodes(e)} removed from membership`,
  quarantine: (f, e) => `${nodes(e)} quarantined${f.until ? ` until ${s(f.until)} (local)` : ''}`,
  'connection-broken': (f, e) => `connection to ${nodes(e)} broken: ${s(f.reason)}`,
  'node-down-handling': (_f, e) => `handling down node ${nodes(e)}`,
  'route-added': (f) => `route added ${s(f.local)} → ${s(f.remote)}`,
  'route-up': (f) => `route up ${s(f.local)} → ${s(f.remote)}`,
  'route-down': (f) => `route down ${s(f.local)} → ${s(f.remote)}`,
  'heartbeat-missed': (f) => `missed heartbeats ${f.pct !== undefined ? `${s(f.pct)}% ` : f.amount ? `${s(f.amount)} ` : ''}${s(f.local)} ← ${s(f.remote ?? f.peerName)}`,
  'connection-lost': (f, e) => `lost connection to ${e.subject ?? s(f.peerName)}`,
  'resource-state': (f) => `resource ${s(f.resource)}: ${change(f)}`,
  'resource-transition': (f) => `${s(f.object)} (resource or group): ${change(f)}`,
  'group-state': (f) => `group ${s(f.group)}: ${change(f)}`,
  'group-move': (f) => `move of ${s(f.group)}: ${s(f.from)} → ${s(f.to)}${f.moveType ? ` (${s(f.moveType).replace('MoveType::', '')})` : ''}`,
  'failover-attempt': (f) => `failing over ${s(f.group)}: ${s(f.from ?? f.fromName)} → ${s(f.to ?? f.toName)}`,
  'quorum-lost': (f, e) => `quorum lost${f.members ? ` ${s(f.members)}` : ''}${f.reason ? ` — ${s(f.reason)}` : ''}`,
  'quorum-one-off': (f) => `one node off quorum ${s(f.members)}`,
  'death-timer': (f) => `death timer ${s(f.action)}${f.secs !== undefined ? ` (${s(f.secs)} s)` : f.left !== undefined ? ` (${s(f.left)} s left)` : ''}`,
  'quorum-arbitrated': (f) => `quorum arbitrated${f.by !== undefined ? ` by node ${s(f.by)}` : ''}`,
  'quorum-config': (f) => `quorum config${f.tag ? ` tag ${s(f.tag)} set ${s(f.set)} weights ${s(f.weights)}` : f.enabled !== undefined ? ` dynamic quorum ${s(f.enabled)}` : ''}`,
  'node-weights': (f) => `node weights ${s(f.fromWeights)} → ${s(f.toWeights)}`,
  'paxos-tag': (f) => `Paxos tag ${s(f.tag)}${f.step ? ` (${s(f.step)})` : ''}`,
  'gum-epoch': (f) => `GUM epoch change${f.reason ? `: ${s(f.reason)}` : ''}`,
  'log-begin': () => 'log begins (a clussvc session starts)',
  'service-start': (f) => `service start: ${s(f.step)}${f.version ? ` ${s(f.version)}` : ''}`,
  'service-stop': (f, e) => `service stop: ${s(f.step ?? f.reason)}${e.subject ? ` (${e.subject})` : ''}`,
  'service-terminated': () => 'cluster service terminated',
  'service-fatal': (f, e) => `cluster service fatal error`,
  'watchdog-config': (f) => `clussvc watchdog: ${s(f.secs)} s → ${s(f.action)}`,
  'rhs-start': (_f, e) => `RHS process starts (pid ${e.pid})`,
  'resource-call': (f) => `issuing ${s(f.call)}(${s(f.resource)}) to RHS`,
  'monitor-reply': (f) => `monitor reply ${s(f.call)} for ${s(f.resource)}`,
  'health-check-failed': (f) => `${s(f.resource)}: ${s(f.check)} failed`,
  'rhs-deadlock': (f) => `RHS deadlock: ${f.call ? `${s(f.call)} timed out for ` : ''}${s(f.resource)}`,
  'rhs-terminated': (f) => (f.resource ? `RHS terminating resource ${s(f.resource)}${f.current ? ` (was ${s(f.current)})` : ''}` : 'RHS process terminated (it will be restarted)'),
  'resource-failed': (f, e) => `resource ${s(f.resource)} failed${f.group ? ` in ${s(f.group)}` : ''}`,
  'role-failed': (f) => `role ${s(f.group)} failed to come online or offline`,
  'group-move-request': (f) => `move requested: ${s(f.group)}${f.dest !== undefined ? ` → node ${s(f.dest)}` : ''}${f.moveType ? ` (${s(f.moveType)})` : ''}`,
  'gem-pause': (f) => `GEM pause for view ${s(f.viewId)} ${s(f.proposedMembers)}`,
  'rgp-emit-view': (f) => `regroup emits view ${s(f.viewId)} ${s(f.members)}`,
  'rgp-connected': (_f, e) => `regroup: ${nodes(e)} connected`,
  'rgp-disconnected': (_f, e) => `regroup: ${nodes(e)} disconnected`,
};

export function describe(e: ClusterEvent): string {
  const d = SUMMARIES[e.kind];
  if (d) return d(e.fields, e);
  const parts = Object.entries(e.fields)
    .filter(([k]) => k !== 'localId')
    .map(([k, v]) => `${k}=${s(v)}`);
  return parts.length ? parts.join(' ') : e.kind;
}
