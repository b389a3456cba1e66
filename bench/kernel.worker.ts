// Kernel worker of the benchmark: runs ONE kind of parse over one File, a warm-up and
// N timed runs, and reports per-run timings. The product's FileIndexer and the naive
// baseline run in the same kind of worker (this one), fed the same 16 MiB slices.
//
// Modes:
//   io          read the file in 16 MiB Blob.slice().arrayBuffer() calls, nothing else
//   index       product FileIndexer fed from the File (read + parse + index), as the shard does
//   index-mem   product FileIndexer over slices already in memory (parse + index only)
//   naive       TextDecoder stream + split('\n') + one regex per line + one object kept per line, from the File
//   naive-mem   same, over slices already in memory
//   phase-*     profiling kernels (see phases.ts), bytes in memory
//   hash-mem       the content fingerprint a shard computes beside parsing (base/content-hash.ts,
//                  issue 12), over the same slices in memory: its cost next to index-events-mem
//   capture-mem    the product's CaptureIndexer over a capture export's slices in memory (issue 11)
//   papaparse-mem  papaparse alone over the same slices: streaming decode, its parser with the
//                  unfinished record carried, rows counted (the capture figure's baseline)

import { fileSlices } from '../src/engine/file-slices.ts';
import { EventExtractor } from '../src/events/extract.ts';
import { FileIndexer } from '../src/ingest/indexer.ts';
import { SliceStore } from '../src/ingest/text.ts';
import { indexerSource } from '../src/events/indexer-source.ts';
import { SLICE_BYTES } from '../src/ingest/index.ts';
import { PHASES } from './phases.ts';
import Papa from 'papaparse';
import { ContentHasher, joinHash } from '../src/base/content-hash.ts';
import { CaptureIndexer } from '../src/sources/capture-indexer.ts';

export interface KernelRequest {
  file: File;
  mode: string;
  runs: number;
  warmup: number;
}

export interface KernelRun {
  ms: number;
  readMs: number;
  lines: number;
  bytes: number;
  /** Mode-specific extras (column sizes, buckets, ...). */
  extra?: Record<string, unknown>;
}

export interface KernelResult {
  mode: string;
  runs: KernelRun[];
  warmup: KernelRun[];
  error?: string;
}

declare const gc: (() => void) | undefined;
const collect = (): void => {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
};

async function readAll(file: File): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let off = 0; off < file.size; off += SLICE_BYTES) {
    out.push(new Uint8Array(await file.slice(off, Math.min(file.size, off + SLICE_BYTES)).arrayBuffer()));
  }
  return out;
}

// ---- The naive baseline (perf.md section 4, step 4) ---------------------------------------

// A w2016 record, as in the PowerShell summarizer quoted in perf.md section 5 (fixed-width
// level field), with the date split into numbers and the component tag captured:
//   PID.TID::YYYY/MM/DD-HH:MM:SS.mmm LEVL  [COMP] message
const LINE_RE = /^([0-9a-fA-F]{8})\.([0-9a-fA-F]{8})::(\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2}):(\d{2})\.(\d{3}) (.{4}) {2}(?:\[(\w+)[^\]]*\])?(.*)$/;

interface NaiveEvent {
  pid: number;
  tid: number;
  ts: number;
  level: string;
  comp: string;
  msg: string;
  raw: string;
}

class Naive {
  readonly events: (NaiveEvent | { raw: string })[] = [];
  private carry = '';
  private readonly td: TextDecoder;
  constructor(encoding: string) {
    this.td = new TextDecoder(encoding);
  }
  push(chunk: Uint8Array, last: boolean): void {
    const text = this.carry + this.td.decode(chunk, { stream: !last });
    const lines = text.split('\n');
    this.carry = last ? '' : (lines.pop() as string);
    const ev = this.events;
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i];
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      const m = LINE_RE.exec(line);
      if (m) {
        ev.push({
          pid: parseInt(m[1], 16),
          tid: parseInt(m[2], 16),
          ts: Date.UTC(+m[3], +m[4] - 1, +m[5], +m[6], +m[7], +m[8], +m[9]),
          level: m[10].trimEnd(),
          comp: m[11] ?? '',
          msg: m[12],
          raw: line,
        });
      } else ev.push({ raw: line });
    }
  }
}

function sniff(first: Uint8Array): string {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

// ---- Runs ---------------------------------------------------------------------------------

async function runOnce(file: File, mode: string, mem: Uint8Array[] | null): Promise<KernelRun> {
  const t0 = performance.now();
  let readMs = 0;
  const slices = async function* (): AsyncGenerator<Uint8Array> {
    if (mem) {
      for (const s of mem) yield s;
      return;
    }
    for (let off = 0; off < file.size; off += SLICE_BYTES) {
      const r0 = performance.now();
      const b = new Uint8Array(await file.slice(off, Math.min(file.size, off + SLICE_BYTES)).arrayBuffer());
      readMs += performance.now() - r0;
      yield b;
    }
  };
  if (mode === 'io') {
    let bytes = 0;
    for await (const s of slices()) bytes += s.length;
    return { ms: performance.now() - t0, readMs, lines: 0, bytes };
  }
  if (mode === 'index' || mode === 'index-mem') {
    const ix = new FileIndexer(file.size, { name: file.name });
    // 'index' reads exactly as the product's shards do (src/engine/file-slices.ts: read-ahead).
    if (mode === 'index') for await (const s of fileSlices(file)) ix.push(s);
    else for await (const s of slices()) ix.push(s);
    const out = ix.finish();
    const ms = performance.now() - t0;
    const c = out.columns;
    const n = c.length;
    const cols = [c.offset, c.ts, c.level, c.comp, c.thread, c.flags];
    const usedBytes = cols.reduce((a, x) => a + x.byteLength, 0);
    const allocBytes = cols.reduce((a, x) => a + x.buffer.byteLength, 0);
    return {
      ms, readMs, lines: n, bytes: file.size,
      extra: {
        columnBytes: usedBytes,
        columnBytesAllocated: allocBytes,
        columnBytesPerLine: usedBytes / n,
        columnBytesAllocatedPerLine: allocBytes / n,
        columnWidths: { offset: c.offset.BYTES_PER_ELEMENT, ts: c.ts.BYTES_PER_ELEMENT, level: c.level.BYTES_PER_ELEMENT, comp: c.comp.BYTES_PER_ELEMENT, thread: c.thread.BYTES_PER_ELEMENT, flags: c.flags.BYTES_PER_ELEMENT },
        threadTable: out.threads.pid.length,
        buckets: out.facts.buckets,
        encoding: out.facts.encoding,
        dialect: out.facts.dialect,
        status: out.facts.status,
        sections: out.facts.sections.length,
        components: out.facts.components.length,
        warnings: out.facts.warnings.slice(0, 3),
        errors: out.facts.errors.slice(0, 3),
      },
    };
  }
  if (mode === 'index-events-mem') {
    // What a shard does: index each slice, then recognize catalogue events in the new lines.
    const ix = new FileIndexer(file.size, { name: file.name });
    const store = new SliceStore();
    const ex = new EventExtractor();
    ix.probe = ex.probeFor(ix.facts.components);
    let events = 0;
    const run = (final: boolean) => {
      ex.run(indexerSource(ix, store), final);
      events += ex.take()?.line.length ?? 0;
    };
    for await (const s of slices()) {
      store.add(s);
      ix.push(s);
      run(false);
    }
    ix.finish();
    run(true);
    return { ms: performance.now() - t0, readMs, lines: ix.lineCount, bytes: file.size, extra: { events } };
  }
  if (mode === 'index-prefetch') {
    // As 'index', but the next slice is requested before the current one is parsed (I/O overlaps parsing).
    const ix = new FileIndexer(file.size, { name: file.name });
    const read = (off: number) => file.slice(off, Math.min(file.size, off + SLICE_BYTES)).arrayBuffer();
    let next: Promise<ArrayBuffer> | null = file.size > 0 ? read(0) : null;
    for (let off = 0; next; off += SLICE_BYTES) {
      const r0 = performance.now();
      const buf = new Uint8Array(await next);
      readMs += performance.now() - r0;
      next = off + SLICE_BYTES < file.size ? read(off + SLICE_BYTES) : null;
      ix.push(buf);
    }
    const out = ix.finish();
    return { ms: performance.now() - t0, readMs, lines: out.columns.length, bytes: file.size };
  }
  if (mode === 'naive' || mode === 'naive-mem') {
    let nv: Naive | null = null;
    let count = 0;
    const parts: Uint8Array[] = [];
    for await (const s of slices()) {
      if (!nv) nv = new Naive(sniff(s));
      parts.push(s);
      // Keep one slice of look-behind: call push with last=false for all but the final slice.
      if (parts.length === 2) nv.push(parts.shift() as Uint8Array, false);
    }
    if (nv) for (let i = 0; i < parts.length; i++) nv.push(parts[i], i === parts.length - 1);
    const ms = performance.now() - t0;
    count = nv ? nv.events.length : 0;
    let parsed = 0;
    if (nv) for (const e of nv.events) if ('ts' in e) parsed++;
    return { ms, readMs, lines: count, bytes: file.size, extra: { parsed } };
  }
  if (mode === 'hash-mem') {
    const h = new ContentHasher(0, file.size);
    for await (const s of slices()) h.push(s);
    const hash = joinHash([h.part()], file.size);
    return { ms: performance.now() - t0, readMs, lines: 0, bytes: file.size, extra: { hash } };
  }
  if (mode === 'capture-mem') {
    const ix = new CaptureIndexer(file.size, { name: file.name });
    for await (const s of slices()) ix.push(s);
    const out = ix.finish();
    const cap = out.facts.capture!;
    return { ms: performance.now() - t0, readMs, lines: out.columns.length, bytes: file.size, extra: { records: cap.records, malformed: cap.malformed, status: out.facts.status, errors: out.facts.errors.slice(0, 2) } };
  }
  if (mode === 'papaparse-mem') {
    const dec = new TextDecoder('utf-8');
    const parser = new Papa.Parser({ delimiter: ',', newline: '\r\n', quoteChar: '"' });
    let carry = '';
    let rows = 0;
    const all = [];
    for await (const s of slices()) all.push(s);
    for (let i = 0; i < all.length; i++) {
      const last = i === all.length - 1;
      const input = carry + dec.decode(all[i], { stream: !last });
      const res = parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
      carry = last ? '' : input.slice(res.meta.cursor);
      rows += res.data.length;
    }
    return { ms: performance.now() - t0, readMs, lines: rows, bytes: file.size };
  }
  const phase = PHASES[mode];
  if (phase && mem) {
    const r = phase(mem, file.size);
    return { ms: performance.now() - t0, readMs, lines: r.lines, bytes: file.size, extra: r.extra };
  }
  throw new Error(`unknown mode ${mode}`);
}

/**
 * The capture hand-off figure: the first HANDOFF_ROWS rows of an indexed capture, their columns
 * (time, level, component, flags, sub-ms, group, class) posted to the page by transfer, once per
 * run; the page times from the post to its handler holding them (bench/page.ts handoff()).
 */
export const HANDOFF_ROWS = 500_000;
let acks: (() => void) | null = null;
async function handoffRuns(file: File, runs: number): Promise<void> {
  const ix = new CaptureIndexer(file.size, { name: file.name });
  for await (const s of fileSlices(file)) ix.push(s);
  ix.finish();
  const n = Math.min(HANDOFF_ROWS + 1, ix.lineCount);
  const g = ix.groupsView();
  for (let r = 0; r < runs; r++) {
    const seg = ix.segment(0);
    const cols = {
      ts: seg.ts.slice(0, n), level: seg.level.slice(0, n), comp: seg.comp.slice(0, n), flags: seg.flags.slice(0, n),
      ns: ix.nsView().slice(0, n), group: g.group.slice(0, n), cls: g.cls.slice(0, n),
    };
    const wait = new Promise<void>((res) => { acks = res; });
    (self as unknown as Worker).postMessage({ t: 'handoff', at: performance.timeOrigin + performance.now(), rows: n - 1, cols }, Object.values(cols).map((c) => c.buffer));
    await wait;
  }
  (self as unknown as Worker).postMessage({ t: 'handoff-done' });
}

self.onmessage = async (e: MessageEvent<KernelRequest | { t: 'ack' }>) => {
  if ('t' in e.data) {
    acks?.();
    return;
  }
  if (e.data.mode === 'capture-handoff') {
    await handoffRuns(e.data.file, e.data.runs + e.data.warmup);
    return;
  }
  const { file, mode, runs, warmup } = e.data;
  const res: KernelResult = { mode, runs: [], warmup: [] };
  try {
    const needMem = mode.endsWith('-mem') || mode.startsWith('phase-');
    const mem = needMem ? await readAll(file) : null;
    for (let i = 0; i < warmup + runs; i++) {
      collect();
      const r = await runOnce(file, mode, mem);
      (i < warmup ? res.warmup : res.runs).push(r);
    }
  } catch (err) {
    res.error = (err as Error).stack ?? String(err);
  }
  collect();
  (self as unknown as Worker).postMessage(res);
};
