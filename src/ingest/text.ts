// Decoding line text back from the raw bytes, only for lines that are shown or searched.

import { decoderFor } from '../base/decoders.ts';
import { MAX_LINE_BYTES } from './indexer.ts';

/** The bytes of a file, held as the slices they were read in. */
export interface ByteSource {
  /** Bytes [start, end) of the file; may copy when the range spans two slices. */
  range(start: number, end: number): Uint8Array;
}

export class SliceStore implements ByteSource {
  private readonly slices: Uint8Array[] = [];
  private readonly starts: number[] = [];
  private total: number;
  private lastSlice = 0;

  /** `base`: the file offset of the first slice (the second half of a split file starts mid-file). */
  constructor(base = 0) {
    this.total = base;
  }

  add(bytes: Uint8Array): void {
    this.slices.push(bytes);
    this.starts.push(this.total);
    this.total += bytes.length;
  }

  get size(): number {
    return this.total;
  }

  /** File offsets where the slices end. */
  ends(): number[] {
    return this.starts.map((s, i) => s + this.slices[i].length);
  }

  /** The slices in order with their file offsets (for whole-file scans such as search). */
  *each(): Iterable<{ start: number; bytes: Uint8Array }> {
    for (let i = 0; i < this.slices.length; i++) yield { start: this.starts[i], bytes: this.slices[i] };
  }

  /**
   * Bytes [start, end) without allocating when they lie in one slice: returns that slice and
   * sets `at.from` / `at.to` to the range inside it (else a copy, with from 0). Sequential
   * callers (event extraction) hit the cached slice.
   */
  locate(start: number, end: number, at: { from: number; to: number }): Uint8Array {
    end = Math.min(end, this.total);
    const k = this.lastSlice;
    if (k < this.slices.length) {
      const s0 = this.starts[k];
      const b = this.slices[k];
      if (start >= s0 && end - s0 <= b.length) {
        at.from = start - s0;
        at.to = end - s0;
        return b;
      }
    }
    for (let i = 0; i < this.slices.length; i++) {
      const s0 = this.starts[i];
      if (start >= s0 && end - s0 <= this.slices[i].length) {
        this.lastSlice = i;
        at.from = start - s0;
        at.to = end - s0;
        return this.slices[i];
      }
    }
    const copy = this.range(start, end);
    at.from = 0;
    at.to = copy.length;
    return copy;
  }

  range(start: number, end: number): Uint8Array {
    end = Math.min(end, this.total);
    if (start >= end) return new Uint8Array(0);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= start) lo = mid;
      else hi = mid - 1;
    }
    const s0 = this.starts[lo];
    const b0 = this.slices[lo];
    if (end - s0 <= b0.length) return b0.subarray(start - s0, end - s0);
    const out = new Uint8Array(end - start);
    let o = 0;
    for (let i = lo; i < this.slices.length && o < out.length; i++) {
      const b = this.slices[i];
      const from = i === lo ? start - s0 : 0;
      const take = Math.min(b.length - from, out.length - o);
      out.set(b.subarray(from, from + take), o);
      o += take;
    }
    return out;
  }
}


/** Longest text shown for one line; longer lines are cut with a note. */
export const DISPLAY_LIMIT = 64 * 1024;

/** Decodes bytes [start, end) of one line and removes its line ending. */
export function decodeLine(src: ByteSource, start: number, end: number, encoding: string, limit = DISPLAY_LIMIT): string {
  let cut = false;
  if (end - start > limit) {
    end = start + limit;
    cut = true;
  }
  let text = decoderFor(encoding).decode(src.range(start, end));
  // Strip the line ending: CRLF, LF or CR.
  let n = text.length;
  while (n > 0) {
    const c = text.charCodeAt(n - 1);
    if (c === 10 || c === 13) n--;
    else break;
  }
  if (n !== text.length) text = text.slice(0, n);
  if (cut) text += ` … [line cut at ${Math.round(limit / 1024)} KB; ${MAX_LINE_BYTES >> 20} MB lines are kept whole in the file]`;
  return text;
}
