// Test helpers for the cluster.log indexer: fixture loading, encoders, and a
// comparable snapshot of an IndexedFile. Nothing here depends on the parser's code
// beyond the public types of src/ingest/types.ts.
import { concatBytes as concat } from '../../src/base/streams.ts';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUCKET_NAMES, type FileFacts, type LineColumns, type ThreadTable } from '../../src/ingest/types.ts';

/** The shape of `IndexedFile` (src/ingest/index.ts), restated so the helpers need only types.ts. */
export interface IndexedFileLike {
  facts: FileFacts;
  columns: LineColumns;
  threads: ThreadTable;
  lineText(i: number): string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../..');
export const FIXTURE_DIR = path.join(REPO_ROOT, 'test/fixtures/clusterlog');
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');
export const CORPUS_TESTCASE0 = path.join(SHARED_DIR, 'corpus/clusterlog/zeroch__FailoverDetector__TestCase_0.txt');

export const LEVEL_BY_NAME: Record<string, number> = {
  None: 0, DBG: 1, INFO: 2, WARN: 3, ERR: 4, CRIT: 5, Unknown: 6,
};
export const CHANNEL_BY_NAME: Record<string, number> = { none: 0, System: 1, Operational: 2, Verbose: 3 };

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8');
}

export interface LineExpectation {
  line: number; // 1-based, as an editor shows it
  textStartsWith?: string;
  bucket?: string;
  written?: string | null; // ISO without zone: the time as written in the file
  level?: string;
  component?: string;
  pid?: number;
  tid?: number;
  channel?: string;
  member?: boolean;
}

export interface FixtureExpectation {
  fixture: string;
  about: string;
  options: { name?: string; path?: string; month?: string; node?: string };
  summary: Record<string, unknown>;
  facts?: Record<string, unknown>;
  lines: LineExpectation[];
}

/** Load `<base>.expected.json`, given either that file name or the fixture's own name. */
export function loadExpectation(name: string): FixtureExpectation {
  const file = name.endsWith('.expected.json') ? name : `${name.replace(/\.[^.]+$/, '')}.expected.json`;
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as FixtureExpectation;
}

/** Compute a value on first use (so a parser crash fails one test, not the collection of the file). */
export function lazy<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

export function listExpectations(): string[] {
  return fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.expected.json')).sort();
}

/** Our own physical line split (CRLF, LF, lone CR; a non-empty tail counts). */
export function splitPhysical(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push(text.slice(start, i));
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Re-join lines with one line ending (a final ending after the last line). */
export function withEnding(lines: string[], eol: string, finalEol = true): string {
  return lines.join(eol) + (finalEol ? eol : '');
}

export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export function utf16le(text: string, bom = true): Uint8Array {
  const off = bom ? 2 : 0;
  const out = new Uint8Array(off + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[off + 2 * i] = c & 0xff;
    out[off + 2 * i + 1] = c >> 8;
  }
  return out;
}

export function utf16be(text: string, bom = true): Uint8Array {
  const off = bom ? 2 : 0;
  const out = new Uint8Array(off + text.length * 2);
  if (bom) out.set([0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[off + 2 * i] = c >> 8;
    out[off + 2 * i + 1] = c & 0xff;
  }
  return out;
}

/** windows-1252 bytes for text whose characters are ASCII or Latin-1 letters (ü, é, ...). */
export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error(`latin1(): cannot encode U+${c.toString(16)}`);
    out[i] = c;
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return concat(parts);
}

export function bucketName(f: IndexedFileLike, i: number): string {
  return BUCKET_NAMES[f.columns.flags[i] & 7] ?? `?${f.columns.flags[i] & 7}`;
}
export function channelOfLine(f: IndexedFileLike, i: number): number {
  return (f.columns.flags[i] >> 3) & 3;
}
export function isMember(f: IndexedFileLike, i: number): boolean {
  return (f.columns.flags[i] & 0x40) !== 0;
}
export function componentOf(f: IndexedFileLike, i: number): string {
  return f.facts.components[f.columns.comp[i]];
}
export function pidOf(f: IndexedFileLike, i: number): number {
  return f.threads.pid[f.columns.thread[i]];
}
export function tidOf(f: IndexedFileLike, i: number): number {
  return f.threads.tid[f.columns.thread[i]];
}
/** The written time of line i as 'YYYY-MM-DDTHH:MM:SS.mmm' (no zone), or null for NaN. */
export function writtenOf(f: IndexedFileLike, i: number): string | null {
  const t = f.columns.ts[i];
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().replace(/Z$/, '');
}

/** ms since epoch of a written time 'YYYY-MM-DDTHH:MM:SS.mmm'. */
export function writtenMs(s: string): number {
  return Date.parse(`${s}Z`);
}

export function bucketCounts(f: IndexedFileLike): Record<string, number> {
  const c: Record<string, number> = { parsed: 0, continuation: 0, structural: 0, blank: 0, unparsed: 0 };
  for (let i = 0; i < f.columns.length; i++) c[bucketName(f, i)] = (c[bucketName(f, i)] ?? 0) + 1;
  return c;
}

/**
 * Everything per line that must not depend on how the bytes were sliced or encoded.
 * Component and thread are resolved to names/ids so that table order does not matter.
 */
export interface LineSnapshot {
  ts: (number | null)[];
  level: number[];
  comp: string[];
  pid: number[];
  tid: number[];
  flags: number[];
  text: string[];
}

export function snapshot(f: IndexedFileLike, withText = true): LineSnapshot {
  const n = f.columns.length;
  const s: LineSnapshot = { ts: [], level: [], comp: [], pid: [], tid: [], flags: [], text: [] };
  for (let i = 0; i < n; i++) {
    const t = f.columns.ts[i];
    s.ts.push(Number.isNaN(t) ? null : t);
    s.level.push(f.columns.level[i]);
    s.comp.push(componentOf(f, i));
    s.pid.push(pidOf(f, i));
    s.tid.push(tidOf(f, i));
    s.flags.push(f.columns.flags[i]);
    if (withText) s.text.push(f.lineText(i));
  }
  return s;
}

/** Facts that must not depend on slicing (encoding-independent part). */
export function factsCore(f: IndexedFileLike) {
  const x = f.facts;
  return {
    lines: x.lines,
    buckets: x.buckets,
    dialect: x.dialect,
    node: x.node,
    nodeId: x.nodeId,
    timeBase: { base: x.timeBase.base, utcOffsetMinutes: x.timeBase.utcOffsetMinutes },
    firstWritten: x.firstWritten,
    lastWritten: x.lastWritten,
    build: x.build,
    sections: x.sections,
    status: x.status,
    errors: x.errors,
  };
}

/** Compare one line against a hand-written expectation; returns a list of mismatches. */
export function checkLine(f: IndexedFileLike, e: LineExpectation): string[] {
  const i = e.line - 1;
  const bad: string[] = [];
  const where = `line ${e.line}`;
  if (i >= f.columns.length) return [`${where}: file has only ${f.columns.length} lines`];
  if (e.textStartsWith !== undefined && !f.lineText(i).startsWith(e.textStartsWith)) {
    bad.push(`${where}: lineText ${JSON.stringify(f.lineText(i).slice(0, 80))} does not start with ${JSON.stringify(e.textStartsWith)}`);
  }
  if (e.bucket !== undefined && bucketName(f, i) !== e.bucket) bad.push(`${where}: bucket ${bucketName(f, i)}, expected ${e.bucket}`);
  if (e.written !== undefined && writtenOf(f, i) !== e.written) bad.push(`${where}: written ${writtenOf(f, i)}, expected ${e.written}`);
  // The low nibble is the level word as written; the high nibble holds a severity derived from event text.
  if (e.level !== undefined && (f.columns.level[i] & 15) !== LEVEL_BY_NAME[e.level]) {
    bad.push(`${where}: level ${f.columns.level[i] & 15}, expected ${e.level} (${LEVEL_BY_NAME[e.level]})`);
  }
  if (e.component !== undefined && componentOf(f, i) !== e.component) {
    bad.push(`${where}: component ${JSON.stringify(componentOf(f, i))}, expected ${JSON.stringify(e.component)}`);
  }
  if (e.pid !== undefined && pidOf(f, i) !== e.pid) bad.push(`${where}: pid ${pidOf(f, i)}, expected ${e.pid}`);
  if (e.tid !== undefined && tidOf(f, i) !== e.tid) bad.push(`${where}: tid ${tidOf(f, i)}, expected ${e.tid}`);
  if (e.channel !== undefined && channelOfLine(f, i) !== CHANNEL_BY_NAME[e.channel]) {
    bad.push(`${where}: channel ${channelOfLine(f, i)}, expected ${e.channel}`);
  }
  if (e.member !== undefined && isMember(f, i) !== e.member) bad.push(`${where}: member ${isMember(f, i)}, expected ${e.member}`);
  return bad;
}
