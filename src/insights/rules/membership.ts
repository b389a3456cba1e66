// Membership: a node removed (and why), a node's log silent inside its span, and the cluster
// service that hung until its watchdog ended it (seeds/003: the node's lines stop without a
// stop, the others remove it, and it starts again as a new process).

import type { NoDataGap } from '../../events/correlate/types.ts';
import type { ClusterEvent } from '../../events/types.ts';
import type { Finding, InsightInput, Rule } from '../types.ts';
import { evidenceOf, eventsBetween, ISO, removedBy, same, secs } from './helpers.ts';

/** How far back a removal's causes are looked for. */
export const CAUSE_WINDOW_MS = 60_000;
/** Removals of one node within this are one removal seen by several nodes. */
const SAME_REMOVAL_MS = 15_000;

const NETWORK_CAUSES = new Set(['connection-broken', 'connection-lost', 'route-down', 'heartbeat-missed', 'rgp-disconnected', 'interface-state']);
const SERVICE_ENDS = new Set(['service-stop', 'service-fatal', 'service-terminated', 'dm-unload']);
const STARTS = new Set(['log-begin', 'service-start']);

/** How the network losses before a removal are counted in its sentence. */
const NETWORK_WORDS: Record<string, [string, string]> = {
  'heartbeat-missed': ['missed heartbeat', 'missed heartbeats'], 'route-down': ['route down', 'routes down'],
  'connection-broken': ['broken connection', 'broken connections'], 'connection-lost': ['lost connection', 'lost connections'],
  'rgp-disconnected': ['regroup disconnect', 'regroup disconnects'], 'interface-state': ['interface change', 'interface changes'],
};

function networkSummary(events: readonly ClusterEvent[]): string {
  const n = new Map<string, number>();
  for (const e of events) n.set(e.kind, (n.get(e.kind) ?? 0) + 1);
  // How much of the heartbeats were missed, where the lines say (`Missed 40% of heartbeats`).
  const pct = Math.max(-1, ...events.map((e) => (e.kind === 'heartbeat-missed' && typeof e.fields.pct === 'number' ? e.fields.pct : -1)));
  return [...n].map(([k, c]) => `${c} ${NETWORK_WORDS[k]?.[c === 1 ? 0 : 1] ?? k}${k === 'heartbeat-missed' && pct >= 0 ? ` (up to ${pct} %)` : ''}`).join(', ');
}

/**
 * A silence that is a hung service, not a stop: nothing ended the service in the 30 s before it,
 * and either the others removed the node during it or it ends with a new process. With what it rests on.
 */
export interface Hang { gap: NoDataGap; removals: ClusterEvent[]; restart: ClusterEvent | null; watchdog: ClusterEvent[]; last: ClusterEvent | null }

/** A 1228 of the node in the silence: the event log tells it (rules/eventlog.ts), as a starved service. */
const starvedIn = (g: NoDataGap, rows: InsightInput['rows']) => !!rows?.some((r) => r.id === 1228 && same(r.node, g.node) && r.t >= g.start && r.t <= g.end + 5_000);

export function hangOf(g: NoDataGap, { events, nodeName, rows }: InsightInput): Hang | null {
  if (starvedIn(g, rows)) return null;
  const near = eventsBetween(events, g.start - 30_000, g.start + 1);
  if (near.some((e) => same(e.node, g.node) && (SERVICE_ENDS.has(e.kind) || e.kind === 'quorum-lost'))) return null;
  const during = eventsBetween(events, g.start + 1, g.end);
  const removals = during.filter((e) => !same(e.node, g.node) && removedBy(e, nodeName).some((n) => same(n, g.node)));
  const after = eventsBetween(events, g.end - 1, g.end + 10_000).filter((e) => same(e.node, g.node));
  const last = near.filter((e) => same(e.node, g.node)).pop() ?? null;
  const restart = after.find((e) => STARTS.has(e.kind) && (!last || e.pid !== last.pid || e.kind === 'log-begin')) ?? null;
  if (removals.length === 0 && !restart) return null;
  const watchdog = eventsBetween(events, -Infinity, g.start).filter((e) => same(e.node, g.node) && e.kind === 'watchdog-config');
  // The last setting of each kind of watchdog (its heartbeat, its user-mode deadlock).
  const byRec = new Map(watchdog.map((e) => [e.rec, e]));
  return { gap: g, removals, restart, watchdog: [...byRec.values()], last };
}

const nodeRemoved: Rule = {
  id: 'node-removed',
  name: 'A node removed from membership',
  explains: 'The other nodes stopped counting it as a member (event 1135, or a view that drops it). What preceded it tells why: lost connections, routes or heartbeats point at the network; the node\'s own service stopping points at a stop or a crash; its log going silent without a stop points at a hung service.',
  kinds: ['node-removed', 'view-change', ...NETWORK_CAUSES, ...SERVICE_ENDS],
  detect(input) {
    const { events, nodeName, model } = input;
    const out: Finding[] = [];
    const seen: { node: string; t: number; f: Finding }[] = [];
    for (const e of events) {
      for (const gone of removedBy(e, nodeName)) {
        if (!Number.isFinite(e.t) || same(gone, e.node)) continue;
        const dup = seen.find((s) => same(s.node, gone) && Math.abs(e.t - s.t) <= SAME_REMOVAL_MS);
        const ev = evidenceOf(e, e.kind === 'node-removed' ? `${e.node} reports ${gone} removed` : `${e.node} installs a view without ${gone}`);
        if (dup) {
          dup.f.evidence.push(ev);
          if (!dup.f.sentence.includes(` ${e.node}`)) dup.f.sentence = dup.f.sentence.replace(/ from membership/, `, and by ${e.node} at ${ISO(e.t)}, from membership`);
          continue;
        }
        // Its log silent before the removal, with no stop: a hung service (or a stopped node), not the network.
        const silent = model?.gaps.find((g) => same(g.node, gone) && g.start < e.t && e.t <= g.end);
        const hang = silent ? hangOf(silent, input) : null;
        // Its service terminated by ClusNet/NetFT for not heartbeating (an imported event log's 1228).
        const starved = input.rows?.find((r) => r.id === 1228 && same(r.node, gone) && r.t <= e.t + 5_000 && e.t - r.t <= 120_000);
        const before = hang || starved ? [] : eventsBetween(events, e.t - CAUSE_WINDOW_MS, e.t).filter((x) => x.t < e.t
          && ((NETWORK_CAUSES.has(x.kind) && (same(x.subject, gone) || same(x.node, gone)))
            || (SERVICE_ENDS.has(x.kind) && same(x.node, gone))));
        const network = before.filter((x) => NETWORK_CAUSES.has(x.kind));
        const service = before.filter((x) => SERVICE_ENDS.has(x.kind));
        const why = starved
          ? ` after ${starved.provider} terminated its cluster service for not heartbeating (event 1228 at ${ISO(starved.t)})`
          : hang
          ? ` after its log went silent at ${ISO(hang.gap.start)} with no stop logged (its service hung, or its node stopped)`
          : service.length
            ? ` after its cluster service stopped (${ISO(service[0].t)})`
            : network.length
              ? ` after a network loss: ${networkSummary(network)} (from ${ISO(network[0].t)} on ${network[0].node})`
              : '';
        const f: Finding = {
          rule: 'node-removed', t: e.t, node: gone,
          sentence: `${gone} was removed by ${e.node} at ${ISO(e.t)} from membership${why}.`,
          confidence: hang && !starved ? 'medium' : e.kind === 'node-removed' || why ? 'high' : 'medium',
          verified: e.verified && before.every((x) => x.verified),
          evidence: [ev, ...(hang ? [{ fileId: hang.gap.beforeRef.fileId, file: hang.gap.beforeRef.file, line: hang.gap.beforeRef.line + 1, t: hang.gap.start, node: gone, what: 'its last line before the silence' }] : []),
            ...(starved ? [{ fileId: starved.fileId, file: starved.file, line: starved.line, t: starved.t, node: starved.node, what: `${starved.node}: ${starved.provider} 1228` }] : []),
            ...before.slice(0, 5).map((x) => evidenceOf(x, `${x.node}: ${x.kind.replace(/-/g, ' ')}`))],
        };
        seen.push({ node: gone, t: e.t, f });
        out.push(f);
      }
    }
    return out;
  },
};

const gapEvidence = (g: NoDataGap) => [
  { fileId: g.beforeRef.fileId, file: g.beforeRef.file, line: g.beforeRef.line + 1, t: g.start, node: g.node, what: 'its last line before the silence' },
  { fileId: g.afterRef.fileId, file: g.afterRef.file, line: g.afterRef.line + 1, t: g.end, node: g.node, what: 'its first line after it' },
];

const noData: Rule = {
  id: 'no-data',
  name: 'A node\'s log silent inside its span',
  explains: 'The node wrote nothing for much longer than its file usually pauses, inside the span its log covers: it was stopped or cut off while its log goes on after. (Outside a log\'s span, no lines mean no data, not a silence.) A silence that is a hung service is told by its own rule.',
  kinds: [],
  detect(input) {
    return (input.model?.gaps ?? []).filter((g) => !hangOf(g, input) && !starvedIn(g, input.rows)).map((g): Finding => {
      // A silence after the service ended is the service being down: said so.
      const ended = eventsBetween(input.events, g.start - 30_000, g.start + 1).find((e) => same(e.node, g.node) && (SERVICE_ENDS.has(e.kind) || e.kind === 'quorum-lost'));
      return {
        rule: 'no-data', t: g.start, t1: g.end, node: g.node,
        sentence: `${g.node}'s log is silent for ${secs(g.end - g.start)}, from ${ISO(g.start)} to ${ISO(g.end)}, inside its span${ended ? `, after its cluster service ${ended.kind === 'quorum-lost' ? 'lost quorum' : 'stopped'} (${ISO(ended.t)})` : ` (its file's pauses rarely pass ${secs(g.thresholdMs)})`}.`,
        confidence: 'high', verified: true, evidence: ended ? [...gapEvidence(g), evidenceOf(ended)] : gapEvidence(g),
      };
    });
  },
};

const watchdogWords = (w: ClusterEvent) => `${w.fields.secs ?? '?'} s → ${String(w.fields.action ?? '?').replace(/^UserModeActionType::/, '')}`;

const serviceHung: Rule = {
  id: 'service-hung',
  name: 'The cluster service hung until its watchdog acted',
  explains: 'The node\'s cluster service stopped writing without stopping (no stop, no quorum loss logged): it was starved or hung. The others removed it, and its watchdog (the `Clussvc heartbeat` and user-mode deadlock settings) ended it; the service then starts again as a new process. On 2000/2003 the same story is ClusNet\'s event 1228 in the System event log.',
  kinds: ['node-removed', 'view-change', 'log-begin', 'service-start', 'watchdog-config'],
  detect(input) {
    const out: Finding[] = [];
    for (const g of input.model?.gaps ?? []) {
      const h = hangOf(g, input);
      if (!h) continue;
      const removal = h.removals[0];
      const parts = [
        `${g.node}'s cluster service stopped answering at ${ISO(g.start)} with no stop logged: its log is silent for ${secs(g.end - g.start)}`,
        removal ? `${removal.node} removed it at ${ISO(removal.t)}` : '',
        h.restart ? `it started again at ${ISO(h.restart.t)} as a new process${h.restart.pid >= 0 && h.last && h.last.pid >= 0 ? ` (PID ${h.restart.pid}, was ${h.last.pid})` : ''}` : '',
      ].filter(Boolean);
      const watchdog = h.watchdog.length ? ` Its watchdog: ${h.watchdog.map(watchdogWords).join('; ')}.` : '';
      out.push({
        rule: 'service-hung', t: g.start, t1: g.end, node: g.node,
        facts: { removed: !!removal, restarted: !!h.restart },
        sentence: `${parts.join('; ')}.${watchdog}`,
        confidence: removal && h.restart ? 'medium' : 'low',
        verified: [...h.removals, ...h.watchdog].every((e) => e.verified) && (!h.restart || h.restart.verified),
        evidence: [
          ...gapEvidence(g).slice(0, 1),
          ...(removal ? [evidenceOf(removal, `${removal.node} removes ${g.node}`)] : []),
          ...(h.restart ? [evidenceOf(h.restart, `${g.node} starts again`)] : []),
          ...h.watchdog.map((w) => evidenceOf(w, `${g.node}'s watchdog: ${watchdogWords(w)}`)),
        ],
      });
    }
    return out;
  },
};

export const MEMBERSHIP_RULES: readonly Rule[] = [nodeRemoved, noData, serviceHung];
