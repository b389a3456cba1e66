// In-process entry point of the parsing core: index a whole byte array (tests, CLI).
// Browsers use the same FileIndexer from a worker, fed 16 MiB slices.

import { isoUtc } from '../base/civil.ts';
import { FileIndexer } from './indexer.ts';
import { decodeLine, SliceStore } from './text.ts';
import { toUtcShift } from './timebase.ts';
import type { FileFacts, FileSummary, IndexOptions, LineColumns, ThreadTable } from './types.ts';

export { FileIndexer } from './indexer.ts';
export * from './types.ts';

export interface IndexedFile {
  facts: FileFacts;
  columns: LineColumns;
  threads: ThreadTable;
  /** Line i decoded, without its line ending. */
  lineText(i: number): string;
  /** Raw bytes [start, end) of the file (of a capture: of its rendered rows). */
  range(start: number, end: number): Uint8Array;
  /** Where the last line's text ends (the file's size; a capture's rendered rows' size). */
  textEnd: number;
  /** A capture's time's ns within the ms per line (-1: none); null for a log. */
  nsInMs: Int32Array | null;
}

export const SLICE_BYTES = 16 * 1024 * 1024;

export function indexBytes(bytes: Uint8Array, opts: IndexOptions = {}, chunkSize = SLICE_BYTES): IndexedFile {
  const ix = new FileIndexer(bytes.length, opts);
  const store = new SliceStore();
  for (let o = 0; o < bytes.length; o += chunkSize) {
    const slice = bytes.subarray(o, Math.min(bytes.length, o + chunkSize));
    store.add(slice);
    ix.push(slice);
  }
  const out = ix.finish();
  return withText(out.facts, out.columns, out.threads, store);
}

/** `textEnd`: where the last line ends in `store` (the file's size; a capture's rendered rows' size). */
export function withText(facts: FileFacts, columns: LineColumns, threads: ThreadTable, store: SliceStore, textEnd = facts.size, nsInMs: Int32Array | null = null): IndexedFile {
  return {
    facts,
    columns,
    threads,
    textEnd,
    nsInMs,
    lineText(i: number): string {
      const start = columns.offset[i];
      const end = i + 1 < columns.length ? columns.offset[i + 1] : textEnd;
      return decodeLine(store, start, end, facts.encoding);
    },
    range: (start, end) => store.range(start, end),
  };
}

export function summarize(f: IndexedFile): FileSummary {
  const x = f.facts;
  const shift = toUtcShift(x.timeBase);
  return {
    file: x.path,
    dialect: x.dialect,
    encoding: x.encoding,
    node: x.node,
    timeBase: x.timeBase.base,
    utcOffsetMinutes: x.timeBase.utcOffsetMinutes,
    lines: x.lines,
    parsed: x.buckets.parsed,
    continuation: x.buckets.continuation,
    structural: x.buckets.structural,
    blank: x.buckets.blank,
    unparsed: x.buckets.unparsed,
    firstTime: x.firstWritten === null ? null : isoUtc(x.firstWritten + shift),
    lastTime: x.lastWritten === null ? null : isoUtc(x.lastWritten + shift),
    warnings: x.warnings,
    errors: x.errors,
  };
}
