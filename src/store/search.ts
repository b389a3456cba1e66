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
 *
 * Blocks of whole lines (~8 MB) are decoded and searched with one global RegExp (V8 runs
 * literal atoms with Boyer-Moore). Single-byte and UTF-8 text is first decoded as latin1,
 * one char per byte, so that match indexes are byte offsets: ASCII needles cannot match the
 * chars non-ASCII bytes become, and a block without non-ASCII bytes is searched as is even
 * by a regular expression; other blocks are decoded properly.
 */
export function searchFile(t: SearchTarget, q: SearchQuery, onBlock?: (lines: number[]) => void): Uint32Array {
  const all: number[] = [];
  const wide = t.encoding === 'utf-16le' || t.encoding === 'utf-16be';
  const ascii = /^[\x00-\x7f]*$/.test(q.text);
  const re = new RegExp(q.regex ? q.text : escapeRegex(q.text), q.caseSensitive ? 'g' : 'gi');
  const reU = new RegExp(re.source, re.flags + 'u');
  const decoder = decoderFor(t.encoding);
  const bytesAsChars = !wide && MULTIBYTE_CODE_PAGES.indexOf(t.encoding) < 0;
  let a = 0;
  while (a < t.length) {
    const startByte = t.offset[a];
    let b = upperBound(t.offset, startByte + BLOCK_BYTES, a, t.length);
    if (b <= a) b = a + 1;
    const endByte = b < t.length ? t.offset[b] : t.size;
    const bytes = t.range(startByte, endByte);
    let text: string;
    let starts: Float64Array | null = null;
    let rx = re;
    if (bytesAsChars && ascii) {
      text = LATIN1.decode(bytes);
      if (q.regex && NON_ASCII.test(text)) {
        // A pattern like `a.b` must see real characters, not bytes.
        text = decoder.decode(bytes);
        starts = lineStartsInText(text, t, a, b, bytes.length, false);
        rx = reU;
      }
    } else {
      text = decoder.decode(bytes);
      starts = lineStartsInText(text, t, a, b, bytes.length, wide);
      rx = reU;
    }
    const found: number[] = [];
    rx.lastIndex = 0;
    for (;;) {
      const m = rx.exec(text);
      if (!m) break;
      let line: number;
      if (starts) line = upperBound(starts, m.index) - 1 + a;
      else line = upperBound(t.offset, startByte + m.index, a, b) - 1;
      found.push(line);
      if (line + 1 >= b) break;
      rx.lastIndex = starts ? starts[line + 1 - a] : t.offset[line + 1] - startByte;
    }
    for (const l of found) all.push(l);
    if (onBlock && found.length) onBlock(found);
    a = b;
  }
  return Uint32Array.from(all);
}

const LATIN1 = new TextDecoder('latin1');
const NON_ASCII = /[^\x00-\x7f]/;
/** Code pages where one character can take several bytes. */
const MULTIBYTE_CODE_PAGES = ['utf-8', 'shift_jis', 'gbk', 'gb18030', 'big5', 'euc-kr', 'euc-jp', 'iso-2022-jp'];

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
