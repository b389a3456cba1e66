// What the rules share: citing a line, finding the events of a time window, grouping the lines
// of one episode, and the words for times and codes.

import { formatWall } from '../../base/civil.ts';
import type { ClusterEvent } from '../../events/types.ts';
import type { Evidence, Finding, InsightInput } from '../types.ts';

/** A finding's time of day in UTC (its date is the log's). */
export const ISO = (t: number) => (Number.isFinite(t) ? formatWall(t, false) : '--:--:--.---');

export const secs = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${Math.round(ms / 1000)} s`);

export const same = (a: string | undefined | null, b: string | undefined | null) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export function evidenceOf(e: ClusterEvent, what: string = `${e.node}: ${e.kind.replace(/-/g, ' ')}`): Evidence {
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

/**
 * The lines of one episode: events of `kinds` on one node, each within `windowMs` of the
 * episode's first (a quorum loss is written by several components within milliseconds; one
 * finding tells it, citing them all).
 */
export function episodes(events: readonly ClusterEvent[], kinds: ReadonlySet<string>, windowMs: number, keep: (e: ClusterEvent) => boolean = () => true): ClusterEvent[][] {
  const open = new Map<string, ClusterEvent[]>();
  const out: ClusterEvent[][] = [];
  for (const e of events) {
    if (!kinds.has(e.kind) || !Number.isFinite(e.t) || !keep(e)) continue;
    const key = e.node.toLowerCase();
    const ep = open.get(key);
    if (ep && e.t - ep[0].t <= windowMs) ep.push(e);
    else {
      const next = [e];
      open.set(key, next);
      out.push(next);
    }
  }
  return out;
}

/** A status code the lines carry, in words ("ERROR_CLUSTER_NO_QUORUM"), or ''. */
export function codeOf(list: readonly ClusterEvent[]): string {
  for (const e of list) {
    const c = e.codes.find((x) => x.field !== 'state');
    if (c) return ` (${c.info.name ?? c.info.code})`;
  }
  return '';
}

/** A finding citing its lines (at most `max`). */
export function finding(rule: string, list: readonly ClusterEvent[], sentence: string, extra: Partial<Finding> = {}, max = 6): Finding {
  return {
    rule, t: list[0].t, node: list[0].node, sentence, confidence: 'high', verified: list.every((e) => e.verified),
    evidence: list.slice(0, max).map((e) => evidenceOf(e)), ...extra,
  };
}

/** The nodes an event says were removed: 1135's subject, or a view's downers (ids, named where known). */
export function removedBy(e: ClusterEvent, nodeName: InsightInput['nodeName']): string[] {
  if (e.kind === 'node-removed' && e.subject) return [e.subject];
  if (e.kind === 'view-change') {
    const d = e.fields.downers;
    if (Array.isArray(d)) return d.map((x) => (typeof x === 'number' ? nodeName?.(x) ?? `node ${x}` : String(x)));
  }
  return [];
}

export const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
