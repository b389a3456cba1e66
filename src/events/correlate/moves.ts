// Group moves with their real source. RCM writes `move of group G from A(i) to B(j) of type
// MoveType::...`, but a NodeDown move is decided after the owner died and may write the
// survivor twice (`from SVR13(2) to SVR13(2)`). The source is then taken from the group's owner
// series (its previous known owner), else from the downers of the view change just before.

import type { NodeNames } from './nodes.ts';
import { lastAtOrBefore, lastBefore, num, str } from './order.ts';
import type { ClusterEvent, ClusterView, GroupMove, OwnerPoint } from './types.ts';

export const MOVE_KINDS: ReadonlySet<string> = new Set(['group-move', 'failover-attempt']);

/** Move types that mean the group left a failed node (as opposed to MoveType::Manual and the like). */
export const FAILOVER_TYPES = /NodeDown|Failover/i;

/** A view change further back than this does not explain a move. */
export const DOWNERS_LOOKBACK_MS = 10 * 60_000;

function nodeField(e: ClusterEvent, name: 'from' | 'to', nn: NodeNames): string | null {
  const written = str(e.fields[name]) ?? str(e.fields[`${name}Name`]);
  if (written) return nn.name(written);
  const id = num(e.fields[`${name}Id`]);
  return id === null ? null : nn.byId(id);
}

/** Moves as logged: lines of one move (RCM, Operational, several nodes) within the window merge. */
export function collectMoves(sorted: readonly ClusterEvent[], nn: NodeNames, windowMs: number): GroupMove[] {
  const moves: GroupMove[] = [];
  for (const e of sorted) {
    if (!MOVE_KINDS.has(e.kind)) continue;
    const group = str(e.fields.group);
    const to = nodeField(e, 'to', nn);
    if (!group || !to) continue;
    const from = nodeField(e, 'from', nn);
    const moveType = str(e.fields.moveType) ?? str(e.fields.type);
    const node = nn.name(e.node);
    let m: GroupMove | undefined;
    for (let i = moves.length - 1; i >= 0 && e.t - moves[i].t <= windowMs; i--) {
      if (moves[i].group === group && moves[i].to === to) m = moves[i];
    }
    if (!m) {
      m = { group, t: e.t, to, loggedFrom: null, from: null, sourceFrom: 'unknown', moveType: null, failover: false, nodes: [], refs: [] };
      moves.push(m);
    }
    m.refs.push(e.ref);
    if (!m.nodes.includes(node)) m.nodes.push(node);
    // Any line that names a source other than the target wins over one that repeats the target.
    if (from && (m.loggedFrom === null || (m.loggedFrom === m.to && from !== m.to))) m.loggedFrom = from;
    if (moveType && !m.moveType) m.moveType = moveType;
    if (e.kind === 'failover-attempt' || (moveType && FAILOVER_TYPES.test(moveType))) m.failover = true;
    const count = num(e.fields.failoverCount);
    if (count !== null && m.failoverCount === undefined) m.failoverCount = count;
    const last = str(e.fields.lastFailoverTime);
    if (last && m.lastFailoverTime === undefined) m.lastFailoverTime = last;
  }
  return moves;
}

/** Fills `from` / `sourceFrom` of each move. */
export function resolveSources(moves: GroupMove[], owners: ReadonlyMap<string, readonly OwnerPoint[]>, views: readonly ClusterView[]): void {
  for (const m of moves) {
    if (m.loggedFrom && m.loggedFrom !== m.to) {
      m.from = m.loggedFrom;
      m.sourceFrom = 'logged';
      continue;
    }
    const series = owners.get(m.group) ?? [];
    const prev = series[lastBefore(series, m.t, (p) => p.t)];
    const written = m.loggedFrom ? `the line says from ${m.loggedFrom} to ${m.to}` : 'the line does not say where from';
    if (prev && prev.owner !== m.to) {
      m.from = prev.owner;
      m.sourceFrom = 'owner-series';
      m.sourceWhy = `${written}; the source is the group's owner before it, ${prev.owner}`;
      continue;
    }
    if (m.failover) {
      // The target's own side of the partition: a view it is a member of (not the lost node's
      // singleton view), the last before the move; else the first after it (a NodeDown move runs
      // while the regroup that removes the lost node is still going on).
      let v: ClusterView | undefined;
      for (let i = lastAtOrBefore(views, m.t, (x) => x.t); i >= 0 && m.t - views[i].t <= DOWNERS_LOOKBACK_MS; i--) {
        if (views[i].members.includes(m.to) && views[i].downers.some((d) => d !== m.to)) {
          v = views[i];
          break;
        }
      }
      v ??= views.find((x) => x.t > m.t && x.t - m.t <= DOWNERS_LOOKBACK_MS && x.members.includes(m.to) && x.downers.some((d) => d !== m.to));
      const downers = v ? v.downers.filter((d) => d !== m.to) : [];
      if (v && downers.length === 1) {
        m.from = downers[0];
        m.sourceFrom = 'downers';
        m.sourceWhy = `${written}${m.loggedFrom === m.to ? ' (a NodeDown move writes the survivor twice)' : ''}; the source is the node view ${v.viewId} removed, ${downers[0]} (${v.t <= m.t ? 'installed before the move' : `installed ${((v.t - m.t) / 1000).toFixed(1)} s after it`})`;
        continue;
      }
    }
    // Nothing better: a manual move keeps what it wrote, a failover stays unknown.
    m.from = m.failover ? null : m.loggedFrom;
    m.sourceFrom = m.failover || !m.loggedFrom ? 'unknown' : 'logged';
    if (m.sourceFrom === 'unknown') m.sourceWhy = `${written}; no owner before it and no view removing a node around it tells the source`;
  }
}
