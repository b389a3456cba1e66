// The story in time order (issue 13): a root-cause line when the findings support one, then a
// sentence per finding, each with the file and line it rests on. Markdown for the CLI's report
// (the app's panel renders the same findings as text).

import { sayInterval, type Clocks, type CausalPair } from './skew.ts';
import type { Finding } from './types.ts';

/** A root cause the findings support, with its confidence, or null. */
export function rootCause(findings: readonly Finding[]): { sentence: string; confidence: Finding['confidence']; cites: Finding[] } | null {
  const lost = findings.find((f) => f.rule === 'quorum-lost');
  if (!lost) return null;
  // The removal that explains it: of the node that lost quorum (the others cut it off), else the
  // first one in the two minutes before (the chain starts there), not merely the last.
  const before = findings.filter((f) => f.rule === 'node-removed' && f.t <= lost.t && lost.t - f.t <= 120_000);
  const removal = before.find((f) => f.node?.toLowerCase() === lost.node?.toLowerCase()) ?? before[0];
  if (removal) {
    const following = removal.sentence.includes(' after ') ? `, following ${removal.sentence.slice(removal.sentence.indexOf(' after ') + 7, -1)}` : '';
    const who = removal === before.find((f) => f.node?.toLowerCase() === lost.node?.toLowerCase()) ? 'it was' : `${removal.node} was`;
    return {
      sentence: `${lost.node} lost quorum after ${who} removed from membership${following}.`,
      confidence: removal.confidence === 'high' ? 'medium' : 'low',
      cites: [removal, lost],
    };
  }
  return { sentence: `${lost.node} lost quorum; no removal before it is in these logs.`, confidence: 'low', cites: [lost] };
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
