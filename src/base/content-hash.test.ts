import { describe, expect, it } from 'vitest';
import { ContentHasher, HASH_BLOCK, contentHash, joinHash } from './content-hash.ts';

function bytesOf(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** Hashes [from, to) of `all` in slices of the given sizes (cycled). */
function range(all: Uint8Array, from: number, to: number, sizes: number[]) {
  const h = new ContentHasher(from, all.length);
  let k = 0;
  for (let i = from; i < to;) {
    const n = Math.min(sizes[k++ % sizes.length], to - i);
    h.push(all.slice(i, i + n)); // fresh buffers, as a reader's slices are
    i += n;
  }
  return h.part();
}

describe('content fingerprint', () => {
  const size = 5 * HASH_BLOCK + 12_345;
  const all = bytesOf(size);
  const whole = contentHash(all);

  it('is 16 hex digits and the same however the bytes are sliced', () => {
    expect(whole).toMatch(/^[0-9a-f]{16}$/);
    for (const sizes of [[1 << 20], [HASH_BLOCK], [7], [HASH_BLOCK - 1, 3, 100_000], [2 << 20, 16 << 20]]) {
      expect(joinHash([range(all, 0, size, sizes)], size)).toBe(whole);
    }
  });

  it('is the same when two readers each hash a part, cut anywhere (a split file)', () => {
    for (const cut of [1, 3, HASH_BLOCK, HASH_BLOCK + 1, 2 * HASH_BLOCK + 4097, size - 1]) {
      const a = range(all, 0, cut, [HASH_BLOCK * 2 + 5]);
      const b = range(all, cut, size, [HASH_BLOCK + 11]);
      expect(joinHash([b, a], size), `cut at ${cut}`).toBe(whole);
    }
  });

  it('tells apart files that differ in one byte, in byte order, or in length', () => {
    const one = all.slice();
    one[3 * HASH_BLOCK + 17] ^= 1;
    expect(contentHash(one)).not.toBe(whole);
    const swapped = all.slice();
    swapped.set(all.subarray(0, HASH_BLOCK), HASH_BLOCK);
    swapped.set(all.subarray(HASH_BLOCK, 2 * HASH_BLOCK), 0);
    expect(contentHash(swapped)).not.toBe(whole);
    const words = all.slice(0, 64);
    const w2 = words.slice();
    w2.set(words.subarray(0, 4), 32);
    w2.set(words.subarray(32, 36), 0);
    expect(contentHash(w2)).not.toBe(contentHash(words));
    expect(contentHash(all.subarray(0, size - 1))).not.toBe(whole);
    expect(contentHash(new Uint8Array(0))).toMatch(/^[0-9a-f]{16}$/);
  });

  it('says it cannot when a range is missing', () => {
    const a = range(all, 0, 1000, [HASH_BLOCK]);
    expect(joinHash([a], size)).toBeNull();
  });
});
