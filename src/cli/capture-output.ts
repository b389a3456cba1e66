// What the CLI prints of a capture: `summary`'s object (issue 11's keys) and `events`' rows, each
// with its aligned UTC time to the 100 ns the export writes.

import { isoUtc, MS_PER_DAY } from '../base/civil.ts';
import { formatTimeOfDay } from '../captures/time-of-day.ts';
import { LEVEL_NAMES } from '../base/levels.ts';
import type { IndexedFile } from '../ingest/index.ts';
import { BUCKET_NAMES, Flag } from '../ingest/types.ts';
import { toUtcShift, utcKnown } from '../ingest/timebase.ts';

/** ISO-8601 UTC with the export's sub-ms digits (`…41.9000001Z`) where it has them. */
export function isoUtcFine(ms: number, nsInMs: number): string {
  const iso = isoUtc(ms);
  if (nsInMs < 0) return iso;
  // isoUtc floors to the ms; the ns part is of the written time, which offsets of whole ms keep.
  return `${iso.slice(0, -1)}${String(nsInMs).padStart(6, '0').slice(0, 4)}Z`;
}

/** Whether the capture's rows have a place on the UTC axis: a known offset and, for undated rows, a date. */
function placed(f: IndexedFile): boolean {
  const tb = f.facts.timeBase;
  return utcKnown(tb) && (f.facts.capture!.dated || (tb.dateMs ?? 0) !== 0);
}

export function captureSummary(f: IndexedFile): Record<string, unknown> {
  const x = f.facts;
  const cap = x.capture!;
  const shift = toUtcShift(x.timeBase);
  const tb = x.timeBase;
  const time = (ms: number | null, line: number) => (ms === null || !placed(f) ? null : isoUtcFine(ms + shift, f.nsInMs?.[line] ?? -1));
  const ts = f.columns.ts;
  let first = -1;
  let last = -1;
  for (let i = 0; i < f.columns.length; i++) {
    if ((f.columns.flags[i] & Flag.BucketMask) !== 0) continue;
    if (first < 0 || ts[i] < ts[first]) first = i;
    if (last < 0 || ts[i] >= ts[last]) last = i;
  }
  return {
    file: x.path,
    kind: x.kind,
    format: cap.format,
    formatVerified: cap.status === 'verified',
    records: cap.records,
    imported: cap.imported,
    malformed: cap.malformed,
    malformedRows: cap.malformedRows,
    timeFormat: cap.timeFormat,
    firstCell: cap.firstCell,
    lastCell: cap.lastCell,
    firstTimeOfDay: cap.firstTimeOfDay,
    lastTimeOfDay: cap.lastTimeOfDay,
    hourLost: cap.hourLost,
    firstTime: first < 0 ? null : time(ts[first], first),
    lastTime: last < 0 ? null : time(ts[last], last),
    node: x.node,
    alignment: {
      date: cap.dated ? null : tb.dateMs ? isoUtc(tb.dateMs).slice(0, 10) : null,
      utcOffsetMinutes: tb.utcOffsetMinutes,
      fineOffsetMs: tb.skewMs,
      source: tb.source,
      confidence: cap.alignment?.confidence ?? null,
      reasons: cap.alignment?.reasons ?? [],
    },
    columns: cap.columns,
    warnings: x.warnings,
    errors: x.errors,
  };
}

/** Each line of a capture as one JSON object: aligned UTC time (null until placed), time of day as written, node, file, 1-based line, component, PID, TID, level, text. */
export function* captureRows(f: IndexedFile): Iterable<Record<string, unknown>> {
  const x = f.facts;
  const shift = toUtcShift(x.timeBase);
  const ok = placed(f);
  const c = f.columns;
  for (let i = 0; i < c.length; i++) {
    const bucket = c.flags[i] & Flag.BucketMask;
    if (bucket !== 0 && bucket !== 4) continue; // header and blank lines
    const t = c.ts[i];
    const ns = f.nsInMs?.[i] ?? -1;
    const th = c.thread[i];
    yield {
      t: ok && t === t ? isoUtcFine(t + shift, ns) : null,
      written: t === t ? formatTimeOfDay({ msOfDay: ((t % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY, nsInMs: Math.max(0, ns), digits: 7 }) : null,
      node: x.nodeLabel,
      kind: x.kind,
      file: x.path,
      line: i + 1,
      bucket: BUCKET_NAMES[bucket],
      component: x.components[c.comp[i]] ?? '',
      pid: f.threads.pid[th] ?? -1,
      tid: f.threads.tid[th] ?? -1,
      level: LEVEL_NAMES[c.level[i]] ?? '',
      text: f.lineText(i),
    };
  }
}
