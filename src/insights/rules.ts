// The rules (issue 13), declared once as data: what each detects over the recognized events,
// its explanation, the evidence it cites, its confidence, and whether the message texts it rests
// on are verified. A first set: a node removed from membership (with what preceded it), quorum
// lost, the cluster service stopping, RHS terminated or deadlocked.

import type { ClusterEvent } from '../events/types.ts';
import type { Evidence, Finding, InsightInput, Rule } from './types.ts';

const ISO = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString().slice(11, 23) : '--:--:--.---');

export function evidenceOf(e: ClusterEvent, what: string): Evidence {
  return { fileId: e.ref.fileId, file: e.ref.file, line: e.ref.line + 1, t: e.t, node: e.node, what };
}

/** First index of time-ordered `events` (untimed ones first) whose time is at least `t`. */
function firstAtOrAfter(events: readonly ClusterEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = events[mid].t;
    if (v !== v || v < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The events of [t0, t1] (inclusive), by binary search: a rule looks back from each finding, not over every event. */
export function eventsBetween(events: readonly ClusterEvent[], t0: number, t1: number): readonly ClusterEvent[] {
  return events.slice(firstAtOrAfter(events, t0), firstAtOrAfter(events, t1 + 0.001));
}

/** How far back a removal's causes are looked for. */
export const CAUSE_WINDOW_MS = 60_000;
/** Removals of one node within this are one removal seen by several nodes. */
const SAME_REMOVAL_MS = 15_000;

const NETWORK_CAUSES = new Set(['connection-broken', 'connection-lost', 'route-down', 'heartbeat-missed', 'rgp-disconnected', 'interface-state']);
const SERVICE_ENDS = new Set(['service-stop', 'service-fatal', 'service-terminated', 'dm-unload']);

/** The nodes an event says were removed: 1135's subject, or a view's downers (ids, named where known). */
/** How the network losses before a removal are counted in its sentence. */
const NETWORK_WORDS: Record<string, [string, string]> = {
  'heartbeat-missed': ['missed heartbeat', 'missed heartbeats'], 'route-down': ['route down', 'routes down'],
  'connection-broken': ['broken connection', 'broken connections'], 'connection-lost': ['lost connection', 'lost connections'],
  'rgp-disconnected': ['regroup disconnect', 'regroup disconnects'], 'interface-state': ['interface change', 'interface changes'],
};

function networkSummary(events: readonly ClusterEvent[]): string {
  const n = new Map<string, number>();
  for (const e of events) n.set(e.kind, (n.get(e.kind) ?? 0) + 1);
  return [...n].map(([k, c]) => `${c} ${NETWORK_WORDS[k]?.[c === 1 ? 0 : 1] ?? k}`).join(', ');
}

const removedBy = (e: ClusterEvent, nodeName: InsightInput['nodeName']): string[] => {
  if (e.kind === 'node-removed' && e.subject) return [e.subject];
  if (e.kind === 'view-change') {
    const d = e.fields.downers;
    if (Array.isArray(d)) return d.map((x) => (typeof x === 'number' ? nodeName?.(x) ?? `node ${x}` : String(x)));
  }
  return [];
};

const nodeRemoved: Rule = {
  id: 'node-removed',
  name: 'A node removed from membership',
  explains: 'The other nodes stopped counting it as a member (event 1135, or a view that drops it). What preceded it tells why: lost connections, routes or heartbeats point at the network; the node\'s own service stopping points at a stop or a crash.',
  kinds: ['node-removed', 'view-change', ...NETWORK_CAUSES, ...SERVICE_ENDS],
  detect({ events, nodeName }) {
    const out: Finding[] = [];
    const seen: { node: string; t: number; f: Finding }[] = [];
    for (const e of events) {
      for (const gone of removedBy(e, nodeName)) {
        if (!Number.isFinite(e.t) || gone.toLowerCase() === e.node.toLowerCase()) continue;
        const same = seen.find((s) => s.node.toLowerCase() === gone.toLowerCase() && Math.abs(e.t - s.t) <= SAME_REMOVAL_MS);
        const ev = evidenceOf(e, e.kind === 'node-removed' ? `${e.node} reports ${gone} removed` : `${e.node} installs a view without ${gone}`);
        if (same) {
          same.f.evidence.push(ev);
          if (!same.f.sentence.includes(` ${e.node}`)) same.f.sentence = same.f.sentence.replace(/ from membership/, `, and by ${e.node} at ${ISO(e.t)}, from membership`);
          continue;
        }
        // What came before, on the removed node or about it.
        const before = eventsBetween(events, e.t - CAUSE_WINDOW_MS, e.t).filter((x) => x.t < e.t
          && ((NETWORK_CAUSES.has(x.kind) && (x.subject?.toLowerCase() === gone.toLowerCase() || x.node.toLowerCase() === gone.toLowerCase()))
            || (SERVICE_ENDS.has(x.kind) && x.node.toLowerCase() === gone.toLowerCase())));
        const network = before.filter((x) => NETWORK_CAUSES.has(x.kind));
        const service = before.filter((x) => SERVICE_ENDS.has(x.kind));
        const why = service.length
          ? ` after its cluster service stopped (${ISO(service[0].t)})`
          : network.length
            ? ` after a network loss: ${networkSummary(network)} (from ${ISO(network[0].t)} on ${network[0].node})`
            : '';
        const f: Finding = {
          rule: 'node-removed', t: e.t, node: gone,
          sentence: `${gone} was removed by ${e.node} at ${ISO(e.t)} from membership${why}.`,
          confidence: e.kind === 'node-removed' || why ? 'high' : 'medium',
          verified: e.verified && before.every((x) => x.verified),
          evidence: [ev, ...before.slice(0, 5).map((x) => evidenceOf(x, `${x.node}: ${x.kind.replace(/-/g, ' ')}`))],
        };
        seen.push({ node: gone, t: e.t, f });
        out.push(f);
      }
    }
    return out;
  },
};

/** A rule that turns each event of `kinds` into a finding. */
function eachEvent(id: string, name: string, explains: string, kinds: readonly string[], say: (e: ClusterEvent) => string, confidence: Finding['confidence'] = 'high'): Rule {
  const set = new Set(kinds);
  return {
    id, name, explains, kinds,
    detect: ({ events }) => events.filter((e) => set.has(e.kind) && Number.isFinite(e.t)).map((e): Finding => ({
      rule: id, t: e.t, node: e.node, sentence: say(e), confidence, verified: e.verified, evidence: [evidenceOf(e, `${e.node}: ${e.kind.replace(/-/g, ' ')}`)],
    })),
  };
}

const codeOf = (e: ClusterEvent) => {
  const c = e.codes.find((x) => x.field !== 'state');
  return c ? ` (${c.info.name ?? c.info.code})` : '';
};

const secs = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${Math.round(ms / 1000)} s`);

const noData: Rule = {
  id: 'no-data',
  name: 'A node\'s log silent inside its span',
  explains: 'The node wrote nothing for much longer than its file usually pauses, inside the span its log covers: it was hung, starved, stopped or cut off while its log goes on after. (Outside a log\'s span, no lines mean no data, not a silence.)',
  kinds: [],
  detect({ model }) {
    return (model?.gaps ?? []).map((g): Finding => ({
      rule: 'no-data', t: g.start, t1: g.end, node: g.node,
      sentence: `${g.node}'s log is silent for ${secs(g.end - g.start)}, from ${ISO(g.start)} to ${ISO(g.end)}, inside its span (its file's pauses rarely pass ${secs(g.thresholdMs)}).`,
      confidence: 'high', verified: true,
      evidence: [
        { fileId: g.beforeRef.fileId, file: g.beforeRef.file, line: g.beforeRef.line + 1, t: g.start, node: g.node, what: 'its last line before the silence' },
        { fileId: g.afterRef.fileId, file: g.afterRef.file, line: g.afterRef.line + 1, t: g.end, node: g.node, what: 'its first line after it' },
      ],
    }));
  },
};

/** One failover seen in several lines (the operational "failover", "moving", and the RCM's move) within this. */
const SAME_MOVE_MS = 5_000;
/** More moves of one group than this within STORM_MS is a failover storm. */
const STORM_MOVES = 3;
const STORM_MS = 10 * 60_000;
const RESOURCE_FAILS = new Set(['health-check-failed', 'resource-failed', 'resource-create-failed']);

const groupFailover: Rule = {
  id: 'group-failover',
  name: 'A group failed over (and storms of them)',
  explains: 'The cluster moved a group to another node because its node went down or a resource in it failed; the failures before it in the same group say which. A group moving back and forth is a failover storm.',
  kinds: ['group-move', 'failover-attempt', ...RESOURCE_FAILS],
  detect({ events, resourceGroup, model }) {
    const out: Finding[] = [];
    /** The real source of a move whose line writes its target twice (a NodeDown move), as the correlated model infers it. */
    const realFrom = (group: string, t: number, to: string): string | null => {
      const m = model?.moves.find((x) => x.group === group && x.to === to && Math.abs(x.t - t) <= SAME_MOVE_MS);
      return m?.from && m.from !== to ? m.from : null;
    };
    /** A move, and what its sentence says (its type may come from a later line of the same move). */
    interface Move { group: string; from: string | null; to: string; t: number; manual: boolean; why: string; type: string | null; f: Finding }
    const say = (m: Move) => `${m.group} ${m.manual ? 'was moved' : 'failed over'}${m.type ? ` (${m.type})` : ''}${m.from ? ` from ${m.from}` : ''} to ${m.to} at ${ISO(m.t)}${m.why}.`;
    const typeOf = (e: ClusterEvent) => (typeof e.fields.moveType === 'string' ? `${e.fields.moveType}${typeof e.fields.failoverCount === 'number' ? `, failover ${e.fields.failoverCount}` : ''}` : null);
    const moves: Move[] = [];
    for (const e of events) {
      if ((e.kind !== 'group-move' && e.kind !== 'failover-attempt') || !Number.isFinite(e.t)) continue;
      const group = typeof e.fields.group === 'string' ? e.fields.group : null;
      const to = typeof e.fields.to === 'string' ? e.fields.to : null;
      if (!group || !to) continue;
      const manual = typeof e.fields.moveType === 'string' && /manual/i.test(e.fields.moveType);
      const same = moves.find((m) => m.group === group && m.to === to && Math.abs(e.t - m.t) <= SAME_MOVE_MS);
      if (same) {
        same.f.evidence.push(evidenceOf(e, `${e.node}: ${e.kind.replace(/-/g, ' ')}`));
        if (!same.type && typeOf(e)) {
          same.type = typeOf(e);
          same.manual = manual;
          same.f.sentence = say(same);
        }
        continue;
      }
      const written = typeof e.fields.from === 'string' ? e.fields.from : null;
      const from = written && written !== to ? written : realFrom(group, e.t, to);
      const fails = eventsBetween(events, e.t - CAUSE_WINDOW_MS, e.t).filter((x) => RESOURCE_FAILS.has(x.kind) && typeof x.fields.resource === 'string'
        && (x.fields.resource === group || resourceGroup?.(x.fields.resource) === group));
      const why = fails.length ? ` after ${fails.length === 1 ? 'a failure' : `${fails.length} failures`} in it (${fails.slice(0, 2).map((x) => `${x.fields.resource} ${typeof x.fields.check === 'string' ? `${x.fields.check} ` : ''}failed at ${ISO(x.t)} on ${x.node}`).join(', ')})` : '';
      const m: Move = {
        group, from, to, t: e.t, manual, why, type: typeOf(e),
        f: {
          rule: 'group-failover', t: e.t, node: to, sentence: '', confidence: 'high', verified: e.verified && fails.every((x) => x.verified),
          evidence: [evidenceOf(e, `${e.node}: ${e.kind.replace(/-/g, ' ')}`), ...fails.slice(0, 3).map((x) => evidenceOf(x, `${x.node}: ${x.kind.replace(/-/g, ' ')}`))],
        },
      };
      m.f.sentence = say(m);
      moves.push(m);
      out.push(m.f);
    }
    // A group moving more than STORM_MOVES times within STORM_MS.
    const byGroup = new Map<string, Move[]>();
    for (const m of moves) byGroup.set(m.group, [...(byGroup.get(m.group) ?? []), m]);
    for (const [group, list] of byGroup) {
      for (let i = 0; i + STORM_MOVES < list.length; i++) {
        if (list[i + STORM_MOVES].t - list[i].t > STORM_MS) continue;
        const run = list.filter((m) => m.t >= list[i].t && m.t <= list[i].t + STORM_MS);
        out.push({
          rule: 'failover-storm', t: run[0].t, t1: run[run.length - 1].t, node: undefined,
          sentence: `${group} moved ${run.length} times in ${Math.round((run[run.length - 1].t - run[0].t) / 1000)} s (${run.map((m) => m.to).join(' → ')}): a failover storm.`,
          confidence: 'high', verified: run.every((m) => m.f.verified), evidence: run.map((m) => m.f.evidence[0]),
        });
        break;
      }
    }
    return out;
  },
};

export const RULES: readonly Rule[] = [
  groupFailover,
  nodeRemoved,
  noData,
  eachEvent('quorum-lost', 'Quorum lost', 'The node could not keep a majority of votes (with the witness): its cluster service stops, and its groups go offline.',
    ['quorum-lost'], (e) => `${e.node} lost quorum at ${ISO(e.t)}${codeOf(e)}.`),
  eachEvent('service-stopped', 'The cluster service stopped', 'The cluster service on the node ended: expected (a stop) or not (a fatal error, a termination).',
    ['service-fatal', 'service-terminated', 'service-stop'], (e) => `The cluster service on ${e.node} ${e.kind === 'service-stop' ? 'stopped' : 'ended unexpectedly'} at ${ISO(e.t)}${codeOf(e)}.`),
  eachEvent('join-failed', 'A join failed', 'A node could not (re)join the cluster: the stage it stopped at and the error say where (10060: the peer did not answer; a firewall or a down network).',
    ['join-failed'], (e) => `${e.node}'s join${e.subject ? ` with ${e.subject}` : ''} failed at ${ISO(e.t)}${typeof e.fields.stage === 'string' ? ` at stage '${e.fields.stage}'` : ''}${codeOf(e)}.`),
  eachEvent('quarantine', 'A node quarantined', 'After repeated failures in a short time the cluster keeps the node out; it tries to join again when the quarantine ends.',
    ['quarantine'], (e) => `${e.subject ?? (typeof e.fields.node === 'string' ? e.fields.node : e.node)} was quarantined at ${ISO(e.t)}${typeof e.fields.failures === 'string' || typeof e.fields.failures === 'number' ? ` after ${e.fields.failures} consecutive failures` : ''}${typeof e.fields.until === 'string' ? `, until ${e.fields.until}` : ''}.`),
  eachEvent('rhs-ended', 'RHS terminated or deadlocked', 'The resource host (RHS) process died or hung; the resources it hosted fail and are restarted, often in another RHS.',
    ['rhs-terminated', 'rhs-deadlock'], (e) => `${e.kind === 'rhs-deadlock' ? 'A resource deadlocked RHS' : 'RHS terminated'} on ${e.node} at ${ISO(e.t)}${typeof e.fields.resource === 'string' ? ` (resource ${e.fields.resource})` : ''}.`),
];

/** Every rule's findings, in time order. */
export function findAll(input: InsightInput, rules: readonly Rule[] = RULES): Finding[] {
  return rules.flatMap((r) => r.detect(input)).sort((a, b) => a.t - b.t || a.rule.localeCompare(b.rule));
}
