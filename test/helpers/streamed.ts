// A file indexed as a shard indexes it: slice by slice, with the event probe attached and the
// events extracted after each slice. Shared by the tests that compare other ways of indexing
// (whole-file extraction, a split file) with it.
import { FileEvents } from '../../src/events/columns.ts';
import { EventExtractor } from '../../src/events/extract.ts';
import { indexerSource } from '../../src/events/indexer-source.ts';
import { FileIndexer } from '../../src/ingest/indexer.ts';
import { SliceStore } from '../../src/ingest/text.ts';
import type { IndexOptions } from '../../src/ingest/types.ts';

export class StreamedFile {
  readonly ix: FileIndexer;
  readonly store = new SliceStore();
  readonly ex = new EventExtractor();
  readonly events = new FileEvents();

  constructor(size: number, opts: IndexOptions = {}) {
    this.ix = new FileIndexer(size, opts);
    this.ix.probe = this.ex.probeFor(this.ix.facts.components);
  }

  /** Pushes bytes [from, to) of `bytes` in slices of `slice`, extracting after each. */
  feed(bytes: Uint8Array, from: number, to: number, slice: number): void {
    for (let o = from; o < to; o += slice) {
      const s = bytes.slice(o, Math.min(to, o + slice));
      this.store.add(s);
      this.ix.push(s);
      this.extract(false);
    }
  }

  extract(final: boolean): void {
    this.ex.run(indexerSource(this.ix, this.store), final);
    const c = this.ex.take();
    if (c) this.events.add(c);
  }

  /** Each event as [line, recognizer] and, with `values`, its pid and first six captured values. */
  eventList(values = false): unknown[][] {
    const ev = this.events;
    return Array.from({ length: ev.length }, (_, i) => (values ? [ev.line.data[i], ev.rec.data[i], ev.pid.data[i], ...Array.from({ length: 6 }, (_, k) => ev.value(i, k))] : [ev.line.data[i], ev.rec.data[i]]));
  }
}
