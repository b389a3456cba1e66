import { describe, expect, it } from 'vitest';
import { markDuplicates } from './dedupe.ts';

const side = (hashes: number[], keys: number[]) => ({ hashes: Uint32Array.from(hashes), keyAt: (i: number) => keys[i], hidden: null });

describe('markDuplicates', () => {
  it('hides the lines of the later file that repeat a line of the earlier one (same time, same bytes)', () => {
    const a = side([1, 2, 3, 4], [10, 11, 12, 13]);
    const b = side([3, 4, 5, 6], [12, 13, 14, 15]);
    const hidden = new Uint8Array(4);
    expect(markDuplicates(a, b, hidden)).toBe(2);
    expect(Array.from(hidden)).toEqual([1, 1, 0, 0]);
  });
  it('same bytes at another time are different lines; a repeated line is matched once per copy', () => {
    const a = side([7, 7, 9], [10, 10, 11]);
    const b = side([7, 7, 7, 9], [10, 10, 10, 12]);
    const hidden = new Uint8Array(4);
    expect(markDuplicates(a, b, hidden)).toBe(2);
    expect(Array.from(hidden)).toEqual([1, 1, 0, 0]);
  });
});
