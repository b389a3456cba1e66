// Cluster-level facts: one happening logged by several nodes (every survivor writes event 1135
// for the removed node), or by one node twice (main log and [Verbose] channel), becomes one fact
// that keeps every observation. Which fields identify a fact is data: CLUSTER_KEYS for facts that
// several nodes report alike; everything else is keyed per node on its identifying fields.

import type { NodeNames } from './nodes.ts';
import { normalizeEndpoint } from './series.ts';
import type { ClusterEvent, ClusterFact } from './types.ts';

/** Kinds whose facts merge across nodes, with the fields that identify one fact. */
export const CLUSTER_KEYS: Readonly<Record<string, readonly string[]>> = {
  'node-removed': ['subject'],
  quarantine: ['subject'],
  'view-change': ['viewId'],
  'view-proposed': ['viewId'],
  'group-move': ['group', 'to'],
  'group-move-request': ['group', 'to'],
  'failover-attempt': ['group', 'to'],
  'role-failed': ['group'],
  'group-state': ['group', 'to'],
  'resource-failed': ['resource'],
  'quorum-lost': [],
  'form-succeeded': [],
};

/** Fields that tell two facts of one node and kind apart (those present are used). */
export const NODE_KEY_FIELDS = [
  'subject', 'group', 'resource', 'object', 'from', 'to', 'state', 'viewId', 'local', 'remote', 'peer', 'peerName', 'stage', 'status',
] as const;

const MOVE_KINDS = new Set(['group-move', 'group-move-request', 'failover-attempt']);

/** A field as a key part: node names canonical, endpoints without `~`, all case-blind. */
function valueOf(e: ClusterEvent, field: string, nn: NodeNames): string | null {
  const v = field === 'subject' ? e.subject : e.fields[field];
  if (v === undefined || v === null || v === '') return null;
  if (field === 'local' || field === 'remote') return normalizeEndpoint(v).toLowerCase();
  // `from`/`to` are nodes for moves, states for state changes.
  const isName = field === 'subject' || field === 'peerName' || ((field === 'from' || field === 'to') && MOVE_KINDS.has(e.kind));
  if (typeof v === 'string') return (isName ? nn.name(v) : v).toLowerCase();
  return Array.isArray(v) ? v.join(' ') : String(v);
}

export function factKey(e: ClusterEvent, nn: NodeNames): string {
  const fields = CLUSTER_KEYS[e.kind];
  if (fields) return [e.kind, ...fields.map((f) => `${f}=${valueOf(e, f, nn) ?? ''}`)].join('|');
  const parts = [e.kind, `node=${nn.name(e.node).toLowerCase()}`];
  for (const f of NODE_KEY_FIELDS) {
    const v = valueOf(e, f, nn);
    if (v !== null) parts.push(`${f}=${v}`);
  }
  return parts.join('|');
}

/** Observations of one key within the window of the fact's first observation make one fact. */
export function buildFacts(sorted: readonly ClusterEvent[], nn: NodeNames, windowMs: number): ClusterFact[] {
  const facts: ClusterFact[] = [];
  const open = new Map<string, ClusterFact>();
  for (const e of sorted) {
    const key = factKey(e, nn);
    let f = open.get(key);
    if (!f || e.t - f.t > windowMs) {
      f = { kind: e.kind, family: e.family, t: e.t, key, fields: e.fields, observations: [] };
      if (e.subject) f.subject = e.subject;
      facts.push(f);
      open.set(key, f);
    } else if (e.channel === '' && f.observations.every((o) => o.channel !== '')) {
      // Fields of the main log win over the channel copies.
      f.fields = e.fields;
    }
    f.observations.push({ node: nn.name(e.node), t: e.t, ref: e.ref, channel: e.channel });
  }
  return facts;
}
