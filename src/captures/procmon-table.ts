// A Process Monitor CSV export as columns (formats.md C.1): columns found by header name in any
// order and subset, Time of Day exact to 100 ns (ms of day + ns in the ms), PID and TID as
// integers, the low-cardinality text (Process Name, Operation, Result) interned, the free text
// (Path, Detail) as UTF-8 bytes plus offsets, never as arrays of strings. Every data row is
// accounted for: records = imported + malformed, each malformed row with its number and why.
// Pure: the capture worker feeds it rows as papaparse yields them; tests feed it whole files.

import Papa from 'papaparse';
import { parseTimeOfDay } from './time-of-day.ts';

/** Free text of every row: row i is bytes[offsets[i] .. offsets[i + 1]). */
export class TextColumn {
  private buf = new Uint8Array(1 << 16);
  private ends: number[] = [0];
  private readonly enc = new TextEncoder();
  private used = 0;

  push(s: string): void {
    // A UTF-16 unit is at most 3 UTF-8 bytes.
    const need = this.used + s.length * 3;
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.used));
      this.buf = grown;
    }
    this.used += this.enc.encodeInto(s, this.buf.subarray(this.used)).written;
    this.ends.push(this.used);
  }

  /** The bytes and offsets, right-sized (to be transferred). */
  finish(): { bytes: Uint8Array; offsets: Uint32Array } {
    return { bytes: this.buf.slice(0, this.used), offsets: Uint32Array.from(this.ends) };
  }
}

/** Few distinct values: ids per row and the values once. */
export class InternedColumn {
  private readonly ids: number[] = [];
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  push(s: string): void {
    let id = this.index.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(s);
      this.index.set(s, id);
    }
    this.ids.push(id);
  }

  finish(): { ids: Uint32Array; values: string[] } {
    return { ids: Uint32Array.from(this.ids), values: this.values };
  }
}

export interface MalformedRow {
  /** 1-based data row (the header is row 0), as a person counts rows after the header. */
  row: number;
  why: string;
}

export interface ProcmonTable {
  header: string[];
  /** Data rows (header excluded), imported and malformed. */
  records: number;
  imported: number;
  malformed: MalformedRow[];
  /** The export lost its hours (Excel's mm:ss.f): msOfDay then holds ms within the hour. */
  hourLost: boolean;
  msOfDay: Float64Array;
  nsInMs: Uint32Array;
  pid: Int32Array;
  /** -1 where the export has no TID column. */
  tid: Int32Array;
  process: { ids: Uint32Array; values: string[] };
  operation: { ids: Uint32Array; values: string[] };
  result: { ids: Uint32Array; values: string[] };
  path: { bytes: Uint8Array; offsets: Uint32Array };
  detail: { bytes: Uint8Array; offsets: Uint32Array };
}

const find = (header: string[], name: string): number => header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());

export class ProcmonTableBuilder {
  private readonly col: { time: number; pid: number; tid: number; process: number; operation: number; result: number; path: number; detail: number };
  private records = 0;
  private readonly malformed: MalformedRow[] = [];
  private hourLost = false;
  private readonly ms: number[] = [];
  private readonly ns: number[] = [];
  private readonly pid: number[] = [];
  private readonly tid: number[] = [];
  private readonly process = new InternedColumn();
  private readonly operation = new InternedColumn();
  private readonly result = new InternedColumn();
  private readonly path = new TextColumn();
  private readonly detail = new TextColumn();

  constructor(readonly header: string[]) {
    this.col = {
      time: find(header, 'Time of Day'), pid: find(header, 'PID'), tid: find(header, 'TID'), process: find(header, 'Process Name'),
      operation: find(header, 'Operation'), result: find(header, 'Result'), path: find(header, 'Path'), detail: find(header, 'Detail'),
    };
    if (this.col.time < 0) throw new Error('no Time of Day column');
  }

  /** One data row; `row` is its 1-based number after the header. */
  add(cells: readonly string[], row: number): void {
    this.records++;
    const bad = (why: string) => { this.malformed.push({ row, why }); };
    if (cells.length !== this.header.length) return bad(`${cells.length} fields where the header has ${this.header.length}`);
    const c = this.col;
    const t = parseTimeOfDay(cells[c.time]);
    let ms: number;
    let ns: number;
    if (t.ok) [ms, ns] = [t.msOfDay, t.nsInMs];
    else if (t.reason === 'hour-lost') {
      this.hourLost = true;
      [ms, ns] = [t.msOfHour, t.nsInMs];
    } else return bad(`Time of Day '${cells[c.time]}' is not a time (${t.reason})`);
    const int = (k: number) => {
      if (k < 0) return -1;
      const v = cells[k].trim();
      return /^\d+$/.test(v) ? Number(v) : NaN;
    };
    const pid = int(c.pid);
    if (pid !== pid) return bad(`PID '${cells[c.pid]}' is not a number`);
    const tid = int(c.tid);
    this.ms.push(ms);
    this.ns.push(ns);
    this.pid.push(pid);
    this.tid.push(tid !== tid ? -1 : tid);
    this.process.push(c.process >= 0 ? cells[c.process] : '');
    this.operation.push(c.operation >= 0 ? cells[c.operation] : '');
    this.result.push(c.result >= 0 ? cells[c.result] : '');
    this.path.push(c.path >= 0 ? cells[c.path] : '');
    this.detail.push(c.detail >= 0 ? cells[c.detail] : '');
  }

  finish(): ProcmonTable {
    return {
      header: this.header, records: this.records, imported: this.ms.length, malformed: this.malformed, hourLost: this.hourLost,
      msOfDay: Float64Array.from(this.ms), nsInMs: Uint32Array.from(this.ns), pid: Int32Array.from(this.pid), tid: Int32Array.from(this.tid),
      process: this.process.finish(), operation: this.operation.finish(), result: this.result.finish(), path: this.path.finish(), detail: this.detail.finish(),
    };
  }
}

/** A whole export's text (BOM or not) as a table. papaparse handles quotes, commas, CR, LF and doubled quotes in fields. */
export function parseProcmonCsv(text: string): ProcmonTable {
  let b: ProcmonTableBuilder | null = null;
  let row = 0;
  Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, {
    skipEmptyLines: 'greedy',
    step: (r) => {
      if (!b) {
        b = new ProcmonTableBuilder(r.data);
        return;
      }
      b.add(r.data, ++row);
    },
  });
  if (!b) throw new Error('no header');
  return (b as ProcmonTableBuilder).finish();
}

/** Row i of a text column, decoded (for display and tests). */
export function textAt(col: { bytes: Uint8Array; offsets: Uint32Array }, i: number): string {
  return new TextDecoder().decode(col.bytes.subarray(col.offsets[i], col.offsets[i + 1]));
}
