// Node-side file reading for the CLI: the same FileIndexer as the browser workers,
// fed 16 MiB slices read with fs.readSync (no whole-file string).

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { FileIndexer } from '../ingest/indexer.ts';
import { SLICE_BYTES, withText, type IndexedFile } from '../ingest/index.ts';
import { SliceStore } from '../ingest/text.ts';
import type { IndexOptions } from '../ingest/types.ts';

export function indexPath(path: string, opts: IndexOptions = {}): IndexedFile {
  const size = statSync(path).size;
  const ix = new FileIndexer(size, { name: basename(path), path, ...opts });
  const store = new SliceStore();
  const fd = openSync(path, 'r');
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
      store.add(slice);
      ix.push(slice);
    }
  } finally {
    closeSync(fd);
  }
  const out = ix.finish();
  return withText(out.facts, out.columns, out.threads, store);
}
