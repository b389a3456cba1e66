// The one interface views use to reach the indexed store. The browser implementation
// runs the store in Web Workers; tests and the CLI can use an in-process one.
// Views import types from here and never touch workers, bytes or columns.

import type { Finding } from '../insights/types.ts';
export type { Finding, Evidence } from '../insights/types.ts';
import type { Clocks } from '../insights/skew.ts';
export type { Clocks, NodeClock, CausalPair } from '../insights/skew.ts';
// How the panel says and applies an interval: the same words as the CLI's report.
export { correctionOf, sayInterval } from '../insights/skew.ts';
// The report the CLI prints, for the panel's "Copy report".
export { reportMarkdown } from '../insights/narrative.ts';
import type { CaptureAlignment } from '../ingest/types.ts';
import type { LineLink } from '../sources/links.ts';
export type { LineLink } from '../sources/links.ts';
import type { ClusterEvent } from '../events/types.ts';
import type { TimelineMarks } from '../timeline/marks.ts';
import type { DialectId, EncodingId, FileFacts } from '../ingest/types.ts';

export type FileId = number;

export interface FileProgress {
  bytesRead: number;
  size: number;
  lines: number;
  /** Bytes per second over the load so far. */
  rate: number;
  startedAt: number;
  finishedAt: number | null;
  /** How the load parsed it: 1 shard, 2 (both cores, the halves joined), 'rest' (split, but the first shard indexed the rest itself: the second half's assumptions did not hold); null while loading. */
  halves: 1 | 2 | 'rest' | null;
}

export interface FileState {
  id: FileId;
  facts: FileFacts;
  progress: FileProgress;
  /** Lane color of the file's node (CSS color). */
  color: string;
  /** Files of the same node share a lane; `duplicates` counts lines hidden because another file of the node has them. */
  duplicates: number;
  /**
   * First and last record time in UTC under the file's time base; `known` is false when the
   * file is in local time with an unknown offset (then the times are as written).
   */
  span: { firstUtc: number; lastUtc: number; known: boolean } | null;
}

export interface NodeLane {
  name: string;
  color: string;
  fileIds: FileId[];
}

export interface ComponentCount {
  name: string;
  count: number;
}

/** Everything the raw-log view filters on. All filters are applied in the workers. */
export interface ViewSpec {
  /** Files to show; empty = all. */
  fileIds: FileId[];
  /** Minimum severity (Level value); 0 = everything. */
  minLevel: number;
  /** Components to show; empty = all. */
  components: string[];
  /** UTC ms range, inclusive; null = open. */
  from: number | null;
  to: number | null;
  /** Show only lines that match the current search (with `context` lines around each hit). */
  onlyHits: boolean;
  context: number;
  /** Show multi-line entries expanded. */
  expandAll: boolean;
}

export interface SearchSpec {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export interface SearchState {
  spec: SearchSpec | null;
  running: boolean;
  /** Matching lines found so far (all files, before view filters). */
  hits: number;
  /** Hits visible in the current view. */
  visibleHits: number;
  error: string | null;
  elapsedMs: number;
}

/** One row of the merged raw-log view, decoded for display. */
export interface Row {
  /** Position in the current view. */
  pos: number;
  fileId: FileId;
  /** Physical line number in its file, 0-based. */
  line: number;
  node: string;
  /** UTC ms under the file's time base; NaN before the first record of a file. */
  utcMs: number;
  /** Local wall-clock ms of the node (utcMs + offset), or NaN when the offset is unknown. */
  localMs: number;
  /** The time as the file writes it, no zone applied (NaN where utcMs is). */
  writtenMs: number;
  /** Nanoseconds within the ms of the time, where the file writes finer than ms (Procmon's 100 ns); -1 otherwise. */
  nsInMs: number;
  level: number;
  /** Severity after the channel-text rules (a `[System]` DBG line about a removed node is CRIT). */
  severity: number;
  component: string;
  pid: number;
  tid: number;
  /** How the file writes its PID.TID numbers: a cluster.log in hex, a capture in decimal. */
  idRadix: 10 | 16;
  channel: string;
  /** parsed | continuation | structural | blank | unparsed */
  bucket: string;
  /** The original line, decoded, line ending removed. Render as text, never as HTML. */
  text: string;
  /** Where the message starts in `text` (after channel, PID.TID, time and level, which have their columns); 0 for lines that are no record. */
  msgStart: number;
  /** Number of lines the entry holds beyond this one (0 for single lines); only set on entry heads. */
  memberCount: number;
  /** Member of the entry above (shown indented when expanded). */
  member: boolean;
  expanded: boolean;
  hit: boolean;
  backwards: boolean;
  oversized: boolean;
}

/** What the events panel shows. Events also follow the raw view's file and time filters. */
export interface EventFilter {
  /** Families to show; empty = all. */
  families: string[];
  /** Kinds to show; empty = all. */
  kinds: string[];
  /** Observer nodes to show; empty = all. */
  nodes: string[];
  /** Case-insensitive text matched against resource, group, subject and peer names. */
  name: string;
  /** Hide events whose recognizer rests on inferred or unknown text. */
  verifiedOnly: boolean;
  /** Show only events whose line is at least this severe (Level; 0 = all). */
  minSeverity: number;
}

export const DEFAULT_EVENT_FILTER: EventFilter = { families: [], kinds: [], nodes: [], name: '', verifiedOnly: false, minSeverity: 0 };

/** One row of the events panel. */
/** What the insight rules found (src/insights), in time order, and the root cause they support. */
export interface Insights {
  findings: Finding[];
  rootCause: { sentence: string; confidence: Finding['confidence'] } | null;
  /** Each node's clock against a reference, from causal pairs (raw, and as now corrected). */
  clocks: Clocks;
}

/** An input as it was dropped: its bytes (a Blob handle) and the path it was opened with. */
export interface SourceFile {
  id: FileId;
  path: string;
  file: Blob;
}

export interface EventRow extends ClusterEvent {
  /** Position in the filtered event list. */
  pos: number;
  /** One line saying what happened, built from the fields (text, never HTML). */
  summary: string;
  /** The observer's local wall-clock ms, NaN when its offset is unknown. */
  localMs: number;
  /** The time as the observer's file writes it (NaN when the line has none). */
  writtenMs: number;
}

export interface FacetCount {
  name: string;
  count: number;
  /** For kinds: their family. */
  family?: string;
}

export interface EventsSummary {
  /** Events of the current files within the raw view's file and time filters. */
  total: number;
  /** Events passing the event filter too. */
  shown: number;
  unverified: number;
  /** Increases whenever the list changes (so windows must be re-read). */
  version: number;
  filter: EventFilter;
  families: FacetCount[];
  kinds: FacetCount[];
  nodes: FacetCount[];
  /** Node id -> name pairs the dictionary resolved, with conflicts. */
  nodeNames: Array<{ id: number; name: string; conflicts: string[] }>;
  resources: number;
  groups: number;
  /** Increases whenever the timeline's marks change (getTimeline returns the new ones). */
  timelineVersion: number;
}

/** An input not loaded because the same file (same size and bytes) is loaded as `sameAs`. */
export interface SkippedInput {
  path: string;
  size: number;
  /** Already open as this input (same size and bytes)... */
  sameAs?: string;
  /** ...or not read, and why (a zip's entry that is no log or capture, a zip that cannot be read). */
  why?: string;
}

export interface EngineSnapshot {
  /** Increases on every change. */
  version: number;
  files: FileState[];
  nodes: NodeLane[];
  /** Physical lines of all loaded files. */
  totalLines: number;
  /** Rows in the current view. */
  viewRows: number;
  /** Increases whenever the row order or content changes (so windows must be re-read). */
  viewVersion: number;
  components: ComponentCount[];
  /** UTC ms span of all records. */
  timeMin: number | null;
  timeMax: number | null;
  search: SearchState;
  loading: boolean;
  /** The demo incident is shown; dropping files replaces it. */
  demo: boolean;
  /** Inputs of the last add that were not loaded: already loaded (same size and bytes), twice in it, or a zip's entries it does not read. `seq` grows with each add that skipped some. */
  skipped: { seq: number; items: SkippedInput[] };
  events: EventsSummary;
  /**
   * Increases whenever getDensity's answer may change: columns arrived or were reset, a file was
   * removed, a time base or node changed, duplicates were found, or the view's file filter
   * changed. Throttled with the merge while files load (the timeline asks again when it moves).
   */
  densityVersion: number;
}

/** A Density track request: UTC ms [t0, t1) in `buckets` equal buckets (1..4096). */
export interface DensityRequest {
  t0: number;
  t1: number;
  buckets: number;
}

/**
 * Lines per time bucket per node lane, stacked by severity class. Bucket i covers
 * [t0 + i·w, t0 + (i+1)·w) with w = (t1 - t0) / buckets. Severity is the line's derived severity
 * (the level byte's high nibble: event-channel text rules), else its written level: the rule of
 * Row.severity. Lines hidden as duplicates and lines without a time are not counted; only the
 * files of the view's file filter count (not its time, level or component filters).
 *
 * Zoomed in, counts are exact; zoomed out they come from pre-aggregated power-of-two buckets of
 * width W <= w, each given whole to the request bucket holding its start: a line may be counted
 * one bucket early (at most W of time skew), and lines within W outside [t0, t1) may be counted
 * in the first or last bucket (src/timeline/density.ts).
 */
export interface Density {
  t0: number;
  t1: number;
  /** The bucket count used (the request's, capped at 4096). */
  buckets: number;
  /** Node lanes, the same names and order as EngineSnapshot.nodes (a lane without counted lines is all zeros). */
  nodes: string[];
  /** Severity classes in drawing order (bottom first): 'info' (INFO, DBG, no level, unknown word), 'warning', 'error', 'critical'. */
  classes: readonly string[];
  /** counts[(node * classes.length + class) * buckets + bucket] (node-major). */
  counts: Uint32Array;
  /** The largest per-node stacked (all classes) bucket total. */
  max: number;
}

export interface FileOptions {
  dialect?: DialectId;
  encoding?: EncodingId;
  node?: string;
  timeBase?: { base: 'utc' | 'local' | 'assumed-utc'; utcOffsetMinutes: number | null };
  /** `YYYY-MM` for NT4 logs. */
  month?: string;
  /** A log's clock correction in ms (0 clears it): moves its lines on the axis without re-indexing. */
  clockMs?: number;
  /** A capture's alignment; a part left out keeps its proposal, null clears the user's whole choice. */
  alignment?: CaptureAlignment | null;
}

export interface InputFile {
  file: File;
  /** Relative path inside a dropped folder (`NODE1/Cluster.log`), else the name. */
  path: string;
}

export interface EngineClient {
  /** Load files; `replace` drops everything loaded before (used when the demo is shown). */
  addFiles(files: InputFile[], opts: { replace: boolean; demo?: boolean }): void;
  removeFile(id: FileId): void;
  /** Change how a file is read. Dialect, encoding and month re-index it; node and time base do not. */
  setFileOptions(id: FileId, opts: FileOptions): void;
  setView(spec: ViewSpec): void;
  search(spec: SearchSpec | null): void;
  /** Rows [start, start+count) of the current view. */
  getRows(start: number, count: number): Promise<Row[]>;
  /** Next (dir=1) or previous (dir=-1) hit position strictly after/before `from`; -1 if none. */
  nextHit(from: number, dir: 1 | -1): Promise<number>;
  /** Expand or collapse the entry whose head is at view position `pos`. */
  toggleEntry(pos: number): void;
  /** View position of a file line (or the nearest row before it); -1 if filtered out entirely. */
  positionOf(fileId: FileId, line: number): Promise<number>;
  /** View position of the first row at or after a UTC time. */
  positionAtTime(utcMs: number): Promise<number>;
  setEventFilter(filter: EventFilter): void;
  /** Rows [start, start+count) of the filtered event list. */
  getEventRows(start: number, count: number): Promise<EventRow[]>;
  /** The timeline's marks (columns), null before any event. */
  getTimeline(): Promise<TimelineMarks | null>;
  /** The event recognized at a file line (the first one when several), null when none: what a timeline mark's tooltip decodes. */
  getEventAt(fileId: FileId, line: number): Promise<EventRow | null>;
  /** The insight rules' findings over the current events (issue 13). */
  getInsights(): Promise<Insights>;
  /** The inputs as they were dropped (handles, not copies), in the files' order: what a case file carries. */
  getSources(): Promise<SourceFile[]>;
  /** Lines of other inputs that name the same process or connection as this one (a capture row ↔ a log line). */
  getLinks(fileId: FileId, line: number, pid: number, text: string): Promise<LineLink[]>;
  /** Lines per time bucket per node lane, by severity class; null for an empty or invalid domain, or before any lane exists. */
  getDensity(req: DensityRequest): Promise<Density | null>;
  subscribe(listener: (s: EngineSnapshot) => void): () => void;
  snapshot(): EngineSnapshot;
  dispose(): void;
}

export const EMPTY_EVENTS: EventsSummary = {
  total: 0, shown: 0, unverified: 0, version: 0, filter: DEFAULT_EVENT_FILTER, families: [], kinds: [], nodes: [], nodeNames: [], resources: 0, groups: 0, timelineVersion: 0,
};

export const DEFAULT_VIEW: ViewSpec = {
  fileIds: [],
  minLevel: 0,
  components: [],
  from: null,
  to: null,
  onlyHits: false,
  context: 0,
  expandAll: false,
};
