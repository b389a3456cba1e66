// One model for every input: a loaded file is a source of some kind, told from its first bytes,
// and read by that kind's indexer into the same line columns (ingest/types.ts LineColumns) and
// facts. A cluster.log goes to ingest's FileIndexer; a capture export to the CaptureIndexer.

import { SNIFF_BYTES, sniffCapture } from '../captures/sniff.ts';
import { FileIndexer } from '../ingest/indexer.ts';
import type { IndexOptions } from '../ingest/types.ts';
import { CaptureIndexer } from './capture-indexer.ts';

/** How many first bytes `indexerFor` needs. */
export const HEAD_BYTES = SNIFF_BYTES;

export type SourceIndexer = FileIndexer | CaptureIndexer;

/** The indexer for an input whose first bytes are `head` (at most HEAD_BYTES of them are read). */
export function indexerFor(head: Uint8Array, size: number, opts: IndexOptions): SourceIndexer {
  return sniffCapture(head) ? new CaptureIndexer(size, opts) : new FileIndexer(size, opts);
}
