// The model as JSON-lines records for `events --cluster`: one record per item, `type` first,
// times as UTC ms in `t` / `start` / `end` (the CLI turns them into ISO text), line refs as
// {file, line} with 1-based lines as the CLI prints them.

import type { ClusterModel, LineRef } from './types.ts';

export type ClusterRecord = Record<string, unknown>;

export const ref = (r: LineRef): { file: string; line: number } => ({ file: r.file, line: r.line + 1 });
const refs = (rs: readonly LineRef[]): Array<{ file: string; line: number }> => rs.map(ref);

export function clusterRecords(model: ClusterModel): ClusterRecord[] {
  const out: ClusterRecord[] = [];
  for (const j of model.joins) {
    out.push({
      type: 'join', id: j.id, node: j.node, peer: j.peer, role: j.role, outcome: j.outcome, start: j.start, end: j.end,
      pairedWith: j.pairedWith,
      stages: j.stages.map((s) => ({
        stage: s.stage, t: s.t, failed: s.failed, ...(s.status !== undefined ? { status: s.status } : {}),
        ...(s.reason !== undefined ? { reason: s.reason } : {}), ref: ref(s.ref),
      })),
      notes: j.notes.map((n) => ({ kind: n.kind, t: n.t, text: n.text, ref: ref(n.ref) })),
      refs: refs(j.refs),
    });
  }
  for (const v of model.views) {
    out.push({
      type: 'view', viewId: v.viewId, t: v.t, members: v.members, joiners: v.joiners, downers: v.downers,
      oldViewId: v.oldViewId, oldMembers: v.oldMembers, form: v.form,
      installs: v.installs.map((i) => ({ node: i.node, t: i.t, ref: ref(i.ref) })),
      proposals: v.proposals.map((i) => ({ node: i.node, t: i.t, ref: ref(i.ref) })),
      refs: refs(v.refs),
    });
  }
  for (const m of model.membership) {
    out.push({ type: 'membership', node: m.node, points: m.points.map((p) => ({ t: p.t, viewId: p.viewId, members: p.members, ref: ref(p.ref) })) });
  }
  for (const d of model.disagreements) {
    out.push({ type: 'disagreement', start: d.start, end: d.end, views: d.views, segments: d.segments, refs: refs(d.refs) });
  }
  for (const m of model.moves) {
    out.push({
      type: 'move', group: m.group, t: m.t, from: m.from, to: m.to, loggedFrom: m.loggedFrom, sourceFrom: m.sourceFrom,
      moveType: m.moveType, failover: m.failover,
      ...(m.failoverCount !== undefined ? { failoverCount: m.failoverCount } : {}),
      ...(m.lastFailoverTime !== undefined ? { lastFailoverTime: m.lastFailoverTime } : {}),
      nodes: m.nodes, refs: refs(m.refs),
    });
  }
  for (const r of model.resources) {
    out.push({ type: 'resource-series', resource: r.resource, points: r.points.map((p) => ({ t: p.t, state: p.state, ...(p.from ? { from: p.from } : {}), node: p.node, refs: refs(p.refs) })) });
  }
  for (const g of model.groups) {
    out.push({
      type: 'group-series', group: g.group,
      points: g.points.map((p) => ({ t: p.t, state: p.state, ...(p.from ? { from: p.from } : {}), node: p.node, refs: refs(p.refs) })),
      owners: g.owners.map((o) => ({ t: o.t, owner: o.owner, source: o.source, ref: ref(o.ref) })),
      ...(g.derived ? { derived: g.derived.map((d) => ({ t: d.t, state: d.state, resource: d.resource, ref: ref(d.ref) })) } : {}),
    });
  }
  for (const r of model.routes) {
    out.push({
      type: 'route-series', node: r.node, local: r.local, remote: r.remote, peer: r.peer,
      points: r.points.map((p) => ({ t: p.t, state: p.state, kind: p.kind, refs: refs(p.refs) })),
    });
  }
  for (const s of model.sessions) {
    out.push({
      type: 'session', node: s.node, pid: s.pid, start: s.start, end: s.end, startKind: s.startKind, endKind: s.endKind,
      startRef: ref(s.startRef), endRef: s.endRef ? ref(s.endRef) : null, refs: refs(s.refs),
    });
  }
  for (const p of model.rhs) {
    out.push({
      type: 'rhs', node: p.node, pid: p.pid, start: p.first, end: p.last, started: p.started, events: p.events,
      terminated: p.terminated ? { t: p.terminated.t, ref: ref(p.terminated.ref) } : null,
      refs: [ref(p.firstRef), ref(p.lastRef)],
    });
  }
  for (const g of model.gaps) {
    out.push({
      type: 'no-data', node: g.node, file: g.file, start: g.start, end: g.end, label: g.label, thresholdMs: g.thresholdMs,
      refs: [ref(g.beforeRef), ref(g.afterRef)],
    });
  }
  for (const f of model.facts) {
    out.push({
      type: 'fact', kind: f.kind, family: f.family, t: f.t, key: f.key, ...(f.subject ? { subject: f.subject } : {}), fields: f.fields,
      observations: f.observations.map((o) => ({ node: o.node, t: o.t, channel: o.channel, ref: ref(o.ref) })),
    });
  }
  return out;
}
