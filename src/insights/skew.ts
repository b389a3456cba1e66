// Clock skew between the nodes' logs (issue 13), estimated only from causal pairs: an event on one
// node that must have happened before an event on another. Each pair bounds one direction,
//   x on A before y on B  ⇒  lead(B) − lead(A) ≤ t(y) − t(x)   (times as the logs are shown),
// so the pairs make a system of difference constraints; its shortest paths give each node's
// lead over a reference node as an interval, and a negative cycle says the pairs disagree (a
// clock that drifted, or lines that were not one exchange). No pair, no estimate: never a guess.

import type { ClusterEvent } from '../events/types.ts';
import type { FileFacts } from '../ingest/types.ts';
import { evidenceOf } from './rules/helpers.ts';
import type { Evidence } from './types.ts';

/** One causal pair: `before` happened before `after` in true time. */
export interface CausalPair {
  /** Its kind (PAIR_KINDS). */
  kind: string;
  before: Evidence;
  after: Evidence;
}

/** How a causal pair is found: data, like the rules, each with what it rests on. */
export interface PairKind {
  id: string;
  name: string;
  /** Why the order holds. */
  explains: string;
  /** The catalogue kinds it pairs. */
  kinds: readonly string[];
  /** Whether the method is verified in formats.md (it is [I] there: the texts are, the pairing is inferred). */
  verified: boolean;
  find(events: readonly ClusterEvent[]): CausalPair[];
}

/** A node's clock against the reference's. */
export interface NodeSkew {
  node: string;
  /** Its lead over the reference in ms (its log reads this much later for the same instant), within [lo, hi]; ±Infinity where no pair bounds that side. */
  lo: number;
  hi: number;
  /** The pairs that bound it (the tightest chain on each side). */
  evidence: CausalPair[];
}

export interface SkewEstimate {
  /** The node the others are measured against (the one tied to most pairs). */
  reference: string | null;
  /** Every node with a log, the reference included (its interval is [0, 0]). */
  nodes: NodeSkew[];
  /** How many pairs were found, and the kinds' verification. */
  pairs: number;
  verified: boolean;
  /** Pairs that contradict each other (a cycle of bounds below zero), when they do: no interval is then given. */
  conflict: CausalPair[] | null;
}

const PORT = /^(.*):~(\d{1,5})~$/;
/** A connection's lines on one node are this close (its own clock); an ephemeral port is reused much later. */
const CONNECT_SETUP_MS = 30_000;
const PORT_REUSE_MS = 10 * 60_000;

const lower = (s: string) => s.toLowerCase();

/**
 * One TCP connection's ends: the joiner's `[HM] Trying to connect` precedes its SYN, so the peer's
 * `[ACCEPT]` of that port comes after it; the joiner's `[SV] New real route` with that local port
 * follows an authentication that needs the peer's answers, so it comes after the accept.
 */
const connection: PairKind = {
  id: 'connection',
  name: 'the two ends of one TCP connection',
  explains: "A's [HM] Trying to connect precedes the SYN, which precedes B's [ACCEPT] of A's ephemeral port; A's [SV] New real route with that port follows B's answers, so it comes after the accept.",
  kinds: ['connect-attempt', 'tcp-connection', 'route-added'],
  verified: false,
  find(events) {
    const accepts = new Map<string, ClusterEvent[]>();
    for (const e of events) {
      if (e.kind !== 'tcp-connection' || e.fields.direction !== 'accepted' || !Number.isFinite(e.t)) continue;
      const remote = String(e.fields.remote ?? '');
      const m = PORT.exec(remote);
      if (!m || m[2] === '3343') continue;
      const list = accepts.get(lower(remote)) ?? [];
      list.push(e);
      accepts.set(lower(remote), list);
    }
    const out: CausalPair[] = [];
    const attempts = events.filter((e) => e.kind === 'connect-attempt' && Number.isFinite(e.t));
    for (const route of events) {
      if (route.kind !== 'route-added' || !Number.isFinite(route.t)) continue;
      const local = String(route.fields.local ?? '');
      const candidates = accepts.get(lower(local));
      if (!candidates) continue;
      const peer = typeof route.fields.peerName === 'string' ? lower(route.fields.peerName) : null;
      // The nearest accept of that endpoint, on the node the route names when one is (a node's log may be named otherwise).
      let best: ClusterEvent | null = null;
      let named = false;
      for (const a of candidates) {
        if (lower(a.node) === lower(route.node) || Math.abs(a.t - route.t) > PORT_REUSE_MS) continue;
        const isPeer = !!peer && (lower(a.node) === peer || lower(a.node).startsWith(`${peer}.`));
        if (named && !isPeer) continue;
        if (!best || (isPeer && !named) || Math.abs(a.t - route.t) < Math.abs(best.t - route.t)) { best = a; named = isPeer; }
      }
      if (!best) continue;
      out.push({ kind: 'connection', before: evidenceOf(best, `${best.node} accepts the connection from ${local}`), after: evidenceOf(route, `${route.node}'s route from ${local} is set up`) });
      // The same node's last attempt to that endpoint before the route.
      const remote = lower(String(route.fields.remote ?? ''));
      let attempt: ClusterEvent | null = null;
      for (const x of attempts) {
        if (x.t > route.t) break;
        if (lower(x.node) === lower(route.node) && lower(String(x.fields.remote ?? '')) === remote && route.t - x.t <= CONNECT_SETUP_MS) attempt = x;
      }
      if (attempt) out.push({ kind: 'connection', before: evidenceOf(attempt, `${attempt.node} starts connecting to ${String(attempt.fields.remote)}`), after: evidenceOf(best, `${best.node} accepts the connection from ${local}`) });
    }
    return out;
  },
};

/** A view is installed this soon after it is proposed (a regroup takes milliseconds to seconds). */
const VIEW_INSTALL_MS = 60_000;

/** One view's proposal and its installs: no node installs a view before its proposer proposed it. */
const viewInstall: PairKind = {
  id: 'view-install',
  name: "a view's proposal and its installs",
  explains: "The proposer's `[CORE] Proposed View is … newView=V` comes before any other node's `[CORE] New View is … newView=V` (the install needs the proposal's message). It bounds one side only: the installer's lead over the proposer.",
  kinds: ['view-proposed', 'view-change'],
  verified: false,
  find(events) {
    const proposals = new Map<string, ClusterEvent[]>();
    for (const e of events) {
      if (e.kind !== 'view-proposed' || typeof e.fields.viewId !== 'string' || !Number.isFinite(e.t)) continue;
      proposals.set(e.fields.viewId, [...(proposals.get(e.fields.viewId) ?? []), e]);
    }
    const out: CausalPair[] = [];
    for (const e of events) {
      if (e.kind !== 'view-change' || e.rec !== 'membership.new-view' || typeof e.fields.viewId !== 'string' || !Number.isFinite(e.t)) continue;
      const p = proposals.get(e.fields.viewId)?.filter((x) => lower(x.node) !== lower(e.node) && Math.abs(x.t - e.t) <= VIEW_INSTALL_MS)
        .sort((a, b) => Math.abs(a.t - e.t) - Math.abs(b.t - e.t))[0];
      if (p) out.push({ kind: 'view-install', before: evidenceOf(p, `${p.node} proposes view ${e.fields.viewId}`), after: evidenceOf(e, `${e.node} installs view ${e.fields.viewId}`) });
    }
    return out;
  },
};

export const PAIR_KINDS: readonly PairKind[] = [connection, viewInstall];

/**
 * Each node's lead over the reference as an interval, from every pair the kinds find. Times are
 * the events' as shown (with any correction already applied): the caller adds back what it applied.
 */
export function estimateSkew(events: readonly ClusterEvent[], nodes: readonly string[], kinds: readonly PairKind[] = PAIR_KINDS): SkewEstimate {
  const pairs = kinds.flatMap((k) => k.find(events));
  const names = [...new Set(nodes)];
  const idx = new Map(names.map((n, i) => [lower(n), i]));
  for (const p of pairs) for (const n of [p.before.node, p.after.node]) if (!idx.has(lower(n))) { idx.set(lower(n), names.length); names.push(n); }
  const n = names.length;
  // dist[a][b]: the least upper bound on lead(b) − lead(a); via[a][b]: the pair of its last edge.
  const dist = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  const edge = Array.from({ length: n }, () => new Array<CausalPair | null>(n).fill(null));
  const next = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? i : -1)));
  const degree = new Array<number>(n).fill(0);
  for (const p of pairs) {
    const a = idx.get(lower(p.before.node))!;
    const b = idx.get(lower(p.after.node))!;
    if (a === b) continue;
    degree[a]++;
    degree[b]++;
    const w = p.after.t - p.before.t;
    if (w < dist[a][b]) { dist[a][b] = w; edge[a][b] = p; next[a][b] = b; }
  }
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (dist[i][k] + dist[k][j] < dist[i][j]) { dist[i][j] = dist[i][k] + dist[k][j]; next[i][j] = next[i][k]; }
  }
  const chain = (a: number, b: number): CausalPair[] => {
    const out: CausalPair[] = [];
    for (let i = a, guard = 0; i !== b && next[i][b] >= 0 && guard < n; guard++) {
      const j = next[i][b];
      if (edge[i][j]) out.push(edge[i][j]!);
      i = j;
    }
    return out;
  };
  const verified = kinds.every((k) => k.verified);
  const cyc = names.findIndex((_, i) => dist[i][i] < 0);
  if (cyc >= 0) {
    const j = dist[cyc].findIndex((d, k) => k !== cyc && d + dist[k][cyc] < 0);
    return { reference: null, nodes: [], pairs: pairs.length, verified, conflict: j >= 0 ? [...chain(cyc, j), ...chain(j, cyc)] : [] };
  }
  if (pairs.length === 0) return { reference: null, nodes: names.map((node) => ({ node, lo: -Infinity, hi: Infinity, evidence: [] })), pairs: 0, verified, conflict: null };
  let ref = 0;
  for (let i = 1; i < n; i++) if (degree[i] > degree[ref]) ref = i;
  return {
    reference: names[ref],
    nodes: names.map((node, i) => ({
      node,
      // lead(i) − lead(ref) ≤ dist[ref][i], and lead(ref) − lead(i) ≤ dist[i][ref].
      lo: i === ref ? 0 : -dist[i][ref],
      hi: i === ref ? 0 : dist[ref][i],
      evidence: i === ref ? [] : [...chain(ref, i), ...chain(i, ref)],
    })),
    pairs: pairs.length,
    verified,
    conflict: null,
  };
}

/** The interval in words: "+347 to +361 ms" (a side no pair bounds is open). */
export function sayInterval(lo: number, hi: number): string {
  const ms = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(Math.round(v))} ms`;
  if (!Number.isFinite(lo) && !Number.isFinite(hi)) return 'unknown (no causal pair)';
  if (!Number.isFinite(lo)) return `at most ${ms(hi)}`;
  if (!Number.isFinite(hi)) return `at least ${ms(lo)}`;
  return `${ms(lo)} to ${ms(hi)}`;
}

/** A node's clock as the panel shows it: its lead over the reference as written (raw), and the correction its logs carry now. */
export interface NodeClock extends NodeSkew {
  /** The correction applied to the node's logs now (ms added to their times). */
  applied: number;
  /** Its lead as now shown (raw + applied − the reference's applied): what is left after the correction. */
  shownLo: number;
  shownHi: number;
}

export interface Clocks extends Omit<SkewEstimate, 'nodes'> {
  nodes: NodeClock[];
}

/**
 * The estimate over the times as shown, turned back into the logs' raw clocks: a correction
 * already applied does not hide the skew it corrects, and raw and corrected are both kept.
 */
export function clocksOf(shown: SkewEstimate, applied: (node: string) => number): Clocks {
  const ref = shown.reference ? applied(shown.reference) : 0;
  return {
    ...shown,
    nodes: shown.nodes.map((n) => {
      const a = applied(n.node);
      return { ...n, lo: n.lo - (a - ref), hi: n.hi - (a - ref), shownLo: n.lo, shownHi: n.hi, applied: a };
    }),
  };
}

/**
 * The correction that puts the middle of a node's raw interval on the reference's clock: null
 * where a side is open; the reference's own where the interval holds zero (no skew is shown).
 */
export function correctionOf(c: NodeClock, referenceApplied: number): number | null {
  if (!Number.isFinite(c.lo) || !Number.isFinite(c.hi)) return null;
  if (c.lo <= 0 && c.hi >= 0) return referenceApplied;
  return Math.round(referenceApplied - (c.lo + c.hi) / 2);
}

/**
 * The clocks of the logs among `files`, raw and as now corrected: the nodes are the logs' (not the
 * captures'), and each node's applied correction is its first log's (the panel applies one per node).
 */
export function clocksOfLogs(events: readonly ClusterEvent[], files: ReadonlyArray<{ facts: FileFacts }>): Clocks {
  const applied = new Map<string, number>();
  for (const f of files) if (!f.facts.capture && !applied.has(f.facts.nodeLabel)) applied.set(f.facts.nodeLabel, f.facts.timeBase.skewMs);
  return clocksOf(estimateSkew(events, [...applied.keys()]), (n) => applied.get(n) ?? 0);
}
