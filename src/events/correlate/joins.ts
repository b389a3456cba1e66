// Join spans: each node logs its own half of a join with each peer (`New join with nP: stage:
// '...'`), the joiner its connect/verify/wait stages, the listener its listen/establish/update
// stages (formats.md B.1.1). A span runs from the first stage to `Join Succeeded`, or to a
// failure, or stays open at the end of the data; the two halves are then paired.

import type { NodeNames } from './nodes.ts';
import { num, push, str } from './order.ts';
import type { ClusterEvent, JoinRole, JoinSpan, JoinStageMark } from './types.ts';

/** Stages only the joining node logs. */
export const JOINER_STAGES: ReadonlySet<string> = new Set([
  'Attempt Initial Connection', 'Exchange Node Information', 'Verify Network Role',
  'Wait for Heartbeats on Initial NetFT Route', 'Wait for NetFT Duplicate Address Detection',
  'Reporting Ready for Form/Join State Transfer',
  'Ask sponsor', // Windows 2000/2003: the joiner asks a sponsor
]);

/** Stages only the node already in the cluster logs. */
export const LISTENER_STAGES: ReadonlySet<string> = new Set([
  'Listen for Connection', 'Establish Connection over NetFT Adapter', 'Update NetFT Route',
  'Send Current Membership Status for Join Policy',
  'Sponsor join', // Windows 2000/2003: the sponsor side
]);

export const SUCCESS_STAGE = 'Join Succeeded';

/** Lines about an attempt that come after its end (farthest progress, event 1070) attach to it within this. */
const LATE_NOTE_MS = 60_000;

export const JOIN_KINDS = ['join-stage', 'join-connect', 'join-failed', 'join-progress', 'join-succeeded', 'join-attempt'] as const;

export function roleOf(stages: readonly JoinStageMark[]): JoinRole {
  let j = 0;
  let l = 0;
  for (const s of stages) {
    if (JOINER_STAGES.has(s.stage) || s.kind === 'join-attempt') j++;
    else if (LISTENER_STAGES.has(s.stage)) l++;
  }
  return j > 0 && l === 0 ? 'joiner' : l > 0 && j === 0 ? 'listener' : 'unknown';
}

/** The peer a join line is about: a node name when it says, else a sponsor address, else null. */
function peerOf(e: ClusterEvent, nn: NodeNames): string | null {
  if (e.subject && !nn.same(e.subject, e.node)) return nn.name(e.subject);
  const f = e.fields;
  for (const k of ['peerName', 'peers', 'sponsorName']) {
    const v = str(f[k]);
    if (v) {
      const first = v.split(/[,;\s]+/).filter(Boolean)[0];
      if (first && !nn.same(first, e.node)) return nn.name(first);
    }
  }
  return str(f.sponsorAddress);
}

function textOf(e: ClusterEvent): string {
  const f = e.fields;
  return [str(f.stage), typeof f.status === 'number' ? `status ${f.status}` : null, str(f.reason) ?? str(f.cluster)].filter(Boolean).join(' ');
}

export function buildJoinSpans(sorted: readonly ClusterEvent[], nn: NodeNames, dataEnd: (node: string) => number): JoinSpan[] {
  const spans: JoinSpan[] = [];
  const open = new Map<string, JoinSpan>();
  const latest = new Map<string, JoinSpan>();
  const counts = new Map<string, number>();
  const key = (node: string, peer: string | null): string => `${node}\u0000${peer ?? ''}`;
  /** Notes that came before any span of their peer (the farthest-progress line may precede the failure line). */
  const pending = new Map<string, ClusterEvent[]>();
  const nextId = (node: string, peer: string | null): string => {
    const k = key(node, peer);
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    return `join:${node}>${peer ?? '?'}#${n}`;
  };

  const note = (s: JoinSpan, e: ClusterEvent): void => {
    s.notes.push({ kind: e.kind, t: e.t, text: textOf(e), ref: e.ref });
    s.refs.push(e.ref);
  };
  const start = (e: ClusterEvent, node: string, peer: string | null): JoinSpan => {
    const k = key(node, peer);
    const s: JoinSpan = {
      id: nextId(node, peer), node, peer, peerId: num(e.fields.peer), role: 'unknown',
      start: e.t, end: e.t, outcome: 'open', stages: [], pairedWith: null, notes: [], refs: [],
    };
    spans.push(s);
    for (const p of pending.get(k) ?? []) if (e.t - p.t <= LATE_NOTE_MS) note(s, p);
    pending.delete(k);
    open.set(k, s);
    latest.set(k, s);
    latest.set(key(node, '\u0001any'), s);
    return s;
  };
  const close = (s: JoinSpan, t: number, outcome: JoinSpan['outcome']): void => {
    s.end = Math.max(s.end, t);
    s.outcome = outcome;
    open.delete(key(s.node, s.peer));
  };
  const mark = (s: JoinSpan, e: ClusterEvent, stage: string, failed: boolean): void => {
    const m: JoinStageMark = { stage, t: e.t, failed, kind: e.kind, ref: e.ref };
    if (typeof e.fields.status === 'number') m.status = e.fields.status;
    const reason = str(e.fields.reason);
    if (reason) m.reason = reason;
    s.stages.push(m);
    s.refs.push(e.ref);
    s.end = Math.max(s.end, e.t);
    if (s.peerId === null) s.peerId = num(e.fields.peer);
  };
  const openOfNode = (node: string): JoinSpan[] => [...open.values()].filter((s) => s.node === node);
  /** The open span for a peer; a peerless open span (a Windows 2000 attempt) is adopted by the first peer named. */
  const spanFor = (node: string, peer: string | null): JoinSpan | undefined => {
    if (peer === null) return openOfNode(node).at(-1);
    const s = open.get(key(node, peer));
    if (s) return s;
    const anon = open.get(key(node, null));
    if (anon) {
      open.delete(key(node, null));
      anon.peer = peer;
      anon.id = nextId(node, peer);
      open.set(key(node, peer), anon);
      latest.set(key(node, peer), anon);
      return anon;
    }
    return undefined;
  };
  /** A recently ended span to hang a late line on. */
  const recent = (node: string, peer: string | null, t: number): JoinSpan | undefined => {
    const s = latest.get(peer === null ? key(node, '\u0001any') : key(node, peer));
    return s && t - s.end <= LATE_NOTE_MS ? s : undefined;
  };

  for (const e of sorted) {
    const node = nn.name(e.node);
    const peer = peerOf(e, nn);
    switch (e.kind) {
      case 'join-stage':
      case 'join-connect': {
        const stage = str(e.fields.stage) ?? str(e.fields.step) ?? e.kind;
        const s = spanFor(node, peer) ?? start(e, node, peer);
        mark(s, e, stage, false);
        if (stage === SUCCESS_STAGE) close(s, e.t, 'succeeded');
        break;
      }
      case 'join-attempt':
        // A new attempt of the whole node (Windows 2000/2003): peer named by the sponsor lines that follow.
        mark(start(e, node, null), e, 'Attempt to join', false);
        break;
      case 'join-failed': {
        const stage = str(e.fields.stage) ?? 'join';
        const targets = peer === null ? openOfNode(node) : [spanFor(node, peer)].filter((s): s is JoinSpan => !!s);
        if (targets.length > 0) {
          for (const s of targets) {
            mark(s, e, stage, true);
            close(s, e.t, 'failed');
          }
          break;
        }
        const r = recent(node, peer, e.t);
        if (r && r.outcome === 'failed') note(r, e);
        else {
          const s = start(e, node, peer);
          mark(s, e, stage, true);
          close(s, e.t, 'failed');
        }
        break;
      }
      case 'join-progress': {
        const s = spanFor(node, peer) ?? recent(node, peer, e.t);
        if (s) note(s, e);
        else push(pending, key(node, peer), e);
        break;
      }
      case 'join-succeeded': {
        // Event 1062 names no peer: it ends every attempt of this node still open.
        const targets = openOfNode(node);
        for (const s of targets) {
          note(s, e);
          close(s, e.t, 'succeeded');
        }
        if (targets.length === 0) {
          const r = recent(node, null, e.t);
          if (r) note(r, e);
        }
        break;
      }
    }
  }
  for (const s of open.values()) s.end = Math.max(s.end, dataEnd(s.node));
  for (const s of spans) s.role = roleOf(s.stages);
  return spans;
}

/**
 * Pairs A's span about B with B's span about A when they overlap in time (within the tolerance,
 * for clock differences). Best pairs first: complementary roles, then the closest starts.
 */
export function pairJoinSpans(spans: JoinSpan[], nn: NodeNames, toleranceMs: number): void {
  const cands: Array<{ a: JoinSpan; b: JoinSpan; score: number }> = [];
  const byPair = new Map<string, JoinSpan[]>();
  const pairKey = (node: string, peer: string): string => `${nn.name(node)}\u0000${nn.name(peer)}`;
  for (const s of spans) if (s.peer !== null) push(byPair, pairKey(s.node, s.peer), s);
  for (const a of spans) {
    if (a.peer === null) continue;
    for (const b of byPair.get(pairKey(a.peer, a.node)) ?? []) {
      if (a.id > b.id) continue;
      if (a.start > b.end + toleranceMs || b.start > a.end + toleranceMs) continue;
      // Two joiners (or two listeners) are not the halves of one join.
      if (a.role !== 'unknown' && a.role === b.role) continue;
      const complementary = a.role !== 'unknown' && b.role !== 'unknown';
      cands.push({ a, b, score: (complementary ? 0 : 1e12) + Math.abs(a.start - b.start) });
    }
  }
  cands.sort((x, y) => x.score - y.score || (x.a.id < y.a.id ? -1 : 1));
  for (const { a, b } of cands) {
    if (a.pairedWith || b.pairedWith) continue;
    a.pairedWith = b.id;
    b.pairedWith = a.id;
  }
}
