// A capture export (formats.md Part C) indexed into the same line columns as a cluster.log, so
// that the merge, the filters, search, the raw view and the CLI reach it through the same
// interfaces: one "line" per CSV record (a record's quoted line breaks stay inside it), its time
// as written, its grade as the level, its Operation / Protocol / Provider as the component and
// its PID.TID as the thread. The text a row shows and search reads is the row rendered from its
// text columns (`renderRow`), kept as UTF-8 bytes in `text`; the exact sub-millisecond part of
// each time (Procmon writes 100 ns) is kept beside the ms column.
//
// Bytes come in slices; papaparse's parser (the user's choice) reads each slice's whole records
// and the unfinished last one is carried to the next slice. Pure: no DOM, no workers.

import Papa from 'papaparse';
import { Growable } from '../base/growable.ts';
import { Level } from '../base/levels.ts';
import { CAPTURE_COLUMNS, PROCMON_RESULTS, type CaptureColumnRoles } from '../formats/captures.ts';
import { sniffEncoding } from '../formats/encoding.ts';
import { nodeFromCapturePath } from '../formats/node-evidence.ts';
import { ComponentInterner, ThreadInterner } from '../ingest/interning.ts';
import { LineColumnsBuilder } from '../ingest/line-columns.ts';
import { SliceStore } from '../ingest/text.ts';
import { Bucket, emptyFacts, type CaptureFacts, type FileFacts, type IndexOptions, type LineColumns, type ThreadTable } from '../ingest/types.ts';
import { parseDatePart, type DateOrder } from '../captures/date-part.ts';
import { SNIFF_BYTES, sniffCapture } from '../captures/sniff.ts';
import { DayRoller, formatTimeOfDay, parseTimeOfDay, type TimeOfDay } from '../captures/time-of-day.ts';

const HOUR_MS = 3_600_000;
/** Malformed rows listed on the card (all are counted). */
const MALFORMED_LISTED = 100;
/** Between fields of a rendered row. */
const SEP = '  ';

const RESULT_LEVEL = new Map(PROCMON_RESULTS.map((r) => [r.result, r.severity === 'info' ? Level.INFO : r.severity === 'warn' ? Level.WARN : Level.ERR]));

/** Column numbers of each role in this export's header (-1: absent). */
interface Roles {
  time: number;
  dateTime: number;
  pid: number;
  tid: number;
  component: number;
  grade: number;
  text: number[];
}

export function rolesOf(spec: CaptureColumnRoles, header: readonly string[]): Roles {
  const norm = header.map((h) => h.trim().toLowerCase());
  const find = (names: readonly string[]) => norm.findIndex((h) => names.some((n) => n.toLowerCase() === h));
  return {
    time: find(spec.time), dateTime: find(spec.dateTime), pid: find(spec.pid), tid: find(spec.tid),
    component: find(spec.component), grade: find(spec.grade),
    text: spec.text.map(find).filter((k) => k >= 0),
  };
}

/** A row's text: its text columns, line breaks inside a field shown as ↵ (a row is one line). */
export function renderRow(cells: readonly string[], text: readonly number[]): string {
  let out = '';
  for (const k of text) {
    const v = cells[k];
    if (!v) continue;
    out += (out ? SEP : '') + (v.includes('\r') || v.includes('\n') ? v.replace(/\r\n|\r|\n/g, ' ↵ ') : v);
  }
  return out;
}

export class CaptureIndexer {
  readonly facts: FileFacts;
  /** The rendered rows, one line each (what the shard shows and searches). */
  readonly text = new SliceStore();
  private readonly cols = new LineColumnsBuilder();
  /** Nanoseconds within the ms of each line's time (-1: none). */
  private readonly ns = new Growable(Int32Array, 4096);
  private readonly comps: ComponentInterner;
  private readonly threads = new ThreadInterner();
  private head: Uint8Array[] | null = [];
  private headBytes = 0;
  private decoder: TextDecoder | null = null;
  private parser: Papa.Parser | null = null;
  private carry = '';
  private consumed = 0;
  private roles: Roles | null = null;
  private headerSeen = false;
  private row = 0;
  private roller = new DayRoller(0);
  private hourRoller = new DayRoller(0, HOUR_MS);
  private lastTs = NaN;
  private first: TimeOfDay | null = null;
  private last: TimeOfDay | null = null;
  private dateOrder: { order: DateOrder; ambiguous: boolean } | null = null;
  private readonly enc = new TextEncoder();
  private out = new Uint8Array(1 << 16);
  private outUsed = 0;
  private textSize = 0;
  private readonly cap: CaptureFacts;

  constructor(size: number, opts: IndexOptions = {}) {
    const name = opts.name ?? 'capture.csv';
    const path = opts.path ?? name;
    this.facts = emptyFacts(name, path, size);
    this.facts.idRadix = 10;
    this.facts.timeBase = { base: 'local', utcOffsetMinutes: null, source: 'capture-node', skewMs: 0, dateMs: 0 };
    this.cap = {
      format: '', status: 'inferred', delimiter: ',', columns: [], records: 0, imported: 0, malformed: 0, malformedRows: [],
      timeFormat: 'time-of-day', firstTimeOfDay: null, lastTimeOfDay: null, hourLost: false, dated: false, midnights: 0, alignment: null,
    };
    this.facts.capture = this.cap;
    this.comps = new ComponentInterner(this.facts.components, this.facts.componentCounts);
    const fromPath = opts.node ? null : nodeFromCapturePath(path);
    if (opts.node || fromPath) {
      this.facts.node = opts.node ?? fromPath!.node;
      this.facts.nodeSource = opts.node ? 'user' : fromPath!.from;
      this.facts.nodeLabel = this.facts.node!;
      if (fromPath) this.facts.nodeEvidence = [{ source: fromPath.from, name: fromPath.node, where: path }];
    }
  }

  get lineCount(): number {
    return this.cols.n;
  }

  get bytesConsumed(): number {
    return this.consumed;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0 || this.facts.status === 'error') return;
    this.consumed += chunk.length;
    if (this.head) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < SNIFF_BYTES) return;
      this.start();
      return;
    }
    this.feed(chunk, false);
  }

  finish(): { facts: FileFacts; columns: LineColumns; threads: ThreadTable } {
    if (this.head) this.start(true);
    else if (this.facts.status !== 'error') this.feed(new Uint8Array(0), true);
    this.finalize();
    return { facts: this.facts, columns: this.cols.view(), threads: this.threads.table };
  }

  offsetsView(): Float64Array {
    return this.cols.off.data.subarray(0, this.cols.n);
  }

  threadsView(): { thread: Uint32Array; table: ThreadTable } {
    return { thread: this.cols.thr.data.subarray(0, this.cols.n), table: this.threads.table };
  }

  /** Nanoseconds within the ms of each line's time (-1: none), lines indexed so far. */
  nsView(): Int32Array {
    return this.ns.data.subarray(0, this.cols.n);
  }

  lineEnd(i: number): number {
    return i + 1 < this.cols.n ? this.cols.off.data[i + 1] : this.textSize;
  }

  segment(from: number): LineColumns {
    return this.cols.segment(from);
  }

  // ---- reading ----------------------------------------------------------------------------

  private start(final = false): void {
    const parts = this.head!;
    this.head = null;
    const all = new Uint8Array(this.headBytes);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    const sniffed = sniffCapture(all);
    if (!sniffed || sniffed.kind === 'eventlog-xml') {
      this.fail(sniffed ? 'event-log XML is not read yet (export the log as CSV)' : 'no capture header in its first bytes');
      return;
    }
    const spec = CAPTURE_COLUMNS.find((c) => c.kind === sniffed.kind);
    if (!spec) {
      this.fail(`${sniffed.format} exports are recognized but not read yet`);
      return;
    }
    this.facts.kind = sniffed.kind;
    this.cap.format = sniffed.format;
    this.cap.status = sniffed.status;
    this.cap.delimiter = sniffed.delimiter;
    this.cap.columns = [...sniffed.header];
    this.facts.dialectEvidence = sniffed.evidence;
    const enc = sniffEncoding(all);
    this.facts.encoding = enc.encoding;
    this.facts.bom = enc.bomLength > 0;
    this.facts.encodingSource = enc.bomLength > 0 ? 'bom' : 'sniffed';
    this.roles = rolesOf(spec, sniffed.header);
    if (this.roles.time < 0 && this.roles.dateTime < 0) {
      this.fail(`it has no ${spec.time[0]} column`);
      return;
    }
    this.cap.timeFormat = this.roles.time >= 0 ? 'time-of-day' : 'date-time';
    this.decoder = new TextDecoder(enc.encoding);
    const headText = this.decoder.decode(all.subarray(sniffed.headerAt), { stream: true });
    const eol = /\r\n|\r|\n/.exec(headText);
    const newline = (eol ? eol[0] : '\n') as '\r\n' | '\r' | '\n';
    this.parser = new Papa.Parser({ delimiter: sniffed.delimiter, newline, quoteChar: '"' });
    this.take(headText, final);
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    if (!this.decoder) return;
    this.take(this.decoder.decode(chunk, { stream: !final }), final);
  }

  /** Parses the carried text and this slice's; the unfinished last record is carried on. */
  private take(text: string, final: boolean): void {
    const input = this.carry + text;
    const res = this.parser!.parse(input, 0, !final) as Papa.ParseResult<string[]>;
    this.carry = final ? '' : input.slice(res.meta.cursor);
    const rows = res.data;
    // The line break that ends the last record is not an empty last line.
    const lastRow = rows[rows.length - 1];
    if (final && lastRow && lastRow.length === 1 && lastRow[0] === '' && /[\r\n]$/.test(input)) rows.pop();
    for (const cells of rows) this.record(cells);
    this.flushText();
  }

  private record(cells: string[]): void {
    if (cells.length === 1 && cells[0].trim() === '') {
      if (this.headerSeen) this.line(NaN, -1, Level.None, 0, 0, Bucket.Blank, '');
      return;
    }
    if (!this.headerSeen) {
      this.headerSeen = true;
      this.line(NaN, -1, Level.None, 0, 0, Bucket.Structural, cells.join(SEP));
      return;
    }
    const n = ++this.row;
    this.cap.records++;
    const why = this.readRow(cells);
    if (why !== null) {
      this.cap.malformed++;
      if (this.cap.malformedRows.length < MALFORMED_LISTED) this.cap.malformedRows.push({ row: n, why });
      this.line(this.lastTs, -1, Level.None, 0, 0, Bucket.Unparsed, cells.join(', '));
    }
  }

  /** One data row: indexed, or why it is malformed. */
  private readRow(cells: string[]): string | null {
    const r = this.roles!;
    const width = this.cap.columns.length;
    if (cells.length !== width) return `${cells.length} fields where the header has ${width}`;
    let ts: number;
    let ns: number;
    let tod: TimeOfDay | null = null;
    let day = NaN;
    if (r.dateTime >= 0) {
      const d = parseDatePart(cells[r.dateTime]);
      if (d) {
        day = d.dayMs;
        if (!this.dateOrder || (this.dateOrder.ambiguous && !d.ambiguous)) this.dateOrder = { order: d.order, ambiguous: d.ambiguous };
      }
    }
    if (r.time >= 0) {
      const t = parseTimeOfDay(cells[r.time]);
      if (t.ok) {
        tod = t;
        ts = day === day ? day + t.msOfDay : this.roller.at(t.msOfDay);
        ns = t.nsInMs;
      } else if (t.reason === 'hour-lost') {
        this.cap.hourLost = true;
        this.cap.timeFormat = 'mangled';
        tod = { msOfDay: t.msOfHour, nsInMs: t.nsInMs, digits: t.digits };
        ts = this.hourRoller.at(t.msOfHour);
        ns = t.nsInMs;
      } else return `${this.cap.columns[r.time]} '${cells[r.time]}' is not a time (${t.reason})`;
    } else {
      // Only a date-and-time column: its clock part, to the second.
      const clock = /(\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?:\s*\S+)?)\s*$/.exec(cells[r.dateTime].replace(/^\S+\s+/, ''));
      const t = clock ? parseTimeOfDay(clock[1]) : null;
      if (!t?.ok || day !== day) return `${this.cap.columns[r.dateTime]} '${cells[r.dateTime]}' is not a date and time`;
      tod = t;
      ts = day + t.msOfDay;
      ns = t.nsInMs;
    }
    if (day === day) this.cap.dated = true;
    const pid = intCell(cells, r.pid);
    if (pid !== pid) return `${this.cap.columns[r.pid]} '${cells[r.pid]}' is not a number`;
    const tid = intCell(cells, r.tid);
    const grade = r.grade >= 0 ? cells[r.grade].trim() : '';
    const level = RESULT_LEVEL.get(grade) ?? Level.WARN;
    const comp = r.component >= 0 ? this.comps.add(cells[r.component].trim()) : 0;
    const thread = pid < 0 && !(tid >= 0) ? 0 : this.threads.intern(pid, tid === tid ? tid : -1);
    this.first ??= tod;
    this.last = tod;
    this.lastTs = ts;
    this.cap.imported++;
    this.facts.componentCounts[comp]++;
    this.facts.levelCounts[level]++;
    this.line(ts, ns, level, comp, thread, Bucket.Parsed, renderRow(cells, r.text));
    return null;
  }

  private line(ts: number, ns: number, level: number, comp: number, thread: number, bucket: Bucket, text: string): void {
    const c = this.cols;
    const n = c.n;
    if (n >= c.off.data.length) c.grow(n);
    c.off.data[n] = this.textSize + this.outUsed;
    c.ts.data[n] = ts;
    c.lvl.data[n] = level;
    c.comp.data[n] = comp;
    c.thr.data[n] = thread;
    c.flg.data[n] = bucket;
    c.n = n + 1;
    this.ns.length = n;
    this.ns.push(ns);
    this.facts.lines = n + 1;
    this.facts.buckets[BUCKET_KEYS[bucket]]++;
    // A rendered row ends in \n; a UTF-16 unit is at most 3 UTF-8 bytes.
    const need = this.outUsed + text.length * 3 + 1;
    if (need > this.out.length) {
      const grown = new Uint8Array(Math.max(need, this.out.length * 2));
      grown.set(this.out.subarray(0, this.outUsed));
      this.out = grown;
    }
    this.outUsed += this.enc.encodeInto(text, this.out.subarray(this.outUsed)).written;
    this.out[this.outUsed++] = 10;
  }

  private flushText(): void {
    if (this.outUsed === 0) return;
    this.text.add(this.out.slice(0, this.outUsed));
    this.textSize += this.outUsed;
    this.outUsed = 0;
  }

  private fail(why: string): void {
    this.facts.status = 'error';
    this.facts.errors.push(`${this.facts.path}: ${why}.`);
  }

  private finalize(): void {
    const f = this.facts;
    const cap = this.cap;
    if (f.status === 'error') return;
    if (!this.headerSeen) {
      this.fail('it is empty (no header row)');
      return;
    }
    cap.firstTimeOfDay = this.first ? formatTimeOfDay(this.first, 7) : null;
    cap.lastTimeOfDay = this.last ? formatTimeOfDay(this.last, 7) : null;
    cap.midnights = this.roller.rollovers;
    if (cap.dated) cap.timeFormat = 'date-time';
    if (cap.hourLost) cap.timeFormat = 'mangled';
    const ts = this.cols.ts.data;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < this.cols.n; i++) {
      if ((this.cols.flg.data[i] & 7) !== Bucket.Parsed) continue;
      if (ts[i] < min) min = ts[i];
      if (ts[i] > max) max = ts[i];
    }
    f.firstWritten = min === Infinity ? null : min;
    f.lastWritten = max === -Infinity ? null : max;
    if (cap.hourLost) f.warnings.push(`${f.name}: its times lost their hour (Excel re-saved them as mm:ss.f, to 0.1 s): give the hour of its first row as its fine offset, or export it again from Process Monitor.`);
    if (cap.malformed) f.warnings.push(`${f.name}: ${cap.malformed} of ${cap.records} rows are malformed and shown as they are (first: row ${cap.malformedRows[0].row}, ${cap.malformedRows[0].why}).`);
    if (this.dateOrder?.ambiguous) f.warnings.push(`${f.name}: its dates are read ${this.dateOrder.order === 'mdy' ? 'month first (US)' : 'day first'}; no row tells the order for sure.`);
    if (cap.status !== 'verified') f.warnings.push(`${f.name}: format unverified (${cap.format}: no real export was available to check it against).`);
    f.status = 'done';
  }
}

const BUCKET_KEYS = ['parsed', 'continuation', 'structural', 'blank', 'unparsed'] as const;

function intCell(cells: readonly string[], k: number): number {
  if (k < 0) return -1;
  const v = cells[k].trim();
  if (v === '') return -1;
  return /^\d+$/.test(v) ? Number(v) : NaN;
}
