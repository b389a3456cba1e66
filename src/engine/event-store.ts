// The events side of the view worker: each file's event columns as they stream in from the
// shards, the cluster-wide list (names resolved, codes decoded, in time order), the events
// panel's filter and facet counts. Rebuilt from the columns when files change: events are
// few next to lines, and the rebuild is throttled with the merge.

import { EVENT_FAMILIES } from '../formats/messages/types.ts';
import { FileEvents, type EventChunk } from '../events/columns.ts';
import { describe } from '../events/describe.ts';
import { toLocalShift, toUtcShift } from '../ingest/timebase.ts';
import { correlate, coverageFile } from '../events/correlate/index.ts';
import type { ClusterModel } from '../events/correlate/types.ts';
import { layoutTimeline } from '../timeline/layout.ts';
import type { CaptureTrackInput } from '../timeline/capture-track.ts';
import type { FileFacts, LogAnchor, LogHost } from '../ingest/types.ts';
import { logAnchors, logHosts } from '../events/capture-anchors.ts';
import { copyMarks, type TimelineMarks } from '../timeline/marks.ts';
import { materializeFile, type EventFile } from '../events/materialize.ts';
import { buildNames, type NameDictionary } from '../events/names.ts';
import { settleFiles, type FileSettlement } from '../events/settle.ts';
import type { ClusterEvent } from '../events/types.ts';
import { DEFAULT_EVENT_FILTER, type EventFilter, type EventRow, type EventsSummary, type FacetCount, type FileId, type Insights, type ViewSpec } from './api.ts';
import { findAll } from '../insights/rules.ts';
import { rootCause } from '../insights/narrative.ts';
import { clocksOfLogs } from '../insights/skew.ts';
import { eventLogRows } from '../insights/event-rows.ts';

/** A capture as the timeline's capture track needs it: its columns and its rows' groups and classes. */
export interface CaptureInput {
  id: FileId;
  facts: FileFacts;
  ts: Float64Array;
  flags: Uint8Array;
  level: Uint8Array;
  comp: Uint16Array;
  rows: { group: Uint32Array; cls: Uint8Array; groups: readonly string[] };
}

export class EventStore {
  private capturesIn: readonly CaptureInput[] = [];
  private anchors: LogAnchor[] | null = null;
  private readonly files = new Map<FileId, FileEvents>();
  private all: ClusterEvent[] = [];
  private names: NameDictionary | null = null;
  /** Indexes into `all` passing the raw view's file/time filters, then the event filter. */
  private base: number[] = [];
  private shown: number[] = [];
  private filter: EventFilter = { ...DEFAULT_EVENT_FILTER };
  private version = 0;
  private dirty = false;
  private summaryCache: EventsSummary | null = null;
  /** Built on demand from the files of the last rebuild (null = not built yet). */
  private marks: TimelineMarks | null = null;
  private model: ClusterModel | null = null;
  private marksFrom: EventFile[] = [];
  private timelineVersion = 0;
  /** `fileId:line` -> index into `all` of the first event there (built on the first look-up). */
  private atLine: Map<string, number> | null = null;
  /** ms from UTC to each file's local wall clock (NaN when unknown). */
  private localShift = new Map<FileId, number>();
  /** ms from each file's written times to UTC. */
  private utcShift = new Map<FileId, number>();

  add(id: FileId, chunk: EventChunk): void {
    let ev = this.files.get(id);
    if (!ev || chunk.from === 0) {
      ev = new FileEvents();
      this.files.set(id, ev);
    }
    if (chunk.from !== ev.length) return; // a chunk of an older generation
    ev.add(chunk);
    this.dirty = true;
  }

  reset(id: FileId): void {
    if (this.files.delete(id)) this.dirty = true;
  }

  /** Node names or time bases changed: every event must be materialized again. */
  invalidate(): void {
    this.dirty = true;
  }

  get needsRebuild(): boolean {
    return this.dirty;
  }

  eventsOf(id: FileId): FileEvents | null {
    return this.files.get(id) ?? null;
  }

  /**
   * Re-materializes every event (names may have changed with any new file). `settle` gets what
   * each file's lines say of its node (where the file names none) and of its time base, once the
   * names are known and before any event takes its file's node and time: it may set the inputs'
   * facts (events/settle.ts).
   */
  rebuild(inputs: Array<Omit<EventFile, 'events'>>, view: ViewSpec, settle?: (found: Map<FileId, FileSettlement>) => void, captures: readonly CaptureInput[] = []): void {
    this.dirty = false;
    this.capturesIn = captures;
    const files: EventFile[] = [];
    for (const f of inputs) {
      const events = this.files.get(f.id);
      if (events) files.push({ ...f, events });
    }
    for (const id of [...this.files.keys()]) if (!inputs.some((f) => f.id === id)) this.files.delete(id);
    this.names = buildNames(files);
    if (settle) {
      const found = settleFiles(files, this.names);
      settle(new Map(files.map((f, i) => [f.id, found[i]])));
    }
    this.localShift = new Map(files.map((f) => [f.id, toLocalShift(f.facts.timeBase)]));
    this.utcShift = new Map(files.map((f) => [f.id, toUtcShift(f.facts.timeBase)]));
    const all: ClusterEvent[] = [];
    for (const f of files) for (const e of materializeFile(f, this.names)) all.push(e);
    // Time order; lines without a time sort first; ties keep file and line order.
    all.sort((a, b) => (a.t === b.t || (a.t !== a.t && b.t !== b.t) ? a.ref.fileId - b.ref.fileId || a.ref.line - b.ref.line : a.t !== a.t ? -1 : b.t !== b.t ? 1 : a.t - b.t));
    this.all = all;
    this.atLine = null;
    this.anchors = null;
    // Stage 2 and the timeline's marks are built when the timeline asks (it may be closed).
    this.marks = null;
    this.model = null;
    this.marksFrom = files;
    this.timelineVersion++;
    this.applyView(view);
  }

  /** The log lines captures can be paired with (events/capture-anchors.ts), from the last rebuild. */
  logAnchors(): LogAnchor[] {
    this.anchors ??= logAnchors(this.all);
    return this.anchors;
  }

  /** The names and addresses the logs give their nodes (a capture's rows name them), from the last rebuild. */
  logHosts(nodes: readonly string[]): LogHost[] {
    return logHosts(this.all, nodes);
  }

  /** The timeline's marks as fresh columns (they are transferred to the main thread). */
  /** The correlated model of the current events (built once per set, for the timeline and the insights). */
  private clusterModel(): ClusterModel | null {
    if (!this.model && this.names) {
      const names = this.names;
      this.model = correlate(this.all, this.marksFrom.map(coverageFile), { names, resourceGroup: (r) => names.resourceGroup(r) });
    }
    return this.model;
  }

  timelineCopy(): TimelineMarks | null {
    if (!this.marks && this.names) {
      const names = this.names;
      const model = this.clusterModel()!;
      // Captures are placed after the settlement above moved their nodes' logs (their shift is read now).
      const captures: CaptureTrackInput[] = this.capturesIn.map((c) => ({ ...c.rows, fileId: c.id, node: c.facts.nodeLabel, kind: c.facts.kind, name: c.facts.name, components: c.facts.components, ts: c.ts, flags: c.flags, level: c.level, comp: c.comp, shift: toUtcShift(c.facts.timeBase) }));
      this.marks = layoutTimeline(model, this.all, (r) => names.resourceGroup(r), names, captures);
    }
    const m = this.marks;
    if (!m) return null;
    return copyMarks(m);
  }

  /** The raw view's file and time filters changed (or the list did). */
  applyView(view: ViewSpec): void {
    const fileOk = view.fileIds.length === 0 ? null : new Set(view.fileIds);
    const base: number[] = [];
    for (let i = 0; i < this.all.length; i++) {
      const e = this.all[i];
      if (fileOk && !fileOk.has(e.ref.fileId)) continue;
      if (view.from !== null && !(e.t >= view.from)) continue;
      if (view.to !== null && !(e.t <= view.to)) continue;
      base.push(i);
    }
    this.base = base;
    this.applyFilter(this.filter);
  }

  applyFilter(filter: EventFilter): void {
    this.filter = { ...filter };
    const fam = new Set(filter.families);
    const kinds = new Set(filter.kinds);
    const nodes = new Set(filter.nodes);
    const needle = filter.name.trim().toLowerCase();
    this.shown = this.base.filter((i) => {
      const e = this.all[i];
      if (fam.size && !fam.has(e.family)) return false;
      if (kinds.size && !kinds.has(e.kind)) return false;
      if (nodes.size && !nodes.has(e.node)) return false;
      if (filter.verifiedOnly && !e.verified) return false;
      if (filter.minSeverity && e.severity < filter.minSeverity) return false;
      if (needle && !nameText(e).includes(needle)) return false;
      return true;
    });
    this.version++;
    this.summaryCache = null;
  }

  rows(start: number, count: number): EventRow[] {
    const out: EventRow[] = [];
    const end = Math.min(this.shown.length, start + Math.max(0, count));
    for (let p = Math.max(0, start); p < end; p++) {
      const e = this.all[this.shown[p]];
      out.push({ ...e, pos: p, summary: describe(e, this.names ?? undefined), localMs: e.t + (this.localShift.get(e.ref.fileId) ?? NaN), writtenMs: e.t - (this.utcShift.get(e.ref.fileId) ?? NaN) });
    }
    return out;
  }

  /** The insight rules over every event (not the panel's filter: a story needs all of it). */
  insights(): Insights {
    const names = this.names;
    const findings = findAll({
      events: this.all, nodeName: (id) => names?.nodeName(id), resourceGroup: (r) => names?.resourceGroup(r), model: this.clusterModel() ?? undefined,
      rows: eventLogRows(this.capturesIn),
    });
    const rc = rootCause(findings);
    const clocks = clocksOfLogs(this.all, this.marksFrom);
    return { findings, rootCause: rc ? { sentence: rc.sentence, confidence: rc.confidence } : null, clocks };
  }

  /** The first event recognized at a file line, as the events panel shows it (pos -1: not a list position). */
  eventAt(fileId: FileId, line: number): EventRow | null {
    if (!this.atLine) {
      this.atLine = new Map();
      this.all.forEach((e, i) => {
        const key = `${e.ref.fileId}:${e.ref.line}`;
        if (!this.atLine!.has(key)) this.atLine!.set(key, i);
      });
    }
    const i = this.atLine.get(`${fileId}:${line}`);
    if (i === undefined) return null;
    const e = this.all[i];
    return { ...e, pos: -1, summary: describe(e, this.names ?? undefined), localMs: e.t + (this.localShift.get(e.ref.fileId) ?? NaN), writtenMs: e.t - (this.utcShift.get(e.ref.fileId) ?? NaN) };
  }

  /** All events in time order (for correlation and the CLI-like exports). */
  events(): readonly ClusterEvent[] {
    return this.all;
  }

  summary(): EventsSummary {
    if (this.summaryCache) return this.summaryCache;
    const fam = new Map<string, number>();
    const kinds = new Map<string, { count: number; family: string }>();
    const nodes = new Map<string, number>();
    let unverified = 0;
    for (const i of this.base) {
      const e = this.all[i];
      fam.set(e.family, (fam.get(e.family) ?? 0) + 1);
      const k = kinds.get(e.kind) ?? { count: 0, family: e.family };
      k.count++;
      kinds.set(e.kind, k);
      nodes.set(e.node, (nodes.get(e.node) ?? 0) + 1);
      if (!e.verified) unverified++;
    }
    const sorted = (m: Map<string, number>): FacetCount[] => [...m].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const names = this.names?.toJSON();
    this.summaryCache = {
      total: this.base.length, shown: this.shown.length, unverified, version: this.version, filter: this.filter,
      families: sorted(fam),
      // By family, in the panel's fixed order, then by count: a kind is found where its family is.
      kinds: [...kinds].map(([name, k]) => ({ name, count: k.count, family: k.family })).sort((a, b) => famRank(a.family) - famRank(b.family) || b.count - a.count || a.name.localeCompare(b.name)),
      nodes: sorted(nodes),
      nodeNames: names ? names.nodes.map((n) => ({ id: n.id, name: n.name, conflicts: n.conflicts })) : [],
      resources: names ? names.resources.length : 0,
      groups: names ? names.groups.length : 0,
      timelineVersion: this.timelineVersion,
    };
    return this.summaryCache;
  }
}

/** The names an event is about, lower-cased, for the name filter. */
function nameText(e: ClusterEvent): string {
  const f = e.fields;
  return [f.resource, f.group, f.object, f.peerName, f.from, f.to, e.subject, ...(e.subjects ?? [])]
    .filter((v) => typeof v === 'string')
    .join('\n')
    .toLowerCase();
}

const famRank = (f: string | undefined): number => {
  const i = (EVENT_FAMILIES as readonly string[]).indexOf(f ?? '');
  return i < 0 ? EVENT_FAMILIES.length : i;
};
