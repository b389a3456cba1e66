// Helpers of the groups & resources track: which group a resource belongs to, and how a
// resource state is drawn.

import { coarse } from '../events/correlate/group-rollup.ts';
import type { ClusterEvent, ClusterModel } from '../events/correlate/types.ts';
import { Style } from './marks.ts';

/** The row label of resources whose group no source names. */
export const NO_GROUP = '(no group)';

/**
 * Resource -> group. The events' own fields come first (an Operational line says `in clustered
 * role 'G'`, event 1069 carries both), then the model's rolled-up group points (which were built
 * from the same sources plus the cluster's resource table), then the lookup given.
 */
export function resourceGroupOf(model: ClusterModel, events: readonly ClusterEvent[], lookup?: (resource: string) => string | null): (resource: string) => string | null {
  const known = new Map<string, string>();
  for (const e of events) {
    const r = e.fields.resource;
    const g = e.fields.group;
    if (typeof r === 'string' && r && typeof g === 'string' && g && !known.has(r)) known.set(r, g);
  }
  for (const g of model.groups) for (const d of g.derived ?? []) if (!known.has(d.resource)) known.set(d.resource, g.group);
  return (r) => known.get(r) ?? lookup?.(r) ?? null;
}

/**
 * The style of a resource state. RCM names (`OnlineCallIssued`, `WaitingToComeOnline`...) go
 * through the same coarse classes as the group rollup; Windows 2000/2003 numeric states arrive
 * decoded as `ClusterResourceOnline` etc., so that prefix is dropped first.
 */
export function resourceStyle(state: string): Style {
  switch (coarse(state.replace(/^ClusterResource/, ''))) {
    case 'Online': return Style.ResOnline;
    case 'Pending': return Style.ResPending;
    case 'Offline': return Style.ResOffline;
    case 'Failed': return Style.ResFailed;
    default: return Style.ResOther;
  }
}
