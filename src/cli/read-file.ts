// Node-side file reading for the CLI: the same indexers as the browser workers,
// fed 16 MiB slices read with fs.readSync (no whole-file string).

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SLICE_BYTES, withText, type IndexedFile } from '../ingest/index.ts';
import { SliceStore } from '../ingest/text.ts';
import type { IndexOptions } from '../ingest/types.ts';
import { CaptureIndexer } from '../sources/capture-indexer.ts';
import { HEAD_BYTES, indexerFor } from '../sources/open-source.ts';

/** A cluster.log or a capture export (told from its first bytes, like the browser's shards). */
export function indexPath(path: string, opts: IndexOptions = {}): IndexedFile {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const head = new Uint8Array(Math.min(size, HEAD_BYTES));
  readSync(fd, head, 0, head.length, 0);
  const ix = indexerFor(head, size, { name: basename(path), path, ...opts });
  const store = ix instanceof CaptureIndexer ? ix.text : new SliceStore();
  try {
    for (let off = 0; off < size; off += SLICE_BYTES) {
      const buf = new Uint8Array(Math.min(SLICE_BYTES, size - off));
      let got = 0;
      while (got < buf.length) {
        const n = readSync(fd, buf, got, buf.length - got, off + got);
        if (n <= 0) break;
        got += n;
      }
      const slice = got < buf.length ? buf.subarray(0, got) : buf;
      if (!(ix instanceof CaptureIndexer)) store.add(slice);
      ix.push(slice);
    }
  } finally {
    closeSync(fd);
  }
  const out = ix.finish();
  if (ix instanceof CaptureIndexer) {
    const f = withText(out.facts, out.columns, out.threads, store, ix.textBytes, ix.nsView());
    // A capture's record is shown rendered from its columns.
    return { ...f, lineText: (i) => ix.lineText(i) };
  }
  return withText(out.facts, out.columns, out.threads, store);
}
