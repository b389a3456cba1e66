// Full-text search over a file's raw bytes, one hit per line.
//
// - ASCII literals in single-byte and UTF-8 files are found on the bytes, without decoding:
//   the needle's rarest byte (counted in the first MiB) is looked for with the native
//   Uint8Array.indexOf, or, for a letter with case ignored, in one pass over 32-bit words;
//   each candidate is checked in place.
// - Regular expressions that cannot match without one of a few ASCII literals (see
//   regex-literals.ts) look for those on the bytes the same way, and only the lines that hold
//   one are decoded and tested: decoding is most of a regex search's cost.
// - Everything else decodes blocks of lines with the file's decoder and runs one global
//   RegExp; where a block is one char per byte, char indexes are byte offsets.
// Blocks never straddle the slices the bytes are held in, so no block is copied.

import { decoderFor } from '../base/decoders.ts';
import { lowerBound, upperBound } from '../base/growable.ts';
import { requiredLiterals } from './regex-literals.ts';
import { catastrophicShape } from './regex-risk.ts';

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
  } catch (e) {
    return `Invalid regular expression: ${(e as Error).message}`;
  }
  // Nothing can stop a RegExp once it runs: a shape that can take exponential time is refused.
  const why = catastrophicShape(q.text, q.caseSensitive ? 'u' : 'iu');
  return why ? `${q.text} can take exponential time on a line: ${why}; give each repeat one way to match (a+b, not (a+)+b).` : null;
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
  for (const found of searchBlocks(t, q)) {
    for (const l of found) all.push(l);
    if (onBlock && found.length) onBlock(found);
  }
  return Uint32Array.from(all);
}

/**
 * The same search, one block (at most 8 MB of text) at a time: each step yields that block's
 * hits (maybe none), so that a caller can stop between blocks (a newer search, a time budget).
 */
export function* searchBlocks(t: SearchTarget, q: SearchQuery): Generator<number[], void, void> {
  const wide = t.encoding === 'utf-16le' || t.encoding === 'utf-16be';
  const ascii = /^[\x20-\x7e]+$/.test(q.text);
  const bytesAsChars = !wide && MULTIBYTE_CODE_PAGES.indexOf(t.encoding) < 0;
  const fold = !q.caseSensitive;
  const literalText = !q.regex && ascii && bytesAsChars ? q.text : null;
  const required = q.regex && bytesAsChars ? requiredLiterals(q.text, fold) : null;
  // Under 'iu', U+017F (long s) matches s and U+212A (Kelvin) matches k: a block holding
  // either is searched by decoding it, so that the byte prefilter never drops a match.
  const foldTraps = fold && !!required && required.some((l) => /[sk]/.test(l));
  let literals: ByteLiteral[] | null = null; // made from the first block, whose bytes rank the anchors
  // 'm': ^ and $ match at line starts and ends, as a person reading lines expects.
  const reU = new RegExp(q.regex ? q.text : escapeRegex(q.text), q.caseSensitive ? 'gmu' : 'gimu');
  const reLine = new RegExp(reU.source, q.caseSensitive ? 'mu' : 'imu');
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
    let found: number[];
    if ((literalText || required) && !literals) {
      const sample = bytes.subarray(0, SAMPLE_BYTES);
      literals = (literalText ? [literalText] : required!).map((l) => new ByteLiteral(l, fold, sample));
    }
    if (literals && literalText) {
      found = linesHolding(literals, bytes, t.offset, a, b);
    } else if (literals && !(foldTraps && hasFoldTrap(bytes))) {
      found = [];
      for (const line of linesHolding(literals, bytes, t.offset, a, b)) {
        let e = lineEnd(line) - startByte;
        const s = t.offset[line] - startByte;
        if (e > s && bytes[e - 1] === 10) e--;
        if (e > s && bytes[e - 1] === 13) e--;
        if (reLine.test(decoder.decode(bytes.subarray(s, e)))) found.push(line);
      }
    } else {
      found = [];
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
    yield found;
    a = b;
  }
}

/** Bytes of the first block that rank the bytes of a literal by how often they occur. */
const SAMPLE_BYTES = 1 << 20;

/** Lines [a, b) of the block `bytes` (starting at line a) that hold any of the literals, ascending, once each. */
function linesHolding(literals: ByteLiteral[], bytes: Uint8Array, offset: Float64Array, a: number, b: number): number[] {
  const startByte = offset[a];
  const each = literals.map((lit) => {
    const lines: number[] = [];
    let pos = 0;
    for (;;) {
      const m = lit.find(bytes, pos);
      if (m < 0) break;
      const line = upperBound(offset, startByte + m, a, b) - 1;
      lines.push(line);
      if (line + 1 >= b) break;
      pos = offset[line + 1] - startByte;
    }
    return lines;
  });
  if (each.length === 1) return each[0];
  const merged = each.flat().sort((x, y) => x - y);
  return merged.filter((l, i) => i === 0 || l !== merged[i - 1]);
}

/** Whether UTF-8 bytes hold U+017F (C5 BF) or U+212A (E2 84 AA). */
function hasFoldTrap(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0xc5); i >= 0; i = bytes.indexOf(0xc5, i + 1)) if (bytes[i + 1] === 0xbf) return true;
  for (let i = bytes.indexOf(0xe2); i >= 0; i = bytes.indexOf(0xe2, i + 1)) if (bytes[i + 1] === 0x84 && bytes[i + 2] === 0xaa) return true;
  return false;
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

/**
 * How many candidates each byte of a literal would stop on: its count in the sample (plus the
 * other case's when case is ignored; "SQLNODE1" makes 'Q' common where 'q' is rare), with the
 * static rank breaking ties and standing in when there is no sample.
 */
function anchorCosts(raw: Uint8Array, ignoreCase: boolean, sample?: Uint8Array): number[] {
  const counts = new Float64Array(256);
  if (sample) for (let i = 0; i < sample.length; i++) counts[sample[i]]++;
  return Array.from(raw, (c) => {
    const other = c >= 65 && c <= 90 ? c + 32 : c >= 97 && c <= 122 ? c - 32 : c;
    const n = counts[c] + (ignoreCase && other !== c ? counts[other] : 0);
    const r = ignoreCase ? Math.max(rarity(c), rarity(other)) : rarity(c);
    return n * 1000 + r;
  });
}

/** An ASCII literal found on bytes: native indexOf of its rarest byte, then an in-place check. */
class ByteLiteral {
  private readonly pat: Uint8Array;
  private readonly anchor: number;
  private readonly a1: number;
  private readonly a2: number;

  /** `sample`: bytes of the text to be searched, whose counts choose the anchor (with both cases counted when case is ignored). */
  constructor(text: string, private readonly ignoreCase: boolean, sample?: Uint8Array) {
    const raw = new TextEncoder().encode(text);
    this.pat = ignoreCase ? raw.map((c) => (c >= 65 && c <= 90 ? c + 32 : c)) : raw;
    const cost = anchorCosts(raw, ignoreCase, sample);
    let best = 0;
    for (let i = 1; i < raw.length; i++) if (cost[i] < cost[best]) best = i;
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
    // A letter anchor with case ignored: one pass that folds 4 bytes at a time (about twice
    // as fast as an indexOf per case). Otherwise the native indexOf.
    const folded = this.a2 !== this.a1;
    let at = from + k;
    for (;;) {
      const c = folded ? nextFolded(h, this.a1, at) : h.indexOf(this.a1, at);
      if (c < 0) return -1;
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

/**
 * The next index at or after `from` whose byte, with bit 0x20 set, is `c` (a lower-case ASCII
 * letter: that byte is c or its capital). Reads aligned 32-bit words and tests their 4 bytes
 * at once (a zero byte in word ^ pattern), then finds which byte it was.
 */
function nextFolded(h: Uint8Array, c: number, from: number): number {
  const n = h.length;
  let i = from;
  const head = Math.min(n, i + ((4 - ((h.byteOffset + i) & 3)) & 3));
  for (; i < head; i++) if ((h[i] | 0x20) === c) return i;
  const w0 = (h.byteOffset + i) >> 2;
  const wn = (h.byteOffset + n) >> 2;
  if (wn > w0) {
    const words = new Uint32Array(h.buffer, w0 << 2, wn - w0);
    const pat = Math.imul(c, 0x01010101) >>> 0;
    for (let w = 0; w < words.length; w++) {
      const t = (words[w] | 0x20202020) ^ pat;
      if (((t - 0x01010101) & ~t & 0x80808080) !== 0) {
        // Some byte of this word matches: find which.
        const b = ((w0 + w) << 2) - h.byteOffset;
        for (let q = b; q < b + 4; q++) if ((h[q] | 0x20) === c) return q;
      }
    }
    i = Math.max(i, (wn << 2) - h.byteOffset);
  }
  for (; i < n; i++) if ((h[i] | 0x20) === c) return i;
  return -1;
}
