// The two halves of a split file as the shards run them (and the tests, in one thread): the
// second half indexed from the cut with the first half's head decisions and its own event
// extractor; then the join on the first half's side (FileIndexer.joinPart), and its events
// merged after the first half's own. See src/ingest/split.ts.

import { ContentHasher, type HashPart } from '../base/content-hash.ts';
import { chunkTransfer, type EventChunk } from '../events/columns.ts';
import { EventExtractor } from '../events/extract.ts';
import { indexerSource } from '../events/indexer-source.ts';
import { FileIndexer } from '../ingest/indexer.ts';
import { CUT_WINDOW, lineStartAfter, partTransfer, plannedCut, type FilePart, type ResumeHead } from '../ingest/split.ts';
import { SliceStore } from '../ingest/text.ts';
import type { IndexOptions } from '../ingest/types.ts';

/** The second half: fed slices from the cut on, then finished into a part and its events. */
export class SecondHalf {
  readonly ix: FileIndexer;
  readonly store: SliceStore;
  private readonly events = new EventExtractor();
  private readonly hasher: ContentHasher;

  constructor(size: number, opts: IndexOptions, private readonly head: ResumeHead, private readonly start: number) {
    this.hasher = new ContentHasher(start, size);
    this.store = new SliceStore(start);
    this.ix = FileIndexer.resume(size, opts, head, start);
    this.ix.probe = this.events.probeFor(this.ix.facts.components);
  }

  push(bytes: Uint8Array): void {
    this.store.add(bytes);
    this.hasher.push(bytes);
    this.ix.push(bytes);
    // Events only from the line where the part stands alone; the first half takes the ones before.
    const r = this.ix.resumeLine;
    if (r >= 0) {
      this.events.skipTo(r);
      this.events.run(indexerSource(this.ix, this.store), false);
    }
  }

  finish(): { part: FilePart; events: EventChunk | null; bytes: Uint8Array[]; hash: HashPart } {
    this.ix.finish();
    const r = this.ix.resumeLine;
    if (r >= 0) {
      this.events.skipTo(r);
      this.events.run(indexerSource(this.ix, this.store), true);
    }
    return { part: this.ix.part(this.start, this.head), events: this.events.take(), bytes: [...this.store.each()].map((x) => x.bytes), hash: this.hasher.part() };
  }
}

/** Everything a second half's result holds, to be transferred (each buffer once). */
export function halfTransfer(h: { part: FilePart; events: EventChunk | null; bytes: Uint8Array[] }): Transferable[] {
  return [...new Set<Transferable>([...partTransfer(h.part), ...(h.events ? chunkTransfer(h.events) : []), ...h.bytes.map((b) => b.buffer as ArrayBuffer)])];
}

/**
 * The join, on the first half's side: `ix`, `events` and `store` are the first half's, which
 * stopped at part.start; `bytes` the second half's slices. After it, finish() the indexer and
 * run the extractor (final) as at the end of any file. Returns whether the part's lines were
 * joined (false: its assumptions did not hold, and its bytes were indexed here).
 */
export function joinHalves(ix: FileIndexer, events: EventExtractor, store: SliceStore, part: FilePart, partEvents: EventChunk | null, bytes: Uint8Array[]): boolean {
  for (const b of bytes) store.add(b);
  const joined = ix.joinPart(part, bytes);
  if (!joined) return false;
  const src = indexerSource(ix, store);
  events.runTo(src, joined.at);
  if (partEvents) events.absorb(partEvents, joined.shift);
  events.skipTo(ix.lineCount);
  return true;
}

/**
 * The first shard's side of a split, before the join: where the cut is, and the slices that
 * came while it was not known (the cut needs the head's encoding and the bytes around the
 * middle, read apart from the slices).
 */
export class FirstHalf {
  /** File offset of the cut: null while not known, -1 when the file is not split after all. */
  cut: number | null = null;
  /** File offset of the next slice from the reader. */
  readPos = 0;
  /** Slices held back while the cut is not known. */
  readonly queued: { bytes: Uint8Array; last: boolean }[] = [];
  /** The first half is indexed up to the cut. */
  reachedCut = false;
  /** The second half, once it came. */
  half: { part: FilePart; events: EventChunk | null; bytes: Uint8Array[]; hash: HashPart } | null = null;
  /** A re-index asked for while the halves were apart (run after the join). */
  pendingReindex: IndexOptions | null = null;
  private window: { base: number; bytes: Uint8Array } | null = null;
  private windowFailed = false;

  constructor(readonly size: number) {}

  /** The bytes around the middle: [planned - 4, planned + CUT_WINDOW). */
  windowRange(): [number, number] {
    const at = plannedCut(this.size);
    return [Math.max(0, at - 4), Math.min(this.size, at + CUT_WINDOW)];
  }

  setWindow(bytes: Uint8Array | null): void {
    if (bytes) this.window = { base: this.windowRange()[0], bytes };
    else this.windowFailed = true;
  }

  /**
   * Decides the cut once both the head and the window are there (`head` null once the first
   * slice is indexed: no text log, not split). Returns the cut, or null while waiting.
   */
  decide(head: ResumeHead | null, headSettled: boolean): number | null {
    if (this.cut !== null) return this.cut;
    if (!head) {
      if (headSettled) this.cut = -1;
      return this.cut;
    }
    if (this.windowFailed) return (this.cut = -1);
    if (!this.window) return null;
    const at = plannedCut(this.size);
    this.cut = lineStartAfter(this.window.bytes, this.window.base, at, head.encoding);
    this.window = null;
    return this.cut;
  }

  /** The second half's starting assumptions: mid-file a sectioned log is in its log section (the join checks it). */
  static headForSecond(head: ResumeHead): ResumeHead {
    return { ...head, section: head.section === null ? null : 'log' };
  }
}
