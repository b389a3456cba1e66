// The facts and columns that indexing one file produces. Pure data: no DOM, no workers.

import type { DialectId, TimeBaseKind } from '../formats/dialects.ts';
import type { SectionKind } from '../formats/sections.ts';
import type { SourceKind, Verified } from '../formats/captures.ts';
export type { SourceKind } from '../formats/captures.ts';
export type { DialectId, TimeBaseKind } from '../formats/dialects.ts';
export type { SectionKind } from '../formats/sections.ts';

/** `utf-8`, `utf-16le`, `utf-16be`, `windows-1252` or another WHATWG encoding label the user picked. */
export type EncodingId = string;

export interface TimeBase {
  base: TimeBaseKind;
  /** Local time minus UTC, in minutes (ISO sign: US Pacific daylight time is -420). null when unknown. */
  utcOffsetMinutes: number | null;
  /**
   * Where the base came from, shown on the file card. `embedded-utc`: a message that writes a
   * UTC time in its text (the death timer) against its own stamp (events/timebase-evidence.ts).
   */
  source: 'dialect' | 'header' | 'local-time-line' | 'embedded-utc' | 'capture-node' | 'user';
  /** The evidence in words, where one line decided it (shown on the card). */
  reason?: string;
  /** Clock skew correction added after the offset (later issues estimate it; a capture's fine offset). */
  skewMs: number;
  /**
   * For times written without a date (a capture's time of day): ms since 1970 of the midnight
   * they are taken to fall after, added like the offset. 0 (or absent) when the times carry their date.
   */
  dateMs?: number;
}


/** How a capture writes its times (the CLI's `timeFormat`). */
export type CaptureTimeFormat = 'time-of-day' | 'relative' | 'date-time' | 'utc' | 'epoch' | 'mangled';

/** A capture row an alignment can pair with a log line. */
export interface CaptureAnchor {
  kind: 'pid' | 'port';
  key: number;
  /** Its line in the capture. */
  line: number;
  /** Its time as written (ms; without a date where the capture writes none). */
  written: number;
  /** What the row is, for the card: `clussvc.exe Process Start (PID 3352)`. */
  what: string;
}

/** A log line a capture row can be paired with: a cluster process's start, a connection's ephemeral port. */
export interface LogAnchor {
  /** The log's node (nodeLabel). */
  node: string;
  kind: 'pid' | 'port';
  key: number;
  /** UTC ms (the log's time base applied). */
  t: number;
  fileId: number;
  line: number;
  what: string;
}

/** A name or address a log's lines give its node (a capture naming it is that node's). */
export interface LogHost {
  name: string;
  node: string;
  /** Where the log says so, for the card. */
  what: string;
}

/** The facts only a capture export has (null for a cluster.log). */
export interface CaptureFacts {
  /** Which export it is, as sniffed ('Process Monitor CSV'), and how sure formats.md is of that format. */
  format: string;
  status: Verified;
  delimiter: string;
  /** Column names as written. */
  columns: string[];
  /** Data rows, header excluded: imported + malformed. */
  records: number;
  imported: number;
  malformed: number;
  /** The first malformed rows (1-based row after the header) and why (at most 100). */
  malformedRows: { row: number; why: string }[];
  timeFormat: CaptureTimeFormat;
  /** The first and last imported rows' time cells, exactly as written (`0.905123`, `05-07-2024 14:53:21`). */
  firstCell: string | null;
  lastCell: string | null;
  /** First and last row time as the file states it, 24 h `HH:MM:SS.fffffff`; null for relative times. */
  firstTimeOfDay: string | null;
  lastTimeOfDay: string | null;
  /** Excel re-saved the times as `mm:ss.f`: written times hold minutes and seconds only. */
  hourLost: boolean;
  /** Whether the rows carry their date (a Date & Time column): else `timeBase.dateMs` gives it. */
  dated: boolean;
  /** Times of day that went back past midnight (the rows moved to the next day). */
  midnights: number;
  /**
   * Rows that name what a cluster.log line also names (formats.md C.4.3): a cluster process's
   * PID (its start), an ephemeral port of a connection to or from 3343 (its first row). The
   * alignment pairs them with the node's log lines. At most 200, first rows first.
   */
  anchors: CaptureAnchor[];
  /**
   * An event log's rows that EVENT_NAMES names (1135, 1228, 4199…): [line, index into
   * EVENT_NAMES], first rows first, at most NAMED_ROWS_MAX. The insight rules read them.
   */
  namedRows?: Array<[number, number]>;
  /** Shown as written (the raw side of the raw/aligned toggle): no offset, no fine offset applied. */
  raw: boolean;
  /**
   * The machine the capture was taken on, as its rows name it, likeliest first: a Procmon
   * capture's local side of its TCP rows (`SVR12:56450 -> …`), a packet capture's address in
   * most conversations. Matched with the logs' own addresses and names to find its node.
   */
  hosts: { name: string; rows: number }[];
  /** How the alignment was chosen: each reason a sentence for the card; confidence 0..1. */
  alignment: { confidence: number; reasons: string[] } | null;
}

/** Every physical line lands in exactly one bucket. */
export const Bucket = {
  /** Starts a timestamped record. */
  Parsed: 0,
  /** Text that belongs to the record above (event texts continued on unprefixed lines). */
  Continuation: 1,
  /** Section markers, header lines, object-table rows. */
  Structural: 2,
  Blank: 3,
  /** Kept and shown, but recognized as nothing. */
  Unparsed: 4,
} as const;
export type Bucket = (typeof Bucket)[keyof typeof Bucket];
export const BUCKET_NAMES = ['parsed', 'continuation', 'structural', 'blank', 'unparsed'] as const;
export type BucketName = (typeof BUCKET_NAMES)[number];
export type BucketCounts = Record<BucketName, number>;

export const Channel = { None: 0, System: 1, Operational: 2, Verbose: 3 } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
export const CHANNEL_NAMES = ['', 'System', 'Operational', 'Verbose'] as const;

/**
 * Bit layout of the per-line `flags` byte.
 * bits 0-2 bucket, bits 3-4 channel, bit 5 time went backwards, bit 6 member of the entry above.
 */
export const Flag = {
  BucketMask: 0b111,
  ChannelShift: 3,
  ChannelMask: 0b11 << 3,
  Backwards: 1 << 5,
  /** The line belongs to the multi-line entry that starts above it (continuation text or a grouped XML block line). */
  Member: 1 << 6,
  /** Line longer than the 1 MB limit: shown cut. */
  Oversized: 1 << 7,
} as const;

export function bucketOf(flags: number): Bucket {
  return (flags & Flag.BucketMask) as Bucket;
}
export function channelOf(flags: number): Channel {
  return ((flags & Flag.ChannelMask) >> Flag.ChannelShift) as Channel;
}

export interface SectionInfo {
  name: string;
  kind: SectionKind;
  /** Line index of the `[=== ... ===]` marker. */
  firstLine: number;
  lineCount: number;
}

export interface NodeEvidence {
  /**
   * `node-id`: no line names the file's node, but its own `Node N:` lines give its id and the
   * cluster's lines (this file's or another's) name that id (events/node-guess.ts).
   */
  source: 'header' | 'folder' | 'file-name' | 'in-file' | 'node-id' | 'user';
  name: string;
  /** Where it was seen: a path, or `line N`. */
  where: string;
}

export interface FileFacts {
  /** What the input is; every kind reaches the views through these same facts and columns. */
  kind: SourceKind;
  /** A capture's own facts (null for a cluster.log). */
  capture: CaptureFacts | null;
  /** How the PID.TID column writes its numbers: cluster.log in hex, captures in decimal. */
  idRadix: 10 | 16;
  name: string;
  /** Relative path as dropped (folder drops keep it), else the name. */
  path: string;
  size: number;
  /** Content fingerprint (base/content-hash.ts), once every byte has been read; null until then. */
  contentHash: string | null;
  dialect: DialectId;
  dialectSource: 'detected' | 'user';
  /** One sentence: why this dialect was chosen. */
  dialectEvidence: string;
  encoding: EncodingId;
  encodingSource: 'bom' | 'sniffed' | 'fallback' | 'user';
  bom: boolean;
  lineEndings: { crlf: number; lf: number; cr: number; none: number };
  node: string | null;
  nodeSource: NodeEvidence['source'] | null;
  /**
   * What the file's node is called in lanes, rows, events and filters: `node`, or while that is
   * unknown a provisional name of this file alone ('node 1 of Cluster.log (17.6 KB)'), so that
   * files are never merged into one node on a file name that is not a node name.
   */
  nodeLabel: string;
  /** Node id from `Current node: name (X) id (N)` when present. */
  nodeId: number | null;
  nodeEvidence: NodeEvidence[];
  /** Human-readable conflicts between node evidence (shown on the card). */
  nodeConflicts: string[];
  timeBase: TimeBase;
  /** NT4 logs carry only the day of month: the user must give `YYYY-MM`. */
  month: string | null;
  lines: number;
  buckets: BucketCounts;
  /** First and last record time as written (ms since epoch, no zone applied); null without records. */
  firstWritten: number | null;
  lastWritten: number | null;
  build: string | null;
  sections: SectionInfo[];
  /** Component names; index 0 is the empty "no component". */
  components: string[];
  /** Line count per component id (record lines only). */
  componentCounts: number[];
  /** Record count per level (index = Level). */
  levelCounts: number[];
  /** Records whose time is earlier than the record before them in the same run. */
  backwards: number;
  pasted: { viewerLineNumbers: number; typographic: number };
  unknownLevels: string[];
  warnings: string[];
  errors: string[];
  status: 'loading' | 'done' | 'error' | 'needs-month';
}

/** Columnar index of one file's physical lines. Text is not stored: read it back by offset. */
export interface LineColumns {
  length: number;
  /** Byte offset of each line start. The line runs to the next offset (or `endOffset`), line ending included. */
  offset: Float64Array;
  /** Record time as written (ms since epoch, no zone). Non-record lines carry the time of the record above; NaN before the first record. */
  ts: Float64Array;
  level: Uint8Array;
  /** Index into FileFacts.components. */
  comp: Uint16Array;
  /** Index into the thread table. */
  thread: Uint32Array;
  flags: Uint8Array;
}

export interface ThreadTable {
  /** -1 when absent (NT4 lines have no PID). */
  pid: number[];
  tid: number[];
}

/**
 * Sees each record line while it is indexed, its bytes still at hand: event extraction's
 * pre-filter (src/events) plugs in here, so that ruling a line out costs no second pass.
 */
export interface RecordProbe {
  /**
   * `u[s..e)` is the line; `tagStart` the index of the `[` of its component tag (-1 without
   * one), `tagEnd` the index after its `]` (-1 when the tag does not close there).
   */
  record(u: Uint8Array | Uint16Array, s: number, e: number, tagStart: number, tagEnd: number, comp: number, line: number): void;
}

export interface IndexOptions {
  name?: string;
  path?: string;
  dialect?: DialectId;
  encoding?: EncodingId;
  node?: string;
  timeBase?: { base: 'utc' | 'local'; utcOffsetMinutes: number | null };
  /** `YYYY-MM` for NT4 logs. */
  month?: string;
  /** A log's clock correction (ms added to its times), as the user applied it from the causal pairs' skew estimate. */
  clockMs?: number;
  /** A capture's alignment as the user gave it (each part overrides the proposed one). */
  alignment?: CaptureAlignment;
}

/** Where a capture's times sit on the UTC axis: written time + date + offset + fine offset. */
export interface CaptureAlignment {
  /** `YYYY-MM-DD` of the first row, for times written without a date. */
  date?: string | null;
  utcOffsetMinutes?: number | null;
  fineMs?: number;
  /** Show its times as written (no offset, no fine offset; the date kept): the raw side of the raw/aligned toggle. */
  raw?: boolean;
}

/** What the CLI `summary` verb prints for one file. */
export interface FileSummary {
  file: string;
  dialect: DialectId;
  encoding: EncodingId;
  node: string | null;
  timeBase: TimeBaseKind;
  utcOffsetMinutes: number | null;
  lines: number;
  parsed: number;
  continuation: number;
  structural: number;
  blank: number;
  unparsed: number;
  firstTime: string | null;
  lastTime: string | null;
  warnings: string[];
  errors: string[];
}

/** The facts of a file before anything is known about it. */
export function emptyFacts(name: string, path: string, size: number): FileFacts {
  return {
    kind: 'cluster-log', capture: null, idRadix: 16,
    name, path, size,
    dialect: 'unknown', dialectSource: 'detected', dialectEvidence: '',
    encoding: 'utf-8', encodingSource: 'sniffed', bom: false,
    lineEndings: { crlf: 0, lf: 0, cr: 0, none: 0 },
    node: null, nodeSource: null, nodeLabel: name, nodeId: null, nodeEvidence: [], nodeConflicts: [],
    timeBase: { base: 'assumed-utc', utcOffsetMinutes: null, source: 'dialect', skewMs: 0 },
    month: null, lines: 0, contentHash: null,
    buckets: { parsed: 0, continuation: 0, structural: 0, blank: 0, unparsed: 0 },
    firstWritten: null, lastWritten: null, build: null,
    sections: [], components: [''], componentCounts: [0], levelCounts: [0, 0, 0, 0, 0, 0, 0], backwards: 0,
    pasted: { viewerLineNumbers: 0, typographic: 0 }, unknownLevels: [], warnings: [], errors: [], status: 'loading',
  };
}
