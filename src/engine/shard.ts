// A shard keeps the raw bytes and line offsets of the files it parsed, and answers
// text and search requests for them. Pure logic with a `post` callback: the worker
// entry only wires messages.

import { chunkTransfer } from '../events/columns.ts';
import { EventExtractor, slowLineWarnings } from '../events/extract.ts';
import { indexerSource } from '../events/indexer-source.ts';
import { CaptureIndexer, type RowRenderer } from '../sources/capture-indexer.ts';
import { HEAD_BYTES, indexerFor } from '../sources/open-source.ts';
import { FileIndexer } from '../ingest/indexer.ts';
import { decodeLine, SliceStore } from '../ingest/text.ts';
import type { FileFacts, IndexOptions, ThreadTable } from '../ingest/types.ts';
import { searchBlocks } from '../store/search.ts';
import { ContentHasher, joinHash, type HashPart } from '../base/content-hash.ts';
import { fileSlices } from './file-slices.ts';
import type { FromReader, ToReader } from './reader.ts';
import type { SecondHalfResult, ShardToView, ViewToShard } from './protocol.ts';
import { FirstHalf, halfTransfer, joinHalves, SecondHalf } from './split-halves.ts';

/** How long one search may run over a shard's files before it stops with a message. */
export const SEARCH_BUDGET_MS = 30_000;

/** Resolves after the messages already queued have been handled (a macrotask, not clamped like nested timers). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

interface ShardFile {
  id: number;
  gen: number;
  store: SliceStore;
  offset: Float64Array;
  thread: Uint32Array;
  threads: ThreadTable;
  facts: FileFacts | null;
  /** The indexer while the file is being read, so that shown lines have text before the end. */
  ix: FileIndexer | CaptureIndexer | null;
  /** A capture's sub-millisecond time parts (ns within the ms, -1: none), once read; null for a log. */
  ns: Int32Array | null;
  /** Where the text of the last line ends: the file's size, or a capture's rendered rows' size. */
  textEnd: number;
  /** A capture export, not a log. */
  capture: boolean;
  /** How a capture's records are shown (null: its store holds its rows as shown). */
  render: RowRenderer | null;
  /** Lines already sent to the view worker. */
  sent: number;
  /** Recognizes catalogue events as lines arrive (restarted by a re-index). */
  events: EventExtractor;
  size: number;
  dropped: boolean;
  file: File | null;
  /** While a split file's halves are apart: this shard's side (the first half). */
  split: FirstHalf | null;
  /** Fingerprints the bytes as they are read (this shard's side of a split file); null once done. */
  hasher: ContentHasher | null;
  /** The other half's share of the fingerprint, once joined. */
  hashParts: HashPart[];
  contentHash: string | null;
}

/** The second half of another shard's file, being indexed here. */
interface PartJob {
  gen: number;
  half: SecondHalf;
  read: number;
}

type Post = (msg: ShardToView, transfer?: Transferable[]) => void;

export class Shard {
  private readonly files = new Map<number, ShardFile>();
  private readonly parts = new Map<number, PartJob>();
  private searchReq = 0;
  /** A search stops past this (between blocks). Settable for tests. */
  searchBudgetMs = SEARCH_BUDGET_MS;

  /** Sends to this shard's reader worker, when there is one. */
  private readonly reader: ((m: ToReader) => void) | null;

  constructor(private readonly post: Post, reader?: (m: ToReader) => void) {
    this.reader = reader ?? null;
  }

  handle(msg: ViewToShard): void {
    switch (msg.t) {
      case 'open':
        void this.open(msg.id, msg.file, msg.opts, !!msg.split);
        break;
      case 'openPart':
        this.openPart(msg);
        break;
      case 'join': {
        const sf = this.files.get(msg.id);
        if (sf?.split && sf.gen === msg.gen) {
          sf.split.half = msg.half;
          this.tryJoin(sf);
        }
        break;
      }
      case 'reindex':
        this.reindex(msg.id, msg.opts);
        break;
      case 'drop': {
        const f = this.files.get(msg.id);
        if (f) f.dropped = true;
        this.files.delete(msg.id);
        this.parts.delete(msg.id);
        this.reader?.({ t: 'cancel', id: msg.id });
        break;
      }
      case 'lines':
        this.lines(msg.req, msg.id, msg.lines);
        break;
      case 'search':
        void this.search(msg.req, msg.spec, msg.ids);
        break;
      case 'hashes':
        this.hashes(msg.req, msg.id, msg.from, msg.to);
        break;
    }
  }

  /**
   * What the input is decides its indexer: a capture export (sniffed from its first bytes) is
   * indexed into the same columns as a log, with its rows rendered as its text.
   */
  private async open(id: number, file: File, opts: IndexOptions, split: boolean): Promise<void> {
    const sf: ShardFile = {
      id, gen: 0, store: new SliceStore(), offset: new Float64Array(0), thread: new Uint32Array(0),
      threads: { pid: [], tid: [] }, facts: null, ix: null, ns: null, textEnd: file.size, capture: false, render: null, sent: 0, events: new EventExtractor(),
      size: file.size, dropped: false, file, split: null, hasher: new ContentHasher(0, file.size), hashParts: [], contentHash: null,
    };
    this.files.set(id, sf);
    let head = new Uint8Array(0);
    try {
      head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    } catch {
      // Unreadable: the read below reports it.
    }
    if (sf.dropped) return;
    const ix = indexerFor(head, file.size, opts);
    sf.ix = ix;
    if (ix instanceof CaptureIndexer) {
      sf.store = ix.text;
      sf.capture = true;
      split = false;
    } else ix.probe = sf.events.probeFor(ix.facts.components);
    // A split needs a reader worker on each side (the engine's shards have them; in-thread tools do not).
    if (split && this.reader) this.planSplit(sf, file);
    if (this.reader) this.reader({ t: 'read', id, gen: sf.gen, file, name: file.name });
    else void this.readHere(sf, file);
  }

  /** Slices from the reader worker: parse, acknowledge (the reader then reads one more). */
  fromReader(m: FromReader): void {
    const job = this.parts.get(m.id);
    if (job) {
      this.partSlice(m.id, job, m);
      return;
    }
    const sf = this.files.get(m.id);
    if (!sf || sf.gen !== m.gen || !sf.ix) return;
    if (m.t === 'error') {
      this.post({ t: 'failed', id: m.id, gen: m.gen, message: m.message });
      return;
    }
    this.slice(sf, new Uint8Array(m.bytes), m.last);
  }

  private slice(sf: ShardFile, buf: Uint8Array, last: boolean): void {
    const fh = sf.split;
    if (fh) {
      if (fh.reachedCut) return; // read ahead before the reader was stopped
      if (fh.cut === null && fh.readPos > 0) {
        fh.queued.push({ bytes: buf, last });
        return;
      }
      if (fh.cut !== null && fh.cut >= 0 && fh.readPos + buf.length >= fh.cut) {
        // The first half ends at the cut: the rest of this slice is the second half's.
        const keep = fh.cut - fh.readPos;
        fh.readPos = fh.cut;
        if (keep > 0) this.take(sf, buf.subarray(0, keep));
        fh.reachedCut = true;
        this.reader?.({ t: 'cancel', id: sf.id });
        this.tryJoin(sf);
        return;
      }
      fh.readPos += buf.length;
    }
    this.take(sf, buf);
    if (fh && fh.cut === null) this.advanceSplit(sf);
    if (last) this.finish(sf, sf.ix!, sf.sent);
    else this.reader?.({ t: 'ack', id: sf.id, gen: sf.gen });
  }

  // ---- A file parsed by two shards (src/engine/split-halves.ts) ------------------------------

  /** Reads the bytes around the middle beside the first slices; the cut is decided when they and the head are there. */
  private planSplit(sf: ShardFile, file: File): void {
    const fh = new FirstHalf(file.size);
    sf.split = fh;
    const [a, b] = fh.windowRange();
    file.slice(a, b).arrayBuffer().then(
      (buf) => fh.setWindow(new Uint8Array(buf)),
      () => fh.setWindow(null),
    ).finally(() => {
      if (sf.split === fh && !sf.dropped) this.advanceSplit(sf);
    });
  }

  private advanceSplit(sf: ShardFile): void {
    const fh = sf.split!;
    if (fh.cut !== null) return;
    const head = (sf.ix as FileIndexer).resumeHead(); // only a log is split
    const cut = fh.decide(head, fh.readPos > 0);
    if (cut === null) return;
    if (cut >= 0 && head && sf.file) this.post({ t: 'split', id: sf.id, gen: sf.gen, file: sf.file, head: FirstHalf.headForSecond(head), start: cut });
    else sf.split = null; // not split after all: the queued slices are indexed here
    for (const q of fh.queued.splice(0)) this.slice(sf, q.bytes, q.last);
  }

  /** Joins once the first half reached the cut and the second half came. */
  private tryJoin(sf: ShardFile): void {
    const fh = sf.split;
    if (!fh || !fh.reachedCut || !fh.half) return;
    const { part, events, bytes, hash } = fh.half;
    fh.half = null;
    sf.hashParts.push(hash);
    const joined = joinHalves(sf.ix as FileIndexer, sf.events, sf.store, part, events, bytes);
    sf.split = null;
    this.finish(sf, sf.ix!, sf.sent, joined ? 2 : 'rest');
    if (fh.pendingReindex) this.reindex(sf.id, fh.pendingReindex);
  }

  /** The second half of another shard's file: read from its start through this shard's reader. */
  private openPart(msg: Extract<ViewToShard, { t: 'openPart' }>): void {
    if (!this.reader) return;
    const half = new SecondHalf(msg.file.size, msg.opts, msg.head, msg.start);
    this.parts.set(msg.id, { gen: msg.gen, half, read: 0 });
    this.reader({ t: 'read', id: msg.id, gen: msg.gen, file: msg.file.slice(msg.start), name: msg.file.name });
  }

  private partSlice(id: number, job: PartJob, m: FromReader): void {
    if (m.gen !== job.gen) return;
    if (m.t === 'error') {
      this.parts.delete(id);
      this.post({ t: 'failed', id, gen: m.gen, message: m.message });
      return;
    }
    const buf = new Uint8Array(m.bytes);
    job.half.push(buf);
    job.read += buf.length;
    this.post({ t: 'partProgress', id, gen: job.gen, bytesRead: job.read });
    if (!m.last) {
      this.reader?.({ t: 'ack', id, gen: m.gen });
      return;
    }
    this.parts.delete(id);
    const half: SecondHalfResult = job.half.finish();
    this.post({ t: 'part', id, gen: job.gen, half }, halfTransfer(half));
  }

  private take(sf: ShardFile, buf: Uint8Array): void {
    sf.hasher?.push(buf);
    // A capture keeps its rendered rows (CaptureIndexer.text), not its bytes.
    if (sf.ix instanceof FileIndexer) sf.store.add(buf);
    sf.ix!.push(buf);
    sf.sent = this.sendSegment(sf, sf.ix!, sf.sent);
    this.extract(sf, sf.ix!, false);
  }

  /** Runs event recognition over the lines indexed so far and sends what it found (captures have no catalogue events yet). */
  private extract(sf: ShardFile, ix: FileIndexer | CaptureIndexer, final: boolean): void {
    if (!(ix instanceof FileIndexer)) return;
    const src = indexerSource(ix, sf.store);
    sf.events.run(src, final);
    const chunk = sf.events.take();
    if (chunk) this.post({ t: 'events', id: sf.id, gen: sf.gen, chunk }, chunkTransfer(chunk));
  }

  /** Without a reader worker (tests, tools), read in this thread. */
  private async readHere(sf: ShardFile, file: File): Promise<void> {
    try {
      for await (const buf of fileSlices(file)) {
        if (sf.dropped) return;
        this.take(sf, buf);
      }
    } catch (e) {
      this.post({ t: 'failed', id: sf.id, gen: sf.gen, message: `${file.name}: the file could not be read (${(e as Error).message}).` });
      return;
    }
    this.finish(sf, sf.ix!, sf.sent);
  }

  private reindex(id: number, opts: IndexOptions): void {
    const sf = this.files.get(id);
    // A capture has no dialect, encoding or month to change, and keeps no bytes to re-read.
    if (!sf || sf.capture) return;
    if (sf.split) {
      sf.split.pendingReindex = opts; // its bytes are not all here yet
      return;
    }
    sf.gen++;
    const ix = new FileIndexer(sf.size, opts);
    sf.ix = ix;
    sf.sent = 0;
    sf.events = new EventExtractor();
    ix.probe = sf.events.probeFor(ix.facts.components);
    for (const { bytes } of sf.store.each()) {
      ix.push(bytes);
      sf.sent = this.sendSegment(sf, ix, sf.sent);
      this.extract(sf, ix, false);
    }
    this.finish(sf, ix, sf.sent);
  }

  private sendSegment(sf: ShardFile, ix: FileIndexer | CaptureIndexer, sent: number): number {
    const n = ix.lineCount;
    if (n <= sent) {
      this.post({ t: 'segment', id: sf.id, gen: sf.gen, from: sent, ts: new Float64Array(0), level: new Uint8Array(0), comp: new Uint16Array(0), flags: new Uint8Array(0), facts: ix.facts, progress: { bytesRead: ix.bytesConsumed, lines: n } });
      return sent;
    }
    const seg = ix.segment(sent);
    this.post(
      { t: 'segment', id: sf.id, gen: sf.gen, from: sent, ts: seg.ts, level: seg.level, comp: seg.comp, flags: seg.flags, facts: ix.facts, progress: { bytesRead: ix.bytesConsumed, lines: n } },
      [seg.ts.buffer, seg.level.buffer, seg.comp.buffer, seg.flags.buffer],
    );
    return n;
  }

  private finish(sf: ShardFile, ix: FileIndexer | CaptureIndexer, sent: number, halves: 1 | 2 | 'rest' = 1): void {
    const out = ix.finish();
    if (sf.hasher) {
      // Every byte has been read (a re-index reads none and keeps this).
      sf.contentHash = joinHash([sf.hasher.part(), ...sf.hashParts], sf.size);
      sf.hasher = null;
      sf.hashParts = [];
    }
    out.facts.contentHash = sf.contentHash;
    if (ix instanceof CaptureIndexer) {
      sf.ns = ix.nsView().slice();
      sf.textEnd = ix.textBytes;
      sf.render = ix.renderer;
      const g = ix.groupsView();
      const group = g.group.slice();
      const cls = g.cls.slice();
      this.post({ t: 'captureRows', id: sf.id, gen: sf.gen, group, cls, groups: [...g.groups] }, [group.buffer, cls.buffer]);
    }
    sent = this.sendSegment(sf, ix, sent);
    this.extract(sf, ix, true);
    for (const w of slowLineWarnings(sf.events.slow)) out.facts.warnings.push(w);
    // Keep only what text and search need: offsets and threads (right-sized copies).
    sf.offset = out.columns.offset.slice();
    sf.thread = out.columns.thread.slice();
    sf.threads = out.threads;
    sf.facts = out.facts;
    sf.ix = null;
    sf.file = null;
    this.post({ t: 'done', id: sf.id, gen: sf.gen, facts: out.facts, progress: { bytesRead: sf.size, lines: out.facts.lines }, halves });
  }

  private lines(req: number, id: number, lines: Uint32Array): void {
    const sf = this.files.get(id);
    const texts: string[] = [];
    const pid = new Int32Array(lines.length).fill(-1);
    const tid = new Int32Array(lines.length).fill(-1);
    const ns = new Int32Array(lines.length).fill(-1);
    const nsOf = sf?.ix instanceof CaptureIndexer ? sf.ix.nsView() : sf?.ns ?? null;
    // While a file is read, its offsets and threads live in the indexer.
    const ix = sf?.ix ?? null;
    const offset = ix ? ix.offsetsView() : sf?.offset;
    const th = ix ? ix.threadsView() : sf ? { thread: sf.thread, table: sf.threads } : null;
    const encoding = ix ? ix.facts.encoding : sf?.facts?.encoding;
    for (let k = 0; k < lines.length; k++) {
      const i = lines[k];
      if (!sf || !offset || !th || !encoding || i >= offset.length) {
        texts.push('');
        continue;
      }
      const end = ix ? ix.lineEnd(i) : i + 1 < offset.length ? offset[i + 1] : sf.textEnd;
      const text = decodeLine(sf.store, offset[i], end, encoding);
      // A capture's record is shown rendered from its columns (the bytes stay as the file wrote them).
      const render = ix instanceof CaptureIndexer ? ix.renderer : sf.render;
      texts.push(render ? render.render(i, text) : text);
      if (nsOf && i < nsOf.length) ns[k] = nsOf[i];
      const t = th.thread[i];
      pid[k] = th.table.pid[t] ?? -1;
      tid[k] = th.table.tid[t] ?? -1;
    }
    this.post({ t: 'lines', req, texts, pid, tid, ns }, [pid.buffer, tid.buffer, ns.buffer]);
  }

  /** FNV-1a of each line's bytes, line ending excluded. */
  private hashes(req: number, id: number, from: number, to: number): void {
    const sf = this.files.get(id);
    const n = sf ? sf.offset.length : 0;
    to = Math.min(to, n);
    const out = new Uint32Array(Math.max(0, to - from));
    if (sf) {
      for (let i = from; i < to; i++) {
        const b = sf.store.range(sf.offset[i], i + 1 < n ? sf.offset[i + 1] : sf.textEnd);
        let e = b.length;
        while (e > 0 && (b[e - 1] === 10 || b[e - 1] === 13 || b[e - 1] === 0)) e--;
        let h = 0x811c9dc5;
        for (let k = 0; k < e; k++) h = Math.imul(h ^ b[k], 0x01000193);
        out[i - from] = h >>> 0;
      }
    }
    this.post({ t: 'hashes', req, hashes: out }, [out.buffer]);
  }

  /**
   * Hits stream to the view block by block (8 MB of text each). Between blocks the shard answers
   * other messages: a newer search stops this one there, and a search past its time budget stops
   * with a message naming the pattern (the rest of the app keeps working).
   */
  private async search(req: number, spec: { text: string; regex: boolean; caseSensitive: boolean }, ids: number[]): Promise<void> {
    this.searchReq = req;
    const started = Date.now();
    let error: string | undefined;
    for (const id of ids) {
      const sf = this.files.get(id);
      if (!sf || !sf.facts || this.searchReq !== req || error) {
        this.post({ t: 'hits', req, id, lines: new Uint32Array(0), done: true, error });
        continue;
      }
      const target = {
        offset: sf.offset, length: sf.offset.length, size: sf.textEnd, encoding: sf.facts.encoding,
        range: (a: number, b: number) => sf.store.range(a, b),
        sliceEnds: sf.store.ends(),
      };
      for (const found of searchBlocks(target, spec)) {
        if (found.length) {
          const lines = Uint32Array.from(found);
          this.post({ t: 'hits', req, id, lines, done: false }, [lines.buffer]);
        }
        await nextTask();
        if (this.searchReq !== req) break;
        if (Date.now() - started > this.searchBudgetMs) {
          error = `The search for ${spec.regex ? 'the pattern ' : ''}'${spec.text}' was stopped after ${Math.round(this.searchBudgetMs / 1000)} s (its time budget), in ${sf.facts.name}: the hits so far are shown. A narrower pattern, or a literal, is faster.`;
          break;
        }
      }
      this.post({ t: 'hits', req, id, lines: new Uint32Array(0), done: true, error });
    }
  }
}
