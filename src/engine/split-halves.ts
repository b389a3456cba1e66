// The two halves of a split file as the shards run them (and the tests, in one thread): the
// second half indexed from the cut with the first half's head decisions and its own event
// extractor; then the join on the first half's side (FileIndexer.joinPart), and its events
// merged after the first half's own. See src/ingest/split.ts.

import type { EventChunk } from '../events/columns.ts';
import { EventExtractor } from '../events/extract.ts';
import { indexerSource } from '../events/indexer-source.ts';
import { FileIndexer } from '../ingest/indexer.ts';
import type { FilePart, ResumeHead } from '../ingest/split.ts';
import { SliceStore } from '../ingest/text.ts';
import type { IndexOptions } from '../ingest/types.ts';

/** The second half: fed slices from the cut on, then finished into a part and its events. */
export class SecondHalf {
  readonly ix: FileIndexer;
  readonly store: SliceStore;
  private readonly events = new EventExtractor();

  constructor(size: number, opts: IndexOptions, private readonly head: ResumeHead, private readonly start: number) {
    this.store = new SliceStore(start);
    this.ix = FileIndexer.resume(size, opts, head, start);
    this.ix.probe = this.events.probeFor(this.ix.facts.components);
  }

  push(bytes: Uint8Array): void {
    this.store.add(bytes);
    this.ix.push(bytes);
    // Events only from the line where the part stands alone; the first half takes the ones before.
    const r = this.ix.resumeLine;
    if (r >= 0) {
      this.events.skipTo(r);
      this.events.run(indexerSource(this.ix, this.store), false);
    }
  }

  finish(): { part: FilePart; events: EventChunk | null; bytes: Uint8Array[] } {
    this.ix.finish();
    const r = this.ix.resumeLine;
    if (r >= 0) {
      this.events.skipTo(r);
      this.events.run(indexerSource(this.ix, this.store), true);
    }
    return { part: this.ix.part(this.start, this.head), events: this.events.take(), bytes: [...this.store.each()].map((x) => x.bytes) };
  }
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
