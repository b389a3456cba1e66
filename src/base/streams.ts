// Reading a byte stream whole, with a cap: a link's inflated state, a fetched input, a zip
// entry being compressed. Past the cap the stream is cancelled (a deflate bomb or an oversized
// download stops there) and null is returned.

export async function readAll(stream: ReadableStream<Uint8Array>, cap = Infinity): Promise<{ parts: Uint8Array<ArrayBuffer>[]; bytes: number } | null> {
  const reader = stream.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (bytes > cap) {
      await reader.cancel();
      return null;
    }
    parts.push(value as Uint8Array<ArrayBuffer>);
  }
  return { parts, bytes };
}

/** The parts as one array. */
export function concatBytes(parts: readonly Uint8Array[], bytes = parts.reduce((a, p) => a + p.length, 0)): Uint8Array {
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
