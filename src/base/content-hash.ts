// A file's content fingerprint (issue 12), computed while its slices are parsed: it tells a
// permalink's recipient whether the file they dropped is the one the view was made on, when the
// name and size agree. It is not a cryptographic hash: it tells different files apart, it does
// not resist forgery.
//
// The file is cut into blocks of HASH_BLOCK bytes at fixed file offsets. Each block is hashed
// (eight 32-bit multiply lanes, about 9 GB/s in V8, seeded by the block's number) and the blocks'
// 64-bit hashes are summed. A sum does not care which thread saw which block, so a file parsed in
// two halves (engine/split-halves.ts) sums its halves; the one block the cut runs through arrives
// as two pieces of bytes, joined before it is hashed. Whatever the slices or the cut, the same
// bytes give the same fingerprint: 16 hex digits. Words are read little-endian (every platform
// the app and the CLI run on).

export const HASH_BLOCK = 64 << 10;

/** What one reader of a byte range has: the sum of its whole blocks and the bytes of its partial ones. */
export interface HashPart {
  lo: number;
  hi: number;
  /** Bytes of blocks this range holds only in part, by their file offset. */
  pieces: { at: number; bytes: Uint8Array }[];
}

const K = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09];

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The 64-bit hash of one block (`bytes` starts 4-aligned in its buffer), as two 32-bit halves. */
export function blockHash(bytes: Uint8Array, block: number): [number, number] {
  const seed = fmix(block + 1);
  let a = seed ^ K[0], b = seed ^ K[1], c = seed ^ K[2], d = seed ^ K[3];
  let e = seed ^ K[4], f = seed ^ K[5], g = seed ^ K[6], h = seed ^ K[7];
  const nw = bytes.length >>> 2;
  const w = new Uint32Array(bytes.buffer, bytes.byteOffset, nw);
  const n8 = nw & ~7;
  for (let i = 0; i < n8; i += 8) {
    a = Math.imul(a ^ w[i], 0x9e3779b1);
    b = Math.imul(b ^ w[i + 1], 0x85ebca77);
    c = Math.imul(c ^ w[i + 2], 0xc2b2ae3d);
    d = Math.imul(d ^ w[i + 3], 0x27d4eb2f);
    e = Math.imul(e ^ w[i + 4], 0x165667b1);
    f = Math.imul(f ^ w[i + 5], 0xd3a2646c);
    g = Math.imul(g ^ w[i + 6], 0xfd7046c5);
    h = Math.imul(h ^ w[i + 7], 0xb55a4f09);
  }
  for (let i = n8; i < nw; i++) a = Math.imul((a << 13 | a >>> 19) ^ w[i], 0x9e3779b1);
  for (let i = nw << 2; i < bytes.length; i++) b = Math.imul((b << 7 | b >>> 25) ^ bytes[i], 0x85ebca77);
  const len = bytes.length;
  const lo = fmix(a ^ fmix(c) ^ (e << 1) ^ fmix(g ^ len));
  const hi = fmix(b ^ fmix(d) ^ (f << 1) ^ fmix(h ^ lo));
  return [lo, hi];
}

/** Hashes the bytes of a file from `start` on, in order, slice by slice. */
export class ContentHasher {
  private lo = 0;
  private hi = 0;
  private readonly pieces: { at: number; bytes: Uint8Array }[] = [];
  /** The partial block being filled (its bytes so far), and where it starts in the file. */
  private pend: Uint8Array | null = null;
  private pendAt = 0;
  private pendLen = 0;
  private pos: number;

  constructor(private readonly start = 0, private readonly fileSize = Infinity) {
    this.pos = start;
  }

  private add(bytes: Uint8Array, block: number): void {
    // Uint32Array needs a 4-aligned start: copy a block that is not (only when a range starts off a boundary).
    const b = (bytes.byteOffset & 3) === 0 ? bytes : bytes.slice();
    const [lo, hi] = blockHash(b, block);
    this.lo = (this.lo + lo) >>> 0;
    this.hi = (this.hi + hi) >>> 0;
  }

  /** The block that starts at `at` ends here (the file's end for the last one). */
  private blockEnd(at: number): number {
    return Math.min(at + HASH_BLOCK, this.fileSize);
  }

  push(bytes: Uint8Array): void {
    let i = 0;
    const n = bytes.length;
    while (i < n) {
      const at = this.pos;
      const blockAt = at - (at % HASH_BLOCK);
      const end = this.blockEnd(blockAt);
      const take = Math.min(n - i, end - at);
      if (this.pend === null && at === blockAt && take === end - at) {
        this.add(bytes.subarray(i, i + take), blockAt / HASH_BLOCK); // a whole block in this slice: no copy
      } else {
        if (this.pend === null) {
          this.pend = new Uint8Array(HASH_BLOCK);
          this.pendAt = at;
          this.pendLen = 0;
        }
        this.pend.set(bytes.subarray(i, i + take), this.pendLen);
        this.pendLen += take;
        if (this.pendAt === blockAt && this.pendAt + this.pendLen === end) {
          this.add(this.pend.subarray(0, this.pendLen), blockAt / HASH_BLOCK);
          this.pend = null;
        } else if (at + take === end) {
          // A block this range began inside (the second half of a split): its other piece is elsewhere.
          this.pieces.push({ at: this.pendAt, bytes: this.pend.slice(0, this.pendLen) });
          this.pend = null;
        }
      }
      i += take;
      this.pos += take;
    }
  }

  /** What this range has: call once its bytes are all pushed. */
  part(): HashPart {
    const pieces = [...this.pieces];
    if (this.pend) pieces.push({ at: this.pendAt, bytes: this.pend.slice(0, this.pendLen) });
    this.pend = null;
    return { lo: this.lo, hi: this.hi, pieces };
  }

  /** Bytes pushed so far, from the range's start. */
  get length(): number {
    return this.pos - this.start;
  }
}

/**
 * The fingerprint of a file of `size` bytes from its ranges' parts (any order). Null when the
 * pieces do not make whole blocks (a range is missing).
 */
export function joinHash(parts: readonly HashPart[], size: number): string | null {
  let lo = 0;
  let hi = 0;
  const byBlock = new Map<number, { at: number; bytes: Uint8Array }[]>();
  for (const p of parts) {
    lo = (lo + p.lo) >>> 0;
    hi = (hi + p.hi) >>> 0;
    for (const pc of p.pieces) {
      const k = Math.floor(pc.at / HASH_BLOCK);
      const list = byBlock.get(k) ?? [];
      list.push(pc);
      byBlock.set(k, list);
    }
  }
  for (const [k, list] of byBlock) {
    list.sort((x, y) => x.at - y.at);
    const from = k * HASH_BLOCK;
    const to = Math.min(from + HASH_BLOCK, size);
    const block = new Uint8Array(to - from);
    let at = from;
    for (const pc of list) {
      if (pc.at !== at) return null;
      block.set(pc.bytes, at - from);
      at += pc.bytes.length;
    }
    if (at !== to) return null;
    const [l, h] = blockHash(block, k);
    lo = (lo + l) >>> 0;
    hi = (hi + h) >>> 0;
  }
  const a = fmix(lo ^ Math.imul(size % 0x100000000, 0x9e3779b1));
  const b = fmix(hi ^ a ^ Math.floor(size / 0x100000000));
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** The fingerprint of bytes held whole (tests, tools). */
export function contentHash(bytes: Uint8Array): string {
  const h = new ContentHasher(0, bytes.length);
  h.push(bytes);
  return joinHash([h.part()], bytes.length)!;
}
