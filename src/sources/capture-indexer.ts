// A capture export (formats.md Part C) indexed into the same line columns as a cluster.log, so
// that the merge, the filters, search, the raw view and the CLI reach it through the same
// interfaces: one "line" per CSV record (a record's quoted line breaks stay inside it), its time
// as written, its grade as the level, its Operation / Protocol / Provider as the component and
// its PID.TID as the thread. A CSV export keeps its records as the file's own bytes in `text`
// (the byte offset of each found by csv-records.ts) and a row is rendered from its record only
// when shown (RowRenderer); UTF-16 CSV and event-log XML keep their rows rendered as read. The
// exact sub-millisecond part of each time (Procmon writes 100 ns) is kept beside the ms column.
//
// Bytes come in slices; papaparse's parser (the user's choice) reads each slice's whole records
// and the unfinished last one is carried to the next slice. Pure: no DOM, no workers.

import { concatBytes } from '../base/streams.ts';
import Papa from 'papaparse';
import { Growable } from '../base/growable.ts';
import { Level } from '../base/levels.ts';
import {
  CAPTURE_CLASSES, CAPTURE_COLUMNS, CLUSTER_PORT, CLUSTER_PROCESSES, EVENT_NAMES, EVENT_VIEWER_CSV, OPERATION_CLASSES, PACKET_PORTS, SMB_RPC_PROTOCOLS,
  type CaptureClass, type CaptureColumnRoles, type Grade, type Grading,
} from '../formats/captures.ts';
import { sniffEncoding } from '../formats/encoding.ts';
import { nodeFromCapturePath } from '../formats/node-evidence.ts';
import { ComponentInterner, ThreadInterner } from '../ingest/interning.ts';
import { LineColumnsBuilder } from '../ingest/line-columns.ts';
import { decodeLine, SliceStore } from '../ingest/text.ts';
import { Bucket, emptyFacts, type CaptureFacts, type FileFacts, type IndexOptions, type LineColumns, type ThreadTable } from '../ingest/types.ts';
import { parseDatePart, type DateOrder } from '../captures/date-part.ts';
import { parseTimeCell, type TimeCell } from '../captures/time-cell.ts';
import { EVENT_XML_HEADER, EventXmlSplitter, eventCells } from '../captures/event-xml.ts';
import { CsvRecordScanner } from '../captures/csv-records.ts';
import { SNIFF_BYTES, sniffCapture } from '../captures/sniff.ts';
import { DAY_MS, DayRoller, formatTimeOfDay, parseClockFast, type TimeOfDay } from '../captures/time-of-day.ts';

const HOUR_MS = 3_600_000;
/** A TCP handshake's SYN: Wireshark's `[SYN]` / `[SYN, ACK]`, Netmon's flags with S (`CE....S.`). */
const SYN = /\[SYN(?:, ACK)?\]|Flags=[A-Z.]{6}S/;
/** Anchor rows kept per capture (the first of each PID and port). */
const MAX_ANCHORS = 200;
/** Malformed rows listed on the card (all are counted). */
const MALFORMED_LISTED = 100;
/** Between fields of a rendered row. */
const SEP = '  ';

const LEVEL_OF: Record<Grade, number> = { debug: Level.DBG, info: Level.INFO, warn: Level.WARN, error: Level.ERR, critical: Level.CRIT };

/** Column numbers of each role in this export's header (-1: absent). */
interface Roles {
  time: number;
  dateTime: number;
  pid: number;
  tid: number;
  component: number;
  eventId: number;
  grade: number;
  flow: [number, number] | null;
  /** The process name column (Procmon's, Netmon's), -1 when none. */
  process: number;
  /** Procmon's Path column (a TCP row's `local -> remote`), -1 when none. */
  path: number;
  text: number[];
}

export function rolesOf(spec: CaptureColumnRoles, header: readonly string[]): Roles {
  const norm = header.map((h) => h.trim().toLowerCase());
  // Names in order of preference: the first name present wins.
  const find = (names: readonly string[]) => {
    for (const n of names) {
      const k = norm.indexOf(n.toLowerCase());
      if (k >= 0) return k;
    }
    return -1;
  };
  const flow = spec.flow ? ([find(spec.flow[0]), find(spec.flow[1])] as [number, number]) : null;
  const text = spec.text.map(find).filter((k) => k >= 0);
  // Event Viewer's unnamed message field, after the header's last column.
  if (spec.trailingText) text.push(header.length);
  return {
    time: find(spec.time), dateTime: find(spec.dateTime), pid: find(spec.pid), tid: find(spec.tid),
    component: find(spec.component), eventId: find(spec.eventId), grade: spec.grading ? find(spec.grading.column) : -1,
    flow: flow && flow[0] >= 0 && flow[1] >= 0 ? flow : null, process: find(['Process Name', 'Process']), path: find(['Path']), text,
  };
}

/** A row's text: its text columns, line breaks inside a field shown as ↵ (a row is one line). */
export function renderRow(cells: readonly string[], text: readonly number[], lead = ''): string {
  let out = lead;
  for (const k of text) {
    const v = cells[k];
    if (!v) continue;
    out += (out ? SEP : '') + (v.includes('\r') || v.includes('\n') ? v.replace(/\r\n|\r|\n/g, ' ↵ ') : v);
  }
  return out;
}

/** Each grading's values by exact text (grades of values seen once are kept: few distinct values). */
const GRADE_CACHE = new WeakMap<Grading, Map<string, Grade>>();

/** The name EVENT_NAMES gives a row's event (its id column and provider), or null. */
/** Most named event rows a capture keeps for the insight rules (an event log of the incident has a few). */
const NAMED_ROWS_MAX = 20_000;

function namedEvent(r: Roles, cells: readonly string[], provider: string): (typeof EVENT_NAMES)[number] | null {
  if (r.eventId < 0) return null;
  const raw = cells[r.eventId].trim();
  const id = Number(raw);
  return raw && Number.isInteger(id) ? eventName(provider, id) : null;
}

/** What a row's text starts with: its event id and name, its endpoints (`a → b`). */
function leadOf(r: Roles, cells: readonly string[], named: (typeof EVENT_NAMES)[number] | null): string {
  let lead = '';
  if (r.eventId >= 0) lead = named ? `${named.id} ${named.name}:` : cells[r.eventId].trim();
  if (r.flow) lead = `${lead ? `${lead}${SEP}` : ''}${cells[r.flow[0]].trim()} → ${cells[r.flow[1]].trim()}`;
  return lead;
}

/**
 * A capture's row as shown, from its record as the file writes it (raw mode): the header's
 * names, a row's text columns (renderRow), or a record that is no row as written. Small: the
 * shard keeps it after indexing to show rows, the CLI to print them.
 */
export class RowRenderer {
  constructor(
    private readonly spec: CaptureColumnRoles, private readonly roles: Roles,
    private readonly delimiter: string, private readonly newline: '\r\n' | '\n' | '\r', private readonly width: number,
  ) {}

  /** `record`: the line's decoded bytes, line break removed; `line`: its number (0 is the header). */
  render(line: number, record: string): string {
    if (!record) return '';
    const res = Papa.parse<string[]>(record, { delimiter: this.delimiter, newline: this.newline, quoteChar: '"' });
    const cells = res.data[0] ?? [];
    if (line === 0) return cells.map((c) => c.trim()).join(SEP);
    const width = this.width + (this.spec.trailingText ? 1 : 0);
    if (res.data.length !== 1 || (cells.length !== width && !(this.spec.trailingText && cells.length === this.width))) {
      return record.replace(/\r\n|\r|\n/g, ' ↵ ');
    }
    const r = this.roles;
    return renderRow(cells, r.text, leadOf(r, cells, namedEvent(r, cells, r.component >= 0 ? cells[r.component].trim() : '')));
  }
}

/** The grade a row's cells give (grading as data: values, then patterns, then the default). */
function gradeOf(g: Grading, value: string | undefined): Grade {
  const raw = value ?? '';
  let cache = GRADE_CACHE.get(g);
  if (!cache) GRADE_CACHE.set(g, (cache = new Map()));
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const grade = gradeOfSlow(g, raw);
  // Free text (a packet's Info) is not cached: too many values.
  if (!g.patterns && cache.size < 4096) cache.set(raw, grade);
  return grade;
}

function gradeOfSlow(g: Grading, value: string): Grade {
  const v = value.trim();
  if (!v) return g.empty;
  if (g.values) {
    const lower = v.toLowerCase();
    const hit = g.values.find((x) => x.value.toLowerCase() === lower);
    if (hit) return hit.grade;
  }
  if (g.patterns) for (const p of g.patterns) if (p.re.test(v)) return p.grade;
  return g.otherwise;
}

const CLASS_ID = new Map<CaptureClass, number>(CAPTURE_CLASSES.map((c, i) => [c, i]));
const CLUSTER_PROCS = new Set(CLUSTER_PROCESSES.map((p) => p.toLowerCase()));

/** A Procmon operation's class (OPERATION_CLASSES). */
export function operationClass(op: string): CaptureClass {
  return OPERATION_CLASSES.find((o) => o.re.test(op))?.cls ?? 'other';
}

/** The ports a packet's text names (source, destination), or null. */
export function packetPorts(text: string): [number, number] | null {
  for (const p of PACKET_PORTS) {
    const m = p.re.exec(text);
    if (m) return [Number(m[1]), Number(m[2])];
  }
  return null;
}

/** The name EVENT_NAMES gives a provider's event id, or null. */
export function eventName(provider: string, id: number): (typeof EVENT_NAMES)[number] | null {
  const p = provider.toLowerCase();
  return EVENT_NAMES.find((e) => e.id === id && p.includes(e.provider.toLowerCase())) ?? null;
}

export class CaptureIndexer {
  readonly facts: FileFacts;
  /** What lines are decoded from (the shard shows and searches it): the file's bytes, or the rows rendered as read. */
  readonly text = new SliceStore();
  private readonly cols = new LineColumnsBuilder();
  /** Nanoseconds within the ms of each line's time (-1: none). */
  private readonly ns = new Growable(Int32Array, 4096);
  /** Per line: the capture track's row group (index into `groups`) and the row's class (CAPTURE_CLASSES). */
  private readonly groupCol = new Growable(Uint32Array, 4096);
  private readonly clsCol = new Growable(Uint8Array, 4096);
  readonly groups: string[] = [''];
  private readonly groupIds = new Map<string, number>([['', 0]]);
  private readonly comps: ComponentInterner;
  private readonly threads = new ThreadInterner();
  private head: Uint8Array[] | null = [];
  private headBytes = 0;
  private decoder: TextDecoder | null = null;
  private parser: Papa.Parser | null = null;
  private carry = '';
  private consumed = 0;
  private roles: Roles | null = null;
  /** Where each CSV record starts in the file (raw mode: the text is the file's own bytes), null when rows are rendered. */
  private records: CsvRecordScanner | null = null;
  /** The next record of `records` a row takes. */
  private recordIdx = 0;
  /** Renders a raw record for display (raw mode only; null: rows are rendered while read). */
  renderer: RowRenderer | null = null;
  private spec: CaptureColumnRoles | null = null;
  /** The time form the first timed row showed; later rows must agree. */
  private form: string | null = null;
  private headerSeen = false;
  private row = 0;
  private roller = new DayRoller(0);
  private hourRoller = new DayRoller(0, HOUR_MS);
  private lastTs = NaN;
  private first: TimeOfDay | null = null;
  /** The last row's time of day (numbers: no object kept per row). */
  private lastMs = -1;
  private lastNs = 0;
  private lastDigits = 0;
  private lastCellText: string | null = null;
  private dateOrder: { order: DateOrder; ambiguous: boolean } | null = null;
  private readonly enc = new TextEncoder();
  /** Rendered rows not yet encoded, and their UTF-8 bytes with their line ends. */
  private pending: string[] = [];
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
      timeFormat: 'time-of-day', firstCell: null, lastCell: null, anchors: [], firstTimeOfDay: null, lastTimeOfDay: null, hourLost: false, dated: false, midnights: 0, raw: false, hosts: [], alignment: null,
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
    if (this.records) {
      this.text.add(chunk);
      this.records.push(chunk);
    }
    this.feed(chunk, false);
  }

  finish(): { facts: FileFacts; columns: LineColumns; threads: ThreadTable } {
    if (this.head) this.start(true);
    else if (this.facts.status !== 'error') {
      this.records?.finish();
      this.feed(new Uint8Array(0), true);
    }
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
    if (i + 1 < this.cols.n) return this.cols.off.data[i + 1];
    const r = this.records;
    if (!r) return this.textSize;
    if (this.recordIdx < r.starts.length) return r.starts.data[this.recordIdx];
    // The last row read: up to the record being read, or to the end of what was read.
    const pending = Math.min(r.pendingStart, this.consumed);
    return pending > this.cols.off.data[i] ? pending : this.consumed;
  }

  /** Line i as shown: its record rendered (raw mode) or its rendered row; line break removed. */
  lineText(i: number): string {
    const t = decodeLine(this.text, this.cols.off.data[i], this.lineEnd(i), this.facts.encoding);
    return this.renderer ? this.renderer.render(i, t) : t;
  }

  /** The size of the text lines are decoded from (`text`): the file's (raw records) or the rendered rows'. */
  get textBytes(): number {
    return this.records ? this.consumed : this.textSize;
  }

  segment(from: number): LineColumns {
    return this.cols.segment(from);
  }

  // ---- reading ----------------------------------------------------------------------------

  private start(final = false): void {
    const parts = this.head!;
    this.head = null;
    const all = concatBytes(parts, this.headBytes);
    const sniffed = sniffCapture(all);
    if (!sniffed) {
      this.fail('no capture header in its first bytes');
      return;
    }
    if (sniffed.kind === 'eventlog-xml') {
      this.startXml(all, sniffed.evidence, final);
      return;
    }
    const named = CAPTURE_COLUMNS.find((c) => c.kind === sniffed.kind);
    const spec = sniffed.format === 'Event Viewer "Save as CSV"' ? EVENT_VIEWER_CSV : named;
    this.spec = spec ?? null;
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
    const enc = this.noteEncoding(all);
    this.roles = rolesOf(spec, sniffed.header);
    if (this.roles.time < 0 && this.roles.dateTime < 0) {
      this.fail(`it has no ${spec.time[0]} column`);
      return;
    }

    this.decoder = new TextDecoder(enc.encoding);
    const headText = this.decoder.decode(all.subarray(sniffed.headerAt), { stream: !final });
    const eol = /\r\n|\r|\n/.exec(headText);
    const newline = (eol ? eol[0] : '\n') as '\r\n' | '\r' | '\n';
    this.parser = new Papa.Parser({ delimiter: sniffed.delimiter, newline, quoteChar: '"' });
    // UTF-8 and single-byte text keep their records as the file's bytes (the delimiter, quote and
    // line break bytes are never part of another character); UTF-16 rows are rendered as they are read.
    if (!enc.encoding.startsWith('utf-16')) {
      this.renderer = new RowRenderer(spec, this.roles, sniffed.delimiter, newline, this.cap.columns.length);
      this.records = new CsvRecordScanner(sniffed.delimiter.charCodeAt(0), newline, sniffed.headerAt);
      this.text.add(all);
      this.records.push(all.subarray(sniffed.headerAt));
      if (final) this.records.finish();
    }
    this.take(headText, final);
  }

  /** The encoding the first bytes show (a BOM, or sniffed), on the facts. */
  private noteEncoding(head: Uint8Array): ReturnType<typeof sniffEncoding> {
    const enc = sniffEncoding(head);
    this.facts.encoding = enc.encoding;
    this.facts.bom = enc.bomLength > 0;
    this.facts.encodingSource = enc.bomLength > 0 ? 'bom' : 'sniffed';
    return enc;
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    if (!this.decoder) return;
    const text = this.decoder.decode(chunk, { stream: !final });
    if (this.xml) this.takeXml(text, final);
    else this.take(text, final);
  }

  // ---- event logs saved as XML (captures/event-xml.ts): each <Event> a row ----

  private xml: EventXmlSplitter | null = null;
  private readonly computers = new Map<string, number>();

  private startXml(all: Uint8Array, evidence: string, final: boolean): void {
    const spec = CAPTURE_COLUMNS.find((c) => c.kind === 'eventlog')!;
    this.spec = spec;
    this.facts.kind = 'eventlog';
    this.cap.format = 'Windows event log XML';
    this.cap.status = 'inferred';
    this.cap.delimiter = '';
    this.cap.columns = [...EVENT_XML_HEADER];
    this.facts.dialectEvidence = evidence;
    const enc = this.noteEncoding(all);
    this.roles = rolesOf(spec, EVENT_XML_HEADER);
    this.headerSeen = true; // no header row: each <Event> is a record
    this.xml = new EventXmlSplitter();
    this.decoder = new TextDecoder(enc.encoding);
    this.takeXml(this.decoder.decode(all.subarray(enc.bomLength), { stream: !final }), final);
  }

  private takeXml(text: string, final: boolean): void {
    for (const ev of this.xml!.push(text, final)) {
      const cells = eventCells(ev);
      const host = cells[cells.length - 1].split('.')[0];
      if (host) this.computers.set(host, (this.computers.get(host) ?? 0) + 1);
      this.record(cells);
    }
    this.flushText();
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
    const spec = this.spec!;
    const width = this.cap.columns.length + (spec.trailingText ? 1 : 0);
    if (cells.length !== width) {
      // Excel leaves rows whose every named field is empty (sums, blank lines it kept).
      if (cells.slice(0, this.cap.columns.length).every((c) => c.trim() === '') || cells.every((c) => c.trim() === '')) return 'an empty row (no time, no fields)';
      if (!(spec.trailingText && cells.length === this.cap.columns.length)) return `${cells.length} fields where the header has ${width}`;
    }
    const timeCol = r.time >= 0 ? r.time : r.dateTime;
    // Once the rows are known to write a time of day, its common shapes are read from char codes.
    const cell = this.form === 'time-of-day' && parseClockFast(cells[timeCol], this.clockCell) ? this.clockCell : parseTimeCell(cells[timeCol]);
    if (!cell) {
      if (cells.every((c) => c.trim() === '') || cells[timeCol].trim() === '') return 'an empty row (no time)';
      return `${this.cap.columns[timeCol]} '${cells[timeCol]}' is not a time`;
    }
    const form = cell.form === 'hour-lost' ? 'mangled' : cell.form === 'date-time' && cell.utc ? 'utc' : cell.form;
    if (this.form === null) this.form = form;
    else if (form !== this.form && !(this.form === 'mangled' && form === 'time-of-day')) return `${this.cap.columns[timeCol]} '${cells[timeCol]}' is a ${form} where the rows above are ${this.form}`;
    let ts: number;
    let tod: TimeOfDay;
    switch (cell.form) {
      case 'time-of-day': {
        // A date from another column (Procmon's Date & Time) dates it; else rows roll over midnight.
        const day = r.dateTime >= 0 && r.dateTime !== timeCol ? parseDatePart(cells[r.dateTime]) : null;
        if (day) {
          this.cap.dated = true;
          this.noteOrder(day.order, day.ambiguous);
        }
        ts = day ? day.dayMs + cell.msOfDay : this.roller.at(cell.msOfDay);
        tod = cell;
        break;
      }
      case 'hour-lost':
        this.cap.hourLost = true;
        ts = this.hourRoller.at(cell.msOfHour);
        tod = { msOfDay: cell.msOfHour, nsInMs: cell.nsInMs, digits: cell.digits };
        break;
      case 'date-time':
        this.cap.dated = true;
        if (!cell.utc) this.noteOrder(cell.order, cell.ambiguous);
        ts = cell.ms;
        tod = { msOfDay: ((cell.ms % DAY_MS) + DAY_MS) % DAY_MS, nsInMs: cell.nsInMs, digits: cell.digits };
        break;
      default:
        ts = cell.ms;
        if (cell.form === 'epoch') this.cap.dated = true;
        tod = { msOfDay: ((cell.ms % DAY_MS) + DAY_MS) % DAY_MS, nsInMs: cell.nsInMs, digits: cell.digits };
    }
    const ns = cell.nsInMs;
    const pid = intCell(cells, r.pid);
    if (pid !== pid) return `${this.cap.columns[r.pid]} '${cells[r.pid]}' is not a number`;
    const tid = intCell(cells, r.tid);
    const provider = r.component >= 0 ? cells[r.component].trim() : '';
    let grade: Grade = 'info';
    if (spec.grading) {
      // Few distinct values (Result, Level): the last one seen is the likeliest.
      const v = r.grade >= 0 ? cells[r.grade] : '';
      if (v === this.lastGradeValue) grade = this.lastGrade;
      else {
        grade = gradeOf(spec.grading, v);
        this.lastGradeValue = v;
        this.lastGrade = grade;
      }
    }
    const named = namedEvent(r, cells, provider);
    if (named) {
      const rows = (this.cap.namedRows ??= []);
      if (rows.length < NAMED_ROWS_MAX) rows.push([this.cols.n, EVENT_NAMES.indexOf(named)]);
    }
    if (named && LEVEL_OF[named.grade] > LEVEL_OF[grade]) grade = named.grade;
    const level = LEVEL_OF[grade];
    const comp = this.comps.add(provider);
    this.groupOf(cells, provider, comp, pid, named !== null);
    this.noteAnchor(cells, provider, pid, CAPTURE_CLASSES[this.nextCls], ts);
    const thread = pid < 0 && !(tid >= 0) ? 0 : this.threads.intern(pid, tid === tid ? tid : -1);
    if (!this.first) {
      this.cap.firstCell = cells[timeCol];
      this.first = { msOfDay: tod.msOfDay, nsInMs: tod.nsInMs, digits: tod.digits };
    }
    this.lastCellText = cells[timeCol];
    this.lastMs = tod.msOfDay;
    this.lastNs = tod.nsInMs;
    this.lastDigits = tod.digits;
    this.lastTs = ts;
    this.cap.imported++;
    this.facts.componentCounts[comp]++;
    this.facts.levelCounts[level]++;
    this.line(ts, ns, level, comp, thread, Bucket.Parsed, this.records ? '' : renderRow(cells, r.text, leadOf(r, cells, named)));
    return null;
  }

  private nextGroup = 0;
  private nextCls = 0;
  private lastGradeValue: string | null = null;
  private lastGrade: Grade = 'info';
  /** The time cell parseClockFast writes (one object reused across rows: copy what is kept). */
  private readonly clockCell: TimeCell & { form: 'time-of-day' } = { form: 'time-of-day', msOfDay: 0, nsInMs: 0, digits: 0 };

  private groupId(name: string): number {
    let id = this.groupIds.get(name);
    if (id === undefined) {
      id = this.groups.length;
      this.groups.push(name);
      this.groupIds.set(name, id);
    }
    return id;
  }

  /** Procmon's group ids by process name, then PID (a cluster process) — no string built per row. */
  private readonly procGroups = new Map<string, number | Map<number, number>>();
  /** Procmon's class per component id (an operation's class is the same on every row). */
  private readonly compCls: number[] = [];

  /**
   * Procmon: by process (the cluster's processes one row per PID); packets: by conversation (the
   * endpoint pair, either direction), cluster traffic on 3343 and SMB/RPC told apart; events: by
   * provider. Sets nextGroup and nextCls.
   */
  private groupOf(cells: readonly string[], component: string, comp: number, pid: number, namedEventRow: boolean): void {
    const r = this.roles!;
    switch (this.facts.kind) {
      case 'procmon': {
        const proc = r.process >= 0 ? cells[r.process] : '';
        let g = this.procGroups.get(proc);
        if (g === undefined) {
          const name = proc.trim();
          g = CLUSTER_PROCS.has(name.toLowerCase()) ? new Map<number, number>() : this.groupId(name || '(no process)');
          this.procGroups.set(proc, g);
        }
        if (typeof g !== 'number') {
          let id = g.get(pid);
          if (id === undefined) {
            id = this.groupId(pid >= 0 ? `${proc.trim()} (${pid})` : proc.trim());
            g.set(pid, id);
          }
          this.nextGroup = id;
        } else this.nextGroup = g;
        let cls = this.compCls[comp];
        if (cls === undefined) cls = this.compCls[comp] = CLASS_ID.get(operationClass(component))!;
        this.nextCls = cls;
        return;
      }
      case 'wireshark':
      case 'netmon': {
        const [a, b] = r.flow ? [cells[r.flow[0]].trim(), cells[r.flow[1]].trim()] : ['', ''];
        this.nextGroup = this.groupId(a && b ? (a <= b ? `${a} ↔ ${b}` : `${b} ↔ ${a}`) : a || b || '(no address)');
        // The packet's summary (Info, Description): the column its grading reads.
        const info = r.grade >= 0 ? cells[r.grade] ?? '' : '';
        const ports = packetPorts(info);
        const cls: CaptureClass = ports && (ports[0] === CLUSTER_PORT || ports[1] === CLUSTER_PORT) ? 'cluster' : SMB_RPC_PROTOCOLS.test(component) ? 'smb-rpc' : 'network';
        this.nextCls = CLASS_ID.get(cls)!;
        return;
      }
      default:
        this.nextGroup = this.groupId(component || '(no provider)');
        this.nextCls = CLASS_ID.get(namedEventRow ? 'cluster-event' : 'other')!;
    }
  }

  private readonly anchorKeys = new Set<string>();

  /** A row that names a cluster process's PID or a cluster connection's ephemeral port (CaptureFacts.anchors). */
  private noteAnchor(cells: readonly string[], component: string, pid: number, cls: CaptureClass, ts: number): void {
    if (this.cap.anchors.length >= MAX_ANCHORS) return;
    const r = this.roles!;
    if (this.facts.kind === 'procmon') {
      // Cheap first: only a process start or a connection's opening row can be one.
      const c0 = component.charCodeAt(0);
      if (c0 !== 80 && c0 !== 84) return; // 'P'rocess Start, 'T'CP Connect/Accept/Reconnect
      if (cls === 'network' && this.localHosts.size < 64) {
        const path = r.path >= 0 ? cells[r.path] : '';
        const m = /^\s*([^:\s]+):\d+\s*->/.exec(path);
        if (m) this.localHosts.set(m[1], (this.localHosts.get(m[1]) ?? 0) + 1);
      }
      const proc = r.process >= 0 ? cells[r.process].trim() : '';
      if (component === 'Process Start' && CLUSTER_PROCS.has(proc.toLowerCase()) && pid >= 0) this.addAnchor('pid', pid, ts, `${proc} Process Start (PID ${pid})`);
      // A connection's opening row: its time is the route line's (a later Send or Disconnect is not).
      if (cls === 'network' && /^TCP (?:Connect|Accept|Reconnect)$/.test(component)) {
        const text = r.text.map((k) => cells[k] ?? '').join(' ');
        const ports = /:(\d{1,5})\s*->\s*\S*:(\d{1,5})/.exec(text);
        if (ports) {
          const [a, b] = [Number(ports[1]), Number(ports[2])];
          if (a === CLUSTER_PORT && b !== CLUSTER_PORT) this.addAnchor('port', b, ts, `${proc} ${component} (port ${b})`);
          else if (b === CLUSTER_PORT && a !== CLUSTER_PORT) this.addAnchor('port', a, ts, `${proc} ${component} (port ${a})`);
        }
      }
    } else if (cls === 'cluster') {
      const info = r.grade >= 0 ? cells[r.grade] ?? '' : '';
      const ports = packetPorts(info);
      // Only the handshake's SYN (or SYN-ACK) opens the connection the log's route line names.
      if (ports && SYN.test(info)) {
        const e = ports[0] === CLUSTER_PORT ? ports[1] : ports[0];
        if (e !== CLUSTER_PORT) this.addAnchor('port', e, ts, `${component} ${ports[0]} → ${ports[1]} (port ${e})`);
      }
    }
  }

  /** Procmon: rows per local host of its TCP rows (the left side of `A:port -> B:port`). */
  private readonly localHosts = new Map<string, number>();

  private addAnchor(kind: 'pid' | 'port', key: number, ts: number, what: string): void {
    const k = `${kind}${key}`;
    if (this.anchorKeys.has(k)) return;
    this.anchorKeys.add(k);
    this.cap.anchors.push({ kind, key, line: this.cols.n, written: ts, what });
  }

  /** Per line: its capture-track group and class, lines indexed so far (views, valid until the next push). */
  groupsView(): { group: Uint32Array; cls: Uint8Array; groups: readonly string[] } {
    return { group: this.groupCol.data.subarray(0, this.cols.n), cls: this.clsCol.data.subarray(0, this.cols.n), groups: this.groups };
  }

  /** The hosts the rows say the capture was taken on, likeliest first (CaptureFacts.hosts). */
  private hostsSeen(): { name: string; rows: number }[] {
    const count = new Map<string, number>();
    if (this.facts.kind === 'procmon') for (const [h, n] of this.localHosts) count.set(h, n);
    else if (this.facts.kind === 'wireshark' || this.facts.kind === 'netmon') {
      // The capturing machine is in (nearly) every conversation it saw: count rows per address.
      const rows = new Uint32Array(this.groups.length);
      const g = this.groupCol.data;
      for (let i = 0; i < this.cols.n; i++) rows[g[i]]++;
      this.groups.forEach((name, id) => {
        const [a, b] = name.split(' ↔ ');
        if (!b) return;
        for (const x of [a, b]) count.set(x, (count.get(x) ?? 0) + rows[id]);
      });
    } else for (const [h, n] of this.computers) count.set(h, n);
    return [...count].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([name, rows]) => ({ name, rows }));
  }

  private noteOrder(order: DateOrder, ambiguous: boolean): void {
    if (!this.dateOrder || (this.dateOrder.ambiguous && !ambiguous)) this.dateOrder = { order, ambiguous };
  }

  private line(ts: number, ns: number, level: number, comp: number, thread: number, bucket: Bucket, text: string): void {
    const c = this.cols;
    const n = c.n;
    if (n >= c.off.data.length) c.grow(n);
    if (this.records) {
      const starts = this.records.starts;
      c.off.data[n] = this.recordIdx < starts.length ? starts.data[this.recordIdx++] : this.consumed;
    } else c.off.data[n] = this.textSize + this.outUsed;
    c.ts.data[n] = ts;
    c.lvl.data[n] = level;
    c.comp.data[n] = comp;
    c.thr.data[n] = thread;
    c.flg.data[n] = bucket;
    c.n = n + 1;
    this.ns.length = n;
    this.ns.push(ns);
    this.groupCol.length = n;
    this.groupCol.push(bucket === Bucket.Parsed ? this.nextGroup : 0);
    this.clsCol.length = n;
    this.clsCol.push(bucket === Bucket.Parsed ? this.nextCls : 0);
    this.facts.lines = n + 1;
    this.facts.buckets[BUCKET_KEYS[bucket]]++;
    if (this.records) return;
    // Rows are encoded a slice at a time (flushText): here only their UTF-8 length, ending in \n.
    this.pending.push(text);
    this.outUsed += (NON_ASCII.test(text) ? utf8Length(text) : text.length) + 1;
  }

  private flushText(): void {
    if (this.outUsed === 0) return;
    this.pending.push('');
    const bytes = this.enc.encode(this.pending.join('\n'));
    this.pending = [];
    this.text.add(bytes);
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
    cap.hosts = this.hostsSeen();
    if (this.computers.size > 0) {
      // An XML event names the machine that logged it: the node, unless the path or the user named one.
      const [host, n] = [...this.computers].sort((a, b) => b[1] - a[1])[0];
      f.nodeEvidence = [...f.nodeEvidence, { source: 'in-file', name: host, where: `<Computer> of ${n} event${n === 1 ? '' : 's'}` }];
      if (!f.node) {
        f.node = host;
        f.nodeSource = 'in-file';
        f.nodeLabel = host;
      }
    }
    cap.firstTimeOfDay = this.first ? formatTimeOfDay(this.first, 7) : null;
    cap.lastTimeOfDay = this.lastMs >= 0 ? formatTimeOfDay({ msOfDay: this.lastMs, nsInMs: this.lastNs, digits: this.lastDigits }, 7) : null;
    cap.lastCell = this.lastCellText;
    cap.midnights = this.roller.rollovers;
    cap.timeFormat = (this.form === 'utc' || this.form === 'epoch' || this.form === 'relative' || this.form === 'mangled' || this.form === 'time-of-day' ? this.form : 'date-time') as CaptureFacts['timeFormat'];
    if (this.form === 'time-of-day' && cap.dated) cap.timeFormat = 'date-time';
    // Relative seconds state no time of day.
    if (this.form === 'relative') cap.firstTimeOfDay = cap.lastTimeOfDay = null;
    if (this.form === 'relative') f.warnings.push(`${f.name}: its times are seconds from the capture's start: give that start on its card to place it (or export with absolute times: Wireshark's View → Time Display Format → UTC Date and Time of Day).`);
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
    if (cap.hourLost) f.warnings.push(`${f.name}: its times lost their hour (Excel re-saved them as mm:ss.f, to 0.1 s): give its date and hour on its card (YYYY-MM-DD HH:00), or export it again from the capture tool.`);
    if (cap.malformed) f.warnings.push(`${f.name}: ${cap.malformed} of ${cap.records} rows are malformed and shown as they are (first: row ${cap.malformedRows[0].row}, ${cap.malformedRows[0].why}).`);
    if (this.dateOrder?.ambiguous) f.warnings.push(`${f.name}: its dates are read ${this.dateOrder.order === 'mdy' ? 'month first (US)' : 'day first'}; no row tells the order for sure.`);
    if (cap.status !== 'verified') f.warnings.push(`${f.name}: format unverified (${cap.format}: no real export was available to check it against).`);
    f.status = 'done';
  }
}

const BUCKET_KEYS = ['parsed', 'continuation', 'structural', 'blank', 'unparsed'] as const;

const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 bytes of a string (a lone surrogate counts 3, as TextEncoder writes U+FFFD). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A whole number cell (-1 when absent or empty, NaN when not a number), read from char codes. */
function intCell(cells: readonly string[], k: number): number {
  if (k < 0) return -1;
  const v = cells[k];
  let a = 0;
  let b = v.length;
  while (a < b && v.charCodeAt(a) === 32) a++;
  while (b > a && v.charCodeAt(b - 1) === 32) b--;
  if (a === b) return -1;
  let n = 0;
  for (let i = a; i < b; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}
