// The extractor's view of a file that is still being indexed: the indexer's columns so far and
// the bytes of the slices read so far. Shared by the shards, the bench and the tests.

import type { FileIndexer } from '../ingest/indexer.ts';
import { decodeLine, type SliceStore } from '../ingest/text.ts';
import type { LineSource } from './extract.ts';

export function indexerSource(ix: FileIndexer, store: SliceStore): LineSource {
  const v = ix.columnsView();
  const offset = ix.offsetsView();
  const encoding = ix.facts.encoding;
  return {
    ...v, components: ix.facts.components, sections: ix.facts.sections, encoding,
    text: (i) => decodeLine(store, offset[i], ix.lineEnd(i), encoding),
    offsetOf: (i) => offset[i],
    locate: (i, at) => store.locate(offset[i], ix.lineEnd(i), at),
  };
}
