// Byte-level encoding and binary sniffing, done once per file on its first bytes
// (formats.md A.0 step 1).

export interface EncodingGuess {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bomLength: number;
  source: 'bom' | 'sniffed';
}

export function sniffEncoding(head: Uint8Array): EncodingGuess {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, source: 'bom' };
  }
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, source: 'bom' };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, source: 'bom' };
  // UTF-16LE without BOM: ASCII text has a zero high byte at every odd offset.
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let zeros = 0;
    for (let i = 1; i < n; i += 2) if (head[i] === 0) zeros++;
    if (zeros >= 0.3 * (n / 2)) return { encoding: 'utf-16le', bomLength: 0, source: 'sniffed' };
  }
  return { encoding: 'utf-8', bomLength: 0, source: 'sniffed' };
}

interface Magic {
  bytes: number[];
  what: string;
}

// Common non-text files people drop by mistake, each with a message that says what it is.
const MAGICS: Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (extract it and drop the cluster.log files inside)' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive (extract it first)' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive (extract it first)' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive (extract it first)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x4d, 0x5a], what: 'a Windows executable' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable' },
  { bytes: [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65], what: 'a Windows event log (.evtx); export it as text or CSV' },
  { bytes: [0x50, 0x4d, 0x4c, 0x5f], what: 'a Process Monitor log (.PML); export it as CSV' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an Office/OLE document' },
];

/**
 * Says what a binary file looks like, or null for text. NUL bytes in a file that
 * is not UTF-16 mean binary too.
 */
export function sniffBinary(head: Uint8Array, encoding: EncodingGuess['encoding']): string | null {
  for (const m of MAGICS) {
    if (head.length >= m.bytes.length && m.bytes.every((b, i) => head[i] === b)) return m.what;
  }
  if (encoding === 'utf-8') {
    const n = Math.min(head.length, 4096);
    let nul = 0;
    let ctl = 0;
    for (let i = 0; i < n; i++) {
      const c = head[i];
      if (c === 0) nul++;
      else if (c < 9 || (c > 13 && c < 32 && c !== 27)) ctl++;
    }
    if (nul > 0) return 'binary data (it contains NUL bytes)';
    if (n > 64 && ctl > n * 0.1) return 'binary data (many control bytes)';
  }
  return null;
}
