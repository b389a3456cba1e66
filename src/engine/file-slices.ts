// Reading a File the way the shards do: a small first slice (the first rows show quickly),
// then 16 MiB slices, each requested before the previous one is handed out, so that
// reading and parsing overlap.

import { SLICE_BYTES } from '../ingest/index.ts';

/** Enough for the indexer to decide the encoding and the dialect, and to fill a first screen. */
export const FIRST_SLICE_BYTES = 2 << 20;

export async function* fileSlices(file: Blob, first = FIRST_SLICE_BYTES, size = SLICE_BYTES): AsyncGenerator<Uint8Array> {
  const read = (from: number, to: number) => file.slice(from, to).arrayBuffer();
  let end = Math.min(file.size, first);
  let pending: Promise<ArrayBuffer> | null = file.size > 0 ? read(0, end) : null;
  while (pending) {
    const buf = new Uint8Array(await pending);
    const nextEnd = Math.min(file.size, end + size);
    pending = end < file.size ? read(end, nextEnd) : null;
    end = nextEnd;
    yield buf;
  }
}
