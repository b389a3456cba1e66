// One large file indexed by two workers: the first indexes [0, cut), the second [cut, end)
// with the first one's head decisions (ResumeHead), and the first joins the second's result
// (FilePart) onto its own (FileIndexer.joinPart). Pure functions: the shards, the tests and
// the CLI run the same code (indexSplit below is the in-process form the tests compare with
// indexing the file whole).

import { SliceStore } from './text.ts';
import type { ByteEncoding } from './stream-head.ts';
import type { FileFacts, LineColumns, SectionKind, ThreadTable } from './types.ts';

/** Below this size a file is not split: the second worker's start-up and the join would not pay. */
export const SPLIT_MIN_BYTES = 64 << 20;
/** How far after the planned cut a line start is looked for (both sides look in the same window). */
export const CUT_WINDOW = 1 << 20;

/** What the first indexer decided from the file's head, for the second one. */
export interface ResumeHead {
  encoding: ByteEncoding;
  facts: Pick<FileFacts, 'encoding' | 'encodingSource' | 'bom' | 'dialect' | 'dialectSource' | 'dialectEvidence'>;
  /** State the second indexer assumes at its start; the join checks it (else it indexes the rest itself). */
  pasted: boolean;
  section: SectionKind | null;
}

/** The second indexer's result, shipped (its arrays transferred) to the first. */
export interface FilePart {
  /** File offset where the part starts (a line start). */
  start: number;
  head: ResumeHead;
  columns: LineColumns;
  facts: FileFacts;
  threads: ThreadTable;
  /**
   * First line of the part whose classification does not depend on what came before it: the
   * first line after the part's first record that does not continue an entry (-1: none).
   * The first indexer indexes the part's lines before it again itself.
   */
  resume: number;
  evidence: { nodeInFile: string | null; startupLocalId: number | null; startupNodes: [number, string][]; localTimeOffsets: number[] };
  header: Record<string, unknown>;
  end: { consumed: number; lastEol: 'crlf' | 'lf' | 'cr' | 'none'; oddByte: number };
}

/** Planned cut: the middle of the file, on a code-unit boundary. */
export function plannedCut(size: number): number {
  return Math.floor(size / 4) * 2;
}

/**
 * The first line start at or after `at` within [at, at + CUT_WINDOW), or -1: a position whose
 * previous unit is LF, or CR not followed by LF. `bytes` holds file bytes from `base` (it must
 * cover the unit before `at` and the window, or the file's end).
 */
export function lineStartAfter(bytes: Uint8Array, base: number, at: number, encoding: ByteEncoding): number {
  const ub = encoding === 'utf-8' ? 1 : 2;
  const unit = (p: number): number => {
    const i = p - base;
    if (i < 0 || i + ub > bytes.length) return -1;
    if (ub === 1) return bytes[i];
    return encoding === 'utf-16le' ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
  };
  const end = Math.min(base + bytes.length, at + CUT_WINDOW);
  for (let p = at; p + ub <= end; p += ub) {
    const prev = unit(p - ub);
    if (prev === 10 || (prev === 13 && unit(p) !== 10)) return p;
  }
  return -1;
}

/** Transferables of a part (its columns). */
export function partTransfer(p: FilePart): ArrayBuffer[] {
  const c = p.columns;
  return [c.offset.buffer, c.ts.buffer, c.level.buffer, c.comp.buffer, c.thread.buffer, c.flags.buffer] as ArrayBuffer[];
}

/** The slices of `store` from file offset `from` on (the first one cut to start there). */
export function bytesFrom(store: SliceStore, from: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const { start, bytes } of store.each()) {
    const end = start + bytes.length;
    if (end <= from) continue;
    out.push(start >= from ? bytes : bytes.subarray(from - start));
  }
  return out;
}
