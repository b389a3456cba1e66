// Writing a .zip (the case file of issue 12): each entry's bytes are read slice by slice, their
// CRC-32 computed and, for a deflated entry, compressed by the platform's
// CompressionStream('deflate-raw'), so that a file of hundreds of MB is never held whole as
// text. The zip is assembled as a Blob of parts (headers and the compressed chunks). Sizes or
// offsets past 4 GiB get ZIP64 fields and end records. Names are UTF-8 (flag bit 11). Pure web
// platform: runs in the browser, a worker, Node and tests; sources/zip.ts reads what it writes.

import { readAll } from '../base/streams.ts';

export interface ZipSource {
  /** Path inside the zip, '/'-separated. */
  name: string;
  data: Blob;
  /** Compress (logs shrink about tenfold), or store as is. */
  deflate: boolean;
}

const TABLE = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  // Slicing by 8: eight bytes a step.
  for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n] >>> 8) ^ t[t[(k - 1) * 256 + n] & 0xff];
  return t;
})();

/** CRC-32 (IEEE) of `b`, continuing from `crc` (0 to start). */
export function crc32(b: Uint8Array, crc = 0): number {
  let c = ~crc;
  let i = 0;
  const n8 = b.length & ~7;
  for (; i < n8; i += 8) {
    const lo = (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) ^ c;
    c = TABLE[7 * 256 + (lo & 0xff)] ^ TABLE[6 * 256 + ((lo >>> 8) & 0xff)] ^ TABLE[5 * 256 + ((lo >>> 16) & 0xff)] ^ TABLE[4 * 256 + (lo >>> 24)]
      ^ TABLE[3 * 256 + b[i + 4]] ^ TABLE[2 * 256 + b[i + 5]] ^ TABLE[256 + b[i + 6]] ^ TABLE[b[i + 7]];
  }
  for (; i < b.length; i++) c = TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const SLICE = 8 << 20;
const MAX32 = 0xffffffff;

/** DOS date and time of `d` (local fields, as zip tools show them). */
function dosTime(d: Date): [number, number] {
  const year = Math.max(1980, d.getFullYear());
  return [(d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1), ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()];
}

class Bytes {
  private readonly b: Uint8Array;
  private readonly v: DataView;
  at = 0;
  constructor(n: number) {
    this.b = new Uint8Array(n);
    this.v = new DataView(this.b.buffer);
  }
  u16(x: number): this {
    this.v.setUint16(this.at, x, true);
    this.at += 2;
    return this;
  }
  u32(x: number): this {
    this.v.setUint32(this.at, x >>> 0, true);
    this.at += 4;
    return this;
  }
  u64(x: number): this {
    this.v.setUint32(this.at, x % 2 ** 32, true);
    this.v.setUint32(this.at + 4, Math.floor(x / 2 ** 32), true);
    this.at += 8;
    return this;
  }
  put(x: Uint8Array): this {
    this.b.set(x, this.at);
    this.at += x.length;
    return this;
  }
  done(): Uint8Array<ArrayBuffer> {
    return this.b.slice(0, this.at);
  }
}

interface Written {
  name: Uint8Array;
  method: number;
  crc: number;
  size: number;
  packed: number;
  offset: number;
}

/** Reads `blob` slice by slice: its CRC-32, and its bytes compressed or as they are. */
async function pack(blob: Blob, deflate: boolean, onBytes: (n: number) => void): Promise<{ crc: number; parts: Uint8Array[]; packed: number }> {
  let crc = 0;
  const parts: Uint8Array[] = [];
  let packed = 0;
  const cs = deflate ? new CompressionStream('deflate-raw') : null;
  const writer = cs?.writable.getWriter();
  // The compressed side is read while the slices are written (the stream's queue stays short).
  const drain = cs ? readAll(cs.readable) : null;
  for (let o = 0; o < blob.size; o += SLICE) {
    const b = new Uint8Array(await blob.slice(o, Math.min(blob.size, o + SLICE)).arrayBuffer());
    crc = crc32(b, crc);
    if (writer) await writer.write(b);
    else {
      parts.push(b);
      packed += b.length;
    }
    onBytes(b.length);
  }
  if (writer) {
    await writer.close();
    const got = (await drain)!;
    parts.push(...got.parts);
    packed = got.bytes;
  }
  return { crc, parts, packed };
}

/**
 * A zip of `entries`, in order. `onProgress` gets the input bytes read so far (of the entries'
 * total). `modified` dates every entry.
 */
export async function writeZip(entries: readonly ZipSource[], opts: { modified?: Date; onProgress?: (done: number, total: number) => void } = {}): Promise<Blob> {
  const [time, date] = dosTime(opts.modified ?? new Date());
  const total = entries.reduce((a, e) => a + e.data.size, 0);
  let read = 0;
  const out: BlobPart[] = [];
  const written: Written[] = [];
  let offset = 0;
  const enc = new TextEncoder();
  for (const e of entries) {
    const name = enc.encode(e.name);
    const { crc, parts, packed } = await pack(e.data, e.deflate, (n) => {
      read += n;
      opts.onProgress?.(read, total);
    });
    const w: Written = { name, method: e.deflate ? 8 : 0, crc, size: e.data.size, packed, offset };
    const big = w.size >= MAX32 || w.packed >= MAX32;
    const local = new Bytes(30 + name.length + 20)
      .u32(0x04034b50).u16(big ? 45 : 20).u16(0x0800).u16(w.method).u16(time).u16(date).u32(crc)
      .u32(big ? MAX32 : packed).u32(big ? MAX32 : w.size).u16(name.length).u16(big ? 20 : 0).put(name);
    if (big) local.u16(1).u16(16).u64(w.size).u64(packed);
    const head = local.done();
    out.push(head, ...(parts as Uint8Array<ArrayBuffer>[]));
    offset += head.length + packed;
    written.push(w);
  }
  const dirStart = offset;
  for (const w of written) {
    const z = [w.size >= MAX32 ? w.size : -1, w.packed >= MAX32 ? w.packed : -1, w.offset >= MAX32 ? w.offset : -1].filter((x) => x >= 0);
    const c = new Bytes(46 + w.name.length + 4 + 8 * z.length)
      .u32(0x02014b50).u16(z.length ? 45 : 20).u16(z.length ? 45 : 20).u16(0x0800).u16(w.method).u16(time).u16(date).u32(w.crc)
      .u32(w.packed >= MAX32 ? MAX32 : w.packed).u32(w.size >= MAX32 ? MAX32 : w.size).u16(w.name.length).u16(z.length ? 4 + 8 * z.length : 0)
      .u16(0).u16(0).u16(0).u32(0).u32(w.offset >= MAX32 ? MAX32 : w.offset).put(w.name);
    if (z.length) {
      c.u16(1).u16(8 * z.length);
      for (const x of z) c.u64(x);
    }
    const b = c.done();
    out.push(b);
    offset += b.length;
  }
  const dirSize = offset - dirStart;
  const n = written.length;
  if (n >= 0xffff || dirStart >= MAX32 || dirSize >= MAX32) {
    out.push(new Bytes(56).u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(n).u64(n).u64(dirSize).u64(dirStart).done());
    out.push(new Bytes(20).u32(0x07064b50).u32(0).u64(offset).u32(1).done());
  }
  out.push(new Bytes(22).u32(0x06054b50).u16(0).u16(0).u16(Math.min(n, 0xffff)).u16(Math.min(n, 0xffff))
    .u32(Math.min(dirSize, MAX32)).u32(Math.min(dirStart, MAX32)).u16(0).done());
  return new Blob(out, { type: 'application/zip' });
}
