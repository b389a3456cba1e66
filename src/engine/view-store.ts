// The store behind the raw-log view, run in the view worker: per-file columns
// (time, level, component, flags), the merged order of all files, the filtered
// rows, search hits; it asks the shards for the text of the rows it shows.
// The main thread sees snapshots and row windows only.
//
// Here: messages, the files' lifecycle, when to merge and build the view, search requests.
// Apart, each for one job: store-file.ts (a file's columns and facts), row-window.ts (positions
// and rows of the built view), snapshot.ts, density-lanes.ts, file-dedupe.ts.

import { sameContent } from './same-content.ts';
import { toUtcShift } from '../ingest/timebase.ts';
import { hostMayName, nodeFromHosts, proposeAlignment } from '../sources/align.ts';
import { isZip, openZip } from '../sources/zip.ts';
import { linksOf } from '../sources/links.ts';
import type { IndexOptions } from '../ingest/types.ts';
import { buildView, hitRowsOf, type FilterFile, type ViewOrder } from '../store/filter.ts';
import { mergeRuns, type MergedOrder, type MergeRun } from '../store/merge.ts';
import { validateQuery } from '../store/search.ts';
import { DEFAULT_VIEW, type Density, type DensityRequest, type EngineSnapshot, type FileId, type FileOptions, type Row, type SearchSpec, type SkippedInput, type SourceFile, type ViewSpec } from './api.ts';
import { laneDensity, syncDensity } from './density-lanes.ts';
import { EventStore } from './event-store.ts';
import { dedupeFiles } from './file-dedupe.ts';
import { marksTransfer } from '../timeline/marks.ts';
import type { MainToView, ShardToView, ViewToMain, ViewToShard } from './protocol.ts';
import { SPLIT_MIN_BYTES } from '../ingest/split.ts';
import { halfTransfer } from './split-halves.ts';
import { nextHit, positionAt, positionOf, rowWindow, type BuiltView, type LinesReply } from './row-window.ts';
import { buildSnapshot, NodeColors } from './snapshot.ts';
import { labelFiles, newStoreFile, nodeFromEvidence, resetColumns, withUserOptions, type StoreFile } from './store-file.ts';
import type { NodeGuess } from '../events/node-guess.ts';
import type { FileSettlement } from '../events/settle.ts';

/**
 * While files load, re-merge at most this often (ms), and never more than a fifth of the time:
 * every merge and view build takes CPU from the parsing shards on a 2-core machine.
 */
const REMERGE_MS = 400;
/** While files load, send at most one snapshot this often (ms). */
const SNAPSHOT_MS = 150;
/** While files load, rebuild the event list at most this often (ms): it re-materializes every event. */
const EVENTS_MS = 1500;

type PostMain = (msg: ViewToMain, transfer?: Transferable[]) => void;

export class ViewStore {
  private shards: MessagePort[] = [];
  private readonly files = new Map<FileId, StoreFile>();
  private nextId = 1;
  private demo = false;
  private skipped: { seq: number; items: SkippedInput[] } = { seq: 0, items: [] };
  /** The add in progress (adds run one after the other). */
  private adding: Promise<void> = Promise.resolve();
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
  private readonly colors = new NodeColors();
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

  /** `splitMinBytes`: files this large are parsed by two shards (tests lower it to split small files). */
  constructor(private readonly postMain: PostMain, private splitMinBytes = SPLIT_MIN_BYTES) {}

  // ---- Messages --------------------------------------------------------------------------

  handle(msg: MainToView): void {
    switch (msg.t) {
      case 'init':
        this.shards = msg.shards;
        if (msg.splitMinBytes !== undefined) this.splitMinBytes = msg.splitMinBytes;
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
      case 'links':
        this.postMain({ t: 'reply', req: msg.req, value: linksOf(msg.fileId, msg.line, msg.pid, msg.text, [...this.files.values()].map((f) => ({ id: f.id, facts: f.facts })), this.events.logAnchors()) });
        break;
      case 'insights':
        this.postMain({ t: 'reply', req: msg.req, value: this.events.insights() });
        break;
      case 'sources':
        this.postMain({ t: 'reply', req: msg.req, value: [...this.files.values()].map((f): SourceFile => ({ id: f.id, path: f.path, file: f.file })) });
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
        this.postMain({ t: 'reply', req: msg.req, value: nextHit(this.view.hitRows, msg.from, msg.dir) });
        break;
      case 'posOf':
        this.postMain({ t: 'reply', req: msg.req, value: positionOf(this.built(), msg.id, msg.line) });
        break;
      case 'posAt':
        this.postMain({ t: 'reply', req: msg.req, value: positionAt(this.built(), msg.utc) });
        break;
    }
  }

  /** Bytes of the files each shard holds. */
  private shardLoads(): number[] {
    const load = this.shards.map(() => 0);
    for (const f of this.files.values()) load[f.shard] += f.facts.size;
    return load;
  }

  private toShard(shard: number, msg: ViewToShard, transfer: Transferable[] = []): void {
    this.shards[shard].postMessage(msg, transfer);
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
      if (msg.error && msg.req === this.searchReq && !this.searchError) this.searchError = msg.error;
      this.onHits(msg.req, msg.id, msg.lines, msg.done);
      return;
    }
    const f = this.files.get(msg.id);
    if (!f) return;
    if (msg.t === 'part') {
      // On to the first half's shard whatever the generation: it holds back a re-index until the join.
      f.part = null;
      this.toShard(f.shard, { t: 'join', id: f.id, gen: msg.gen, half: msg.half }, halfTransfer(msg.half));
      return;
    }
    if (msg.gen !== f.gen) return;
    if (msg.t === 'split') {
      // The second half goes to the least loaded other shard (the parse limit leaves one free).
      const load = this.shardLoads();
      const other = this.shards.map((_, i) => i).filter((i) => i !== f.shard);
      const shard = other.reduce((a, b) => (load[b] < load[a] ? b : a));
      f.part = { shard, bytesRead: 0 };
      this.toShard(shard, { t: 'openPart', id: f.id, gen: msg.gen, file: msg.file, opts: f.opts, head: msg.head, start: msg.start });
      return;
    }
    if (msg.t === 'partProgress') {
      if (f.part) f.part.bytesRead = msg.bytesRead;
      return;
    }
    if (msg.t === 'events') {
      this.events.add(f.id, msg.chunk);
      this.schedule();
    } else if (msg.t === 'captureRows') {
      f.captureRows = { group: msg.group, cls: msg.cls, groups: msg.groups };
      this.events.invalidate();
    } else if (msg.t === 'segment') {
      if (msg.from === 0 && f.ts.length > 0) this.resetFile(f);
      if (msg.from === f.ts.length && msg.ts.length > 0) {
        f.ts.append(msg.ts);
        f.level.append(msg.level);
        f.comp.append(msg.comp);
        f.flags.append(msg.flags);
        f.density.append(msg.ts, msg.level);
        this.dirtyMerge = true;
      }
      f.facts = withUserOptions(msg.facts, f);
      f.bytesRead = msg.progress.bytesRead + (f.part?.bytesRead ?? 0);
      // The first lines of a load are shown at once; later ones wait for the throttled re-merge.
      this.schedule(this.view.length === 0 && msg.ts.length > 0);
    } else if (msg.t === 'done') {
      this.parsed(f.id);
      f.halves = msg.halves;
      f.part = null;
      f.facts = withUserOptions(msg.facts, f);
      f.bytesRead = msg.progress.bytesRead;
      f.finishedAt = Date.now();
      this.dirtyMerge = true;
      this.alignCaptures();
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

  /** Adds, one batch after the other (a batch may wait for its content checks). */
  private add(files: { file: File; path: string }[], replace: boolean, demo: boolean): void {
    this.adding = this.adding.then(() => this.addChecked(files, replace, demo)).catch((e: unknown) => {
      console.error('ClusterLens: adding files failed', e);
    });
  }

  /**
   * A file already loaded (same size, same bytes), or twice in one batch, is not loaded again:
   * *Open folder…* after *Open files…* must not double every line and event. What was skipped,
   * and as what, goes to the views in the snapshot.
   */
  /** A zip becomes the entries ClusterLens reads (sources/zip.ts); the others, and a zip it cannot read, are listed with why. */
  private async expandZips(files: { file: File; path: string }[], skipped: SkippedInput[]): Promise<{ file: File; path: string }[]> {
    const out: { file: File; path: string }[] = [];
    for (const input of files) {
      let head = new Uint8Array(0);
      try {
        head = new Uint8Array(await input.file.slice(0, 4).arrayBuffer());
      } catch {
        // Unreadable here: its shard says so when it reads it.
      }
      if (!isZip(head)) {
        out.push(input);
        continue;
      }
      try {
        const z = await openZip(input.file, input.path);
        out.push(...z.files);
        skipped.push(...z.skipped);
      } catch (e) {
        skipped.push({ path: input.path, size: input.file.size, why: `the zip could not be read: ${(e as Error).message}` });
      }
    }
    return out;
  }

  private async addChecked(files: { file: File; path: string }[], replace: boolean, demo: boolean): Promise<void> {
    if (replace) for (const id of [...this.files.keys()]) this.remove(id, true);
    this.demo = demo;
    const kept: { file: File; path: string }[] = [];
    const skipped: SkippedInput[] = [];
    files = await this.expandZips(files, skipped);
    for (const input of files) {
      const pool = [...[...this.files.values()].map((f) => ({ file: f.file, path: f.facts.node ? `${f.path} of ${f.facts.node}` : f.path })), ...kept];
      let same: { path: string } | null = null;
      for (const other of pool) {
        if (other.file.size === input.file.size && (await sameContent(input.file, other.file))) {
          same = other;
          break;
        }
      }
      if (same) skipped.push({ path: input.path, size: input.file.size, sameAs: same.path });
      else kept.push(input);
    }
    if (skipped.length > 0 || replace) this.skipped = { seq: this.skipped.seq + (skipped.length > 0 ? 1 : 0), items: skipped };
    // Balance by bytes: each file goes to the shard with the least data.
    const load = this.shardLoads();
    for (const { file, path } of kept) {
      let shard = 0;
      for (let i = 1; i < load.length; i++) if (load[i] < load[shard]) shard = i;
      load[shard] += file.size;
      const opts: IndexOptions = { name: file.name, path };
      const f = newStoreFile(this.nextId++, path, file, shard, opts);
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
      // A large file is parsed by two shards (both cores): the page's work is throttled while it loads.
      const split = this.shards.length > 1 && file.size >= this.splitMinBytes;
      this.toShard(f.shard, { t: 'open', id: f.id, file, opts: f.opts, split });
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
    if (f.part) this.toShard(f.part.shard, { t: 'drop', id });
    this.events.reset(id);
    this.parsed(id);
    this.dirtyMerge = true;
    if (!quiet) {
      this.schedule(true);
      void this.dedupe();
    }
  }

  private resetFile(f: StoreFile): void {
    resetColumns(f);
    this.events.reset(f.id);
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
      // Cleared: back to what the file itself says (or the guess); withUserOptions below applies it.
      if (!o.node) nodeFromEvidence(f.facts);
    }
    if (o.timeBase !== undefined) {
      const tb = o.timeBase;
      const base = tb.base === 'assumed-utc' ? 'utc' : tb.base;
      f.opts = { ...f.opts, timeBase: { base, utcOffsetMinutes: tb.utcOffsetMinutes } };
      f.facts.timeBase = { ...f.facts.timeBase, base: tb.base, utcOffsetMinutes: tb.utcOffsetMinutes, source: 'user', reason: undefined };
    }
    if (o.clockMs !== undefined) f.opts = { ...f.opts, clockMs: o.clockMs || undefined };
    if (o.alignment !== undefined) f.opts = { ...f.opts, alignment: o.alignment === null ? undefined : { ...f.opts.alignment, ...o.alignment } };
    withUserOptions(f.facts, f);
    // Captures are aligned against their node's log: a node or a clock change re-proposes them.
    if (o.node !== undefined || o.clockMs !== undefined) this.alignCaptures();
    labelFiles(this.files.values());
    if (reindex) {
      f.gen++;
      f.facts.status = 'loading';
      f.finishedAt = null;
      f.startedAt = Date.now();
      this.resetFile(f);
      this.toShard(f.shard, { t: 'reindex', id, opts: f.opts });
    }
    // A changed node or time base only re-merges: the columns stay as written.
    this.dirtyMerge = true;
    this.events.invalidate();
    this.schedule(true);
    if (!reindex && (o.node !== undefined || o.timeBase !== undefined || o.clockMs !== undefined)) void this.dedupe();
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
    labelFiles(this.files.values());
    // Every re-merge follows a change of columns, files, nodes, time bases or duplicates.
    if (this.dirtyMerge || this.dirtyDensity) {
      this.dirtyDensity = false;
      this.densityVersion++;
      for (const f of this.files.values()) syncDensity(f);
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
    const files = this.visibleFiles();
    this.events.rebuild(
      files.map((f) => ({ id: f.id, path: f.path, facts: f.facts, ts: f.ts.data.subarray(0, f.ts.length), flags: f.flags.data.subarray(0, f.flags.length), level: f.level.data.subarray(0, f.level.length) })),
      this.spec,
      (found) => this.settleFiles(found),
      files.filter((f) => f.captureRows && f.finishedAt !== null).map((f) => ({
        id: f.id, facts: f.facts, rows: f.captureRows!,
        ts: f.ts.data.subarray(0, f.ts.length), flags: f.flags.data.subarray(0, f.flags.length), level: f.level.data.subarray(0, f.level.length), comp: f.comp.data.subarray(0, f.comp.length),
      })),
    );
    // The logs' lines are placed now: the captures' anchors can be paired with them.
    this.alignCaptures();
  }

  /**
   * Nodes guessed from the files' own `Node N:` lines and time bases from their UTC-stamped
   * messages: applied to the facts the events are then materialized with (in place). A new time
   * base moves the file's lines, so the merge is done again.
   */
  private settleFiles(found: Map<FileId, FileSettlement>): void {
    let nodes = false;
    let times = false;
    for (const f of this.files.values()) {
      const s = found.get(f.id);
      const g = s?.node ?? null;
      const tb = s?.timeBase ?? null;
      const newNode = !sameGuess(f.nodeGuess, g);
      const newTime = (f.timeProposal?.reason ?? null) !== (tb?.reason ?? null);
      if (!newNode && !newTime) continue;
      f.nodeGuess = g;
      f.timeProposal = tb;
      withUserOptions(f.facts, f);
      nodes ||= newNode;
      times ||= newTime;
    }
    if (nodes) labelFiles(this.files.values());
    if (nodes || times) times = this.alignCaptures() || times;
    if (times) {
      this.dirtyMerge = true;
      this.schedule(true);
    }
    if (nodes || times) void this.dedupe();
  }

  /**
   * Each capture's place on the axis from its node's logs as they now stand (captures/align.ts).
   * Returns whether one moved (the merge is then done again).
   */
  private alignCaptures(): boolean {
    const logs = [...this.files.values()].filter((f) => !f.facts.capture).map((f) => ({ facts: f.facts }));
    const named = logs.filter((l) => l.facts.node).map((l) => l.facts.node!);
    const logNodes = new Set(named.map((n) => n.toLowerCase()));
    const hosts = this.events.logHosts(named);
    let moved = false;
    let nodes = false;
    for (const f of this.files.values()) {
      if (!f.facts.capture || f.facts.status !== 'done') continue;
      // A capture its path names no node of (or a folder no log has as its node) takes the one its rows' host is.
      const h = !f.opts.node && hostMayName(f.facts, logNodes) ? nodeFromHosts(f.facts, hosts) : null;
      if (JSON.stringify(h) !== JSON.stringify(f.hostNode)) {
        f.hostNode = h;
        withUserOptions(f.facts, f);
        nodes = true;
      }
      const p = proposeAlignment(f.facts, logs, this.events.logAnchors());
      const before = JSON.stringify(f.alignment);
      if (JSON.stringify(p) === before) continue;
      f.alignment = p;
      withUserOptions(f.facts, f);
      moved = true;
    }
    if (nodes) labelFiles(this.files.values());
    if (moved || nodes) {
      this.dirtyMerge = true;
      this.events.invalidate();
      this.schedule(true);
    }
    return moved || nodes;
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

  snapshot(): EngineSnapshot {
    const files = [...this.files.values()];
    return buildSnapshot(files, this.colors, {
      version: this.version,
      viewRows: this.view.length,
      viewVersion: this.viewVersion,
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
      skipped: this.skipped,
      events: this.events.summary(),
      densityVersion: this.densityVersion,
    });
  }

  private density(req: DensityRequest): Density | null {
    return laneDensity(req, this.files.values(), this.visibleFiles(), this.spec.fileIds);
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

  private askHashes(f: StoreFile): Promise<Uint32Array> {
    const req = ++this.shardReq;
    return new Promise((resolve) => {
      this.pending.set(req, (m) => resolve((m as Extract<ShardToView, { t: 'hashes' }>).hashes));
      this.shards[f.shard].postMessage({ t: 'hashes', req, id: f.id, from: 0, to: f.ts.length } satisfies ViewToShard);
    });
  }

  /** Hides lines repeated by later files of the same node (file-dedupe.ts), then re-merges if that changed. */
  private async dedupe(): Promise<void> {
    const run = ++this.dedupeRun;
    const changed = await dedupeFiles([...this.files.values()], (f) => this.askHashes(f), () => run === this.dedupeRun);
    if (changed) {
      this.dirtyMerge = true;
      this.schedule(true);
    }
  }

  private askShard(shard: number, id: FileId, lines: Uint32Array): Promise<LinesReply> {
    const req = ++this.shardReq;
    return new Promise((resolve) => {
      this.pending.set(req, (m) => resolve(m as LinesReply));
      this.shards[shard].postMessage({ t: 'lines', req, id, lines } satisfies ViewToShard);
    });
  }

  private built(): BuiltView {
    return { view: this.view, merged: this.merged, slots: this.slots };
  }

  rows(start: number, count: number): Promise<Row[]> {
    return rowWindow(this.built(), start, count, this.spec.expandAll, (shard, id, lines) => this.askShard(shard, id, lines));
  }
}

const sameGuess = (a: NodeGuess | null, b: NodeGuess | null): boolean =>
  a === b || (a !== null && b !== null && a.ownId === b.ownId && a.name === b.name && a.where === b.where);
