// The store behind the raw-log view, run in the view worker: per-file columns
// (time, level, component, flags), the merged order of all files, the filtered
// rows, search hits; it asks the shards for the text of the rows it shows.
// The main thread sees snapshots and row windows only.

import { Growable } from '../base/growable.ts';
import { Level } from '../base/levels.ts';
import { toLocalShift, toUtcShift, utcKnown } from '../ingest/timebase.ts';
import { BUCKET_NAMES, CHANNEL_NAMES, emptyFacts, Flag, type FileFacts, type IndexOptions } from '../ingest/types.ts';
import { buildView, hasMembers, hitRowsOf, severityOf, type FilterFile, type ViewOrder } from '../store/filter.ts';
import { markDuplicates } from '../store/dedupe.ts';
import { mergeRuns, type MergedOrder, type MergeRun } from '../store/merge.ts';
import { validateQuery } from '../store/search.ts';
import { DEFAULT_VIEW, type Density, type DensityRequest, type EngineSnapshot, type FileId, type FileOptions, type Row, type SearchSpec, type ViewSpec } from './api.ts';
import { EventStore } from './event-store.ts';
import { marksTransfer } from '../timeline/marks.ts';
import { DENSITY_CLASSES, DENSITY_CLASS_COUNT, DensityPyramid, MAX_DENSITY_BUCKETS, densityMax } from '../timeline/density.ts';
import type { MainToView, ShardToView, ViewToMain, ViewToShard } from './protocol.ts';

const PALETTE = ['#4e9ff5', '#f5a34e', '#5fd38d', '#e86a92', '#b08cf5', '#4ed6d6', '#d6c94e', '#f07b5a', '#8fb3ff', '#9ad95f'];
/**
 * While files load, re-merge at most this often (ms), and never more than a fifth of the time:
 * every merge and view build takes CPU from the parsing shards on a 2-core machine.
 */
const REMERGE_MS = 400;
/** While files load, send at most one snapshot this often (ms). */
const SNAPSHOT_MS = 150;
/** While files load, rebuild the event list at most this often (ms): it re-materializes every event. */
const EVENTS_MS = 1500;

interface StoreFile {
  id: FileId;
  path: string;
  shard: number;
  gen: number;
  facts: FileFacts;
  opts: IndexOptions;
  ts: Growable<Float64Array>;
  level: Growable<Uint8Array>;
  comp: Growable<Uint16Array>;
  flags: Growable<Uint8Array>;
  bytesRead: number;
  startedAt: number;
  finishedAt: number | null;
  hits: Uint8Array | null;
  expanded: Set<number>;
  failed: string | null;
  /** Lines also present in an earlier file of the same node (shown once). */
  hidden: Uint8Array | null;
  duplicates: number;
  /** Pre-aggregated line counts by time and severity class (the timeline's Density track), fed as segments arrive. */
  density: DensityPyramid;
}

type PostMain = (msg: ViewToMain, transfer?: Transferable[]) => void;

export class ViewStore {
  private shards: MessagePort[] = [];
  private readonly files = new Map<FileId, StoreFile>();
  private nextId = 1;
  private demo = false;
  private spec: ViewSpec = { ...DEFAULT_VIEW };
  private searchSpec: SearchSpec | null = null;
  private searchReq = 0;
  private searchPending = 0;
  private searchStarted = 0;
  private searchElapsed = 0;
  private searchHits = 0;
  private searchError: string | null = null;
  private merged: MergedOrder = { length: 0, file: new Uint16Array(0), line: new Uint32Array(0) };
  /** File order used by `merged.file` (slot -> file). */
  private slots: StoreFile[] = [];
  private view: ViewOrder = { pos: new Uint32Array(0), length: 0, hitRows: new Uint32Array(0) };
  private version = 0;
  private viewVersion = 0;
  private dirtyMerge = false;
  private dirtyView = false;
  /** Hits changed but the rows did not: only the hit rows need recomputing. */
  private dirtyHits = false;
  private lastMerge = 0;
  /** How long the last merge + view build took: while loading, rework waits at least 3x that. */
  private lastWorkMs = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private snapTimer: ReturnType<typeof setTimeout> | null = null;
  private shardReq = 0;
  private readonly pending = new Map<number, (msg: ShardToView) => void>();
  private nodeColors = new Map<string, string>();
  private dedupeRun = 0;
  private openQueue: { f: StoreFile; file: File }[] = [];
  private readonly parsing = new Set<FileId>();
  private lastSnapshot = 0;
  private lastSnapshotRows = 0;
  private readonly events = new EventStore();
  private lastEvents = 0;
  private densityVersion = 0;
  /** Density answers changed without a re-merge (the view's file filter). */
  private dirtyDensity = false;

  constructor(private readonly postMain: PostMain) {}

  // ---- Messages --------------------------------------------------------------------------

  handle(msg: MainToView): void {
    switch (msg.t) {
      case 'init':
        this.shards = msg.shards;
        this.shards.forEach((p) => {
          p.onmessage = (e: MessageEvent<ShardToView>) => this.fromShard(e.data);
        });
        break;
      case 'add':
        this.add(msg.files, msg.replace, msg.demo);
        break;
      case 'remove':
        this.remove(msg.id);
        break;
      case 'options':
        this.setOptions(msg.id, msg.opts);
        break;
      case 'view':
        if (msg.spec.fileIds.join() !== this.spec.fileIds.join()) this.dirtyDensity = true;
        this.spec = { ...msg.spec };
        this.events.applyView(this.spec);
        this.invalidateView();
        break;
      case 'eventFilter':
        this.events.applyFilter(msg.filter);
        this.sendSnapshot();
        break;
      case 'eventRows':
        this.postMain({ t: 'reply', req: msg.req, value: this.events.rows(msg.start, msg.count) });
        break;
      case 'eventAt':
        this.postMain({ t: 'reply', req: msg.req, value: this.events.eventAt(msg.fileId, msg.line) });
        break;
      case 'timeline': {
        // A copy per request: the columns are transferred away.
        const m = this.events.timelineCopy();
        this.postMain({ t: 'reply', req: msg.req, value: m }, m ? marksTransfer(m) : []);
        break;
      }
      case 'density': {
        const d = this.density({ t0: msg.t0, t1: msg.t1, buckets: msg.buckets });
        this.postMain({ t: 'reply', req: msg.req, value: d }, d ? [d.counts.buffer] : []);
        break;
      }
      case 'search':
        this.startSearch(msg.spec);
        break;
      case 'toggle':
        this.toggle(msg.pos);
        break;
      case 'rows':
        void this.rows(msg.start, msg.count).then((value) => this.postMain({ t: 'reply', req: msg.req, value }));
        break;
      case 'nextHit':
        this.postMain({ t: 'reply', req: msg.req, value: this.nextHit(msg.from, msg.dir) });
        break;
      case 'posOf':
        this.postMain({ t: 'reply', req: msg.req, value: this.positionOf(msg.id, msg.line) });
        break;
      case 'posAt':
        this.postMain({ t: 'reply', req: msg.req, value: this.positionAt(msg.utc) });
        break;
    }
  }

  private toShard(shard: number, msg: ViewToShard): void {
    this.shards[shard].postMessage(msg);
  }

  private fromShard(msg: ShardToView): void {
    if (msg.t === 'lines' || msg.t === 'hashes') {
      const cb = this.pending.get(msg.req);
      if (cb) {
        this.pending.delete(msg.req);
        cb(msg);
      }
      return;
    }
    if (msg.t === 'hits') {
      this.onHits(msg.req, msg.id, msg.lines, msg.done);
      return;
    }
    const f = this.files.get(msg.id);
    if (!f || msg.gen !== f.gen) return;
    if (msg.t === 'events') {
      this.events.add(f.id, msg.chunk);
      this.schedule();
    } else if (msg.t === 'segment') {
      if (msg.from === 0 && f.ts.length > 0) this.resetColumns(f);
      if (msg.from === f.ts.length && msg.ts.length > 0) {
        f.ts.append(msg.ts);
        f.level.append(msg.level);
        f.comp.append(msg.comp);
        f.flags.append(msg.flags);
        f.density.append(msg.ts, msg.level);
        this.dirtyMerge = true;
      }
      f.facts = this.withUserOptions(msg.facts, f);
      f.bytesRead = msg.progress.bytesRead;
      // The first lines of a load are shown at once; later ones wait for the throttled re-merge.
      this.schedule(this.view.length === 0 && msg.ts.length > 0);
    } else if (msg.t === 'done') {
      this.parsed(f.id);
      f.facts = this.withUserOptions(msg.facts, f);
      f.bytesRead = msg.progress.bytesRead;
      f.finishedAt = Date.now();
      this.dirtyMerge = true;
      this.schedule(true);
      if (this.searchSpec) this.startSearch(this.searchSpec);
      void this.dedupe();
    } else if (msg.t === 'failed') {
      this.parsed(f.id);
      f.failed = msg.message;
      f.facts.errors.push(msg.message);
      f.facts.status = 'error';
      f.finishedAt = Date.now();
      this.schedule(true);
    }
  }

  // ---- Files -----------------------------------------------------------------------------

  private newFile(path: string, size: number, shard: number, opts: IndexOptions): StoreFile {
    const facts = emptyFacts(path.split(/[\\/]/).pop() ?? path, path, size);
    return {
      id: this.nextId++, path, shard, gen: 0, facts, opts,
      ts: new Growable(Float64Array), level: new Growable(Uint8Array), comp: new Growable(Uint16Array), flags: new Growable(Uint8Array),
      bytesRead: 0, startedAt: Date.now(), finishedAt: null, hits: null, expanded: new Set(), failed: null, hidden: null, duplicates: 0,
      density: new DensityPyramid(),
    };
  }

  private add(files: { file: File; path: string }[], replace: boolean, demo: boolean): void {
    if (replace) for (const id of [...this.files.keys()]) this.remove(id, true);
    this.demo = demo;
    // Balance by bytes: each file goes to the shard with the least data.
    const load = this.shards.map(() => 0);
    for (const f of this.files.values()) load[f.shard] += f.facts.size;
    for (const { file, path } of files) {
      let shard = 0;
      for (let i = 1; i < load.length; i++) if (load[i] < load[shard]) shard = i;
      load[shard] += file.size;
      const opts: IndexOptions = { name: file.name, path };
      const f = this.newFile(path, file.size, shard, opts);
      this.files.set(f.id, f);
      this.openQueue.push({ f, file });
    }
    this.pump();
    this.dirtyMerge = true;
    this.schedule(true);
  }

  /**
   * Files are parsed by at most `shards - 1` shards at a time (one on a 2-core machine), so
   * that a core stays with the page while files load; every shard still searches its files.
   */
  private pump(): void {
    const limit = Math.max(1, this.shards.length - 1);
    while (this.parsing.size < limit && this.openQueue.length > 0) {
      const { f, file } = this.openQueue.shift()!;
      if (!this.files.has(f.id)) continue;
      this.parsing.add(f.id);
      f.startedAt = Date.now();
      this.toShard(f.shard, { t: 'open', id: f.id, file, opts: f.opts });
    }
  }

  private parsed(id: FileId): void {
    if (this.parsing.delete(id)) this.pump();
  }

  private remove(id: FileId, quiet = false): void {
    const f = this.files.get(id);
    if (!f) return;
    this.files.delete(id);
    this.openQueue = this.openQueue.filter((q) => q.f.id !== id);
    this.toShard(f.shard, { t: 'drop', id });
    this.events.reset(id);
    this.parsed(id);
    this.dirtyMerge = true;
    if (!quiet) {
      this.schedule(true);
      void this.dedupe();
    }
  }

  private resetColumns(f: StoreFile): void {
    f.ts = new Growable(Float64Array);
    f.level = new Growable(Uint8Array);
    f.comp = new Growable(Uint16Array);
    f.flags = new Growable(Uint8Array);
    f.hits = null;
    f.expanded.clear();
    f.density = new DensityPyramid();
    this.events.reset(f.id);
  }

  /** Node and time base chosen by the user are applied over what the shard detected. */
  private withUserOptions(facts: FileFacts, f: StoreFile): FileFacts {
    if (f.opts.node) {
      facts.node = f.opts.node;
      facts.nodeSource = 'user';
    }
    if (f.opts.timeBase) {
      facts.timeBase = { ...facts.timeBase, base: f.opts.timeBase.base, utcOffsetMinutes: f.opts.timeBase.utcOffsetMinutes, source: 'user' };
    }
    if (f.failed && !facts.errors.includes(f.failed)) facts.errors.push(f.failed);
    return facts;
  }

  private setOptions(id: FileId, o: FileOptions): void {
    const f = this.files.get(id);
    if (!f) return;
    let reindex = false;
    if (o.dialect !== undefined && o.dialect !== f.opts.dialect) {
      f.opts = { ...f.opts, dialect: o.dialect };
      reindex = true;
    }
    if (o.encoding !== undefined && o.encoding !== f.opts.encoding) {
      f.opts = { ...f.opts, encoding: o.encoding };
      reindex = true;
    }
    if (o.month !== undefined && o.month !== f.opts.month) {
      f.opts = { ...f.opts, month: o.month };
      reindex = true;
    }
    if (o.node !== undefined) {
      f.opts = { ...f.opts, node: o.node || undefined };
      if (o.node) {
        f.facts.node = o.node;
        f.facts.nodeSource = 'user';
      }
    }
    if (o.timeBase !== undefined) {
      const tb = o.timeBase;
      const base = tb.base === 'assumed-utc' ? 'utc' : tb.base;
      f.opts = { ...f.opts, timeBase: { base, utcOffsetMinutes: tb.utcOffsetMinutes } };
      f.facts.timeBase = { ...f.facts.timeBase, base: tb.base, utcOffsetMinutes: tb.utcOffsetMinutes, source: 'user' };
    }
    if (reindex) {
      f.gen++;
      f.facts.status = 'loading';
      f.finishedAt = null;
      f.startedAt = Date.now();
      this.resetColumns(f);
      this.toShard(f.shard, { t: 'reindex', id, opts: f.opts });
    }
    // A changed node or time base only re-merges: the columns stay as written.
    this.dirtyMerge = true;
    this.events.invalidate();
    this.schedule(true);
    if (!reindex && (o.node !== undefined || o.timeBase !== undefined)) void this.dedupe();
  }

  // ---- Merge and view --------------------------------------------------------------------

  private invalidateView(): void {
    this.dirtyView = true;
    this.schedule(true);
  }

  private schedule(soon = false): void {
    this.version++;
    if (this.timer !== null) return;
    const wait = soon ? 0 : Math.max(0, Math.max(REMERGE_MS, 4 * this.lastWorkMs) - (Date.now() - this.lastMerge));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.recompute();
    }, wait);
  }

  private visibleFiles(): StoreFile[] {
    return [...this.files.values()].filter((f) => f.facts.status !== 'error' && f.facts.status !== 'needs-month' && f.ts.length > 0);
  }

  private recompute(): void {
    const t0 = Date.now();
    // Every re-merge follows a change of columns, files, nodes, time bases or duplicates.
    if (this.dirtyMerge || this.dirtyDensity) {
      this.dirtyDensity = false;
      this.densityVersion++;
      for (const f of this.files.values()) this.syncDensity(f);
    }
    if (this.dirtyMerge || this.dirtyView) this.lastMerge = t0;
    if (this.dirtyMerge) {
      this.dirtyMerge = false;
      this.dirtyView = true;
      this.slots = this.visibleFiles();
      const runs: MergeRun[] = [];
      const mf = this.slots.map((f, slot) => {
        const n = f.ts.length;
        // A run per section of a 2016+ file (each section is in time order on its own).
        let start = 0;
        for (const s of f.facts.sections) {
          if (s.firstLine > start && s.firstLine <= n) {
            runs.push({ file: slot, start, end: s.firstLine });
            start = s.firstLine;
          }
        }
        if (start < n) runs.push({ file: slot, start, end: n });
        return { ts: f.ts.data, shift: toUtcShift(f.facts.timeBase), hidden: f.hidden };
      });
      this.merged = mergeRuns(mf, runs);
    }
    this.rebuildEvents(t0);
    if (this.dirtyView) {
      this.dirtyView = false;
      this.view = buildView(this.merged, this.slots.map((f) => this.filterFile(f)), {
        minLevel: this.spec.minLevel,
        from: this.spec.from,
        to: this.spec.to,
        onlyHits: this.spec.onlyHits && this.searchSpec !== null,
        context: this.spec.context,
        expandAll: this.spec.expandAll,
      });
      this.viewVersion++;
      this.dirtyHits = false;
      this.lastWorkMs = Date.now() - t0;
    } else if (this.dirtyHits) {
      this.dirtyHits = false;
      this.view = { ...this.view, hitRows: hitRowsOf(this.view, this.merged, this.slots) };
      this.viewVersion++;
    }
    this.sendSnapshot();
  }

  private rebuildEvents(now: number): void {
    if (!this.events.needsRebuild) return;
    const loading = [...this.files.values()].some((f) => f.finishedAt === null);
    if (loading && now - this.lastEvents < EVENTS_MS) {
      this.schedule();
      return;
    }
    this.lastEvents = now;
    this.events.rebuild(
      this.visibleFiles().map((f) => ({ id: f.id, path: f.path, facts: f.facts, ts: f.ts.data.subarray(0, f.ts.length), flags: f.flags.data.subarray(0, f.flags.length) })),
      this.spec,
    );
  }

  private filterFile(f: StoreFile): FilterFile {
    const sel = this.spec.fileIds.length === 0 || this.spec.fileIds.includes(f.id);
    let compAllowed: Uint8Array | null = null;
    if (this.spec.components.length > 0) {
      const want = new Set(this.spec.components);
      compAllowed = new Uint8Array(f.facts.components.length);
      f.facts.components.forEach((name, i) => {
        if (want.has(name)) compAllowed![i] = 1;
      });
    }
    return {
      ts: f.ts.data, level: f.level.data, comp: f.comp.data, flags: f.flags.data, length: f.ts.length,
      shift: toUtcShift(f.facts.timeBase), selected: sel, compAllowed, hits: f.hits, expanded: f.expanded,
    };
  }

  private sendSnapshot(): void {
    if (this.snapTimer !== null) return;
    // While files load, progress would otherwise re-render the page many times a second:
    // at most one snapshot per SNAPSHOT_MS keeps the main thread free for the user.
    const loading = [...this.files.values()].some((f) => f.finishedAt === null);
    const firstRows = this.view.length > 0 && this.lastSnapshotRows === 0;
    const wait = loading && !firstRows ? Math.max(0, SNAPSHOT_MS - (Date.now() - this.lastSnapshot)) : 0;
    this.snapTimer = setTimeout(() => {
      this.snapTimer = null;
      this.lastSnapshot = Date.now();
      const snap = this.snapshot();
      this.lastSnapshotRows = snap.viewRows;
      this.postMain({ t: 'snapshot', snap });
    }, wait);
  }

  private nodeKey(f: StoreFile): string {
    return f.facts.node ? f.facts.node.toLowerCase() : `file:${f.path}`;
  }

  private colorOf(key: string): string {
    let c = this.nodeColors.get(key);
    if (!c) {
      c = PALETTE[this.nodeColors.size % PALETTE.length];
      this.nodeColors.set(key, c);
    }
    return c;
  }

  snapshot(): EngineSnapshot {
    const files = [...this.files.values()];
    const nodes = new Map<string, { name: string; color: string; fileIds: FileId[] }>();
    const comps = new Map<string, number>();
    let tMin = Infinity;
    let tMax = -Infinity;
    let totalLines = 0;
    for (const f of files) {
      const key = this.nodeKey(f);
      const color = this.colorOf(key);
      // Files that could not be loaded have no lane.
      if (f.facts.status !== 'error') {
        const lane = nodes.get(key) ?? { name: f.facts.node ?? f.facts.name, color, fileIds: [] };
        lane.fileIds.push(f.id);
        nodes.set(key, lane);
      }
      totalLines += f.facts.lines;
      f.facts.components.forEach((name, i) => {
        if (name && f.facts.componentCounts[i]) comps.set(name, (comps.get(name) ?? 0) + f.facts.componentCounts[i]);
      });
      if (f.facts.firstWritten !== null && f.facts.lastWritten !== null && f.facts.status !== 'error') {
        const sh = toUtcShift(f.facts.timeBase);
        tMin = Math.min(tMin, f.facts.firstWritten + sh);
        tMax = Math.max(tMax, f.facts.lastWritten + sh);
      }
    }
    const now = Date.now();
    return {
      version: this.version,
      files: files.map((f) => {
        const elapsed = ((f.finishedAt ?? now) - f.startedAt) / 1000;
        return {
          id: f.id,
          facts: f.facts,
          progress: {
            bytesRead: f.bytesRead, size: f.facts.size, lines: f.facts.lines,
            rate: elapsed > 0 ? f.bytesRead / elapsed : 0, startedAt: f.startedAt, finishedAt: f.finishedAt,
          },
          color: this.colorOf(this.nodeKey(f)),
          duplicates: f.duplicates,
          span: f.facts.firstWritten === null || f.facts.lastWritten === null ? null : {
            firstUtc: f.facts.firstWritten + toUtcShift(f.facts.timeBase),
            lastUtc: f.facts.lastWritten + toUtcShift(f.facts.timeBase),
            known: utcKnown(f.facts.timeBase),
          },
        };
      }),
      nodes: [...nodes.values()],
      totalLines,
      viewRows: this.view.length,
      viewVersion: this.viewVersion,
      components: [...comps].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      timeMin: Number.isFinite(tMin) ? tMin : null,
      timeMax: Number.isFinite(tMax) ? tMax : null,
      search: {
        spec: this.searchSpec,
        running: this.searchPending > 0,
        hits: this.searchHits,
        visibleHits: this.view.hitRows.length,
        error: this.searchError,
        elapsedMs: this.searchPending > 0 ? Date.now() - this.searchStarted : this.searchElapsed,
      },
      // Still loading while the last rows or events are not merged in: a snapshot sent between a
      // file's end and the merge that follows must not say "done" with the old rows.
      loading: files.some((f) => f.finishedAt === null) || this.dirtyMerge || this.dirtyView || this.events.needsRebuild,
      demo: this.demo,
      events: this.events.summary(),
      densityVersion: this.densityVersion,
    };
  }

  // ---- Density ---------------------------------------------------------------------------

  /** Duplicates found (or no longer hidden) since the file's pyramid was built: rebuild it without them. */
  private syncDensity(f: StoreFile): void {
    const hidden = f.hidden !== null && f.hidden.length === f.ts.length ? f.hidden : null;
    if (f.density.hidden === hidden && f.density.lines === f.ts.length) return;
    f.density = DensityPyramid.build({ ts: f.ts.data, level: f.level.data }, f.ts.length, hidden);
  }

  /**
   * Lines per bucket per node lane and severity class, for the timeline's Density track: the
   * lanes of the snapshot (same names, same order), the files of the view's file filter.
   */
  private density(req: DensityRequest): Density | null {
    const { t0, t1 } = req;
    const buckets = Math.min(MAX_DENSITY_BUCKETS, Math.floor(req.buckets));
    if (!Number.isFinite(t0) || !Number.isFinite(t1) || !(t1 > t0) || !(buckets >= 1)) return null;
    // The lanes as snapshot() builds them: files that could not be loaded have none.
    const laneOf = new Map<string, number>();
    const nodes: string[] = [];
    for (const f of this.files.values()) {
      if (f.facts.status === 'error') continue;
      const key = this.nodeKey(f);
      if (!laneOf.has(key)) {
        laneOf.set(key, nodes.length);
        nodes.push(f.facts.node ?? f.facts.name);
      }
    }
    if (nodes.length === 0) return null;
    const stride = DENSITY_CLASS_COUNT * buckets;
    const counts = new Uint32Array(nodes.length * stride);
    const selected = this.spec.fileIds.length === 0 ? null : new Set(this.spec.fileIds);
    for (const f of this.visibleFiles()) {
      if (selected !== null && !selected.has(f.id)) continue;
      const lane = laneOf.get(this.nodeKey(f));
      if (lane === undefined) continue;
      this.syncDensity(f);
      f.density.query(counts, lane * stride, t0, t1, buckets, toUtcShift(f.facts.timeBase), { ts: f.ts.data, level: f.level.data });
    }
    return { t0, t1, buckets, nodes, classes: DENSITY_CLASSES, counts, max: densityMax(counts, nodes.length, buckets) };
  }

  // ---- Search ----------------------------------------------------------------------------

  private startSearch(spec: SearchSpec | null): void {
    const req = ++this.searchReq;
    this.searchSpec = spec;
    this.searchHits = 0;
    this.searchError = null;
    for (const f of this.files.values()) f.hits = null;
    if (!spec || !spec.text) {
      this.searchSpec = null;
      this.searchPending = 0;
      this.hitsChanged();
      return;
    }
    const err = validateQuery(spec);
    if (err) {
      this.searchError = err;
      this.searchPending = 0;
      this.hitsChanged();
      return;
    }
    this.searchStarted = Date.now();
    const byShard = new Map<number, FileId[]>();
    for (const f of this.files.values()) {
      if (f.finishedAt === null || f.facts.status === 'error') continue;
      f.hits = new Uint8Array(f.ts.length);
      const list = byShard.get(f.shard) ?? [];
      list.push(f.id);
      byShard.set(f.shard, list);
    }
    this.searchPending = 0;
    for (const [shard, ids] of byShard) {
      this.searchPending += ids.length;
      this.toShard(shard, { t: 'search', req, spec, ids });
    }
    if (this.searchPending === 0) this.searchElapsed = 0;
    this.hitsChanged();
  }

  /** A new search (or none): rows change only when the view shows matching lines only. */
  private hitsChanged(): void {
    if (this.spec.onlyHits) this.dirtyView = true;
    else this.dirtyHits = true;
    this.schedule(true);
  }

  private onHits(req: number, id: FileId, lines: Uint32Array, done: boolean): void {
    if (req !== this.searchReq) return;
    const f = this.files.get(id);
    if (f && f.hits) {
      for (let i = 0; i < lines.length; i++) {
        if (lines[i] < f.hits.length && f.hits[lines[i]] === 0) {
          f.hits[lines[i]] = 1;
          this.searchHits++;
        }
      }
    }
    if (done) {
      this.searchPending--;
      if (this.searchPending === 0) this.searchElapsed = Date.now() - this.searchStarted;
    }
    // Hits change the rows only when the view shows matching lines only.
    if (this.spec.onlyHits) this.dirtyView = true;
    else this.dirtyHits = true;
    this.schedule(this.searchPending === 0);
  }

  private nextHit(from: number, dir: 1 | -1): number {
    const h = this.view.hitRows;
    if (h.length === 0) return -1;
    let lo = 0;
    let hi = h.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (h[mid] <= from) lo = mid + 1;
      else hi = mid;
    }
    // lo = first hit > from
    if (dir === 1) return lo < h.length ? h[lo] : -1;
    let i = lo - 1;
    if (i >= 0 && h[i] === from) i--;
    return i >= 0 ? h[i] : -1;
  }

  // ---- Rows ------------------------------------------------------------------------------

  private toggle(pos: number): void {
    if (pos < 0 || pos >= this.view.length) return;
    const p = this.view.pos[pos];
    const f = this.slots[this.merged.file[p]];
    const line = this.merged.line[p];
    if (!f) return;
    if (f.expanded.has(line)) f.expanded.delete(line);
    else f.expanded.add(line);
    this.invalidateView();
  }

  private positionOf(id: FileId, line: number): number {
    const slot = this.slots.findIndex((f) => f.id === id);
    if (slot < 0) return -1;
    // Fast path: rows are in time order, so look where the line's time sorts first.
    const f = this.slots[slot];
    const t = line < f.ts.length ? f.ts.data[line] : NaN;
    if (t === t) {
      const key = t + toUtcShift(f.facts.timeBase);
      const r0 = this.positionAt(key);
      for (let r = r0; r < this.view.length && r < r0 + 20000; r++) {
        const p = this.view.pos[r];
        if (this.merged.file[p] === slot && this.merged.line[p] === line) return r;
        if (this.rowKey(r) > key) break;
      }
    }
    let best = -1;
    for (let r = 0; r < this.view.length; r++) {
      const p = this.view.pos[r];
      if (this.merged.file[p] === slot && this.merged.line[p] <= line) {
        if (this.merged.line[p] === line) return r;
        best = r;
      }
    }
    return best;
  }

  private positionAt(utc: number): number {
    // Rows are in time order except for flagged backwards lines: binary search on the row keys.
    let lo = 0;
    let hi = this.view.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rowKey(mid) < utc) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, Math.max(0, this.view.length - 1));
  }

  private rowKey(r: number): number {
    const p = this.view.pos[r];
    const f = this.slots[this.merged.file[p]];
    const t = f.ts.data[this.merged.line[p]];
    return t === t ? t + toUtcShift(f.facts.timeBase) : -Infinity;
  }

  private askHashes(f: StoreFile): Promise<Uint32Array> {
    const req = ++this.shardReq;
    return new Promise((resolve) => {
      this.pending.set(req, (m) => resolve((m as Extract<ShardToView, { t: 'hashes' }>).hashes));
      this.shards[f.shard].postMessage({ t: 'hashes', req, id: f.id, from: 0, to: f.ts.length } satisfies ViewToShard);
    });
  }

  /**
   * Several files of one node (re-collected logs) overlap in time: a line of a later file
   * with the same time and the same bytes as a line of an earlier file is hidden.
   */
  private async dedupe(): Promise<void> {
    const run = ++this.dedupeRun;
    const groups = new Map<string, StoreFile[]>();
    const before = new Map([...this.files.values()].map((f) => [f, f.duplicates]));
    for (const f of this.files.values()) {
      f.hidden = null;
      f.duplicates = 0;
      if (f.finishedAt === null || f.facts.status !== 'done' || !f.facts.node) continue;
      const key = this.nodeKey(f);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const hashes = new Map<StoreFile, Uint32Array>();
    const get = async (f: StoreFile) => {
      let h = hashes.get(f);
      if (!h) {
        h = await this.askHashes(f);
        hashes.set(f, h);
      }
      return h;
    };
    const keyAt = (f: StoreFile, i: number) => {
      const t = f.ts.data[i];
      return t === t ? t + toUtcShift(f.facts.timeBase) : -Infinity;
    };
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      group.sort((a, b) => a.id - b.id);
      for (let j = 1; j < group.length; j++) {
        const b = group[j];
        for (let i = 0; i < j; i++) {
          const a = group[i];
          const [a0, a1, b0, b1] = [a.facts.firstWritten, a.facts.lastWritten, b.facts.firstWritten, b.facts.lastWritten];
          if (a0 === null || a1 === null || b0 === null || b1 === null) continue;
          const sa = toUtcShift(a.facts.timeBase);
          const sb = toUtcShift(b.facts.timeBase);
          if (a1 + sa < b0 + sb || b1 + sb < a0 + sa) continue;
          const ha = await get(a);
          const hb = await get(b);
          if (run !== this.dedupeRun) return;
          const hidden = b.hidden ?? new Uint8Array(b.ts.length);
          b.duplicates += markDuplicates(
            { hashes: ha, keyAt: (k) => keyAt(a, k), hidden: a.hidden },
            { hashes: hb, keyAt: (k) => keyAt(b, k), hidden: b.hidden },
            hidden,
          );
          if (b.duplicates > 0) b.hidden = hidden;
        }
      }
    }
    if (run !== this.dedupeRun) return;
    // Re-merge only when some file hides a different set of lines than before.
    if ([...this.files.values()].some((f) => f.duplicates !== (before.get(f) ?? 0) || f.duplicates > 0)) {
      this.dirtyMerge = true;
      this.schedule(true);
    }
  }

  private askShard(shard: number, id: FileId, lines: Uint32Array): Promise<Extract<ShardToView, { t: 'lines' }>> {
    const req = ++this.shardReq;
    return new Promise((resolve) => {
      this.pending.set(req, (m) => resolve(m as Extract<ShardToView, { t: 'lines' }>));
      this.shards[shard].postMessage({ t: 'lines', req, id, lines } satisfies ViewToShard);
    });
  }

  async rows(start: number, count: number): Promise<Row[]> {
    const end = Math.min(this.view.length, start + Math.max(0, count));
    if (start < 0 || start >= end) return [];
    const view = this.view;
    const merged = this.merged;
    const slots = this.slots;
    const hitSet = new Set<number>();
    {
      const h = view.hitRows;
      let lo = 0;
      let hi = h.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (h[mid] < start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < h.length && h[i] < end; i++) hitSet.add(h[i]);
    }
    const byFile = new Map<number, number[]>();
    for (let r = start; r < end; r++) {
      const p = view.pos[r];
      const slot = merged.file[p];
      const list = byFile.get(slot) ?? [];
      list.push(r);
      byFile.set(slot, list);
    }
    const rows: Row[] = new Array(end - start);
    await Promise.all(
      [...byFile].map(async ([slot, rs]) => {
        const f = slots[slot];
        const lines = Uint32Array.from(rs, (r) => merged.line[view.pos[r]]);
        const res = await this.askShard(f.shard, f.id, lines);
        const shift = toUtcShift(f.facts.timeBase);
        const lshift = toLocalShift(f.facts.timeBase);
        const node = f.facts.node ?? f.facts.name;
        rs.forEach((r, k) => {
          const line = lines[k];
          const lb = f.level.data[line];
          const fl = f.flags.data[line];
          const t = f.ts.data[line];
          const head = hasMembers({ flags: f.flags.data, length: f.flags.length }, line);
          let members = 0;
          if (head) while (line + 1 + members < f.flags.length && (f.flags.data[line + 1 + members] & Flag.Member) !== 0) members++;
          const utc = t === t ? t + shift : NaN;
          rows[r - start] = {
            pos: r,
            fileId: f.id,
            line,
            node,
            utcMs: utc,
            localMs: utc + lshift,
            level: lb & 15,
            severity: severityOf(lb) === Level.INFO && (lb & 15) === Level.None ? Level.None : severityOf(lb),
            component: f.facts.components[f.comp.data[line]] ?? '',
            pid: res.pid[k],
            tid: res.tid[k],
            channel: CHANNEL_NAMES[(fl & Flag.ChannelMask) >> Flag.ChannelShift],
            bucket: BUCKET_NAMES[fl & Flag.BucketMask],
            text: res.texts[k],
            memberCount: members,
            member: (fl & Flag.Member) !== 0,
            expanded: this.spec.expandAll || f.expanded.has(line),
            hit: hitSet.has(r),
            backwards: (fl & Flag.Backwards) !== 0,
            oversized: (fl & Flag.Oversized) !== 0,
          };
        });
      }),
    );
    return rows;
  }
}
