// Windows where nodes held different membership views. During a normal view change the nodes
// install the new view within milliseconds of each other; a partition (or a node that missed the
// change) shows as different views held for long. Only nodes whose logs cover the time and that
// hold a view count: a node we have no log for, or whose service is down, says nothing.

import { covers } from './coverage.ts';
import type { Disagreement, DisagreementSegment, LineRef, NodeCoverage, NodeMembership } from './types.ts';

interface Interval {
  start: number;
  end: number;
  views: Map<string, string>;
}

function sameViews(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

const asList = (m: Map<string, string>): Array<{ node: string; viewId: string }> =>
  [...m].sort((a, b) => a[0].localeCompare(b[0])).map(([node, viewId]) => ({ node, viewId }));

export function findDisagreements(membership: readonly NodeMembership[], coverage: readonly NodeCoverage[], toleranceMs: number): Disagreement[] {
  const cov = new Map(coverage.map((c) => [c.node, c]));
  const cuts = new Set<number>();
  for (const m of membership) for (const p of m.points) cuts.add(p.t);
  for (const c of coverage) {
    for (const s of c.spans) {
      cuts.add(s.start);
      cuts.add(s.end);
    }
  }
  const times = [...cuts].sort((a, b) => a - b);

  // Each node's view on [times[i], times[i+1]): the last point at or before times[i].
  const idx = membership.map(() => -1);
  const disagreeing: Interval[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const t = times[i];
    const mid = (t + times[i + 1]) / 2;
    const views = new Map<string, string>();
    membership.forEach((m, k) => {
      while (idx[k] + 1 < m.points.length && m.points[idx[k] + 1].t <= t) idx[k]++;
      const p = idx[k] >= 0 ? m.points[idx[k]] : null;
      if (p && p.viewId !== null && covers(cov.get(m.node), mid)) views.set(m.node, p.viewId);
    });
    if (new Set(views.values()).size > 1) disagreeing.push({ start: t, end: times[i + 1], views });
  }

  // Adjacent disagreeing intervals form one window; each distinct set of views is a segment.
  const out: Disagreement[] = [];
  let run: Interval[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const start = run[0].start;
    const end = run[run.length - 1].end;
    if (end - start > toleranceMs) {
      const segments: DisagreementSegment[] = [];
      let cur: Interval | null = null;
      for (const iv of run) {
        if (cur && sameViews(cur.views, iv.views)) cur.end = iv.end;
        else {
          if (cur) segments.push({ start: cur.start, end: cur.end, views: asList(cur.views) });
          cur = { ...iv };
        }
      }
      if (cur) segments.push({ start: cur.start, end: cur.end, views: asList(cur.views) });
      const longest = segments.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      out.push({ start, end, views: longest.views, segments, refs: refsIn(membership, start, end) });
    }
    run = [];
  };
  for (const iv of disagreeing) {
    if (run.length > 0 && run[run.length - 1].end !== iv.start) flush();
    run.push(iv);
  }
  flush();
  return out;
}

/** The install lines that made the window: each node's view at its start, and the changes inside it. */
function refsIn(membership: readonly NodeMembership[], start: number, end: number): LineRef[] {
  const refs: LineRef[] = [];
  for (const m of membership) {
    let before: LineRef | null = null;
    for (const p of m.points) {
      if (p.t <= start) before = p.ref;
      else if (p.t <= end) refs.push(p.ref);
    }
    if (before) refs.push(before);
  }
  return refs;
}
