// `events --cluster`: the correlated model as JSON lines, times as ISO-8601 UTC.

import { isoUtc } from '../base/civil.ts';
import { clusterRecords, correlate, coverageFile, type ClusterModel } from '../events/correlate/index.ts';
import type { CliEvents } from './events.ts';
import { eventLogRows } from '../insights/event-rows.ts';
import type { InsightInput } from '../insights/types.ts';

const TIME_KEYS = new Set(['t', 'start', 'end']);

/** Numbers under `t` / `start` / `end`, at any depth, become ISO text (NaN and infinities: null). */
function isoTimes(v: unknown, key = ''): unknown {
  if (typeof v === 'number' && TIME_KEYS.has(key)) return Number.isFinite(v) ? isoUtc(v) : null;
  if (Array.isArray(v)) return v.map((x) => isoTimes(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isoTimes(x, k)]));
  return v;
}

/** The correlated model of the events, as the view worker builds it for the timeline and the insights. */
export function clusterModel(ev: CliEvents): ClusterModel {
  return correlate(ev.events, ev.files.map(coverageFile), { names: ev.names, resourceGroup: (r) => ev.names.resourceGroup(r) });
}

/** What the insight rules read, as the view worker gives it them: the events, the names, the model, the event logs' named rows. */
export function insightInput(ev: CliEvents): InsightInput {
  return {
    events: ev.events, nodeName: (id) => ev.names.nodeName(id), resourceGroup: (r) => ev.names.resourceGroup(r), model: clusterModel(ev),
    rows: eventLogRows(ev.files.filter((f) => f.facts.capture)),
  };
}

export function clusterOutput(ev: CliEvents): Array<Record<string, unknown>> {
  return clusterRecords(clusterModel(ev)).map((r) => isoTimes(r) as Record<string, unknown>);
}
