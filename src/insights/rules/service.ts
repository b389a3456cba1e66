// The cluster service: quorum lost, the service stopping, joins that fail (with the peer's side
// of the same attempt), a node quarantined. Each episode (the several lines one event writes
// within seconds) is one finding citing them all.

import { logHosts } from '../../events/capture-anchors.ts';
import type { ClusterEvent } from '../../events/types.ts';
import type { Finding, Rule } from '../types.ts';
import { codeOf, episodes, evidenceOf, eventsBetween, finding, ISO, list, removedBy, same } from './helpers.ts';

/** The lines of one quorum loss or one stop, on one node. */
const EPISODE_MS = 10_000;

/** How far back the removals that led to a quorum loss are looked for. */
const LED_MS = 120_000;

const quorumLost: Rule = {
  id: 'quorum-lost',
  name: 'Quorum lost',
  explains: 'The node could not keep a majority of votes (with the witness): its cluster service stops, and its groups go offline. What led to it: the members it was left with, the nodes it had removed from its view just before, and the reason its line gives (the witness).',
  kinds: ['quorum-lost', 'view-change', 'node-removed'],
  detect: ({ events, nodeName }) => episodes(events, new Set(['quorum-lost']), EPISODE_MS).map((ep) => {
    const node = ep[0].node;
    // The members it was left with (`Lost quorum (2)`), by name where known.
    const left = ep.map((e) => e.fields.members).find((m) => Array.isArray(m) && m.length);
    const members = Array.isArray(left) ? left.map((id) => (typeof id === 'number' ? nodeName?.(id) ?? `node ${id}` : String(id))) : [];
    // The nodes it had removed from its own view just before (or in the same moment).
    const removals = eventsBetween(events, ep[0].t - LED_MS, ep[ep.length - 1].t).filter((e) => same(e.node, node));
    const gone = [...new Set(removals.flatMap((e) => removedBy(e, nodeName)).filter((n) => !same(n, node)))];
    const reason = ep.find((e) => typeof e.fields.reason === 'string')?.fields.reason;
    const led = [
      gone.length ? ` after removing ${list(gone)} from its view (${ISO(removals.find((e) => removedBy(e, nodeName).length)!.t)})` : '',
      typeof reason === 'string' ? `, because it ${reason}` : '',
      members.length ? `; it was left with ${list(members)} (${members.length} node${members.length === 1 ? '' : 's'})` : '',
    ].join('');
    const cited = [...ep, ...removals.filter((e) => removedBy(e, nodeName).length).slice(0, 2)];
    return finding('quorum-lost', cited, `${node} lost quorum at ${ISO(ep[0].t)}${codeOf(ep)}${led}.`, { t: ep[0].t });
  }),
};

const serviceStopped: Rule = {
  id: 'service-stopped',
  name: 'The cluster service stopped',
  explains: 'The cluster service on the node ended: expected (a stop) or not (a fatal error, or an end with no stop logged). RHS noticing that the service has gone is part of any stop.',
  kinds: ['service-fatal', 'service-terminated', 'service-stop'],
  detect: ({ events }) => episodes(events, new Set(['service-fatal', 'service-terminated', 'service-stop']), EPISODE_MS).map((ep) => {
    const fatal = ep.find((e) => e.kind === 'service-fatal');
    const stopped = ep.some((e) => e.kind === 'service-stop');
    const first = fatal ?? ep[0];
    return finding('service-stopped', [first, ...ep.filter((e) => e !== first)],
      `The cluster service on ${ep[0].node} ${fatal || !stopped ? 'ended unexpectedly' : 'stopped'} at ${ISO(first.t)}${codeOf(fatal ? [fatal] : ep)}.`);
  }),
};

/** One attempt's lines: the failed stages of one node within this. */
const ATTEMPT_MS = 2_000;
/** A join attempt followed within this by the node forming the cluster is how a first node starts. */
const FORM_MS = 60_000;
/** A TCP connect gives up after ~21 s: the peer's side is looked for over that. */
const CONNECT_MS = 22_000;

const joinFailed: Rule = {
  id: 'join-failed',
  name: 'A join failed',
  explains: 'A node could not (re)join the cluster: the stage it stopped at and the error say where (10060: the peer did not answer; a firewall or a down network). The peer\'s log says whether the connection reached it: no [ACCEPT] from the joiner while its log runs means the SYNs were dropped on the way.',
  kinds: ['join-failed', 'tcp-connection', 'route-added', 'form-succeeded', 'quorum-arbitrated'],
  detect({ events, model }) {
    const out: Finding[] = [];
    const logged = new Set(events.map((e) => e.node.toLowerCase()));
    // Each node's own addresses, from its route lines (as captures' rows are matched to nodes), found once.
    const addresses = new Map<string, Set<string>>();
    for (const h of logHosts(events, [])) {
      const a = addresses.get(h.node.toLowerCase()) ?? new Set<string>();
      addresses.set(h.node.toLowerCase(), a.add(h.name.toLowerCase()));
    }
    /** Whether the peer's log runs over [t0, t1] (its files' spans, no silence in it); without the model, whether it has events then. */
    const covers = (p: string, t0: number, t1: number, theirs: readonly ClusterEvent[]) => (model
      ? model.coverage.some((c) => same(c.node, p) && c.spans.some((s) => s.start <= t0 && s.end >= t1))
        && !model.gaps.some((g) => same(g.node, p) && g.start < t1 && g.end > t0)
      : theirs.length > 0);
    for (const ep of episodes(events, new Set(['join-failed']), ATTEMPT_MS)) {
      const node = ep[0].node;
      // A node that finds no sponsor and forms the cluster itself (2000/2003 try to join first) did not fail.
      // (Forming shows as its formed line, or as it arbitrating the quorum resource, 2000/2003's "[FM] Successfully arbitrated quorum resource".)
      if (eventsBetween(events, ep[0].t, ep[0].t + FORM_MS).some((e) => same(e.node, node) && (e.kind === 'form-succeeded' || (e.kind === 'quorum-arbitrated' && e.rec.startsWith('quorum.w2k'))))) continue;
      const peers = [...new Set(ep.map((e) => e.subject).filter((s): s is string => !!s))];
      const stage = ep.find((e) => typeof e.fields.stage === 'string')?.fields.stage;
      const mine = addresses.get(node.toLowerCase()) ?? new Set<string>();
      // The peer's side of the same attempt: did its log accept a connection from the joiner?
      const window = eventsBetween(events, ep[0].t - CONNECT_MS, ep[ep.length - 1].t);
      const sides: string[] = [];
      const cited: ClusterEvent[] = [];
      const silent: string[] = [];
      for (const p of peers.filter((x) => logged.has(x.toLowerCase()))) {
        const theirs = window.filter((e) => same(e.node, p));
        const accepted = theirs.find((e) => e.kind === 'tcp-connection' && e.fields.direction === 'accepted' && mine.has(String(e.fields.remote ?? '').replace(/:~\d+~$/, '').toLowerCase()));
        if (accepted) {
          sides.push(`${p} accepted its connection at ${ISO(accepted.t)}, so the failure is past the TCP connect`);
          cited.push(accepted);
        } else if (!covers(p, ep[0].t - CONNECT_MS, ep[0].t, theirs)) sides.push(`${p}'s log does not cover the attempt`);
        else if (mine.size) silent.push(p);
      }
      if (silent.length) sides.unshift(`${list(silent.map((p) => `${p}'s log`))} ${silent.length === 1 ? 'shows' : 'show'} no connection from it in the ${Math.round(CONNECT_MS / 1000)} s before (its SYNs did not reach ${silent.length === 1 ? 'it' : 'them'}: a firewall or the network)`);
      const f = finding('join-failed', ep,
        `${node}'s join${peers.length ? ` with ${list(peers)}` : ''} failed at ${ISO(ep[0].t)}${typeof stage === 'string' ? ` at stage '${stage}'` : ''}${codeOf(ep)}${sides.length ? `; ${sides.join('; ')}` : ''}.`);
      f.evidence.push(...cited.map((e) => evidenceOf(e, `${e.node} accepts a connection from ${node}`)));
      f.facts = { dropped: silent.length > 0 && cited.length === 0, peers: peers.length };
      out.push(f);
    }
    return out;
  },
};

const quarantine: Rule = {
  id: 'quarantine',
  name: 'A node quarantined',
  explains: 'After repeated failures in a short time the cluster keeps the node out; it tries to join again when the quarantine ends.',
  kinds: ['quarantine'],
  detect: ({ events }) => events.filter((e) => e.kind === 'quarantine' && Number.isFinite(e.t)).map((e): Finding => finding('quarantine', [e],
    `${e.subject ?? (typeof e.fields.node === 'string' ? e.fields.node : e.node)} was quarantined at ${ISO(e.t)}${typeof e.fields.failures === 'string' || typeof e.fields.failures === 'number' ? ` after ${e.fields.failures} consecutive failures` : ''}${typeof e.fields.until === 'string' ? `, until ${e.fields.until}` : ''}.`)),
};

export const SERVICE_RULES: readonly Rule[] = [quorumLost, serviceStopped, joinFailed, quarantine];
