// What each file covers, and where it falls silent. A node counts in cross-node comparisons only
// while one of its files covers the time (before its log starts or after it ends we know nothing).
// A long silence inside a file is 'no data', never 'down': a log can be quiet for many reasons.

import { toUtcShift } from '../../ingest/timebase.ts';
import type { FileFacts } from '../../ingest/types.ts';
import type { CoverageFile, LineRef, NoDataGap, NodeCoverage } from './types.ts';

/** An indexed file as the correlation covers it (the view worker, the CLI and the tests all build it so). */
export function coverageFile(f: { id: number; path: string; facts: FileFacts; ts: Float64Array }): CoverageFile {
  return { fileId: f.id, path: f.path, node: f.facts.nodeLabel, ts: f.ts, shift: toUtcShift(f.facts.timeBase), lines: f.ts.length, capture: !!f.facts.capture };
}

export interface Span {
  start: number;
  end: number;
}

/** First and last line time of a file in UTC (min/max: times may step backwards), null when it has none. */
export function fileSpan(f: CoverageFile): Span | null {
  let lo = Infinity;
  let hi = -Infinity;
  const n = Math.min(f.lines, f.ts.length);
  for (let i = 0; i < n; i++) {
    const v = f.ts[i];
    if (v !== v) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { start: lo + f.shift, end: hi + f.shift } : null;
}

export function nodeCoverage(files: readonly CoverageFile[], canonical: (n: string) => string): NodeCoverage[] {
  const by = new Map<string, NodeCoverage>();
  for (const f of files) {
    const s = fileSpan(f);
    if (!s) continue;
    const node = canonical(f.node);
    let c = by.get(node);
    if (!c) by.set(node, (c = { node, spans: [] }));
    c.spans.push({ fileId: f.fileId, file: f.path, ...s });
  }
  for (const c of by.values()) c.spans.sort((a, b) => a.start - b.start);
  return [...by.values()].sort((a, b) => a.node.localeCompare(b.node));
}

/** Whether a node's files cover time t. */
export function covers(c: NodeCoverage | undefined, t: number): boolean {
  return !!c && c.spans.some((s) => s.start <= t && t <= s.end);
}

/** The q-quantile (0..1) of a list of numbers. Sorts the array in place (typed-array sort: ~0.4 s for 5M). */
export function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return 0;
  const s = values.sort();
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
}

/**
 * Silences of one file: consecutive line times (in time order, over all its sections: the 2016+
 * event-channel sections are written apart from the main log) further apart than
 * threshold = max(minMs, factor x the 99th percentile of its inter-line gaps).
 * The 99th percentile (not the mean) so that a file's own bursts and lulls set its usual rate,
 * and the floor so that a quiet but healthy log (a line every few seconds) is not flagged.
 */
/** Timed lines a file needs before its pauses say what is usual for it. */
export const GAP_MIN_LINES = 100;

export function noDataGaps(f: CoverageFile, canonical: (n: string) => string, minMs = 30_000, factor = 20): NoDataGap[] {
  const n = Math.min(f.lines, f.ts.length);
  const times = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = f.ts[i];
    if (v === v) times[k++] = v;
  }
  // A file this short (an excerpt) says nothing of its usual pauses: no silence is claimed in it.
  if (k < GAP_MIN_LINES) return [];
  const sorted = times.subarray(0, k).sort();
  const diffs = new Float64Array(k - 1);
  for (let i = 1; i < k; i++) diffs[i - 1] = sorted[i] - sorted[i - 1];
  const threshold = Math.max(minMs, factor * quantile(diffs, 0.99));
  const found: Array<[number, number]> = [];
  for (let i = 1; i < k; i++) if (sorted[i] - sorted[i - 1] > threshold) found.push([sorted[i - 1], sorted[i]]);
  if (found.length === 0) return [];

  // The lines at either side: the last line written at the gap's start, the first at its end.
  const before = new Map<number, number>();
  const after = new Map<number, number>();
  for (const [a, b] of found) {
    before.set(a, -1);
    after.set(b, -1);
  }
  for (let i = 0; i < n; i++) {
    const v = f.ts[i];
    if (before.has(v)) before.set(v, i);
    if (after.get(v) === -1) after.set(v, i);
  }
  const ref = (line: number): LineRef => ({ fileId: f.fileId, file: f.path, line });
  return found.map(([a, b]) => ({
    node: canonical(f.node), fileId: f.fileId, file: f.path, start: a + f.shift, end: b + f.shift,
    label: 'no data' as const, thresholdMs: threshold, beforeRef: ref(before.get(a)!), afterRef: ref(after.get(b)!),
  }));
}
