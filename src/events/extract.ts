// Stage 1 of the semantics: recognize catalogue messages in one file's lines, incrementally,
// as the indexer streams. Lines are tried only against the entries of their component (an
// interned id, so no text is needed to rule a line out); each candidate's anchor literal is
// looked for in the line's raw bytes; only a line holding an anchor is decoded, and only
// then does the entry's pattern run. Most lines are never decoded.

import { Growable } from '../base/growable.ts';
import { CATALOGUE, groupNames, type Recognizer } from '../formats/messages/index.ts';
import { TABLE_NAME_RULES } from '../formats/messages/tables.ts';
import { Bucket, Flag, type SectionInfo } from '../ingest/types.ts';
import { NO_VALUE, type EventChunk, type TableName } from './columns.ts';

/** What the extractor reads: views of the indexer's columns up to `count`, and line text. */
export interface LineSource {
  count: number;
  comp: Uint16Array;
  flags: Uint8Array;
  thread: Uint32Array;
  /** pid per thread id (-1 when absent). */
  pids: readonly number[];
  /** The file's component names (index = comp id); grows while indexing. */
  components: readonly string[];
  sections: readonly SectionInfo[];
  /** Line i decoded, without its line ending. */
  text(i: number): string;
  /** Raw bytes of line i (a view when possible). */
  bytes(i: number): Uint8Array;
  /** The file's encoding (anchors are matched in its byte form). */
  encoding: string;
}

/** Rough frequency of ASCII characters in cluster.log text (lower = rarer): prefixes are digits and `.:/-`. */
const LOWER_FREQ = 'zqjxkvbpygfwmculdhrsnioate';
function commonness(c: number): number {
  if (c >= 97 && c <= 122) return 1 + LOWER_FREQ.indexOf(String.fromCharCode(c));
  if (c >= 65 && c <= 90) return 4;
  if (c >= 48 && c <= 57) return 30;
  if (c === 32) return 40;
  if (c === 46 || c === 58 || c === 47 || c === 45 || c === 91 || c === 93) return 30;
  return 3;
}

/** An ASCII anchor in the byte form of an encoding, with the position of its rarest byte to search for. */
export interface Anchor {
  bytes: Uint8Array;
  /** Offset in `bytes` of the byte searched with the native indexOf. */
  key: number;
}

export function anchorOf(anchor: string, encoding: string): Anchor {
  const wide = encoding === 'utf-16le' || encoding === 'utf-16be';
  const bytes = new Uint8Array(anchor.length * (wide ? 2 : 1));
  let rare = 0;
  for (let i = 0; i < anchor.length; i++) {
    const c = anchor.charCodeAt(i);
    if (commonness(c) < commonness(anchor.charCodeAt(rare))) rare = i;
    // ASCII-compatible code pages (UTF-8, windows-125x, ...) keep ASCII bytes as they are.
    if (!wide) bytes[i] = c;
    else if (encoding === 'utf-16le') bytes[2 * i] = c;
    else bytes[2 * i + 1] = c;
  }
  return { bytes, key: wide ? 2 * rare + (encoding === 'utf-16be' ? 1 : 0) : rare };
}

/**
 * Whether `needle` occurs in `hay`: native indexOf of its rarest element (at `key`), then a
 * check around each hit. Works on bytes, or on UTF-16 code units (half the steps).
 */
export function hasAnchor(hay: Uint8Array | Uint16Array, needle: Uint8Array | Uint16Array, key: number): boolean {
  const kb = needle[key];
  const n = needle.length;
  const last = hay.length - n + key;
  for (let i = hay.indexOf(kb, key); i >= 0 && i <= last; i = hay.indexOf(kb, i + 1)) {
    const s = i - key;
    let k = 0;
    while (k < n && hay[s + k] === needle[k]) k++;
    if (k === n) return true;
  }
  return false;
}

export interface Anchor16 {
  units: Uint16Array;
  key: number;
}

function anchor16(anchor: string, bigEndian: boolean): Anchor16 {
  const a = anchorOf(anchor, 'utf-8');
  // Code units as read through a little-endian Uint16Array view of the file's bytes.
  const units = Uint16Array.from(a.bytes, (c) => (bigEndian ? c << 8 : c));
  return { units, key: a.key };
}

/** An entry's text is its line plus at most this many continuation lines. */
const MAX_ENTRY_LINES = 200;

// Hoisted: the per-line loop reads these millions of times.
const MEMBER = Flag.Member;
const BUCKET_MASK = Flag.BucketMask;
const PARSED = Bucket.Parsed;
const UNPARSED = Bucket.Unparsed;
const CONTINUATION = Bucket.Continuation;
const STRUCTURAL = Bucket.Structural;

const GROUPS: readonly string[][] = CATALOGUE.map((r) => groupNames(r.re));

const BY_COMP = new Map<string | null, number[]>();
CATALOGUE.forEach((r, i) => {
  const list = BY_COMP.get(r.comp) ?? [];
  list.push(i);
  BY_COMP.set(r.comp, list);
});
const NO_COMP = BY_COMP.get(null) ?? [];
/** Entries also tried on the member lines of multi-line entries. */
const IN_MEMBERS = CATALOGUE.flatMap((r, i) => (r.members ? [i] : []));
const EMPTY: number[] = [];

export class EventExtractor {
  /** First line not examined yet. */
  private next = 0;
  /** Candidate recognizers per component id of this file. */
  private readonly candidates: number[][] = [];
  /** Anchors in the file's byte form, per recognizer. */
  private anchors: Anchor[] | null = null;
  private anchors16: Anchor16[] | null = null;
  private anchorEncoding = '';

  private readonly line = new Growable(Uint32Array, 256);
  private readonly rec = new Growable(Uint16Array, 256);
  private readonly pid = new Growable(Int32Array, 256);
  private readonly valStart = new Growable(Uint32Array, 256);
  private readonly vals = new Growable(Uint32Array, 1024);
  private readonly stringIds = new Map<string, number>();
  private newStrings: string[] = [];
  private tables: TableName[] = [];
  private taken = 0;
  private valBase = 0;
  /** Column positions of the current object table's header row. */
  private table: { section: number; cols: string[] | null } | null = null;

  /**
   * Examines the lines indexed since the last call. Unless `final`, the last entry is held
   * back: its continuation lines may still be on their way.
   */
  run(src: LineSource, final: boolean): void {
    let limit = src.count;
    if (!final) {
      while (limit > this.next && src.flags[limit - 1] & MEMBER) limit--;
      if (limit > this.next) limit--; // the start of the last entry
    }
    const flags = src.flags;
    const comp = src.comp;
    for (let i = this.next; i < limit; i++) {
      const fl = flags[i];
      const bucket = fl & BUCKET_MASK;
      if (fl & MEMBER) {
        if (bucket === PARSED || bucket === CONTINUATION) this.recognize(src, i, IN_MEMBERS);
        continue;
      }
      if (bucket === PARSED) {
        const c = comp[i];
        const cand = this.candidates[c] ?? this.candidatesOf(src, c);
        if (cand.length > 0) this.recognize(src, i, cand);
      } else if (bucket === UNPARSED) this.recognize(src, i, NO_COMP);
      else if (bucket === STRUCTURAL) this.structural(src, i);
    }
    this.next = Math.max(this.next, limit);
  }

  private candidatesOf(src: LineSource, comp: number): number[] {
    let c = this.candidates[comp];
    if (c === undefined) {
      c = comp === 0 ? NO_COMP : BY_COMP.get(src.components[comp] ?? '') ?? EMPTY;
      this.candidates[comp] = c;
    }
    return c;
  }

  private recognize(src: LineSource, i: number, cand: readonly number[]): void {
    if (cand.length === 0) return;
    if (!this.anchors || this.anchorEncoding !== src.encoding) {
      this.anchors = CATALOGUE.map((r) => anchorOf(r.anchor, src.encoding));
      const wide = src.encoding === 'utf-16le' || src.encoding === 'utf-16be';
      this.anchors16 = wide ? CATALOGUE.map((r) => anchor16(r.anchor, src.encoding === 'utf-16be')) : null;
      this.anchorEncoding = src.encoding;
    }
    const raw = src.bytes(i);
    // UTF-16 lines start at even offsets: scan them as code units when the view is aligned.
    const units = this.anchors16 && raw.byteOffset % 2 === 0 ? new Uint16Array(raw.buffer, raw.byteOffset, raw.length >> 1) : null;
    let text: string | null = null;
    let entry: string | null = null;
    for (const k of cand) {
      const r: Recognizer = CATALOGUE[k];
      const a = units ? this.anchors16![k] : null;
      if (a ? !hasAnchor(units!, a.units, a.key) : !hasAnchor(raw, this.anchors[k].bytes, this.anchors[k].key)) continue;
      text ??= src.text(i);
      let subject = text;
      if (r.multiline) subject = entry ??= this.entryText(src, i, text);
      const m = r.re.exec(subject);
      if (!m) continue;
      this.emit(i, k, src.pids[src.thread[i]] ?? -1, m.groups ?? {});
      return;
    }
  }

  private entryText(src: LineSource, i: number, first: string): string {
    const parts = [first];
    for (let j = i + 1; j < src.count && j <= i + MAX_ENTRY_LINES && src.flags[j] & Flag.Member; j++) parts.push(src.text(j));
    return parts.join('\n');
  }

  private emit(line: number, k: number, pid: number, groups: Record<string, string | undefined>): void {
    this.line.push(line);
    this.rec.push(k);
    this.pid.push(pid);
    this.valStart.push(this.valBase + this.vals.length);
    for (const g of GROUPS[k]) {
      const v = groups[g];
      this.vals.push(v === undefined ? NO_VALUE : this.intern(v));
    }
  }

  private intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.stringIds.size;
      this.stringIds.set(s, id);
      this.newStrings.push(s);
    }
    return id;
  }

  /** Rows of the 2016+ object tables that name nodes, resources and groups. */
  private structural(src: LineSource, i: number): void {
    let s = src.sections.length - 1;
    while (s >= 0 && src.sections[s].firstLine > i) s--;
    if (s < 0 || src.sections[s].firstLine === i) return;
    const sec = src.sections[s];
    const rule = TABLE_NAME_RULES.find((r) => r.section === sec.name);
    if (!rule) return;
    if (!this.table || this.table.section !== s) this.table = { section: s, cols: null };
    const cells = splitCsv(src.text(i));
    if (!this.table.cols) {
      this.table.cols = cells.map((c) => c.trim().toLowerCase());
      return;
    }
    const row = rule.read(this.table.cols, cells);
    if (row) this.tables.push({ ...row, kind: rule.kind, line: i });
  }

  /** Events found since the last call, as a transferable chunk (null when none). */
  take(): EventChunk | null {
    const n = this.line.length;
    if (n === 0 && this.tables.length === 0) return null;
    const chunk: EventChunk = {
      from: this.taken,
      line: this.line.slice(0, n) as Uint32Array,
      rec: this.rec.slice(0, n) as Uint16Array,
      pid: this.pid.slice(0, n) as Int32Array,
      valStart: this.valStart.slice(0, n) as Uint32Array,
      vals: this.vals.slice(0, this.vals.length) as Uint32Array,
      strings: this.newStrings,
      tables: this.tables,
    };
    this.taken += n;
    this.valBase += this.vals.length;
    this.line.length = this.rec.length = this.pid.length = this.valStart.length = this.vals.length = 0;
    this.newStrings = [];
    this.tables = [];
    return chunk;
  }
}

/** Splits a comma-separated row; double quotes protect commas and are doubled inside. */
export function splitCsv(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (quoted) {
      if (c === '"' && row[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
