// Which kind of capture an input is, from its first bytes: an event log saved as XML, or a
// delimited text export whose header matches one of HEADER_SIGNATURES. Returns null for anything
// else. (Binary inputs, ZIPs included, are named by the magic-number table of formats/encoding.ts.)
// Pure: no DOM, no I/O.

import { HEADER_SIGNATURES, type CaptureKind, type HeaderSignature, type Verified } from '../formats/captures.ts';
import { sniffEncoding } from '../formats/encoding.ts';
import { formatTimeOfDay, parseTimeOfDay, type TimeOfDayResult } from './time-of-day.ts';

export type Delimiter = ',' | '\t' | ';';

/** How many bytes of the head are looked at: the header line and the first row. */
export const SNIFF_BYTES = 8192;

export type Sniffed =
  | { readonly kind: 'eventlog-xml'; readonly evidence: string }
  | {
      readonly kind: CaptureKind;
      readonly format: string;
      readonly status: Verified;
      readonly delimiter: Delimiter;
      /** Column names as written, in file order. */
      readonly header: readonly string[];
      /** Byte offset of the header line (after a BOM and a PowerShell `#TYPE` line). */
      readonly headerAt: number;
      readonly evidence: string;
      /** The first row's time of day, when the export has a time-of-day column. */
      readonly firstTime: TimeOfDayResult | null;
    };

/** Columns that hold a bare time of day (Procmon, Netmon); matched with case ignored. */
const TIME_OF_DAY_COLUMNS = ['time of day', 'completion time'];

const norm = (s: string) => s.trim().toLowerCase();

/** Splits one header line on `d`, honouring double quotes (a header holds no line breaks). */
export function splitHeader(line: string, d: Delimiter): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === d) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** The delimiter that splits the header into the most columns (outside quotes). */
export function sniffDelimiter(line: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === '\t' || c === ';')) counts[c]++;
  }
  return (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0];
}

/** The first signature whose every group of names is in the header. */
export function matchHeader(header: readonly string[]): HeaderSignature | null {
  const have = new Set(header.map(norm));
  return HEADER_SIGNATURES.find((sig) => sig.requires.every((group) => group.some((n) => have.has(norm(n))))) ?? null;
}

/** `head`: the first bytes of the input; only the first SNIFF_BYTES are read. */
export function sniffCapture(head: Uint8Array): Sniffed | null {
  const enc = sniffEncoding(head);
  const bom = enc.bomLength;
  const unit = enc.encoding === 'utf-8' ? 1 : 2;
  const text = new TextDecoder(enc.encoding).decode(head.subarray(bom, SNIFF_BYTES));
  const lead = text.trimStart();
  if (lead.startsWith('<')) {
    return /<Events?[\s>]/.test(lead.slice(0, 4096)) && /schemas\.microsoft\.com\/win\/2004\/08\/events\/event/.test(lead.slice(0, 4096))
      ? { kind: 'eventlog-xml', evidence: 'XML with <Event> elements in the Windows event schema' }
      : null;
  }
  let at = 0;
  let line = firstLine(text, at);
  // PowerShell 5's Export-Csv writes "#TYPE <class>" above the header unless -NoTypeInformation.
  if (line.startsWith('#TYPE ')) {
    at = skipEol(text, line.length);
    line = firstLine(text, at);
  }
  const delimiter = sniffDelimiter(line);
  const header = splitHeader(line, delimiter);
  if (header.length < 3) return null;
  const sig = matchHeader(header);
  if (!sig) return null;
  const headerAt = bom + (unit === 1 ? new TextEncoder().encode(text.slice(0, at)).length : at * 2);
  const named = delimiter === '\t' ? 'tab' : delimiter === ';' ? 'semicolon' : 'comma';
  const tcol = header.findIndex((h) => TIME_OF_DAY_COLUMNS.includes(norm(h)));
  const row = tcol >= 0 ? splitHeader(firstLine(text, skipEol(text, at + line.length)), delimiter) : [];
  return {
    kind: sig.kind, format: sig.name, status: sig.status, delimiter, header, headerAt,
    firstTime: row[tcol] !== undefined && row[tcol] !== '' ? parseTimeOfDay(row[tcol]) : null,
    evidence: `${named}-separated header with ${sig.requires.map((g) => header.find((h) => g.some((n) => norm(n) === norm(h)))).join(', ')}`,
  };
}

function firstLine(text: string, from: number): string {
  let e = from;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return text.slice(from, e);
}

function skipEol(text: string, i: number): number {
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  return i;
}

/** How the first row's time reads, for a file card or an error: "10:12:01.1234567", or what is wrong. */
export function describeFirstTime(t: TimeOfDayResult | null): string | null {
  if (!t) return null;
  if (t.ok) return `its first row is at ${formatTimeOfDay(t)}`;
  if (t.reason === 'hour-lost') return 'its times have lost their hour (mm:ss.f: the file was re-saved by Excel; export it again from the capture tool)';
  return 'its first time of day is not in a known form';
}
