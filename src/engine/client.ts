// The browser engine: one view worker (store, merge, filters) and one shard worker
// per core (parsing, raw bytes, text and search), connected by MessagePorts.
// Implements the EngineClient contract for the views.

import { SPLIT_MIN_BYTES } from '../ingest/split.ts';
import type { Insights, LineLink, SourceFile } from './api.ts';
import type { TimelineMarks } from '../timeline/marks.ts';
import { EMPTY_EVENTS, type Density, type DensityRequest, type EngineClient, type EngineSnapshot, type EventFilter, type EventRow, type FileId, type FileOptions, type InputFile, type Row, type SearchSpec, type ViewSpec } from './api.ts';
import type { MainToView, ViewToMain } from './protocol.ts';

const EMPTY: EngineSnapshot = {
  version: 0, files: [], nodes: [], totalLines: 0, viewRows: 0, viewVersion: 0, components: [], timeMin: null, timeMax: null,
  search: { spec: null, running: false, hits: 0, visibleHits: 0, error: null, elapsedMs: 0 }, loading: false, demo: false, events: EMPTY_EVENTS,
  densityVersion: 0, skipped: { seq: 0, items: [] },
};

export class WorkerEngine implements EngineClient {
  private readonly view: Worker;
  private readonly shards: Worker[] = [];
  private snap: EngineSnapshot = EMPTY;
  private readonly listeners = new Set<(s: EngineSnapshot) => void>();
  private req = 0;
  private readonly replies = new Map<number, (v: unknown) => void>();

  // A shard per core, all of them searching; the view store lets at most cores - 1 of them
  // parse at once, so that a core stays with the page while files load.
  // A large file is split over two shards only with 3 cores or more: on 2 cores, reading the
  // File costs the browser process as much CPU as parsing, and the bench measured the split
  // load slower than one shard (about 2.8-3.3 s against 2.3-2.5 s for 300 MB; bench T3.split).
  constructor(shardCount = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)), opts: { splitMinBytes?: number } = {}) {
    this.view = new Worker(new URL('../workers/view.worker.ts', import.meta.url), { type: 'module', name: 'clusterlens-view' });
    this.view.onmessage = (e: MessageEvent<ViewToMain>) => this.onMessage(e.data);
    const ports: MessagePort[] = [];
    for (let i = 0; i < shardCount; i++) {
      const w = new Worker(new URL('../workers/shard.worker.ts', import.meta.url), { type: 'module', name: `clusterlens-shard-${i}` });
      // Each shard gets a reader worker, so that reading the next slice overlaps parsing this one.
      const r = new Worker(new URL('../workers/reader.worker.ts', import.meta.url), { type: 'module', name: `clusterlens-reader-${i}` });
      const ch = new MessageChannel();
      const rd = new MessageChannel();
      r.postMessage({ port: rd.port1 }, [rd.port1]);
      w.postMessage({ port: ch.port1, reader: rd.port2 }, [ch.port1, rd.port2]);
      ports.push(ch.port2);
      this.shards.push(w, r);
    }
    const splitMinBytes = opts.splitMinBytes ?? ((navigator.hardwareConcurrency || 2) > 2 ? SPLIT_MIN_BYTES : Infinity);
    this.post({ t: 'init', shards: ports, splitMinBytes }, ports);
  }

  private post(msg: MainToView, transfer: Transferable[] = []): void {
    this.view.postMessage(msg, transfer);
  }

  private onMessage(msg: ViewToMain): void {
    if (msg.t === 'snapshot') {
      this.snap = msg.snap;
      for (const l of this.listeners) l(this.snap);
    } else {
      const cb = this.replies.get(msg.req);
      if (cb) {
        this.replies.delete(msg.req);
        cb(msg.value);
      }
    }
  }

  private ask<T>(build: (req: number) => MainToView): Promise<T> {
    const req = ++this.req;
    return new Promise<T>((resolve) => {
      this.replies.set(req, (v) => resolve(v as T));
      this.post(build(req));
    });
  }

  addFiles(files: InputFile[], opts: { replace: boolean; demo?: boolean }): void {
    this.post({ t: 'add', files: files.map((f) => ({ file: f.file, path: f.path })), replace: opts.replace, demo: opts.demo ?? false });
  }
  removeFile(id: FileId): void {
    this.post({ t: 'remove', id });
  }
  setFileOptions(id: FileId, opts: FileOptions): void {
    this.post({ t: 'options', id, opts });
  }
  setView(spec: ViewSpec): void {
    this.post({ t: 'view', spec });
  }
  search(spec: SearchSpec | null): void {
    this.post({ t: 'search', spec });
  }
  getRows(start: number, count: number): Promise<Row[]> {
    return this.ask((req) => ({ t: 'rows', req, start, count }));
  }
  nextHit(from: number, dir: 1 | -1): Promise<number> {
    return this.ask((req) => ({ t: 'nextHit', req, from, dir }));
  }
  toggleEntry(pos: number): void {
    this.post({ t: 'toggle', pos });
  }
  positionOf(fileId: FileId, line: number): Promise<number> {
    return this.ask((req) => ({ t: 'posOf', req, id: fileId, line }));
  }
  positionAtTime(utcMs: number): Promise<number> {
    return this.ask((req) => ({ t: 'posAt', req, utc: utcMs }));
  }
  setEventFilter(filter: EventFilter): void {
    this.post({ t: 'eventFilter', filter });
  }
  getEventRows(start: number, count: number): Promise<EventRow[]> {
    return this.ask((req) => ({ t: 'eventRows', req, start, count }));
  }
  getTimeline(): Promise<TimelineMarks | null> {
    return this.ask((req) => ({ t: 'timeline', req }));
  }

  getEventAt(fileId: FileId, line: number): Promise<EventRow | null> {
    return this.ask((req) => ({ t: 'eventAt', req, fileId, line }));
  }
  getInsights(): Promise<Insights> {
    return this.ask((req) => ({ t: 'insights', req }));
  }

  getSources(): Promise<SourceFile[]> {
    return this.ask((req) => ({ t: 'sources', req }));
  }

  getLinks(fileId: FileId, line: number, pid: number, text: string): Promise<LineLink[]> {
    return this.ask((req) => ({ t: 'links', req, fileId, line, pid, text }));
  }
  getDensity(d: DensityRequest): Promise<Density | null> {
    return this.ask((req) => ({ t: 'density', req, t0: d.t0, t1: d.t1, buckets: d.buckets }));
  }
  subscribe(listener: (s: EngineSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  snapshot(): EngineSnapshot {
    return this.snap;
  }
  dispose(): void {
    this.view.terminate();
    for (const w of this.shards) w.terminate();
  }
}

export function createEngine(): EngineClient {
  return new WorkerEngine();
}
