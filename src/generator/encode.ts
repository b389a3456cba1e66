// Text → bytes in large batches (never byte by byte): UTF-8 via TextEncoder, UTF-16 and
// Windows-1252 via Buffer when running in Node, else one typed-array pass per batch.

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Eol = 'crlf' | 'lf' | 'cr';
export const ENCODINGS: readonly EncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];
export const EOLS: readonly Eol[] = ['crlf', 'lf', 'cr'];

export interface EncodeOptions {
  encoding: EncodingName;
  /** Byte order mark (ignored for windows-1252, which has none). */
  bom: boolean;
  eol: Eol;
}

export const EOL_TEXT: Record<Eol, string> = { crlf: '\r\n', lf: '\n', cr: '\r' };

export function bomBytes(enc: EncodingName): Uint8Array {
  switch (enc) {
    case 'utf-8': return Uint8Array.of(0xef, 0xbb, 0xbf);
    case 'utf-16le': return Uint8Array.of(0xff, 0xfe);
    case 'utf-16be': return Uint8Array.of(0xfe, 0xff);
    case 'windows-1252': return new Uint8Array(0);
  }
}

// Windows-1252 bytes 0x80-0x9F (undefined slots map to nothing and are written as '?').
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const TO_1252 = new Map<number, number>();
for (let i = 0; i < CP1252_HIGH.length; i++) TO_1252.set(CP1252_HIGH.charCodeAt(i), 0x80 + i);

type NodeBuffer = { from(s: string, enc: string): Uint8Array & { swap16(): Uint8Array } };
const NodeBuf: NodeBuffer | undefined = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const utf8 = new TextEncoder();
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Encodes one (large) string. */
export function encodeText(s: string, enc: EncodingName): Uint8Array {
  switch (enc) {
    case 'utf-8':
      return utf8.encode(s);
    case 'utf-16le':
    case 'utf-16be': {
      if (NodeBuf) {
        const b = NodeBuf.from(s, 'utf16le');
        return enc === 'utf-16be' ? b.swap16() : b;
      }
      const units = new Uint16Array(s.length);
      for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
      const bytes = new Uint8Array(units.buffer);
      if ((enc === 'utf-16le') !== littleEndian) {
        for (let i = 0; i < bytes.length; i += 2) { const x = bytes[i]; bytes[i] = bytes[i + 1]; bytes[i + 1] = x; }
      }
      return bytes;
    }
    case 'windows-1252': {
      // Fast path: ASCII and Latin-1 letters (0xA0-0xFF) are identical in Windows-1252.
      if (NodeBuf && !/[^\x00-\x7f\xa0-\xff]/.test(s)) return NodeBuf.from(s, 'latin1');
      const out = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out[i] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : TO_1252.get(c) ?? 0x3f;
      }
      return out;
    }
  }
}

/** Encoded size of one line (without line ending), for size targets. */
export function encodedLength(text: string, enc: EncodingName): number {
  if (enc === 'utf-16le' || enc === 'utf-16be') return text.length * 2;
  if (enc === 'windows-1252') return text.length;
  if (!/[^\x00-\x7f]/.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/**
 * Batches of lines → encoded chunks (one encoder call per batch of at least `minChars` characters). Every line is
 * terminated by the chosen line ending.
 */
export function* encodeLineBatches(batches: Iterable<readonly string[]>, enc: EncodeOptions, minChars = 1 << 16): Generator<Uint8Array> {
  if (enc.bom && enc.encoding !== 'windows-1252') yield bomBytes(enc.encoding);
  const eol = EOL_TEXT[enc.eol];
  // Small batches are gathered; large ones are encoded right away so that nothing lives long
  // (long-lived strings get promoted and make garbage collection expensive).
  let parts: string[] = [];
  let size = 0;
  for (const lines of batches) {
    if (lines.length === 0) continue;
    parts.push(lines.join(eol) + eol);
    size += parts[parts.length - 1].length;
    if (size >= minChars) {
      yield encodeText(parts.length === 1 ? parts[0] : parts.join(''), enc.encoding);
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield encodeText(parts.join(''), enc.encoding);
}

/**
 * Lines → encoded chunks. Every line is terminated by the chosen line ending. Lines are joined
 * into batches of about `batchChars` characters, so each chunk is one encoder call.
 */
export function* encodeLines(lines: Iterable<string>, enc: EncodeOptions, batchChars = 1 << 20): Generator<Uint8Array> {
  if (enc.bom && enc.encoding !== 'windows-1252') yield bomBytes(enc.encoding);
  const eol = EOL_TEXT[enc.eol];
  let batch: string[] = [];
  let size = 0;
  for (const line of lines) {
    batch.push(line);
    size += line.length + eol.length;
    if (size >= batchChars) {
      yield encodeText(batch.join(eol) + eol, enc.encoding);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield encodeText(batch.join(eol) + eol, enc.encoding);
}
