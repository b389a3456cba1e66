// A group's state derived from its resources' state series (issue: "group state from its
// Operational lines and from its resources"): the coarse public states of CLUSTER_GROUP_STATE
// (formats.md A.4) computed from the RCM states of the resources known to belong to it.

import type { ClusterEvent, DerivedGroupPoint, GroupSeries, ResourceSeries } from './types.ts';

export type CoarseState = 'Online' | 'Offline' | 'Failed' | 'Pending' | 'Unknown';

/** RCM state names (seen and inferred, formats.md B.4.1) to the public resource states. */
export function coarse(state: string): CoarseState {
  if (state === 'Online') return 'Online';
  if (state === 'Offline' || state === 'OfflineDueToProvider') return 'Offline';
  if (state === 'Failed' || state === 'ProcessingFailure') return 'Failed';
  if (/Pending|CallIssued|WaitingTo|Delay|Terminating|BringingTo/.test(state)) return 'Pending';
  return 'Unknown';
}

/** Failed beats Pending beats a mix (PartialOnline); all alike gives that state. */
export function rollup(states: readonly CoarseState[]): string {
  if (states.includes('Failed')) return 'Failed';
  if (states.includes('Pending')) return 'Pending';
  if (states.every((s) => s === 'Online')) return 'Online';
  if (states.every((s) => s === 'Offline')) return 'Offline';
  if (states.includes('Online')) return 'PartialOnline';
  return 'Unknown';
}

/** Resource -> group, from Operational resource lines (`in clustered role 'G'`), else the lookup given. */
export function resourceGroups(sorted: readonly ClusterEvent[], lookup?: (resource: string) => string | null): (resource: string) => string | null {
  const known = new Map<string, string>();
  for (const e of sorted) {
    const r = e.fields.resource;
    const g = e.fields.group;
    if (e.family === 'resource' && typeof r === 'string' && typeof g === 'string') known.set(r, g);
  }
  return (r) => known.get(r) ?? lookup?.(r) ?? null;
}

/** Adds `derived` to each group that has resources with state series (new groups included). */
export function deriveGroupStates(groups: GroupSeries[], resources: readonly ResourceSeries[], groupOf: (resource: string) => string | null): void {
  const members = new Map<string, ResourceSeries[]>();
  for (const r of resources) {
    const g = groupOf(r.resource);
    if (!g) continue;
    const list = members.get(g) ?? [];
    list.push(r);
    members.set(g, list);
  }
  for (const [group, rs] of members) {
    // Walk every resource change in time order, keeping each resource's latest state.
    const changes = rs.flatMap((r) => r.points.map((p) => ({ r: r.resource, p }))).sort((a, b) => a.p.t - b.p.t);
    const now = new Map<string, CoarseState>();
    const derived: DerivedGroupPoint[] = [];
    for (const { r, p } of changes) {
      now.set(r, coarse(p.state));
      const state = rollup([...now.values()]);
      if (derived.length === 0 || derived[derived.length - 1].state !== state) derived.push({ t: p.t, state, resource: r, ref: p.ref });
    }
    let g = groups.find((x) => x.group === group);
    if (!g) groups.push((g = { group, points: [], owners: [] }));
    g.derived = derived;
  }
}
