// Membership views across nodes: every node logs `New View is <ViewChanged ... newView=1301(1 3)
// ...>` when it installs a view (formats.md B.2.1). The installs of one view on several nodes
// become one ClusterView; each node's installs become its membership series.

import type { NodeNames } from './nodes.ts';
import { push, str } from './order.ts';
import type { ClusterEvent, ClusterView, MembershipPoint, NodeMembership, ServiceSessionSpan } from './types.ts';

/**
 * Installs of the same view id and members belong to one view when they come within this of its
 * first install. Ids repeat only after a cluster restart, hours apart; nodes install within seconds.
 */
export const VIEW_SPREAD_MS = 60_000;

function viewKey(e: ClusterEvent): string | null {
  const id = str(e.fields.viewId);
  if (!id) return null;
  const members = Array.isArray(e.fields.members) ? [...e.fields.members].sort((a, b) => a - b).join(' ') : '';
  return `${id}(${members})`;
}

export function buildViews(sorted: readonly ClusterEvent[], nn: NodeNames): ClusterView[] {
  const views: ClusterView[] = [];
  const lastByKey = new Map<string, ClusterView>();
  for (const e of sorted) {
    if (e.kind !== 'view-change') continue;
    const k = viewKey(e);
    if (!k) continue;
    const node = nn.name(e.node);
    let v = lastByKey.get(k);
    if (!v || e.t - v.t > VIEW_SPREAD_MS) {
      const f = e.fields;
      const memberIds = Array.isArray(f.members) ? [...f.members].sort((a, b) => a - b) : [];
      v = {
        viewId: str(f.viewId)!, t: e.t, members: nn.ids(memberIds), memberIds,
        joiners: nn.ids(f.joiners), downers: nn.ids(f.downers),
        oldViewId: str(f.oldViewId) ?? '', oldMembers: nn.ids(f.oldMembers), form: f.form === true,
        installs: [], proposals: [], refs: [],
      };
      views.push(v);
      lastByKey.set(k, v);
    }
    v.refs.push(e.ref);
    // One install per node (a second line of the same install, e.g. another channel, only adds a ref).
    if (!v.installs.some((i) => i.node === node)) v.installs.push({ node, t: e.t, ref: e.ref });
  }
  // Proposals come just before the installs of their view.
  const byKey = new Map<string, ClusterView[]>();
  for (const v of views) push(byKey, viewKey2(v), v);
  for (const e of sorted) {
    if (e.kind !== 'view-proposed') continue;
    const k = viewKey(e);
    const v = k === null ? undefined : byKey.get(k)?.find((x) => Math.abs(x.t - e.t) <= VIEW_SPREAD_MS);
    if (v) {
      v.proposals.push({ node: nn.name(e.node), t: e.t, ref: e.ref });
      v.refs.push(e.ref);
    }
  }
  return views;
}

function viewKey2(v: ClusterView): string {
  return `${v.viewId}(${v.memberIds.join(' ')})`;
}

/**
 * Each node's installed view over time. A service session that ends takes its view with it
 * (a point with viewId null): a stopped node holds no view until it installs one again.
 */
export function buildMembership(views: readonly ClusterView[], sessions: readonly ServiceSessionSpan[]): NodeMembership[] {
  const by = new Map<string, MembershipPoint[]>();
  const add = (node: string, p: MembershipPoint): void => {
    const a = by.get(node);
    if (a) a.push(p);
    else by.set(node, [p]);
  };
  for (const v of views) for (const i of v.installs) add(i.node, { t: i.t, viewId: v.viewId, members: v.members, ref: i.ref });
  for (const s of sessions) {
    if (s.endKind === 'open' || !by.has(s.node)) continue;
    add(s.node, { t: s.end, viewId: null, members: [], ref: s.endRef ?? s.startRef });
  }
  const out: NodeMembership[] = [];
  for (const [node, points] of by) {
    points.sort((a, b) => a.t - b.t || (a.viewId === null ? -1 : 0) - (b.viewId === null ? -1 : 0));
    // Drop leading 'no view' points and repeats: they say nothing.
    const clean: MembershipPoint[] = [];
    for (const p of points) {
      const prev = clean.at(-1);
      if (p.viewId === null && (!prev || prev.viewId === null)) continue;
      if (prev && prev.viewId === p.viewId) continue;
      clean.push(p);
    }
    out.push({ node, points: clean });
  }
  return out.sort((a, b) => a.node.localeCompare(b.node));
}
