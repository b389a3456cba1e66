// The story in time order (issue 13): a root-cause line when the findings support one, then a
// sentence per finding, each with the file and line it rests on. Markdown for the CLI's report
// (the app's panel renders the same findings as text).

import { sayInterval, type Clocks, type CausalPair } from './skew.ts';
import type { Finding } from './types.ts';

export interface RootCause {
  sentence: string;
  confidence: Finding['confidence'];
  /** The findings it rests on. */
  cites: Finding[];
}

/** A chain the findings may show, in the order they are tried: the first that holds is the root cause. */
interface RootCauseRule {
  id: string;
  explains: string;
  find(findings: readonly Finding[]): RootCause | null;
}

const sameNode = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const step = (c: Finding['confidence']): Finding['confidence'] => (c === 'high' ? 'medium' : 'low');
/** The failovers of a node's groups that followed `t` (within 2 min of `t1`). */
const failoversAfter = (findings: readonly Finding[], t: number, t1: number) => findings.filter((f) => f.rule === 'group-failover' && f.t >= t && f.t <= t1 + 120_000);
const following = (f: Finding) => (f.sentence.includes(' after ') ? `, following ${f.sentence.slice(f.sentence.indexOf(' after ') + 7, -1)}` : '');

export const ROOT_CAUSES: readonly RootCauseRule[] = [
  {
    id: 'starved-service',
    explains: 'ClusNet (or NetFT) terminated a cluster service that stopped heartbeating (event 1228): what followed (its removal, the failover, address conflicts) follows from it.',
    find(findings) {
      const s = findings.find((f) => f.rule === 'service-starved');
      return s ? { sentence: `${s.node}'s cluster service stopped heartbeating and was terminated (event 1228); the failover of its groups and what went wrong with it followed.`, confidence: 'medium', cites: [s] } : null;
    },
  },
  {
    id: 'hung-service',
    explains: 'A cluster service that hung (its log silent with no stop) and was removed: the removals and failovers after it follow from the hang, not from the network.',
    find(findings) {
      const h = findings.find((f) => f.rule === 'service-hung' && f.facts?.removed);
      if (!h) return null;
      const moves = failoversAfter(findings, h.t, h.t1 ?? h.t);
      return {
        sentence: `${h.node}'s cluster service hung with no stop logged; the other nodes removed it${moves.length ? ` and failed its groups over` : ''}${h.facts?.restarted ? ', and it came back as a new process' : ''}.`,
        confidence: h.confidence === 'medium' ? 'medium' : 'low', cites: [h, ...moves],
      };
    },
  },
  {
    id: 'removal-then-quorum',
    explains: 'A node lost quorum after it (or another node) was removed from membership: the removal and what preceded it start the chain.',
    find(findings) {
      const lost = findings.find((f) => f.rule === 'quorum-lost');
      if (!lost) return null;
      // The removal that explains it: of the node that lost quorum (the others cut it off), else the
      // first one in the two minutes before (the chain starts there), not merely the last.
      const before = findings.filter((f) => f.rule === 'node-removed' && f.t <= lost.t && lost.t - f.t <= 120_000);
      const own = before.find((f) => sameNode(f.node, lost.node));
      const removal = own ?? before[0];
      if (!removal) return { sentence: `${lost.node} lost quorum; no removal before it is in these logs.`, confidence: 'low', cites: [lost] };
      return {
        sentence: `${lost.node} lost quorum after ${removal === own ? 'it was' : `${removal.node} was`} removed from membership${following(removal)}.`,
        confidence: step(removal.confidence), cites: [removal, lost],
      };
    },
  },
  {
    id: 'rhs-deadlock',
    explains: 'A resource call that did not return within the deadlock timeout: RHS was terminated and its resources restarted.',
    find(findings) {
      const d = findings.find((f) => f.rule === 'rhs-ended' && f.facts?.deadlock);
      if (!d) return null;
      return {
        sentence: `Resource ${String(d.facts!.resource)} hung in its ${String(d.facts!.call ?? 'resource')} call on ${d.node} past the RHS deadlock timeout${d.facts!.terminated ? ', so RHS was terminated and its resources restarted' : ''}.`,
        confidence: 'medium', cites: [d],
      };
    },
  },
  {
    id: 'resource-failover',
    explains: "A resource that kept failing its health check after its restarts in place: its group failed over (or the policy refused it).",
    find(findings) {
      const r = findings.find((f) => f.rule === 'resource-failure' && (f.facts?.outcome === 'failover' || f.facts?.outcome === 'refused'));
      if (!r) return null;
      const x = r.facts!;
      const times = (k: number) => (k === 1 ? 'once' : k === 2 ? 'twice' : `${k} times`);
      const tail = x.outcome === 'failover'
        ? `so ${String(x.group)} failed over from ${r.node} to ${String(x.to)}`
        : `and the failover policy refused to move ${String(x.group)}, which stays failed`;
      const restarts = Number(x.restarts);
      return { sentence: `${String(x.resource)} failed its health check on ${r.node} ${times(Number(x.failures))} (${restarts ? `restarted there ${times(restarts)}` : 'not restarted there'}), ${tail}.`, confidence: 'medium', cites: [r] };
    },
  },
  {
    id: 'blocked-join',
    explains: "A node whose joins time out while the peers' logs show no connection from it: something between them drops TCP 3343 (a firewall, the network).",
    find(findings) {
      const joins = findings.filter((f) => f.rule === 'join-failed' && f.facts?.dropped);
      if (!joins.length) return null;
      return {
        sentence: `${joins[0].node} cannot join: ${joins.length === 1 ? 'its join timed out' : `its joins timed out ${joins.length === 2 ? 'twice' : `${joins.length} times`}`} and the other nodes' logs show no connection from it (a firewall or the network drops TCP 3343 between them).`,
        confidence: joins.length > 1 ? 'medium' : 'low', cites: joins,
      };
    },
  },
];

/** The root cause the findings support (the first chain of ROOT_CAUSES that holds), with its confidence, or null. */
export function rootCause(findings: readonly Finding[]): RootCause | null {
  for (const r of ROOT_CAUSES) {
    const c = r.find(findings);
    if (c) return c;
  }
  return null;
}

const cite = (f: Finding) => f.evidence.map((e) => `${e.file}:${e.line}`).join(', ');

const citePair = (p: CausalPair) => `${p.before.file}:${p.before.line} before ${p.after.file}:${p.after.line}`;

/** Each node's clock against the reference, as intervals with the pairs they rest on. */
export function clocksMarkdown(c: Clocks): string[] {
  const out = ['## Clocks, from causal pairs', ''];
  const method = c.verified ? '' : ' The pairing is inferred (formats.md C.4.2), the lines are verified.';
  if (c.conflict) {
    out.push(`The ${c.pairs} causal pairs contradict each other (a clock drifted during the logs, or lines were paired that are not one exchange), so no interval is given: ${c.conflict.map(citePair).join('; ')}.${method}`);
  } else if (!c.reference) {
    out.push('No causal pair ties the nodes\' clocks together in these logs: their skew is unknown.');
  } else {
    out.push(`Each node's clock against ${c.reference}'s (a positive lead: its log reads later for the same instant), from ${c.pairs} causal pairs.${method}`, '');
    for (const n of c.nodes) {
      if (n.node === c.reference) continue;
      const corrected = n.applied ? `; corrected by ${n.applied} ms, now ${sayInterval(n.shownLo, n.shownHi)}` : '';
      out.push(`- ${n.node}: ${sayInterval(n.lo, n.hi)}${corrected}${n.evidence.length ? ` — ${n.evidence.map(citePair).join('; ')}` : ''}`);
    }
  }
  return out;
}

export function reportMarkdown(findings: readonly Finding[], clocks?: Clocks): string {
  const out: string[] = ['# Incident report', ''];
  const root = rootCause(findings);
  if (root) out.push(`**Root cause (${root.confidence} confidence):** ${root.sentence}`, '');
  if (findings.length === 0) out.push('No known failure chain was found in these inputs.');
  else out.push('## What happened, in order (UTC)', '');
  for (const f of findings) {
    out.push(`- ${f.sentence}${f.verified ? '' : ' *(rests on a message text not verified in formats.md)*'} — ${f.confidence} confidence; ${cite(f)}`);
  }
  if (clocks && clocks.nodes.length + (clocks.conflict ? 1 : 0) > 1) out.push('', ...clocksMarkdown(clocks));
  return `${out.join('\n')}\n`;
}
