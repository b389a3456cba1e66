// From the correlated cluster model (events/correlate) to the marks the timeline draws: a lane
// per node, tracks inside it (membership, join, network, groups, service), rows inside tracks.
// Pure data: runs in the view worker and in tests.

import type { ClusterEvent } from '../events/types.ts';
import type { ClusterModel, LineRef } from '../events/correlate/types.ts';
import { MarksBuilder, Style, type TimelineLane, type TimelineMarks } from './marks.ts';

const ref = (r: LineRef | null | undefined) => (r ? { fileId: r.fileId, line: r.line } : null);
const hhmmss = (t: number) => new Date(t).toISOString().slice(11, 23);

export function layoutTimeline(model: ClusterModel, events: readonly ClusterEvent[]): TimelineMarks {
  const b = new MarksBuilder();
  const recAt = new Map(events.map((e) => [`${e.ref.fileId}:${e.ref.line}`, e.rec]));
  /** The line to land on for a move: the RCM `move of group ... is about to succeed`, when logged. */
  const moveRef = (refs: readonly LineRef[]) => refs.find((r) => recAt.get(`${r.fileId}:${r.line}`) === 'group.move') ?? refs[0];
  const laneOf = new Map(model.nodes.map((n, i) => [n.toLowerCase(), i]));
  const lane = (node: string | null | undefined): number => (node ? laneOf.get(node.toLowerCase()) ?? -1 : -1);
  const end = (node: string): number => {
    const c = model.coverage.find((x) => x.node === node);
    return c && c.spans.length ? Math.max(...c.spans.map((s) => s.end)) : -Infinity;
  };

  // Membership: each node's installed view as spans, view changes and node-down markers.
  for (const m of model.membership) {
    const L = lane(m.node);
    if (L < 0) continue;
    const row = b.rowOf(L, 'membership', 'view');
    m.points.forEach((p, i) => {
      if (p.viewId === null) return;
      const next = m.points[i + 1]?.t ?? end(m.node);
      b.add(row, Style.ViewSpan, p.t, Math.max(p.t, next), `view ${p.viewId} (${p.members.join(', ')})`, ref(p.ref));
    });
  }
  for (const v of model.views) {
    for (const inst of v.installs) {
      const L = lane(inst.node);
      if (L < 0) continue;
      const row = b.rowOf(L, 'membership', 'view');
      const what = `view ${v.viewId}: ${v.members.join(', ')}${v.joiners.length ? ` · joined ${v.joiners.join(', ')}` : ''}${v.downers.length ? ` · down ${v.downers.join(', ')}` : ''}`;
      b.add(row, v.downers.length ? Style.NodeDown : Style.ViewChange, inst.t, inst.t, what, ref(inst.ref));
    }
  }
  for (const d of model.disagreements) {
    for (const v of d.views) {
      const L = lane(v.node);
      if (L < 0) continue;
      b.add(b.rowOf(L, 'membership', 'view'), Style.Disagree, d.start, d.end, `views disagree: ${d.views.map((x) => `${x.node} ${x.viewId}`).join(', ')}`, ref(d.refs[0]));
    }
  }
  for (const e of events) {
    if (e.kind === 'node-removed' || e.kind === 'quarantine' || e.kind === 'quorum-lost') {
      const L = lane(e.node);
      if (L < 0) continue;
      const style = e.kind === 'quorum-lost' ? Style.Quorum : Style.NodeDown;
      b.add(b.rowOf(L, 'membership', 'view'), style, e.t, e.t, `${e.kind}${e.subject ? ` ${e.subject}` : ''}`, ref(e.ref));
    }
  }

  // Join: a span per (node, peer) attempt, stages as points.
  for (const j of model.joins) {
    const L = lane(j.node);
    if (L < 0) continue;
    const row = b.rowOf(L, 'join', j.peer ?? 'join');
    const style = j.outcome === 'succeeded' ? Style.JoinOk : j.outcome === 'failed' ? Style.JoinFailed : Style.JoinOpen;
    b.add(row, style, j.start, j.end, `join ${j.node} ↔ ${j.peer ?? '?'} (${j.role}): ${j.outcome}, ${((j.end - j.start) / 1000).toFixed(1)} s`, ref(j.refs[0]));
    for (const s of j.stages) b.add(row, s.failed ? Style.StageFailed : Style.Stage, s.t, s.t, `${s.stage}${s.status !== undefined ? ` — status ${s.status}` : ''} at ${hhmmss(s.t)}`, ref(s.ref));
  }

  // Network: a row per (local, remote) route, its state as spans; missed heartbeats as points.
  for (const r of model.routes) {
    const L = lane(r.node);
    if (L < 0) continue;
    const label = r.localEndpoint ? `${r.localEndpoint} → ${r.remoteEndpoint}${r.peer ? ` (${r.peer})` : ''}` : `node link${r.peer ? ` ${r.peer}` : ''}`;
    const row = b.rowOf(L, 'network', label);
    r.points.forEach((p, i) => {
      const next = r.points[i + 1]?.t ?? end(r.node);
      const style = p.state === 'up' ? Style.RouteUp : p.state === 'degraded' ? Style.RouteDegraded : Style.RouteDown;
      b.add(row, style, p.t, Math.max(p.t, next), `${label}: ${p.state} (${p.kind})`, ref(p.ref));
      if (p.kind === 'heartbeat-missed') b.add(row, Style.HeartbeatMissed, p.t, p.t, `missed heartbeats: ${label}`, ref(p.ref));
    });
  }

  // Groups: the owner's lane holds the group while it owns it; moves are arrows between lanes.
  for (const g of model.groups) {
    g.owners.forEach((o, i) => {
      const L = lane(o.owner);
      if (L < 0) return;
      const next = g.owners[i + 1]?.t ?? end(o.owner);
      b.add(b.rowOf(L, 'groups', g.group), Style.Owner, o.t, Math.max(o.t, next), `${g.group} on ${o.owner}`, ref(o.ref));
    });
  }
  for (const m of model.moves) {
    const to = lane(m.to);
    const from = lane(m.from);
    if (to < 0) continue;
    const toRow = b.rowOf(to, 'groups', m.group);
    const fromRow = from >= 0 ? b.rowOf(from, 'groups', m.group) : -1;
    const what = `${m.failover ? 'failover' : 'move'} of ${m.group}: ${m.from ?? '?'} → ${m.to}${m.moveType ? ` (${m.moveType})` : ''}${m.sourceFrom !== 'logged' ? ` · source from ${m.sourceFrom}` : ''}`;
    // The arrow lands on the line that logs the move about to succeed, when there is one.
    b.add(fromRow >= 0 ? fromRow : toRow, m.failover ? Style.MoveFailover : Style.MoveManual, m.t, m.t, what, ref(moveRef(m.refs)), fromRow >= 0 ? toRow : -1);
  }
  for (const e of events) {
    if (e.kind !== 'role-failed' && e.kind !== 'resource-failed') continue;
    const L = lane(e.node);
    const grp = e.fields.group;
    if (L < 0 || typeof grp !== 'string') continue;
    b.add(b.rowOf(L, 'groups', grp), Style.GroupFailed, e.t, e.t, `${e.kind} ${grp}`, ref(e.ref));
  }

  // Service: clussvc sessions, RHS processes, and the stretches without data.
  for (const s of model.sessions) {
    const L = lane(s.node);
    if (L < 0) continue;
    b.add(b.rowOf(L, 'service', 'clussvc'), s.endKind === 'crash' ? Style.SessionCrash : Style.Session, s.start, s.end, `clussvc pid ${s.pid}: ${s.startKind} → ${s.endKind}`, ref(s.startRef));
  }
  for (const r of model.rhs) {
    const L = lane(r.node);
    if (L < 0) continue;
    b.add(b.rowOf(L, 'service', 'RHS'), Style.Rhs, r.first, r.last, `RHS pid ${r.pid}${r.terminated ? ' (terminated)' : ''}`, ref(r.firstRef));
  }
  for (const g of model.gaps) {
    const L = lane(g.node);
    if (L < 0) continue;
    b.add(b.rowOf(L, 'service', 'clussvc'), Style.NoData, g.start, g.end, `no data for ${((g.end - g.start) / 1000).toFixed(0)} s (file logs nothing; not "down")`, ref(g.beforeRef));
  }

  const lanes: TimelineLane[] = model.nodes.map((node) => ({
    node,
    coverage: (model.coverage.find((c) => c.node === node)?.spans ?? []).map((s) => [s.start, s.end] as [number, number]),
  }));
  return b.build(lanes);
}
