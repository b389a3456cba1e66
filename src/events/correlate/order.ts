// One order for every rule: time, then file and line (so that lines of one file with the same
// millisecond keep their written order and results do not depend on the input's order).

import type { ClusterEvent, LineRef } from './types.ts';

export function compareEvents(a: ClusterEvent, b: ClusterEvent): number {
  return a.t - b.t || a.ref.fileId - b.ref.fileId || a.ref.line - b.ref.line;
}

/** Timed events in correlation order (untimed ones are left out). */
export function timeOrder(events: readonly ClusterEvent[]): ClusterEvent[] {
  return events.filter((e) => Number.isFinite(e.t)).sort(compareEvents);
}

export function byKind(events: readonly ClusterEvent[], ...kinds: string[]): ClusterEvent[] {
  const set = new Set(kinds);
  return events.filter((e) => set.has(e.kind));
}

export function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function sameRef(a: LineRef, b: LineRef): boolean {
  return a.fileId === b.fileId && a.line === b.line;
}

/** Map-of-arrays helper. */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

/** Index of the last item whose time is <= t (items sorted by time), or -1. */
export function lastAtOrBefore<T>(items: readonly T[], t: number, timeOf: (x: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(items[mid]) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the last item whose time is < t (items sorted by time), or -1. */
export function lastBefore<T>(items: readonly T[], t: number, timeOf: (x: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(items[mid]) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
