// Full-text search over a file's raw bytes, one hit per line.
//
// - ASCII literals in single-byte and UTF-8 files are found on the bytes, without decoding:
//   the native Uint8Array.indexOf looks for the needle's rarest byte (both cases when case
//   is ignored) and each candidate is checked in place.
// - Everything else decodes blocks of lines with the file's decoder and runs one global
//   RegExp; where a block is one char per byte, char indexes are byte offsets.
// Blocks never straddle the slices the bytes are held in, so no block is copied.

import { decoderFor } from '../base/decoders.ts';
import { lowerBound, upperBound } from '../base/growable.ts';

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
  /** File offsets where the held slices end (ascending), so that blocks can avoid copies. */
  sliceEnds?: number[];
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
 * Code pages whose multi-byte characters can contain ASCII bytes (a Shift_JIS trail byte can
 * be 0x5C): there, bytes cannot stand for characters. UTF-8 is safe: its multi-byte
 * sequences never contain a byte below 0x80.
 */
const MULTIBYTE_CODE_PAGES = ['shift_jis', 'gbk', 'gb18030', 'big5', 'euc-kr', 'euc-jp', 'iso-2022-jp'];

/** Lines of `t` matching `q`, ascending. Calls `onBlock` with each block's hits, so that they stream. */
export function searchFile(t: SearchTarget, q: SearchQuery, onBlock?: (lines: number[]) => void): Uint32Array {
  const all: number[] = [];
  const wide = t.encoding === 'utf-16le' || t.encoding === 'utf-16be';
  const ascii = /^[\x20-\x7e]+$/.test(q.text);
  const bytesAsChars = !wide && MULTIBYTE_CODE_PAGES.indexOf(t.encoding) < 0;
  const literal = !q.regex && ascii && !wide ? new ByteLiteral(q.text, !q.caseSensitive) : null;
  // 'm': ^ and $ match at line starts and ends, as a person reading lines expects.
  const reU = new RegExp(q.regex ? q.text : escapeRegex(q.text), q.caseSensitive ? 'gmu' : 'gimu');
  const decoder = decoderFor(t.encoding);
  const ends = t.sliceEnds ?? [];
  let a = 0;
  while (a < t.length) {
    const startByte = t.offset[a];
    // End the block at the next slice end (the line that crosses it is a block of its own).
    const sliceEnd = ends[upperBound(ends, startByte)] ?? Infinity;
    const limit = Math.min(startByte + BLOCK_BYTES, sliceEnd);
    let b = lowerBound(t.offset, limit, a + 1, t.length);
    const lineEnd = (i: number) => (i + 1 < t.length ? t.offset[i + 1] : t.size);
    if (b - 1 > a && lineEnd(b - 1) > sliceEnd) b--; // the crossing line goes next, alone
    const endByte = lineEnd(b - 1);
    const bytes = t.range(startByte, endByte);
    const found: number[] = [];
    const lineAt = (byteInBlock: number) => upperBound(t.offset, startByte + byteInBlock, a, b) - 1;
    if (literal && bytesAsChars) {
      let pos = 0;
      for (;;) {
        const m = literal.find(bytes, pos);
        if (m < 0) break;
        const line = lineAt(m);
        found.push(line);
        if (line + 1 >= b) break;
        pos = t.offset[line + 1] - startByte;
      }
    } else {
      // The file's own decoder: where every byte is one char (ASCII blocks of UTF-8 files,
      // single-byte code pages), char indexes are byte offsets and line starts come for free.
      const text = decoder.decode(bytes);
      const starts = lineStartsInText(text, t, a, b, bytes.length, wide);
      const rx = reU;
      rx.lastIndex = 0;
      for (;;) {
        const m = rx.exec(text);
        if (!m) break;
        const line = upperBound(starts, m.index) - 1 + a;
        found.push(line);
        if (line + 1 >= b) break;
        rx.lastIndex = starts[line + 1 - a];
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

// Rough frequency rank of bytes in cluster.log text (higher = more common): the anchor of a
// literal is its rarest byte, so that indexOf stops on few candidates.
const COMMON = ' etaoinsrlcdhupmfgwybvk.:0123456789-_/()[],=';
function rarity(c: number): number {
  const lower = c >= 65 && c <= 90 ? c + 32 : c;
  const i = COMMON.indexOf(String.fromCharCode(lower));
  const upperPenalty = c >= 65 && c <= 90 ? -20 : 0; // capitals are rarer than their lower case
  return (i < 0 ? 0 : COMMON.length - i) + upperPenalty + 20;
}

/** An ASCII literal found on bytes: native indexOf of its rarest byte, then an in-place check. */
class ByteLiteral {
  private readonly pat: Uint8Array;
  private readonly anchor: number;
  private readonly a1: number;
  private readonly a2: number;

  constructor(text: string, private readonly ignoreCase: boolean) {
    const raw = new TextEncoder().encode(text);
    this.pat = ignoreCase ? raw.map((c) => (c >= 65 && c <= 90 ? c + 32 : c)) : raw;
    let best = 0;
    for (let i = 1; i < raw.length; i++) if (rarity(raw[i]) < rarity(raw[best])) best = i;
    this.anchor = best;
    const c = this.pat[best];
    this.a1 = c;
    this.a2 = ignoreCase && c >= 97 && c <= 122 ? c - 32 : c;
  }

  /** First match at or after `from`, or -1. */
  find(h: Uint8Array, from: number): number {
    const p = this.pat;
    const m = p.length;
    const k = this.anchor;
    const fold = this.ignoreCase;
    // Next position of the anchor byte in each case; Infinity once there is none left.
    let i1 = -1;
    let i2 = this.a2 === this.a1 ? Infinity : -1;
    let at = from + k;
    for (;;) {
      if (i1 < at) {
        i1 = h.indexOf(this.a1, at);
        if (i1 < 0) i1 = Infinity;
      }
      if (i2 < at) {
        i2 = h.indexOf(this.a2, at);
        if (i2 < 0) i2 = Infinity;
      }
      const c = Math.min(i1, i2);
      if (c === Infinity) return -1;
      const s = c - k;
      if (s + m <= h.length && s >= from) {
        let j = 0;
        if (fold) {
          for (; j < m; j++) {
            let x = h[s + j];
            if (x >= 65 && x <= 90) x += 32;
            if (x !== p[j]) break;
          }
        } else {
          for (; j < m; j++) if (h[s + j] !== p[j]) break;
        }
        if (j === m) return s;
      }
      at = c + 1;
    }
  }
}
