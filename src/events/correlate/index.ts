// Stage 2 entry point: every node's events (any order) + what each file covers -> ClusterModel.
// Each rule lives in its own module; this file only orders them (sessions before membership,
// owners before move sources).

import { nodeCoverage, noDataGaps } from './coverage.ts';
import { findDisagreements } from './disagreements.ts';
import { buildFacts } from './facts.ts';
import { deriveGroupStates, resourceGroups } from './group-rollup.ts';
import { buildJoinSpans, pairJoinSpans } from './joins.ts';
import { collectMoves, resolveSources } from './moves.ts';
import { buildNodeNames } from './nodes.ts';
import { timeOrder } from './order.ts';
import { buildOwners, buildRouteSeries, buildStateSeries } from './series.ts';
import { buildRhs, buildSessions } from './sessions.ts';
import type { ClusterEvent, ClusterModel, CorrelateOptions, CoverageFile, ResolvedOptions } from './types.ts';
import { buildMembership, buildViews, heldViews } from './views.ts';

export * from './types.ts';
export { clusterRecords } from './records.ts';
export { coverageFile } from './coverage.ts';

export function resolveOptions(opts: CorrelateOptions = {}): ResolvedOptions {
  return {
    disagreementToleranceMs: opts.disagreementToleranceMs ?? 2000,
    mergeWindowMs: opts.mergeWindowMs ?? 1000,
    joinPairToleranceMs: opts.joinPairToleranceMs ?? 5000,
    gapMinMs: opts.gapMinMs ?? 30_000,
    gapFactor: opts.gapFactor ?? 20,
  };
}

export function correlate(events: readonly ClusterEvent[], files: readonly CoverageFile[], opts: CorrelateOptions = {}): ClusterModel {
  const o = resolveOptions(opts);
  const sorted = timeOrder(events);
  const nn = buildNodeNames(sorted, files, opts.names);
  const canonical = (n: string): string => nn.name(n);

  const coverage = nodeCoverage(files, canonical);
  const lastEvent = new Map<string, number>();
  for (const e of sorted) lastEvent.set(nn.name(e.node), e.t);
  // Where a node's data ends: its files' last line, else its last event.
  const dataEnd = (node: string): number => {
    const c = coverage.find((x) => x.node === node);
    return c ? Math.max(...c.spans.map((s) => s.end)) : lastEvent.get(node) ?? -Infinity;
  };

  const joins = buildJoinSpans(sorted, nn, dataEnd);
  pairJoinSpans(joins, nn, o.joinPairToleranceMs);

  const sessions = buildSessions(sorted, nn, dataEnd);
  const views = buildViews(sorted, nn);
  const dataStart = (node: string): number => {
    const c = coverage.find((x) => x.node === node);
    return c && c.spans.length ? Math.min(...c.spans.map((s) => s.start)) : -Infinity;
  };
  const membership = buildMembership(views, sessions, dataStart, heldViews(sorted, nn));
  const disagreements = findDisagreements(membership, coverage, o.disagreementToleranceMs);

  const { resources, groups } = buildStateSeries(sorted, nn, o.mergeWindowMs);
  const moves = collectMoves(sorted, nn, o.mergeWindowMs);
  const owners = buildOwners(moves, sorted, nn);
  resolveSources(moves, owners, views);
  for (const [group, pts] of owners) {
    const g = groups.find((x) => x.group === group);
    if (g) g.owners = pts;
    else groups.push({ group, points: [], owners: pts });
  }
  deriveGroupStates(groups, resources, resourceGroups(sorted, opts.resourceGroup));
  groups.sort((a, b) => a.group.localeCompare(b.group));

  const nodes = [...new Set([...coverage.map((c) => c.node), ...sorted.map((e) => nn.name(e.node))])].sort();
  return {
    nodes,
    coverage,
    joins,
    views,
    membership,
    disagreements,
    moves,
    resources,
    groups,
    routes: buildRouteSeries(sorted, nn, o.mergeWindowMs),
    sessions,
    rhs: buildRhs(sorted, sessions, nn),
    gaps: files.filter((f) => !f.capture).flatMap((f) => noDataGaps(f, canonical, o.gapMinMs, o.gapFactor)),
    facts: buildFacts(sorted, nn, o.mergeWindowMs),
    untimed: events.length - sorted.length,
    options: o,
  };
}
