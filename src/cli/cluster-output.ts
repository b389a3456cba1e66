// `events --cluster`: the correlated model as JSON lines, times as ISO-8601 UTC.

import { isoUtc } from '../base/civil.ts';
import { clusterRecords, correlate, type ClusterModel } from '../events/correlate/index.ts';
import { toUtcShift } from '../ingest/timebase.ts';
import type { CliEvents } from './events.ts';

const TIME_KEYS = new Set(['t', 'start', 'end']);

/** Numbers under `t` / `start` / `end`, at any depth, become ISO text (NaN and infinities: null). */
function isoTimes(v: unknown, key = ''): unknown {
  if (typeof v === 'number' && TIME_KEYS.has(key)) return Number.isFinite(v) ? isoUtc(v) : null;
  if (Array.isArray(v)) return v.map((x) => isoTimes(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isoTimes(x, k)]));
  return v;
}

export function clusterModel(ev: CliEvents): ClusterModel {
  return correlate(
    ev.events,
    ev.files.map((f) => ({ fileId: f.id, path: f.path, node: f.facts.nodeLabel, ts: f.ts, shift: toUtcShift(f.facts.timeBase), lines: f.facts.lines })),
    { names: ev.names, resourceGroup: (r) => ev.names.resourceGroup(r) },
  );
}

export function clusterOutput(ev: CliEvents): Array<Record<string, unknown>> {
  return clusterRecords(clusterModel(ev)).map((r) => isoTimes(r) as Record<string, unknown>);
}
