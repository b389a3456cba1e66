// Whether two dropped files are the same file: same size, then the same bytes, read slice by
// slice and compared as they come (the first differing slice ends it). Files of equal size are
// rare unless they are copies, so the full read is paid only for a real duplicate.

const SLICE = 8 << 20;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const n4 = a.length >> 2;
  // Fresh ArrayBuffers from Blob.arrayBuffer() start aligned: compare 32 bits at a time.
  const a4 = new Uint32Array(a.buffer, a.byteOffset, n4);
  const b4 = new Uint32Array(b.buffer, b.byteOffset, n4);
  for (let i = 0; i < n4; i++) if (a4[i] !== b4[i]) return false;
  for (let i = n4 << 2; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function sameContent(a: Blob, b: Blob): Promise<boolean> {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (let o = 0; o < a.size; o += SLICE) {
    const end = Math.min(a.size, o + SLICE);
    const [x, y] = await Promise.all([a.slice(o, end).arrayBuffer(), b.slice(o, end).arrayBuffer()]);
    if (!sameBytes(new Uint8Array(x), new Uint8Array(y))) return false;
  }
  return true;
}
