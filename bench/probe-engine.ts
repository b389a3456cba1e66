// Same wiring as src/engine/client.ts (WorkerEngine), but with bench/probe-view.worker.ts as
// the view worker so that the sizes of the view structures can be read. Shards are the product's.
import type { Density, DensityRequest, EngineClient, EngineSnapshot, EventFilter, EventRow, FileId, LineLink, SourceFile, Insights, FileOptions, InputFile, Row, SearchSpec, ViewSpec } from '../src/engine/api.ts';
import type { MainToView, ViewToMain } from '../src/engine/protocol.ts';
import type { TimelineMarks } from '../src/timeline/marks.ts';

export class ProbeEngine implements EngineClient {
  private readonly view: Worker;
  private readonly shards: Worker[] = [];
  private snap: EngineSnapshot | null = null;
  private readonly listeners = new Set<(s: EngineSnapshot) => void>();
  private req = 0;
  private readonly replies = new Map<number, (v: unknown) => void>();

  constructor(shardCount = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2))) {
    this.view = new Worker(new URL('./probe-view.worker.ts', import.meta.url), { type: 'module', name: 'bench-probe-view' });
    this.view.onmessage = (e: MessageEvent<ViewToMain>) => this.onMessage(e.data);
    const ports: MessagePort[] = [];
    for (let i = 0; i < shardCount; i++) {
      const w = new Worker(new URL('../src/workers/shard.worker.ts', import.meta.url), { type: 'module', name: `bench-probe-shard-${i}` });
      const ch = new MessageChannel();
      w.postMessage({ port: ch.port1 }, [ch.port1]);
      ports.push(ch.port2);
      this.shards.push(w);
    }
    this.post({ t: 'init', shards: ports }, ports);
  }

  private post(msg: MainToView | { t: 'probe'; req: number }, transfer: Transferable[] = []): void {
    this.view.postMessage(msg, transfer);
  }

  private onMessage(msg: ViewToMain): void {
    if (msg.t === 'snapshot') {
      this.snap = msg.snap;
      for (const l of this.listeners) l(msg.snap);
    } else {
      const cb = this.replies.get(msg.req);
      if (cb) {
        this.replies.delete(msg.req);
        cb(msg.value);
      }
    }
  }

  private ask<T>(build: (req: number) => MainToView | { t: 'probe'; req: number }): Promise<T> {
    const req = ++this.req;
    return new Promise<T>((resolve) => {
      this.replies.set(req, (v) => resolve(v as T));
      this.post(build(req));
    });
  }

  probe(): Promise<Record<string, number>> {
    return this.ask((req) => ({ t: 'probe', req }));
  }
  addFiles(files: InputFile[], opts: { replace: boolean; demo?: boolean }): void {
    this.post({ t: 'add', files: files.map((f) => ({ file: f.file, path: f.path })), replace: opts.replace, demo: opts.demo ?? false });
  }
  removeFile(id: FileId): void { this.post({ t: 'remove', id }); }
  setFileOptions(id: FileId, opts: FileOptions): void { this.post({ t: 'options', id, opts }); }
  setView(spec: ViewSpec): void { this.post({ t: 'view', spec }); }
  search(spec: SearchSpec | null): void { this.post({ t: 'search', spec }); }
  getRows(start: number, count: number): Promise<Row[]> { return this.ask((req) => ({ t: 'rows', req, start, count })); }
  nextHit(from: number, dir: 1 | -1): Promise<number> { return this.ask((req) => ({ t: 'nextHit', req, from, dir })); }
  toggleEntry(pos: number): void { this.post({ t: 'toggle', pos }); }
  positionOf(fileId: FileId, line: number): Promise<number> { return this.ask((req) => ({ t: 'posOf', req, id: fileId, line })); }
  positionAtTime(utcMs: number): Promise<number> { return this.ask((req) => ({ t: 'posAt', req, utc: utcMs })); }
  subscribe(listener: (s: EngineSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  snapshot(): EngineSnapshot { return this.snap as EngineSnapshot; }
  setEventFilter(filter: EventFilter): void { this.post({ t: 'eventFilter', filter }); }
  getEventRows(start: number, count: number): Promise<EventRow[]> { return this.ask((req) => ({ t: 'eventRows', req, start, count })); }
  getTimeline(): Promise<TimelineMarks | null> { return this.ask((req) => ({ t: 'timeline', req })); }
  getEventAt(fileId: FileId, line: number): Promise<EventRow | null> { return this.ask((req) => ({ t: 'eventAt', req, fileId, line })); }
  getLinks(fileId: FileId, line: number, pid: number, text: string): Promise<LineLink[]> { return this.ask((req) => ({ t: 'links', req, fileId, line, pid, text })); }
  getSources(): Promise<SourceFile[]> { return this.ask((req) => ({ t: 'sources', req })); }
  getInsights(): Promise<Insights> { return this.ask((req) => ({ t: 'insights', req })); }
  getDensity(d: DensityRequest): Promise<Density | null> {
    return this.ask((req) => ({ t: 'density', req, t0: d.t0, t1: d.t1, buckets: d.buckets }));
  }
  dispose(): void {
    this.view.terminate();
    for (const w of this.shards) w.terminate();
  }
}
