// Exports that other tools open (issue 12): events and rows (log lines and capture rows) as CSV
// and JSONL; events in the JSONL form Timesketch imports; events and spans as Trace Event Format
// JSON that ui.perfetto.dev and chrome://tracing open (a process per node, a thread per track);
// the filtered raw lines as text. Pure formatters over plain records, so that the app and the
// CLI write the same files. Each returns text chunks (an export of millions of rows is built
// piece by piece, never as one string).

import { LEVEL_NAMES } from '../base/levels.ts';
import type { ClusterEvent } from '../events/types.ts';
import type { TimelineMarks } from '../timeline/marks.ts';

/** An event as exports write it. */
export interface ExportEvent {
  /** UTC ms (NaN: the line has no time). */
  t: number;
  node: string;
  family: string;
  kind: string;
  /** One line saying what happened. */
  summary: string;
  /** The file's path as opened, and the 1-based line. */
  file: string;
  line: number;
  severity: string;
  verified: boolean;
  subject?: string;
  /** The kind's own fields (JSON exports carry them). */
  fields?: Record<string, unknown>;
}

/** A span of the timeline (a state, a route up, a join): from t0 to t1 on a node's track. */
export interface ExportSpan {
  t0: number;
  t1: number;
  node: string;
  track: string;
  /** The row it is drawn on (a group, a route, 'membership'…). */
  row: string;
  label: string;
  file?: string;
  line?: number;
}

/** A row of the raw view: a log line or a capture row. */
export interface ExportRow {
  t: number;
  /** Nanoseconds within the ms where the input writes finer times (Procmon), -1 otherwise. */
  ns: number;
  node: string;
  file: string;
  line: number;
  level: string;
  component: string;
  pid: number | null;
  tid: number | null;
  text: string;
}

export const EXPORT_FORMATS = {
  'events-csv': { what: 'events', ext: 'csv', mime: 'text/csv', label: 'Events, CSV' },
  'events-jsonl': { what: 'events', ext: 'jsonl', mime: 'application/x-ndjson', label: 'Events, JSON lines' },
  'events-timesketch': { what: 'events', ext: 'jsonl', mime: 'application/x-ndjson', label: 'Events for Timesketch (JSONL)' },
  'trace': { what: 'events', ext: 'json', mime: 'application/json', label: 'Events and spans as a trace (ui.perfetto.dev)' },
  'rows-csv': { what: 'rows', ext: 'csv', mime: 'text/csv', label: 'Rows of the raw view, CSV' },
  'rows-jsonl': { what: 'rows', ext: 'jsonl', mime: 'application/x-ndjson', label: 'Rows of the raw view, JSON lines' },
  'text': { what: 'rows', ext: 'txt', mime: 'text/plain', label: 'Rows of the raw view, as text' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 UTC with the ms, and the finer digits when the input has them ('' without a time). */
export function isoTime(t: number, ns = -1): string {
  if (!Number.isFinite(t)) return '';
  const iso = new Date(t).toISOString();
  return ns >= 0 ? `${iso.slice(0, -1)}${pad(Math.floor(ns / 100), 4)}Z` : iso;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A cell that a
 * spreadsheet would run as a formula (= + - @ at its start, or a tab or CR) gets a leading
 * apostrophe: log text is untrusted input.
 */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: readonly unknown[]) => `${cells.map(csvField).join(',')}\r\n`;

const EVENT_COLUMNS = ['time_utc', 'node', 'family', 'kind', 'severity', 'summary', 'subject', 'verified', 'file', 'line'] as const;
const ROW_COLUMNS = ['time_utc', 'node', 'level', 'component', 'pid', 'tid', 'file', 'line', 'text'] as const;

export function* eventsCsv(events: Iterable<ExportEvent>): Generator<string> {
  yield csvLine(EVENT_COLUMNS);
  for (const e of events) yield csvLine([isoTime(e.t), e.node, e.family, e.kind, e.severity, e.summary, e.subject ?? '', e.verified, e.file, e.line]);
}

export function* eventsJsonl(events: Iterable<ExportEvent>): Generator<string> {
  for (const e of events) {
    yield `${JSON.stringify({ time: isoTime(e.t) || null, node: e.node, family: e.family, kind: e.kind, severity: e.severity, summary: e.summary, ...(e.subject ? { subject: e.subject } : {}), verified: e.verified, file: e.file, line: e.line, ...(e.fields ? { fields: e.fields } : {}) })}\n`;
  }
}

/**
 * Timesketch's JSONL import: each line has `message`, `datetime` (ISO 8601), `timestamp_desc`;
 * the rest are its attributes. Events without a time cannot be placed and are left out.
 */
export function* eventsTimesketch(events: Iterable<ExportEvent>): Generator<string> {
  for (const e of events) {
    if (!Number.isFinite(e.t)) continue;
    yield `${JSON.stringify({
      message: `${e.node}: ${e.summary}`, datetime: isoTime(e.t), timestamp: Math.round(e.t * 1000), timestamp_desc: 'Cluster log line written',
      data_type: `windows:cluster:${e.family}`, node: e.node, family: e.family, kind: e.kind, severity: e.severity, verified: e.verified,
      ...(e.subject ? { subject: e.subject } : {}), source_file: e.file, source_line: e.line, tool: 'ClusterLens',
    })}\n`;
  }
}

export function* rowsCsv(rows: Iterable<ExportRow>): Generator<string> {
  yield csvLine(ROW_COLUMNS);
  for (const r of rows) yield csvLine([isoTime(r.t, r.ns), r.node, r.level, r.component, r.pid ?? '', r.tid ?? '', r.file, r.line, r.text]);
}

export function* rowsJsonl(rows: Iterable<ExportRow>): Generator<string> {
  for (const r of rows) {
    yield `${JSON.stringify({ time: isoTime(r.t, r.ns) || null, node: r.node, level: r.level, component: r.component, pid: r.pid, tid: r.tid, file: r.file, line: r.line, text: r.text })}\n`;
  }
}

/** The rows' own text, one per line (as the files wrote them; a capture row as shown). */
export function* rowsText(rows: Iterable<ExportRow>): Generator<string> {
  for (const r of rows) yield `${r.text}\n`;
}

/**
 * Trace Event Format (JSON object form): a process per node, a thread per track; an event is an
 * instant ('i', thread scope), a span a complete event ('X' with its duration). Times are
 * microseconds from the earliest one (Perfetto shows time from the trace's start); the origin is
 * in `otherData`.
 */
export function* traceEvents(events: readonly ExportEvent[], spans: readonly ExportSpan[]): Generator<string> {
  const timed = events.filter((e) => Number.isFinite(e.t));
  const times = [...timed.map((e) => e.t), ...spans.map((s) => s.t0)];
  const origin = times.length ? times.reduce((a, b) => Math.min(a, b)) : 0;
  const us = (t: number) => Math.round((t - origin) * 1000);
  const pids = new Map<string, number>();
  const tids = new Map<string, number>();
  const meta: object[] = [];
  const pid = (node: string) => {
    let p = pids.get(node);
    if (p === undefined) {
      p = pids.size + 1;
      pids.set(node, p);
      meta.push({ ph: 'M', name: 'process_name', pid: p, tid: 0, ts: 0, args: { name: node } });
    }
    return p;
  };
  const tid = (node: string, track: string) => {
    const k = `${node}\u0000${track}`;
    let t = tids.get(k);
    if (t === undefined) {
      t = tids.size + 1;
      tids.set(k, t);
      meta.push({ ph: 'M', name: 'thread_name', pid: pid(node), tid: t, ts: 0, args: { name: track } });
    }
    return t;
  };
  const body: string[] = [];
  for (const e of timed) {
    const p = pid(e.node);
    body.push(JSON.stringify({ ph: 'i', s: 't', name: e.kind, cat: e.family, ts: us(e.t), pid: p, tid: tid(e.node, e.family), args: { summary: e.summary, severity: e.severity, file: e.file, line: e.line, verified: e.verified, ...(e.subject ? { subject: e.subject } : {}) } }));
  }
  for (const s of spans) {
    const p = pid(s.node);
    body.push(JSON.stringify({ ph: 'X', name: s.label || s.row, cat: s.track, ts: us(s.t0), dur: Math.max(0, us(s.t1) - us(s.t0)), pid: p, tid: tid(s.node, `${s.track}: ${s.row}`), args: { row: s.row, ...(s.file ? { file: s.file, line: s.line } : {}) } }));
  }
  yield `{"displayTimeUnit":"ms","otherData":${JSON.stringify({ tool: 'ClusterLens', origin: isoTime(origin) })},"traceEvents":[\n`;
  const all = [...meta.map((m) => JSON.stringify(m)), ...body];
  for (let i = 0; i < all.length; i++) yield `${all[i]}${i + 1 < all.length ? ',' : ''}\n`;
  yield ']}\n';
}

/** The chunks of an export, for the events and spans or the rows it is of. */
export function exportChunks(format: ExportFormat, data: { events?: readonly ExportEvent[]; spans?: readonly ExportSpan[]; rows?: Iterable<ExportRow> }): Iterable<string> {
  const ev = data.events ?? [];
  const rows = data.rows ?? [];
  switch (format) {
    case 'events-csv': return eventsCsv(ev);
    case 'events-jsonl': return eventsJsonl(ev);
    case 'events-timesketch': return eventsTimesketch(ev);
    case 'trace': return traceEvents(ev, data.spans ?? []);
    case 'rows-csv': return rowsCsv(rows);
    case 'rows-jsonl': return rowsJsonl(rows);
    case 'text': return rowsText(rows);
  }
}

/** An event of the catalogue as exports write it (`summary`: events/describe.ts's sentence). */
export function exportEvent(e: ClusterEvent, summary: string): ExportEvent {
  return {
    t: e.t, node: e.node, family: e.family, kind: e.kind, summary, file: e.ref.file, line: e.ref.line + 1,
    severity: LEVEL_NAMES[e.severity] || 'INFO', verified: e.verified, ...(e.subject ? { subject: e.subject } : {}), fields: { ...e.fields },
  };
}

/** The timeline's spans (marks that last: states, routes up, joins), on their node and track. */
export function spansOfMarks(m: TimelineMarks, fileName: (fileId: number) => string): ExportSpan[] {
  const out: ExportSpan[] = [];
  for (let k = 0; k < m.length; k++) {
    if (!(m.t1[k] > m.t0[k])) continue;
    const row = m.rows[m.row[k]];
    const node = m.lanes[row.lane]?.node ?? '';
    out.push({
      t0: m.t0[k], t1: m.t1[k], node, track: row.track, row: row.label, label: m.labels[m.label[k]] ?? '',
      ...(m.fileId[k] >= 0 ? { file: fileName(m.fileId[k]), line: m.line[k] + 1 } : {}),
    });
  }
  return out;
}
