// Cutting a stream of byte slices into physical lines: bytes to code units (UTF-16 halves
// that straddle slices, big-endian), line endings (CRLF, LF, lone CR, a CR that ends a slice),
// the partial line carried into the next slice, and overlong lines. A subclass receives each
// line through `line()`; the scans call it directly (one class in the chain, so the call
// stays monomorphic and inlinable).

import type { Units } from './prefix.ts';
import type { FileFacts } from './types.ts';

/** Lines longer than this are kept and counted but flagged, and shown cut. */
export const MAX_LINE_BYTES = 1 << 20;

export type Eol = 'crlf' | 'lf' | 'cr' | 'none';

export abstract class LineSplitter {
  protected consumed = 0;
  protected encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  protected unitBytes = 1;
  protected oddByte = -1;
  protected lastEol: Eol = 'none';
  private carry: Units | null = null;
  private carryLen = 0;
  private carryOffset = 0;
  private carryHigh = false;
  private carryOversized = false;
  private pendingCR = false;
  /** scan8's and scan16's state between their unit steps: where the current line starts, and whether it has non-ASCII so far. */
  private lineStart = 0;
  private lineHigh = false;

  constructor(private readonly endings: FileFacts['lineEndings']) {}

  /** One physical line: units [s, e) of u, line ending excluded, starting at file byte `byteOffset`. */
  protected abstract line(u: Units, s: number, e: number, byteOffset: number, high: boolean, oversized: boolean): void;

  /** Byte offset where the line after the last complete one starts (the carried line's start, or the end). */
  protected pendingStart(): number {
    return this.carry ? this.carryOffset : this.consumed;
  }

  /** Byte slice -> code units, handling an odd byte left over from the previous UTF-16 slice. */
  protected toUnits(bytes: Uint8Array, fileOffset: number): { u: Units; base: number } {
    if (this.unitBytes === 1) return { u: bytes, base: fileOffset };
    let src = bytes;
    let base = fileOffset;
    if (this.oddByte >= 0) {
      src = new Uint8Array(bytes.length + 1);
      src[0] = this.oddByte;
      src.set(bytes, 1);
      base -= 1;
      this.oddByte = -1;
    }
    const even = src.length & ~1;
    if (even < src.length) this.oddByte = src[even];
    if (this.encoding === 'utf-16le' && (src.byteOffset & 1) === 0) {
      return { u: new Uint16Array(src.buffer, src.byteOffset, even >> 1), base };
    }
    const u = new Uint16Array(even >> 1);
    if (this.encoding === 'utf-16le') for (let i = 0, j = 0; i < even; i += 2, j++) u[j] = src[i] | (src[i + 1] << 8);
    else for (let i = 0, j = 0; i < even; i += 2, j++) u[j] = (src[i] << 8) | src[i + 1];
    return { u, base };
  }

  protected feed(chunk: Uint8Array, final: boolean): void {
    const { u, base } = this.toUnits(chunk, this.consumed);
    this.processUnits(u, base, final);
  }

  /**
   * Splits units into lines. Lines end at CRLF, LF or a lone CR; the partial line at the
   * end of a slice is carried into the next one (copied, it is short).
   * `base` is the file byte offset of u[0].
   */
  protected processUnits(u: Units, base: number, final: boolean): void {
    const ub = this.unitBytes;
    const len = u.length;
    let start = 0;
    this.consumed = base + len * ub + (this.oddByte >= 0 ? 1 : 0);
    if (this.pendingCR) {
      this.pendingCR = false;
      if (len > 0 && u[0] === 10) {
        // The CR that ended the previous slice was the first half of a CRLF.
        this.endings.cr--;
        this.endings.crlf++;
        this.lastEol = 'crlf';
        start = 1;
      }
    }
    if (this.carry) {
      const end = this.findEnd(u, start);
      if (end < 0) {
        this.appendCarry(u, start, len);
        if (final) this.flushCarry();
        return;
      }
      this.appendCarry(u, start, end);
      const line = this.carry;
      const lineLen = this.carryLen;
      const oversized = this.carryOversized;
      const off = this.carryOffset;
      this.carry = null;
      this.carryLen = 0;
      this.carryOversized = false;
      this.line(line, 0, lineLen, off, this.carryHigh || scanHigh(line, 0, lineLen), oversized);
      start = this.afterEol(u, end, len);
    }
    if (ub === 1) this.scan8(u as Uint8Array, start, base);
    else this.scan16(u as Uint16Array, start, base);
    if (final) this.flushCarry();
  }

  /** Index of the first CR or LF at or after `from`, or -1. */
  private findEnd(u: Units, from: number): number {
    for (let i = from; i < u.length; i++) {
      const c = u[i];
      if (c === 10 || c === 13) return i;
    }
    return -1;
  }

  /** Records the line ending at `i` and returns where the next line starts. */
  private afterEol(u: Units, i: number, len: number): number {
    const le = this.endings;
    if (u[i] === 10) {
      le.lf++;
      this.lastEol = 'lf';
      return i + 1;
    }
    if (i + 1 < len) {
      if (u[i + 1] === 10) {
        le.crlf++;
        this.lastEol = 'crlf';
        return i + 2;
      }
      le.cr++;
      this.lastEol = 'cr';
      return i + 1;
    }
    // CR at the very end of the slice: decide CR vs CRLF when the next slice arrives.
    le.cr++;
    this.lastEol = 'cr';
    this.pendingCR = true;
    return i + 1;
  }

  private appendCarry(u: Units, s: number, e: number): void {
    const n = e - s;
    if (!this.carry) {
      this.carry = this.unitBytes === 1 ? new Uint8Array(Math.max(256, n * 2)) : new Uint16Array(Math.max(256, n * 2));
      this.carryLen = 0;
      this.carryHigh = false;
    }
    const keep = Math.min(n, (MAX_LINE_BYTES >> (this.unitBytes - 1)) - this.carryLen);
    if (keep < n) this.carryOversized = true;
    if (keep <= 0) return;
    if (this.carryLen + keep > this.carry.length) {
      const next = this.unitBytes === 1 ? new Uint8Array((this.carryLen + keep) * 2) : new Uint16Array((this.carryLen + keep) * 2);
      next.set(this.carry.subarray(0, this.carryLen) as never);
      this.carry = next;
    }
    this.carry.set(u.subarray(s, s + keep) as never, this.carryLen);
    this.carryLen += keep;
  }

  protected flushCarry(): void {
    if (!this.carry) return;
    const line = this.carry;
    const n = this.carryLen;
    this.carry = null;
    this.carryLen = 0;
    this.endings.none++;
    this.lastEol = 'none';
    this.line(line, 0, n, this.carryOffset, scanHigh(line, 0, n), this.carryOversized);
    this.carryOversized = false;
  }

  private startCarry(u: Units, s: number, base: number): void {
    this.carryOffset = base + s * this.unitBytes;
    this.appendCarry(u, s, u.length);
  }

  /**
   * Single pass over 1-byte units, 4 bytes at a time: a word with no byte below 14 and
   * none above 127 holds neither a line ending nor text that needs UTF-8 validation.
   * (About as fast as Uint8Array.indexOf(10), and it also finds lone CRs and non-ASCII.)
   */
  private scan8(u: Uint8Array, start: number, base: number): void {
    const len = u.length;
    this.lineStart = start;
    this.lineHigh = false;
    const aligned = Math.min(len, start + ((4 - ((u.byteOffset + start) & 3)) & 3));
    this.bytes8(u, start, aligned, base);
    const nWords = (len - aligned) >> 2;
    if (nWords > 0) {
      const words = new Uint32Array(u.buffer, u.byteOffset + aligned, nWords);
      for (let w = 0; w < nWords; w++) {
        const x = words[w];
        if ((((x - 0x0e0e0e0e) | x) & 0x80808080) === 0) continue;
        const k0 = aligned + (w << 2);
        this.bytes8(u, k0, k0 + 4, base);
      }
    }
    this.bytes8(u, aligned + (nWords << 2), len, base);
    if (this.lineStart < len) {
      this.startCarry(u, this.lineStart, base);
      this.carryHigh = this.lineHigh;
    }
  }

  /** scan8's byte by byte steps: the unaligned ends, and the words that hold a line end or non-ASCII. */
  private bytes8(u: Uint8Array, from: number, to: number, base: number): void {
    // A line that starts later in this range: the LF of a CRLF that started in the previous word.
    for (let k = Math.max(from, this.lineStart); k < to; k++) {
      const c = u[k];
      if (((c - 14) & 0xff) < 114) continue;
      if (c === 10 || c === 13) {
        const ls = this.lineStart;
        this.line(u, ls, k, base + ls, this.lineHigh, false);
        this.lineHigh = false;
        this.lineStart = this.afterEol(u, k, u.length);
        k = this.lineStart - 1;
      } else if (c >= 128) this.lineHigh = true;
    }
  }

  /**
   * Like scan8 for UTF-16 code units, four 32-bit words (eight units) per step. A word whose two
   * units are both in [14, 127] holds no line ending and no non-ASCII; only the steps that
   * fail the test go unit by unit.
   */
  private scan16(u: Uint16Array, start: number, base: number): void {
    const len = u.length;
    this.lineStart = start;
    this.lineHigh = false;
    const aligned = Math.min(len, start + (((u.byteOffset >> 1) + start) & 1));
    this.units16(u, start, aligned, base);
    // Four words (eight units) per step.
    const nSteps = (len - aligned) >> 3;
    if (nSteps > 0) {
      const words = new Uint32Array(u.buffer, u.byteOffset + aligned * 2, nSteps * 4);
      for (let w = 0; w < nSteps * 4; w += 4) {
        const a = words[w];
        const b = words[w + 1];
        const c = words[w + 2];
        const d = words[w + 3];
        const low = (a - 0x000e000e) | (b - 0x000e000e) | (c - 0x000e000e) | (d - 0x000e000e);
        if (((low & 0x80008000) | ((a | b | c | d) & 0xff80ff80)) === 0) continue;
        const k0 = aligned + (w << 1);
        this.units16(u, k0, k0 + 8, base);
      }
    }
    this.units16(u, aligned + (nSteps << 3), len, base);
    if (this.lineStart < len) {
      this.startCarry(u, this.lineStart, base);
      this.carryHigh = this.lineHigh;
    }
  }

  /** scan16's unit by unit steps, as bytes8 is for scan8. */
  private units16(u: Uint16Array, from: number, to: number, base: number): void {
    for (let k = Math.max(from, this.lineStart); k < to; k++) {
      const c = u[k];
      if (((c - 14) & 0xffff) < 114) continue;
      if (c === 10 || c === 13) {
        const ls = this.lineStart;
        this.line(u, ls, k, base + ls * 2, this.lineHigh, false);
        this.lineHigh = false;
        this.lineStart = this.afterEol(u, k, u.length);
        k = this.lineStart - 1;
      } else if (c >= 128) this.lineHigh = true;
    }
  }
}

function scanHigh(u: Units, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (u[i] >= 0x80) return true;
  return false;
}
