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

/** A view id that stands for no view (`oldView=000()` of a node that forms the cluster). */
const NO_VIEW = /^0+$/;

/**
 * Each node's installed view over time. A service session that ends takes its view with it
 * (a point with viewId null): a stopped node holds no view until it installs one again.
 *
 * An install's `oldView` says which view the node held just before it: when the node's own
 * lines do not install that view (the install was not logged, or the log starts later), it is
 * inferred and marked so. It starts where the lines allow: when another node installed it, not
 * before the node's previous view, and not before the node's data begins (`dataStart`).
 */
export function buildMembership(views: readonly ClusterView[], sessions: readonly ServiceSessionSpan[], dataStart: (node: string) => number = () => -Infinity, held: readonly HeldView[] = []): NodeMembership[] {
  const by = new Map<string, MembershipPoint[]>();
  const add = (node: string, p: MembershipPoint): void => {
    const a = by.get(node);
    if (a) a.push(p);
    else by.set(node, [p]);
  };
  for (const v of views) for (const i of v.installs) add(i.node, { t: i.t, viewId: v.viewId, members: v.members, ref: i.ref });
  for (const [node, points] of by) inferOldViews(node, points, views, dataStart(node));
  for (const h of held) {
    if (!by.has(h.node)) by.set(h.node, []);
    inferHeld(h, by.get(h.node)!, views, dataStart(h.node));
  }
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

/** Adds the views the node's installs say it held (their oldView) where its own lines do not show them. */
function inferOldViews(node: string, points: MembershipPoint[], views: readonly ClusterView[], start: number): void {
  const installs = points.slice().sort((a, b) => a.t - b.t);
  for (let i = 0; i < installs.length; i++) {
    const p = installs[i];
    const v = views.find((x) => x.viewId === p.viewId && x.installs.some((inst) => inst.node === node && inst.t === p.t));
    if (!v || !v.oldViewId || NO_VIEW.test(v.oldViewId)) continue;
    // A joiner's line gives the cluster's old view, which it was not in: only a member held it.
    const oldMembers = v.oldMembers.length ? v.oldMembers : views.find((x) => x.viewId === v.oldViewId)?.members ?? [];
    if (!oldMembers.some((m) => m.toLowerCase() === node.toLowerCase())) continue;
    const prev = installs[i - 1];
    if (prev && prev.viewId === v.oldViewId) continue;
    const { t, seen } = inferredStart(views, v.oldViewId, Math.max(prev ? prev.t : -Infinity, start), p.t, false);
    if (t >= p.t) continue; // no time left for it before the install that names it
    const when = seen ? 'from when another node installed it' : prev ? `after view ${prev.viewId}: its install is not logged` : 'from where the log begins: its install is not in it';
    points.push({ t, viewId: v.oldViewId, members: oldMembers, ref: p.ref, inferred: `held before view ${p.viewId} (that line's oldView), ${when}` });
  }
}

/** A line that says a node held a view at a time without installing it. */
export interface HeldView {
  node: string;
  t: number;
  viewId: string;
  members: string[];
  ref: ClusterEvent['ref'];
  /** Which line says so, in words. */
  why: string;
}

/**
 * What proposals and pauses say a node held: a `Proposed View` line's oldView (its proposer was
 * in it), GEM's `currentView` in a pause, and the view regroup emits (older eras).
 */
export function heldViews(sorted: readonly ClusterEvent[], nn: NodeNames): HeldView[] {
  const out: HeldView[] = [];
  for (const e of sorted) {
    const f = e.fields;
    const node = nn.name(e.node);
    let id: string | null = null;
    let members: string[] = [];
    let why = '';
    if (e.kind === 'view-proposed') [id, members, why] = [str(f.oldViewId), nn.ids(f.oldMembers), `the oldView of the view ${str(f.viewId) ?? '?'} it proposed`];
    else if (e.kind === 'gem-pause') [id, members, why] = [str(f.currentViewId), nn.ids(f.currentMembers), 'the currentView of a GEM pause'];
    else if (e.kind === 'rgp-emit-view') [id, members, why] = [str(f.viewId), nn.ids(f.members), 'the view regroup emitted'];
    if (!id || NO_VIEW.test(id) || !members.some((m) => m.toLowerCase() === node.toLowerCase())) continue;
    out.push({ node, t: e.t, viewId: id, members, ref: e.ref, why });
  }
  return out;
}

/** Adds the view a line says the node held at its time, where the node's points show another one. */
function inferHeld(h: HeldView, points: MembershipPoint[], views: readonly ClusterView[], start: number): void {
  const sorted = points.slice().sort((a, b) => a.t - b.t);
  let prev: MembershipPoint | undefined;
  for (const p of sorted) if (p.t <= h.t) prev = p;
  if (prev && prev.viewId === h.viewId) return;
  const { t } = inferredStart(views, h.viewId, Math.max(prev ? prev.t : -Infinity, start), h.t, true);
  points.push({ t: Math.min(t, h.t), viewId: h.viewId, members: h.members, ref: h.ref, inferred: `held at ${new Date(h.t).toISOString().slice(11, 23)} UTC (${h.why})` });
}

/**
 * Where an inferred view starts: the earliest the lines allow. When another node installed it
 * inside [after, until) (`until` itself too with `inclusive`), from that install; else from
 * `after` (the node's previous view, or where its log begins); else at `until`.
 */
function inferredStart(views: readonly ClusterView[], viewId: string, after: number, until: number, inclusive: boolean): { t: number; seen: boolean } {
  let best = Infinity;
  for (const v of views) {
    if (v.viewId !== viewId) continue;
    for (const i of v.installs) if (i.t >= after && (i.t < until || (inclusive && i.t === until)) && i.t < best) best = i.t;
  }
  if (best !== Infinity) return { t: best, seen: true };
  return { t: Number.isFinite(after) ? after : until, seen: false };
}
