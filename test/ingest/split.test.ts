// A large file is indexed by two workers: the first up to a cut, the second from it with the
// first one's head decisions, then joined (src/ingest/split.ts, src/engine/split-halves.ts).
// The join must give exactly what indexing the file whole gives — columns, facts, thread
// table and events — wherever the cut falls: at the first line the split allows (after the
// first MiB), at a section marker and the line after it, inside a multi-line entry, at the
// last line and at the very end; in UTF-8 with CRLF and LF, and in UTF-16LE.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSilent } from '../helpers/generate-silent.ts';
import { CUT_WINDOW, lineStartAfter } from '../../src/ingest/split.ts';
import { Flag } from '../../src/ingest/types.ts';
import { joinHalves, SecondHalf } from '../../src/engine/split-halves.ts';
import { StreamedFile } from '../helpers/streamed.ts';

const dir = mkdtempSync(join(tmpdir(), 'clusterlens-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two generated node logs one after the other: sections (header, tables, channels, log) recur after the first MiB. */
async function input(name: string, args: string[]): Promise<Uint8Array> {
  const out = join(dir, name);
  await generateSilent(out, ['--nodes', '2', '--size', '900KB', '--seed', '7', ...args]);
  const a = new Uint8Array(readFileSync(join(out, 'SQLNODE1_cluster.log')));
  let b = new Uint8Array(readFileSync(join(out, 'SQLNODE2_cluster.log')));
  if (b[0] === 0xff && b[1] === 0xfe) b = b.subarray(2);
  const all = new Uint8Array(a.length * 2 + b.length);
  all.set(a, 0);
  all.set(b, a.length);
  // A third copy, so that the file also continues after a second 'Cluster Logs' section.
  all.set(a.subarray(a[0] === 0xff ? 2 : 0), a.length + b.length);
  return all.subarray(0, a.length + b.length + a.length - (a[0] === 0xff ? 2 : 0));
}

interface Indexed {
  columns: Record<string, number[]>;
  facts: unknown;
  threads: unknown;
  events: unknown[];
}

const SLICE = 256 << 10;

function result(f: StreamedFile): Indexed {
  const out = f.ix.finish();
  f.extract(true);
  const c = out.columns;
  return {
    columns: { offset: [...c.offset], ts: [...c.ts], level: [...c.level], comp: [...c.comp], thread: [...c.thread], flags: [...c.flags] },
    facts: out.facts,
    threads: out.threads,
    events: f.eventList(true),
  };
}

/** As a shard indexes a file alone. */
function whole(bytes: Uint8Array): Indexed {
  const f = new StreamedFile(bytes.length, { name: 'x.log' });
  f.feed(bytes, 0, bytes.length, SLICE);
  return result(f);
}

let joins = 0;
/** As two shards index it with a cut at `cut` (a line start after the first MiB), joined. */
function split(bytes: Uint8Array, cut: number): Indexed {
  const f = new StreamedFile(bytes.length, { name: 'x.log' });
  f.feed(bytes, 0, cut, SLICE);
  const head = f.ix.resumeHead();
  expect(head).not.toBeNull();
  const second = new SecondHalf(bytes.length, { name: 'x.log' }, head!, cut);
  for (let o = cut; o < bytes.length; o += SLICE) second.push(bytes.slice(o, Math.min(bytes.length, o + SLICE)));
  const { part, events, bytes: partBytes } = second.finish();
  if (joinHalves(f.ix, f.ex, f.store, part, events, partBytes)) joins++;
  f.extract(false);
  return result(f);
}

/** Cuts worth trying: line starts after the first MiB at sections, entries, the ends, and spread over the file. */
function cuts(ref: Indexed, size: number): number[] {
  const off = ref.columns.offset;
  const flags = ref.columns.flags;
  const first = off.findIndex((o) => o >= (1 << 20) + 2);
  const out = new Set<number>([first, off.length - 1, off.length - 2]);
  const sections = (ref.facts as { sections: { firstLine: number }[] }).sections.map((s) => s.firstLine).filter((l) => l > first);
  for (const l of sections) out.add(l).add(l + 1).add(l + 2);
  let members = 0;
  for (let i = first; i < off.length && members < 12; i++) if (flags[i] & Flag.Member) (out.add(i), out.add(i - 1), members++);
  for (let k = 1; k < 8; k++) out.add(first + Math.floor(((off.length - first) * k) / 8));
  const at = [...out].filter((l) => l >= first && l < off.length).map((l) => off[l]);
  at.push(size);
  return at.sort((a, b) => a - b);
}

describe('a file indexed in two halves and joined = the file indexed whole', () => {
  const cases: [string, string[]][] = [
    ['w2016 UTF-8 CRLF', ['--dialect', 'w2016']],
    ['w2016 UTF-8 LF', ['--dialect', 'w2016', '--eol', 'lf']],
    ['w2016 UTF-16LE', ['--dialect', 'w2016', '--encoding', 'utf-16le', '--bom']],
    ['w2008 UTF-8 CRLF', ['--dialect', 'w2008']],
  ];
  it.each(cases)('%s, at sections, inside entries, at the ends', async (name, args) => {
    const bytes = await input(name.replace(/\W+/g, '-'), args);
    const ref = whole(bytes);
    expect(ref.events.length).toBeGreaterThan(10);
    const at = cuts(ref, bytes.length);
    expect(at.length).toBeGreaterThan(10);
    joins = 0;
    for (const cut of at) {
      const got = split(bytes, cut);
      expect(got.columns, `cut at byte ${cut}`).toEqual(ref.columns);
      expect(got.facts, `cut at byte ${cut}`).toEqual(ref.facts);
      expect(got.threads, `cut at byte ${cut}`).toEqual(ref.threads);
      expect(got.events, `cut at byte ${cut}`).toEqual(ref.events);
    }
    // Most cuts join the second half's lines; the rest (a cut in a header or table section, at the end) index them again.
    expect(joins).toBeGreaterThan(at.length / 2);
  }, 120_000);
});

describe('lineStartAfter (where the second half starts)', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('is the first line start at or after the position, CRLF kept whole', () => {
    const b = enc('ab\r\ncd\ref\ngh');
    expect(lineStartAfter(b, 0, 0, 'utf-8')).toBe(4);
    expect(lineStartAfter(b, 0, 3, 'utf-8')).toBe(4); // not between CR and LF
    expect(lineStartAfter(b, 0, 5, 'utf-8')).toBe(7); // after a lone CR
    expect(lineStartAfter(b, 0, 8, 'utf-8')).toBe(10);
    expect(lineStartAfter(b, 0, 11, 'utf-8')).toBe(-1);
  });
  it('reads UTF-16 code units at even offsets', () => {
    const s = 'ab\r\ncd\n';
    const le = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) le[2 * i] = s.charCodeAt(i);
    expect(lineStartAfter(le, 0, 2, 'utf-16le')).toBe(8);
    expect(lineStartAfter(le, 0, 6, 'utf-16le')).toBe(8);
    expect(lineStartAfter(le, 0, 10, 'utf-16le')).toBe(-1); // the end of the bytes is no line start
    const be = new Uint8Array(le.length);
    for (let i = 0; i < s.length; i++) be[2 * i + 1] = s.charCodeAt(i);
    expect(lineStartAfter(be, 0, 2, 'utf-16be')).toBe(8);
  });
  it('looks no further than the window', () => {
    const b = new Uint8Array(CUT_WINDOW + 10).fill(65);
    b[CUT_WINDOW + 5] = 10;
    expect(lineStartAfter(b, 0, 1, 'utf-8')).toBe(-1);
    expect(lineStartAfter(b, 0, 10, 'utf-8')).toBe(CUT_WINDOW + 6);
  });
});
