// Full-text search over a file's raw bytes, one hit per line. ASCII literals are
// matched on the bytes (Boyer-Moore-Horspool, optional ASCII case folding) without
// decoding; regular expressions and non-ASCII case-insensitive searches decode
// blocks of lines.

import { decoderFor } from '../base/decoders.ts';
import { upperBound } from '../base/growable.ts';

export interface SearchQuery {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export interface SearchTarget {
  /** Byte offsets of the line starts. */
  offset: Float64Array;
  length: number;
  size: number;
  encoding: string;
  range(start: number, end: number): Uint8Array;
}

/** Checks a query before it is sent to the workers; returns an error message or null. */
export function validateQuery(q: SearchQuery): string | null {
  if (!q.text) return 'Empty search.';
  if (!q.regex) return null;
  try {
    new RegExp(q.text, q.caseSensitive ? 'gu' : 'giu');
    return null;
  } catch (e) {
    return `Invalid regular expression: ${(e as Error).message}`;
  }
}

const BLOCK_BYTES = 8 << 20;

/**
 * Lines of `t` matching `q`, ascending, one entry per line. Calls `onBlock` after each
 * block so that hits can be streamed.
 */
export function searchFile(t: SearchTarget, q: SearchQuery, onBlock?: (lines: number[]) => void): Uint32Array {
  const all: number[] = [];
  const wide = t.encoding === 'utf-16le' || t.encoding === 'utf-16be';
  const asciiNeedle = /^[\x20-\x7e]+$/.test(q.text);
  const bytesPath = !q.regex && asciiNeedle && !wide && t.encoding !== 'shift_jis' && t.encoding !== 'gbk' && t.encoding !== 'big5' && t.encoding !== 'euc-kr';
  const re = bytesPath ? null : new RegExp(q.regex ? q.text : escapeRegex(q.text), q.caseSensitive ? 'gu' : 'giu');
  const needle = bytesPath ? new TextEncoder().encode(q.text) : null;
  const matcher = needle ? new Horspool(needle, !q.caseSensitive) : null;
  const decoder = bytesPath ? null : decoderFor(t.encoding);
  let a = 0;
  while (a < t.length) {
    // A block of whole lines of about BLOCK_BYTES.
    const startByte = t.offset[a];
    let b = upperBound(t.offset, startByte + BLOCK_BYTES, a, t.length);
    if (b <= a) b = a + 1;
    const endByte = b < t.length ? t.offset[b] : t.size;
    const bytes = t.range(startByte, endByte);
    const found: number[] = [];
    if (matcher) {
      let pos = 0;
      for (;;) {
        const m = matcher.find(bytes, pos);
        if (m < 0) break;
        const line = upperBound(t.offset, startByte + m, a, b) - 1;
        found.push(line);
        if (line + 1 >= b) break;
        pos = t.offset[line + 1] - startByte;
      }
    } else if (re && decoder) {
      const text = decoder.decode(bytes);
      const starts = lineStartsInText(text, t, a, b, bytes.length, wide);
      re.lastIndex = 0;
      for (;;) {
        const m = re.exec(text);
        if (!m) break;
        const line = upperBound(starts, m.index) - 1 + a;
        found.push(line);
        if (line + 1 >= b) break;
        re.lastIndex = starts[line + 1 - a];
      }
    }
    for (const l of found) all.push(l);
    if (onBlock && found.length) onBlock(found);
    a = b;
  }
  return Uint32Array.from(all);
}

/** Character index of each line start [a, b) inside `text`, the decoded bytes of those lines. */
function lineStartsInText(text: string, t: SearchTarget, a: number, b: number, byteLen: number, wide: boolean): Float64Array {
  const starts = new Float64Array(b - a);
  const base = t.offset[a];
  if (wide || text.length === byteLen) {
    const div = wide ? 2 : 1;
    for (let i = a; i < b; i++) starts[i - a] = (t.offset[i] - base) / div;
    return starts;
  }
  // Multi-byte characters: find the line endings again in the text (same rule: CRLF, LF, CR).
  let p = 0;
  for (let i = 0; i < starts.length; i++) {
    starts[i] = p;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === 10) { p++; break; }
      if (c === 13) { p += text.charCodeAt(p + 1) === 10 ? 2 : 1; break; }
      p++;
    }
  }
  return starts;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Boyer-Moore-Horspool over bytes, with optional ASCII case folding. */
class Horspool {
  private readonly shift = new Int32Array(256);
  private readonly pat: Uint8Array;
  private readonly fold: Uint8Array;

  constructor(needle: Uint8Array, ignoreCase: boolean) {
    this.fold = new Uint8Array(256);
    for (let i = 0; i < 256; i++) this.fold[i] = ignoreCase && i >= 65 && i <= 90 ? i + 32 : i;
    this.pat = needle.map((c) => this.fold[c]);
    const m = this.pat.length;
    this.shift.fill(m);
    for (let i = 0; i < m - 1; i++) {
      this.shift[this.pat[i]] = m - 1 - i;
      if (ignoreCase && this.pat[i] >= 97 && this.pat[i] <= 122) this.shift[this.pat[i] - 32] = m - 1 - i;
    }
  }

  find(h: Uint8Array, from: number): number {
    const p = this.pat;
    const m = p.length;
    const last = m - 1;
    const fold = this.fold;
    const shift = this.shift;
    const lastC = p[last];
    let i = from;
    const end = h.length - m;
    while (i <= end) {
      const c = fold[h[i + last]];
      if (c === lastC) {
        let j = last - 1;
        while (j >= 0 && fold[h[i + j]] === p[j]) j--;
        if (j < 0) return i;
      }
      i += shift[h[i + last]];
    }
    return -1;
  }
}
