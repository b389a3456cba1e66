// Node-side file reading for the CLI: the same indexers as the browser workers,
// fed 16 MiB slices read with fs.readSync (no whole-file string).

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SLICE_BYTES, withText, type IndexedFile } from '../ingest/index.ts';
import { SliceStore } from '../ingest/text.ts';
import type { IndexOptions } from '../ingest/types.ts';
import { ContentHasher, joinHash } from '../base/content-hash.ts';
import { CaptureIndexer } from '../sources/capture-indexer.ts';
import { HEAD_BYTES, indexerFor } from '../sources/open-source.ts';

/** Indexes `size` bytes read slice by slice; the content fingerprint is computed on the way, as the shards do. */
function indexSlices(head: Uint8Array, size: number, opts: IndexOptions, slices: Iterable<Uint8Array>): IndexedFile {
  const ix = indexerFor(head, size, opts);
  const store = ix instanceof CaptureIndexer ? ix.text : new SliceStore();
  const hasher = new ContentHasher(0, size);
  for (const slice of slices) {
    hasher.push(slice);
    if (!(ix instanceof CaptureIndexer)) store.add(slice);
    ix.push(slice);
  }
  const out = ix.finish();
  out.facts.contentHash = joinHash([hasher.part()], size);
  if (ix instanceof CaptureIndexer) {
    const f = withText(out.facts, out.columns, out.threads, store, ix.textBytes, ix.nsView());
    // A capture's record is shown rendered from its columns.
    return { ...f, lineText: (i) => ix.lineText(i) };
  }
  return withText(out.facts, out.columns, out.threads, store);
}

/** A cluster.log or a capture export (told from its first bytes, like the browser's shards). */
export function indexPath(path: string, opts: IndexOptions = {}): IndexedFile {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const head = new Uint8Array(Math.min(size, HEAD_BYTES));
  readSync(fd, head, 0, head.length, 0);
  function* slices(): Generator<Uint8Array> {
    for (let off = 0; off < size; off += SLICE_BYTES) {
      const buf = new Uint8Array(Math.min(SLICE_BYTES, size - off));
      let got = 0;
      while (got < buf.length) {
        const n = readSync(fd, buf, got, buf.length - got, off + got);
        if (n <= 0) break;
        got += n;
      }
      yield got < buf.length ? buf.subarray(0, got) : buf;
    }
  }
  try {
    return indexSlices(head, size, { name: basename(path), path, ...opts }, slices());
  } finally {
    closeSync(fd);
  }
}

/** An input held as a Blob (a case file's entry): the same reading as a file on disk. */
export async function indexBlob(blob: Blob, opts: IndexOptions): Promise<IndexedFile> {
  const parts: Uint8Array[] = [];
  for (let off = 0; off < blob.size; off += SLICE_BYTES) parts.push(new Uint8Array(await blob.slice(off, Math.min(blob.size, off + SLICE_BYTES)).arrayBuffer()));
  const head = parts.length ? parts[0].subarray(0, HEAD_BYTES) : new Uint8Array(0);
  return indexSlices(head, blob.size, opts, parts);
}
