// Cluster service sessions and RHS processes per node. A session is one clussvc process: it
// starts at `LOG BEGIN` / the service start lines, or at the first line of a new clussvc PID when
// the start was not logged; it ends at the stop lines (a fatal error makes it a crash), else at its
// last line before the next one starts, else it is still open at the end of the data.

import type { NodeNames } from './nodes.ts';
import { num, push } from './order.ts';
import type { ClusterEvent, RhsProcess, ServiceSessionSpan, SessionEnd } from './types.ts';

export const START_KINDS: ReadonlySet<string> = new Set(['service-start', 'log-begin']);
/**
 * How a session ends, by kind. Only a fatal error is a crash: `service-terminated` lines
 * (`[NETFT] Cluster Service preterminate succeeded`, RHS seeing clussvc gone) belong to every stop.
 */
export const END_KINDS: Readonly<Record<string, SessionEnd>> = { 'service-stop': 'stop', 'service-terminated': 'stop', 'service-fatal': 'crash' };

/** Start lines of one process without PIDs (legacy logs) this close together are one start. */
const START_MERGE_MS = 10_000;

/** Lines of the resource hosting process (not clussvc), by kind. */
export const isRhsKind = (kind: string): boolean => kind.startsWith('rhs-');

/**
 * Whether an event's PID is the clussvc process's: main-log lines of clussvc's own families.
 * Stop lines are left out: RHS writes one too (`[RHS] Cluster service has terminated.`).
 */
function clussvcLine(e: ClusterEvent): boolean {
  return e.channel === '' && e.pid > 0 && e.family !== 'resource' && !isRhsKind(e.kind) && !(e.kind in END_KINDS);
}

interface Open {
  s: ServiceSessionSpan;
  /** When its node lost quorum during it (clussvc shuts down then), else null. */
  quorumLost: number | null;
  /** Last line of the session's process (a session that vanishes without a stop line ends here). */
  last: number;
  ended: boolean;
}

export function buildSessions(sorted: readonly ClusterEvent[], nn: NodeNames, dataEnd: (node: string) => number): ServiceSessionSpan[] {
  const byNode = new Map<string, ClusterEvent[]>();
  for (const e of sorted) {
    // `Graceful shutdown reported by node X` is about another node's service, not this one's.
    if (e.subject && !nn.same(e.subject, e.node)) continue;
    if (START_KINDS.has(e.kind) || e.kind in END_KINDS || clussvcLine(e)) push(byNode, nn.name(e.node), e);
  }
  const out: ServiceSessionSpan[] = [];
  for (const [node, events] of byNode) {
    let cur: Open | null = null;
    const open = (e: ClusterEvent, startKind: ServiceSessionSpan['startKind']): Open => {
      if (cur && !cur.ended) {
        cur.s.end = Math.max(cur.s.end, cur.last);
        cur.s.endKind = 'next-start';
      }
      const s: ServiceSessionSpan = {
        node, pid: Math.max(0, e.pid), start: e.t, end: e.t, startKind, endKind: 'open', startRef: e.ref, endRef: null, refs: [e.ref],
      };
      out.push(s);
      return { s, last: e.t, ended: false, quorumLost: null };
    };
    for (const e of events) {
      const samePid = cur !== null && (e.pid <= 0 || cur.s.pid === 0 || e.pid === cur.s.pid);
      if (START_KINDS.has(e.kind)) {
        // LOG BEGIN and `Starting clussvc` of one process are one start.
        const kind = e.kind === 'log-begin' ? 'log-begin' : 'service-start';
        if (cur && !cur.ended && (e.pid > 0 ? e.pid === cur.s.pid : e.t - cur.s.start <= START_MERGE_MS)) {
          cur.s.refs.push(e.ref);
          if (cur.s.startKind === 'new-pid') cur.s.startKind = kind;
        } else cur = open(e, kind);
        cur.last = e.t;
        continue;
      }
      const end = END_KINDS[e.kind];
      if (end) {
        // A stop line from another PID (RHS noticing, an event channel) still ends the running session.
        if (!cur) cur = open(e, 'new-pid');
        if (!cur.ended) {
          cur.ended = true;
          // A stop after the node lost quorum is the service shutting down for it, not a planned stop.
          cur.s.endKind = end === 'stop' && cur.quorumLost !== null ? 'terminated' : end;
          cur.s.endRef = e.ref;
        } else if (end === 'crash') cur.s.endKind = 'crash'; // a fatal error while stopping still makes it a crash
        cur.s.end = Math.max(cur.s.end, e.t);
        cur.s.refs.push(e.ref);
        cur.last = e.t;
        continue;
      }
      // Any other clussvc line: a new PID is a new process.
      if (!cur || (!samePid && e.pid > 0)) cur = open(e, 'new-pid');
      if (cur.s.pid === 0 && e.pid > 0) cur.s.pid = e.pid;
      cur.last = e.t;
      if (e.kind === 'quorum-lost' && cur.quorumLost === null) cur.quorumLost = e.t;
      // Lines of a stopping process (Service Stopped, About to exit) extend it.
      if (cur.ended) cur.s.end = Math.max(cur.s.end, e.t);
    }
    const last: Open | null = cur;
    if (last && !last.ended) {
      // Quorum lost and no line after it says otherwise: the service shut down (its log ends there).
      if (last.quorumLost !== null) {
        last.s.endKind = 'terminated';
        last.s.end = last.last;
      } else last.s.end = Math.max(last.last, dataEnd(node));
    }
  }
  return out.sort((a, b) => a.node.localeCompare(b.node) || a.start - b.start);
}

/**
 * RHS processes: PIDs of `[RHS]` lines, of resource lines and of stop lines that are not
 * clussvc's (RCM lines run in clussvc). A termination line (`Terminating resource`, event 1146
 * logged by clussvc) marks the RHS process it comes from, else the one running at that time.
 */
export function buildRhs(sorted: readonly ClusterEvent[], sessions: readonly ServiceSessionSpan[], nn: NodeNames): RhsProcess[] {
  const clussvc = new Map<string, Set<number>>();
  const pidsOf = (node: string): Set<number> => {
    let s = clussvc.get(node);
    if (!s) clussvc.set(node, (s = new Set()));
    return s;
  };
  for (const s of sessions) pidsOf(s.node).add(s.pid);
  for (const e of sorted) if (clussvcLine(e)) pidsOf(nn.name(e.node)).add(e.pid);
  const procs = new Map<string, RhsProcess>();
  const list: RhsProcess[] = [];
  const terminations: ClusterEvent[] = [];
  for (const e of sorted) {
    const node = nn.name(e.node);
    const candidate = e.channel === '' && e.pid > 0 && !pidsOf(node).has(e.pid);
    const rhsLine = candidate && (isRhsKind(e.kind) || e.family === 'resource' || e.kind in END_KINDS);
    if (!rhsLine) {
      if (e.kind === 'rhs-terminated') terminations.push(e);
      continue;
    }
    const k = `${node}\u0000${e.pid}`;
    let p = procs.get(k);
    if (!p) {
      p = { node, pid: e.pid, first: e.t, last: e.t, started: false, terminated: null, events: 0, firstRef: e.ref, lastRef: e.ref };
      procs.set(k, p);
      list.push(p);
    }
    p.last = e.t;
    p.lastRef = e.ref;
    p.events++;
    if (e.kind === 'rhs-start') p.started = true;
    if (e.kind === 'rhs-terminated' && !p.terminated) p.terminated = { t: e.t, ref: e.ref };
  }
  for (const e of terminations) {
    const node = nn.name(e.node);
    const explicit = num(e.fields.pid);
    const p = list.filter((x) => x.node === node && (explicit === null ? x.first <= e.t : x.pid === explicit)).at(-1);
    if (p && !p.terminated) p.terminated = { t: e.t, ref: e.ref };
  }
  return list.sort((a, b) => a.node.localeCompare(b.node) || a.first - b.first);
}
