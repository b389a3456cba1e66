// State series of resources, groups and routes, as the nodes logged them. One change is often
// written several times (RCM `Res X: A -> B`, `TransitionToState(X)`, the Operational channel):
// repeats of the same state by the same node within the merge window are one point with all refs.

import type { NodeNames } from './nodes.ts';
import { lastAtOrBefore, str } from './order.ts';
import type { ClusterEvent, GroupSeries, LineRef, OwnerPoint, ResourceSeries, RouteSeries, RouteState, StatePoint } from './types.ts';

/** Appends a point, or merges it into the same node's last point of this series when it repeats it. */
function addPoint(points: StatePoint[], p: Omit<StatePoint, 'refs'>, windowMs: number): void {
  for (let i = points.length - 1; i >= 0; i--) {
    const q = points[i];
    if (p.t - q.t > windowMs) break;
    if (q.node === p.node) {
      if (q.state === p.state) {
        q.refs.push(p.ref);
        if (!q.from && p.from) q.from = p.from;
        return;
      }
      break;
    }
  }
  points.push({ ...p, refs: [p.ref] });
}

/** The state reached: `to` as written, else a numeric `state` by its decoded name (Windows 2000 `state 129`). */
function stateOf(e: ClusterEvent): string | null {
  const to = str(e.fields.to) ?? str(e.fields.state);
  if (to) return to;
  if (typeof e.fields.state !== 'number') return null;
  return e.codes.find((c) => c.field === 'state')?.info.name ?? `state ${e.fields.state}`;
}

/** Names seen as groups (group events) and as resources (resource-state events). */
export function objectNames(sorted: readonly ClusterEvent[]): { groups: Set<string>; resources: Set<string> } {
  const groups = new Set<string>();
  const resources = new Set<string>();
  for (const e of sorted) {
    const g = str(e.fields.group);
    if (g && e.family === 'group') groups.add(g);
    const r = str(e.fields.resource);
    if (r) resources.add(r);
  }
  return { groups, resources };
}

/**
 * Resource series from resource-state; a resource-transition (`TransitionToState(X)`, X a
 * resource or a group) counts only when no resource-state of X by the same node lies within the
 * window, and goes to the group series when X is only known as a group.
 */
export function buildStateSeries(sorted: readonly ClusterEvent[], nn: NodeNames, windowMs: number): { resources: ResourceSeries[]; groups: GroupSeries[] } {
  const { groups: groupNames, resources: resourceNames } = objectNames(sorted);
  const res = new Map<string, StatePoint[]>();
  const grp = new Map<string, StatePoint[]>();
  const stateTimes = new Map<string, number[]>();
  for (const e of sorted) {
    const r = str(e.fields.resource);
    if (e.kind === 'resource-state' && r) {
      const k = `${nn.name(e.node)}\u0000${r}`;
      const a = stateTimes.get(k);
      if (a) a.push(e.t);
      else stateTimes.set(k, [e.t]);
    }
  }
  // Times are appended in time order: the nearest one at or before t, or the one after it.
  const nearState = (node: string, name: string, t: number): boolean => {
    const a = stateTimes.get(`${node}\u0000${name}`) ?? [];
    const i = lastAtOrBefore(a, t, (x) => x);
    return (i >= 0 && t - a[i] <= windowMs) || (i + 1 < a.length && a[i + 1] - t <= windowMs);
  };
  const add = (m: Map<string, StatePoint[]>, name: string, e: ClusterEvent): void => {
    const state = stateOf(e);
    if (!state) return;
    let pts = m.get(name);
    if (!pts) m.set(name, (pts = []));
    const p: Omit<StatePoint, 'refs'> = { t: e.t, state, node: nn.name(e.node), ref: e.ref };
    const from = str(e.fields.from);
    if (from) p.from = from;
    addPoint(pts, p, windowMs);
  };
  for (const e of sorted) {
    if (e.kind === 'resource-state') {
      const r = str(e.fields.resource);
      if (r) add(res, r, e);
    } else if (e.kind === 'resource-transition') {
      const o = str(e.fields.object) ?? str(e.fields.resource);
      if (!o) continue;
      if (groupNames.has(o) && !resourceNames.has(o)) add(grp, o, e);
      else if (!nearState(nn.name(e.node), o, e.t)) add(res, o, e);
    } else if (e.kind === 'group-state') {
      const g = str(e.fields.group);
      if (g) add(grp, g, e);
    }
  }
  const sortPts = (pts: StatePoint[]): StatePoint[] => pts.sort((a, b) => a.t - b.t);
  return {
    resources: [...res].map(([resource, pts]) => ({ resource, points: sortPts(pts) })).sort((a, b) => a.resource.localeCompare(b.resource)),
    groups: [...grp].map(([group, pts]) => ({ group, points: sortPts(pts), owners: [] as OwnerPoint[] })).sort((a, b) => a.group.localeCompare(b.group)),
  };
}

/**
 * Owner series of a group, kept simple: the target of each move owns the group from the move on,
 * and a node that logs the group reaching Online owns it from then on. Repeats are dropped.
 */
export function buildOwners(moves: ReadonlyArray<{ group: string; t: number; to: string; refs: readonly LineRef[] }>, sorted: readonly ClusterEvent[], nn: NodeNames): Map<string, OwnerPoint[]> {
  const raw = new Map<string, OwnerPoint[]>();
  const add = (g: string, p: OwnerPoint): void => {
    const a = raw.get(g);
    if (a) a.push(p);
    else raw.set(g, [p]);
  };
  for (const m of moves) add(m.group, { t: m.t, owner: nn.name(m.to), source: 'move', ref: m.refs[0] });
  for (const e of sorted) {
    const g = str(e.fields.group);
    if (e.kind === 'group-state' && g && str(e.fields.to)?.toLowerCase() === 'online') {
      add(g, { t: e.t, owner: nn.name(e.node), source: 'online', ref: e.ref });
    }
  }
  const out = new Map<string, OwnerPoint[]>();
  for (const [g, pts] of raw) {
    pts.sort((a, b) => a.t - b.t);
    const clean: OwnerPoint[] = [];
    for (const p of pts) if (clean.at(-1)?.owner !== p.owner) clean.push(p);
    out.set(g, clean);
  }
  return out;
}

/** Route states by kind. */
export const ROUTE_STATES: Readonly<Record<string, RouteState>> = {
  'route-added': 'up', 'route-up': 'up', 'heartbeat-missed': 'degraded', 'route-down': 'down', 'connection-lost': 'down',
};

/** `10.0.0.1:~3343~` and `10.0.0.1:3343` are one endpoint. */
export function normalizeEndpoint(v: unknown): string {
  return typeof v === 'string' ? v.replace(/~/g, '').trim() : '';
}

/** An endpoint's address without its port (`fe80::1:0` -> `fe80::1`, `10.0.0.1:3343` -> `10.0.0.1`). */
export function hostOf(endpoint: string): string {
  return endpoint.replace(/:\d+$/, '').replace(/%\d+$/, '').toLowerCase();
}

/**
 * Route series per (observer, local endpoint, remote endpoint). Lines without endpoints
 * (`Lost connection to node X`) go to the node-level key of (observer, peer) with empty endpoints.
 */
export function buildRouteSeries(sorted: readonly ClusterEvent[], nn: NodeNames, windowMs: number): RouteSeries[] {
  const by = new Map<string, RouteSeries>();
  /** Virtual (NetFT) remote addresses printed in route blocks, with the series of the real route. */
  const virtualOf: Array<[string, RouteSeries]> = [];
  for (const e of sorted) {
    const state = ROUTE_STATES[e.kind];
    if (!state) continue;
    const node = nn.name(e.node);
    const local = normalizeEndpoint(e.fields.local);
    const remote = normalizeEndpoint(e.fields.remote);
    const named = e.subject ?? str(e.fields.peerName);
    const peer = named ? nn.name(named) : null;
    if (!local && !remote && !peer) continue;
    const k = local || remote ? `${node}\u0000${local}\u0000${remote}` : `${node}\u0000\u0000\u0000${peer}`;
    let s = by.get(k);
    if (!s) by.set(k, (s = { node, local, remote, peer, points: [] }));
    if (!s.peer && peer) s.peer = peer;
    const virt = normalizeEndpoint(e.fields.virtualRemote);
    if (virt) virtualOf.push([hostOf(virt), s]);
    const last = s.points.at(-1);
    if (last && last.state === state && e.t - last.t <= windowMs) last.refs.push(e.ref);
    else s.points.push({ t: e.t, state, kind: e.kind, ref: e.ref, refs: [e.ref] });
  }
  // A key seen only through endpoints learns its peer from another key with the same remote address,
  // and NetFT virtual routes (`[NDP] ... fe80::...:~0~`) from the route blocks that print both addresses.
  const peerOfHost = new Map<string, string>();
  for (const s of by.values()) if (s.peer && s.remote) peerOfHost.set(hostOf(s.remote), s.peer);
  for (const s of by.values()) if (!s.peer && s.remote) s.peer = peerOfHost.get(hostOf(s.remote)) ?? null;
  for (const [virt, s] of virtualOf) if (s.peer && !peerOfHost.has(virt)) peerOfHost.set(virt, s.peer);
  for (const s of by.values()) if (!s.peer && s.remote) s.peer = peerOfHost.get(hostOf(s.remote)) ?? null;
  return [...by.values()].sort((a, b) =>
    a.node.localeCompare(b.node) || a.local.localeCompare(b.local) || a.remote.localeCompare(b.remote) || (a.peer ?? '').localeCompare(b.peer ?? ''));
}
