// From the correlated cluster model (events/correlate) to the marks the timeline draws: a lane
// per node, tracks inside it (membership, join, network, groups, service), rows inside tracks.
// Every mark carries the event family it comes from and the names it is about, so that the view
// can filter by family, node and name without going back to the model.
// Pure data: runs in the view worker and in tests.

import { captureTrack, type CaptureTrackInput } from './capture-track.ts';
import { push } from '../events/correlate/order.ts';
import { describe, type NameLookup } from '../events/describe.ts';
import type { ClusterEvent } from '../events/types.ts';
import type { ClusterModel, JoinSpan, LineRef, ServiceSessionSpan } from '../events/correlate/types.ts';
import { MarksBuilder, Style, type TimelineLane, type TimelineMarks } from './marks.ts';
import { NO_GROUP, resourceGroupOf, resourceStyle } from './resource-states.ts';

const ref = (r: LineRef | null | undefined) => (r ? { fileId: r.fileId, line: r.line } : null);
const hhmmss = (t: number) => new Date(t).toISOString().slice(11, 23);
const secs = (ms: number, digits: number) => `${(ms / 1000).toFixed(digits)} s`;

/** The `names` column's text: the distinct non-empty names, '\n'-joined (the builder lower-cases it). */
function names(...xs: Array<string | null | undefined | readonly string[]>): string {
  const out = new Set<string>();
  for (const x of xs) {
    if (typeof x === 'string') {
      if (x) out.add(x);
    } else if (x) for (const y of x) if (y) out.add(y);
  }
  return [...out].join('\n');
}

/** What every track needs: the builder, node -> lane, and where each node's data ends. */
interface Ctx {
  b: MarksBuilder;
  model: ClusterModel;
  lane(node: string | null | undefined): number;
  /** End of the node's files' coverage (-Infinity when it has none). */
  end(node: string): number;
}

export function layoutTimeline(
  model: ClusterModel, events: readonly ClusterEvent[], resourceGroup?: (resource: string) => string | null, names?: NameLookup,
  captures: readonly CaptureTrackInput[] = [],
): TimelineMarks {
  // A node known only from its captures still gets a lane.
  const nodes = [...model.nodes];
  for (const c of captures) if (!nodes.some((n) => n.toLowerCase() === c.node.toLowerCase())) nodes.push(c.node);
  const laneOf = new Map(nodes.map((n, i) => [n.toLowerCase(), i]));
  const coverageEnd = new Map(model.coverage.map((c) => [c.node, c.spans.length ? Math.max(...c.spans.map((s) => s.end)) : -Infinity]));
  const c: Ctx = {
    b: new MarksBuilder(),
    model,
    lane: (node) => (node ? laneOf.get(node.toLowerCase()) ?? -1 : -1),
    end: (node) => coverageEnd.get(node) ?? -Infinity,
  };
  membershipTrack(c, events);
  quorumTrack(c, events, names);
  joinTrack(c);
  networkTrack(c);
  groupsTrack(c, events, resourceGroupOf(model, events, resourceGroup));
  serviceTrack(c);
  captureTrack(c.b, captures, (node) => c.lane(node));

  const lanes: TimelineLane[] = nodes.map((node) => ({
    node,
    coverage: [
      ...(model.coverage.find((x) => x.node === node)?.spans ?? []).map((s) => [s.start, s.end] as [number, number]),
      ...captures.filter((x) => x.node.toLowerCase() === node.toLowerCase()).flatMap((x) => captureSpan(x)),
    ],
  }));
  return c.b.build(lanes);
}

/** A capture's first and last row on the UTC axis (its coverage on its node's lane). */
function captureSpan(c: CaptureTrackInput): Array<[number, number]> {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < c.ts.length; i++) {
    const t = c.ts[i];
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return lo <= hi ? [[lo + c.shift, hi + c.shift]] : [];
}

// ---- membership ----

/** Each node's installed view as spans, view changes, disagreement windows, removals and quorum loss. */
function membershipTrack({ b, model, lane, end }: Ctx, events: readonly ClusterEvent[]): void {
  for (const m of model.membership) {
    const L = lane(m.node);
    if (L < 0) continue;
    const row = b.rowOf(L, 'membership', 'view');
    m.points.forEach((p, i) => {
      // A null view is the end of a service session: the node holds no view until the next point.
      if (p.viewId === null) return;
      const next = m.points[i + 1]?.t ?? end(m.node);
      const what = `view ${p.viewId} (${p.members.join(', ')})${p.inferred ? ` — inferred: ${p.inferred}` : ''}`;
      b.add(row, p.inferred ? Style.ViewInferred : Style.ViewSpan, p.t, Math.max(p.t, next), what, ref(p.ref), -1, 'membership', names(p.members));
    });
  }
  for (const v of model.views) {
    const what = `view ${v.viewId}: ${v.members.join(', ')}${v.joiners.length ? ` · joined ${v.joiners.join(', ')}` : ''}${v.downers.length ? ` · down ${v.downers.join(', ')}` : ''}`;
    for (const inst of v.installs) {
      const L = lane(inst.node);
      if (L < 0) continue;
      b.add(b.rowOf(L, 'membership', 'view'), v.downers.length ? Style.NodeDown : Style.ViewChange, inst.t, inst.t, what, ref(inst.ref), -1, 'membership', names(v.members, v.joiners, v.downers));
    }
  }
  for (const d of model.disagreements) {
    const what = `views disagree: ${d.views.map((x) => `${x.node} ${x.viewId}`).join(', ')}`;
    const who = names(d.views.map((x) => x.node));
    for (const v of d.views) {
      const L = lane(v.node);
      if (L < 0) continue;
      b.add(b.rowOf(L, 'membership', 'view'), Style.Disagree, d.start, d.end, what, ref(d.refs[0]), -1, 'membership', who);
    }
  }
  for (const e of events) {
    if (e.kind !== 'node-removed' && e.kind !== 'quarantine') continue;
    const L = lane(e.node);
    if (L < 0) continue;
    b.add(b.rowOf(L, 'membership', 'view'), Style.NodeDown, e.t, e.t, `${e.kind}${e.subject ? ` ${e.subject}` : ''}`, ref(e.ref), -1, 'membership', names(e.subject, e.subjects));
  }
}

// ---- quorum ----

/**
 * Every quorum line of a node on the quorum row of its membership track (a row, not a track of
 * its own: lanes must still fit the timeline's height, and fitting folds the track's two rows
 * into one line): the death timer as a span from its start to
 * its stop (or to quorum loss, or its expiry), the witness arbitration delay as a span of its
 * seconds, quorum lost (severe) and regained as points, every other quorum line as a point with
 * its sentence. A quorum mark is about the node that logs it.
 */
function quorumTrack({ b, lane, end }: Ctx, events: readonly ClusterEvent[], lookup?: NameLookup): void {
  const byNode = new Map<string, ClusterEvent[]>();
  for (const e of events) if (e.family === 'quorum' && e.t === e.t) push(byNode, e.node, e);
  for (const [node, list] of byNode) {
    const L = lane(node);
    if (L < 0) continue;
    const row = b.rowOf(L, 'membership', 'quorum');
    list.forEach((e, i) => {
      const who = names(node, e.subject, e.subjects);
      const say = describe(e, lookup);
      if (e.kind === 'death-timer' && e.fields.action === 'started') {
        const secs = typeof e.fields.secs === 'number' ? e.fields.secs : null;
        const expiry = secs !== null ? e.t + secs * 1000 : end(node);
        const stop = list.slice(i + 1).find((x) => x.t <= expiry && ((x.kind === 'death-timer' && (x.fields.action === 'stopped' || x.fields.action === 'started')) || x.kind === 'quorum-lost'));
        const until = stop ? stop.t : Math.min(expiry, Math.max(e.t, end(node)));
        const how = !stop ? (until === expiry ? 'expired' : 'still running where the log ends')
          : stop.kind === 'quorum-lost' ? 'ended by quorum loss' : stop.fields.action === 'stopped' ? 'stopped' : 'restarted';
        b.add(row, Style.DeathTimer, e.t, Math.max(e.t, until), `death timer${secs !== null ? ` (${secs} s)` : ''}: ${how} after ${secs1(until - e.t)}`, ref(e.ref), -1, 'quorum', who);
        return;
      }
      if (e.kind === 'witness-delay' && typeof e.fields.secs === 'number') {
        b.add(row, Style.WitnessDelay, e.t, e.t + e.fields.secs * 1000, say, ref(e.ref), -1, 'quorum', who);
        return;
      }
      const style = e.kind === 'quorum-lost' ? Style.Quorum : e.kind === 'quorum-regained' || e.kind === 'quorum-arbitrated' ? Style.QuorumGained : Style.QuorumInfo;
      b.add(row, style, e.t, e.t, say, ref(e.ref), -1, 'quorum', who);
    });
  }
}

const secs1 = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

// ---- join ----

const joinRow = (c: Ctx, j: JoinSpan, L: number) => c.b.rowOf(L, 'join', j.peer ?? 'join');

/** A span per (node, peer) attempt with its stages as points and as Gantt segments; a link per paired join. */
function joinTrack(c: Ctx): void {
  const { b, model, lane } = c;
  for (const j of model.joins) {
    const L = lane(j.node);
    if (L < 0) continue;
    const row = joinRow(c, j, L);
    const who = names(j.peer);
    const style = j.outcome === 'succeeded' ? Style.JoinOk : j.outcome === 'failed' ? Style.JoinFailed : Style.JoinOpen;
    b.add(row, style, j.start, j.end, `join ${j.node} ↔ ${j.peer ?? '?'} (${j.role}): ${j.outcome}, ${secs(j.end - j.start, 1)}`, ref(j.refs[0]), -1, 'join', who);
    const stages = [...j.stages].sort((x, y) => x.t - y.t);
    stages.forEach((s, i) => {
      // Each stage lasts until the next one starts; the last one until the join ends. A segment of
      // no length is left out (its point below still shows the stage).
      const until = Math.max(s.t, stages[i + 1]?.t ?? j.end);
      if (until > s.t) b.add(row, Style.StageSpan, s.t, until, `${s.stage} — ${secs(until - s.t, 2)}`, ref(s.ref), -1, 'join', who);
      b.add(row, s.failed ? Style.StageFailed : Style.Stage, s.t, s.t, `${s.stage}${s.status !== undefined ? ` — status ${s.status}` : ''} at ${hhmmss(s.t)}`, ref(s.ref), -1, 'join', who);
    });
  }
  joinLinks(c);
}

/** One link per pair of halves, from the joiner's row to the listener's, when both halves are drawn. */
function joinLinks(c: Ctx): void {
  const byId = new Map(c.model.joins.map((j) => [j.id, j]));
  const done = new Set<string>();
  for (const j of c.model.joins) {
    const other = j.pairedWith ? byId.get(j.pairedWith) : undefined;
    if (!other || done.has(j.id) || done.has(other.id)) continue;
    done.add(j.id).add(other.id);
    const [joiner, listener] = joinerAndListener(j, other);
    const La = c.lane(joiner.node);
    const Lb = c.lane(listener.node);
    if (La < 0 || Lb < 0) continue;
    // Drawn where both halves are under way: the later start, on the line that starts that half.
    const later = joiner.start >= listener.start ? joiner : listener;
    c.b.add(joinRow(c, joiner, La), Style.JoinLink, later.start, later.start, `join of ${joiner.node} with ${listener.node}: joiner ${joiner.node}, listener ${listener.node}`,
      ref(later.stages.find((x) => x.t === later.start)?.ref ?? later.refs[0]), joinRow(c, listener, Lb), 'join', names(joiner.node, listener.node));
  }
}

/** Roles say which half joins; when neither half knows, the half whose id sorts first stands in. */
function joinerAndListener(a: JoinSpan, b: JoinSpan): [JoinSpan, JoinSpan] {
  if (a.role === 'joiner' || b.role === 'listener') return [a, b];
  if (b.role === 'joiner' || a.role === 'listener') return [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

// ---- network ----

/** A row per (local, remote) route, its state as spans; added routes and missed heartbeats as points. */
function networkTrack({ b, model, lane, end }: Ctx): void {
  for (const r of model.routes) {
    const L = lane(r.node);
    if (L < 0) continue;
    const label = r.local ? `${r.local} → ${r.remote}${r.peer ? ` (${r.peer})` : ''}` : `node link${r.peer ? ` ${r.peer}` : ''}`;
    const row = b.rowOf(L, 'network', label);
    const who = names(r.peer, r.local, r.remote);
    r.points.forEach((p, i) => {
      const next = r.points[i + 1]?.t ?? end(r.node);
      const style = p.state === 'up' ? Style.RouteUp : p.state === 'degraded' ? Style.RouteDegraded : Style.RouteDown;
      b.add(row, style, p.t, Math.max(p.t, next), `${label}: ${p.state} (${p.kind})`, ref(p.ref), -1, 'network', who);
      if (p.kind === 'route-added') b.add(row, Style.RouteAdded, p.t, p.t, `route added: ${label}`, ref(p.ref), -1, 'network', who);
      if (p.kind === 'heartbeat-missed') b.add(row, Style.HeartbeatMissed, p.t, p.t, `missed heartbeats: ${label}`, ref(p.ref), -1, 'network', who);
    });
  }
}

// ---- groups and resources ----

function groupsTrack(c: Ctx, events: readonly ClusterEvent[], groupOf: (resource: string) => string | null): void {
  groupOwners(c);
  groupMoves(c, events);
  resourceStates(c, groupOf);
  groupFailures(c, events, groupOf);
}

/** The owner's lane holds the group's row while it owns it. */
function groupOwners({ b, model, lane, end }: Ctx): void {
  for (const g of model.groups) {
    g.owners.forEach((o, i) => {
      const L = lane(o.owner);
      if (L < 0) return;
      const next = g.owners[i + 1]?.t ?? end(o.owner);
      b.add(b.rowOf(L, 'groups', g.group), Style.Owner, o.t, Math.max(o.t, next), `${g.group} on ${o.owner}`, ref(o.ref), -1, 'group', names(g.group, o.owner));
    });
  }
}

/** Moves are arrows from the source lane's group row to the target lane's. */
function groupMoves({ b, model, lane }: Ctx, events: readonly ClusterEvent[]): void {
  const recAt = new Map(events.map((e) => [`${e.ref.fileId}:${e.ref.line}`, e.rec]));
  // The arrow lands on the RCM `move of group ... is about to succeed` line, when logged.
  const moveRef = (refs: readonly LineRef[]) => refs.find((r) => recAt.get(`${r.fileId}:${r.line}`) === 'group.move') ?? refs[0];
  for (const m of model.moves) {
    const to = lane(m.to);
    const from = lane(m.from);
    if (to < 0) continue;
    const toRow = b.rowOf(to, 'groups', m.group);
    const fromRow = from >= 0 ? b.rowOf(from, 'groups', m.group) : -1;
    const what = `${m.failover ? 'failover' : 'move'} of ${m.group}: ${m.from ?? '?'} → ${m.to}${m.moveType ? ` (${m.moveType})` : ''}${m.sourceWhy ? ` · ${m.sourceWhy}` : ''}`;
    b.add(fromRow >= 0 ? fromRow : toRow, m.failover ? Style.MoveFailover : Style.MoveManual, m.t, m.t, what, ref(moveRef(m.refs)), fromRow >= 0 ? toRow : -1,
      'group', names(m.group, m.from, m.to));
  }
}

/**
 * Each resource's states as a sub-row of its group's row, in the lane of the node that logs them.
 * A state lasts until that node logs the next one, or until the node's clussvc session ends: the
 * resources of a node do not outlive the service hosting them (a crashed node's resource stays
 * "Online" in its log otherwise), and after the last session, until its data ends.
 */
function resourceStates({ b, model, lane, end }: Ctx, groupOf: (resource: string) => string | null): void {
  const sessionEnd = (node: string, t: number): number => {
    const s = model.sessions.find((x) => x.node === node && x.start <= t && t <= x.end);
    return s ? s.end : end(node);
  };
  for (const r of model.resources) {
    const group = groupOf(r.resource);
    const byNode = new Map<string, typeof r.points>();
    for (const p of r.points) push(byNode, p.node, p);
    for (const [node, points] of byNode) {
      const L = lane(node);
      if (L < 0) continue;
      const row = b.rowOf(L, 'groups', r.resource, b.rowOf(L, 'groups', group ?? NO_GROUP));
      const who = names(r.resource, group);
      points.sort((x, y) => x.t - y.t);
      points.forEach((p, i) => {
        const stop = Math.min(points[i + 1]?.t ?? Infinity, sessionEnd(node, p.t));
        b.add(row, resourceStyle(p.state), p.t, Math.max(p.t, stop), `resource '${r.resource}' ${p.state}${p.from ? ` (from ${p.from})` : ''} on ${node}`, ref(p.ref), -1, 'resource', who);
      });
    }
  }
}

/** Role failures (event 1205) and resource failures (1069) as points on the group's row. */
function groupFailures({ b, lane }: Ctx, events: readonly ClusterEvent[], groupOf: (resource: string) => string | null): void {
  for (const e of events) {
    if (e.kind !== 'role-failed' && e.kind !== 'resource-failed') continue;
    const L = lane(e.node);
    const res = typeof e.fields.resource === 'string' && e.fields.resource ? e.fields.resource : null;
    const grp = typeof e.fields.group === 'string' && e.fields.group ? e.fields.group : res ? groupOf(res) : null;
    if (L < 0 || !grp) continue;
    b.add(b.rowOf(L, 'groups', grp), Style.GroupFailed, e.t, e.t, `${e.kind} ${grp}${res ? ` (resource '${res}')` : ''}`, ref(e.ref), -1,
      e.kind === 'resource-failed' ? 'resource' : 'group', names(grp, res));
  }
}

// ---- service ----

/** How a clussvc session began and ended, in words (the events' own words: stopped, terminated, crashed). */
const SESSION_START: Record<ServiceSessionSpan['startKind'], string> = {
  'service-start': 'started',
  'log-begin': 'started (its log begins)',
  'new-pid': 'running (its start is not in the log)',
};
const SESSION_END: Record<ServiceSessionSpan['endKind'], string> = {
  stop: 'stopped',
  crash: 'crashed (fatal error)',
  terminated: 'terminated after losing quorum',
  'next-start': 'ended before the next start (no stop line)',
  open: 'still running where the log ends',
};

/** clussvc sessions, RHS processes, and the stretches without data. */
function serviceTrack({ b, model, lane }: Ctx): void {
  for (const s of model.sessions) {
    const L = lane(s.node);
    if (L < 0) continue;
    const abnormal = s.endKind === 'crash' || s.endKind === 'terminated';
    b.add(b.rowOf(L, 'service', 'clussvc'), abnormal ? Style.SessionCrash : Style.Session, s.start, s.end, `clussvc (pid ${s.pid}) ${SESSION_START[s.startKind]}, ${SESSION_END[s.endKind]}`, ref(s.startRef), -1, 'service');
  }
  for (const r of model.rhs) {
    const L = lane(r.node);
    if (L < 0) continue;
    b.add(b.rowOf(L, 'service', 'RHS'), Style.Rhs, r.first, r.last, `RHS pid ${r.pid}${r.terminated ? ' (terminated)' : ''}`, ref(r.firstRef), -1, 'service');
  }
  for (const g of model.gaps) {
    const L = lane(g.node);
    if (L < 0) continue;
    b.add(b.rowOf(L, 'service', 'clussvc'), Style.NoData, g.start, g.end, `no data for ${secs(g.end - g.start, 0)} (file logs nothing; not "down")`, ref(g.beforeRef), -1, 'service');
  }
}
