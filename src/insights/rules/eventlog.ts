// What imported System event logs tell (issue 13; seeds/003): on 2000/2003 the cluster service
// starved or hung shows only there. ClusNet's 1228 says it stopped heartbeating for 60 s and was
// terminated; then the others take its groups: its disks are taken without a flush (ftdisk 57,
// Ntfs 50) and, while it still answers for the group's IP address, the new owner finds the address
// in conflict (Tcpip 4199), so the group may not come online anywhere.

import type { Evidence, EventLogRow, Finding, InsightInput, Rule } from '../types.ts';
import { eventsBetween, evidenceOf, ISO, list, removedBy, same } from './helpers.ts';

/** How long after a 1228 its aftermath is looked for (the SCM restarts the service after 60 s; failover and disks within minutes). */
const AFTERMATH_MS = 10 * 60_000;
const WATCHDOG = (r: EventLogRow) => r.id === 1228 && /^(ClusNet|NetFT)$/i.test(r.provider);
const CONFLICT = (r: EventLogRow) => r.id === 4199 && /^Tcpip$/i.test(r.provider);
const DISK = (r: EventLogRow) => (r.id === 57 && /^ftdisk$/i.test(r.provider)) || (r.id === 50 && /^Ntfs$/i.test(r.provider));

export const rowEvidence = (r: EventLogRow, what = `${r.node}: ${r.provider} ${r.id} (${r.name})`): Evidence => ({ fileId: r.fileId, file: r.file, line: r.line, t: r.t, node: r.node, what });

/** The 1228s of the rows, each with the rows and log events of its aftermath. */
export function starvations({ rows = [], events, nodeName }: InsightInput) {
  return rows.filter(WATCHDOG).map((w) => {
    const after = rows.filter((r) => r.t >= w.t && r.t <= w.t + AFTERMATH_MS);
    const removals = eventsBetween(events, w.t - 90_000, w.t + AFTERMATH_MS).filter((e) => !same(e.node, w.node) && removedBy(e, nodeName).some((n) => same(n, w.node)));
    return { w, conflicts: after.filter(CONFLICT), disks: after.filter(DISK), removals };
  });
}

const serviceStarved: Rule = {
  id: 'service-starved',
  name: 'The cluster service starved and was terminated (event 1228)',
  explains: 'ClusNet (2000/2003; NetFT later) found that the cluster service had not heartbeated for 60 s and terminated it. The others then take its groups: its disks without a flush (ftdisk 57, Ntfs 50) and its IP addresses, which it may still answer for until it restarts (Tcpip 4199 on the new owner), so the group can fail to come online anywhere. cluster.log shows little of it: the event log does.',
  kinds: ['node-removed', 'view-change'],
  detect(input) {
    return starvations(input).map(({ w, conflicts, disks, removals }): Finding => {
      // What followed, in time order.
      const after: Array<[number, string]> = [];
      if (removals.length) after.push([removals[0].t, `${removals[0].node} removed ${w.node} at ${ISO(removals[0].t)}`]);
      if (disks.length) after.push([disks[0].t, `${list([...new Set(disks.map((d) => `${d.provider} ${d.id}`))])} on ${list([...new Set(disks.map((d) => d.node))])} from ${ISO(disks[0].t)} (disks taken without a flush)`]);
      if (conflicts.length) after.push([conflicts[0].t, `${list([...new Set(conflicts.map((c) => c.node))])} found an IP address in conflict at ${ISO(conflicts[0].t)} (Tcpip 4199: ${w.node} still answered for it)`]);
      const parts = [`${w.provider} on ${w.node} terminated its cluster service at ${ISO(w.t)}: it had not heartbeated for 60 s (event 1228, a hung or starved service)`, ...after.sort((a, b) => a[0] - b[0]).map((x) => x[1])];
      return {
        rule: 'service-starved', t: w.t, node: w.node, sentence: `${parts.join('; then ')}.`,
        confidence: 'high', verified: removals.every((e) => e.verified),
        evidence: [rowEvidence(w), ...removals.slice(0, 1).map((e) => evidenceOf(e, `${e.node} removes ${w.node}`)), ...disks.slice(0, 2).map((r) => rowEvidence(r)), ...conflicts.slice(0, 2).map((r) => rowEvidence(r))],
      };
    });
  },
};

const RESOURCE_FAILS = new Set(['health-check-failed', 'resource-failed', 'resource-create-failed', 'role-failed']);

const ipConflict: Rule = {
  id: 'ip-conflict',
  name: 'An IP address conflict (Tcpip 4199)',
  explains: 'Another machine answers for an address this node brings online: a group\'s IP address resource fails to come online here (another node, or a node whose service was terminated, still holds it). Conflicts after a 1228 are told with it.',
  kinds: [...RESOURCE_FAILS],
  detect(input) {
    const told = new Set(starvations(input).flatMap((s) => s.conflicts));
    const out: Finding[] = [];
    for (const c of (input.rows ?? []).filter(CONFLICT)) {
      if (told.has(c)) continue;
      const fails = eventsBetween(input.events, c.t - 120_000, c.t + 120_000).filter((e) => same(e.node, c.node) && RESOURCE_FAILS.has(e.kind));
      const what = fails.find((e) => typeof e.fields.resource === 'string' || typeof e.fields.group === 'string');
      out.push({
        rule: 'ip-conflict', t: c.t, node: c.node,
        sentence: `${c.node} found an IP address in conflict at ${ISO(c.t)} (Tcpip 4199)${what ? `, as ${String(what.fields.resource ?? what.fields.group)} failed to come online there (${ISO(what.t)})` : ''}.`,
        confidence: what ? 'high' : 'medium', verified: fails.every((e) => e.verified), evidence: [rowEvidence(c), ...fails.slice(0, 2).map((e) => evidenceOf(e))],
      });
    }
    return out;
  },
};

export const EVENTLOG_RULES: readonly Rule[] = [serviceStarved, ipConflict];
