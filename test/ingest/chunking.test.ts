// The streaming indexer is fed the file in slices (indexBytes' chunkSize). Wherever the
// slice boundaries fall — inside a line, between CR and LF, inside a UTF-8 sequence or a
// UTF-16 code unit, inside a BOM, inside a multi-line entry — the result must equal the
// unsliced run.
import { describe, expect, it } from 'vitest';
import { indexBytes } from '../../src/ingest/index.ts';
import {
  factsCore,
  fixtureText,
  lazy,
  snapshot,
  splitPhysical,
  utf16be,
  utf16le,
  utf8,
  withEnding,
  type IndexedFileLike,
} from '../helpers/clusterlog.ts';
import type { IndexOptions } from '../../src/ingest/types.ts';

const SIZES = [...Array.from({ length: 64 }, (_, i) => i + 1), 97, 127, 251, 509, 1021, 4093];

function full(f: IndexedFileLike) {
  return {
    core: factsCore(f),
    encoding: f.facts.encoding,
    bom: f.facts.bom,
    lineEndings: f.facts.lineEndings,
    offsets: Array.from(f.columns.offset),
    lines: snapshot(f),
  };
}

interface Case {
  name: string;
  bytes: () => Uint8Array;
  opts: IndexOptions;
}

const lines = (name: string) => splitPhysical(fixtureText(name));

const cases: Case[] = [
  {
    name: 'w2016 sections + [System] continuation, UTF-8, CRLF (lines and CR|LF split across slices)',
    bytes: () => utf8(withEnding(lines('w2016.log'), '\r\n')),
    opts: { name: 'w2016.log', path: 'w2016.log' },
  },
  {
    name: 'w2012r2 NETFT XML blocks, UTF-8 with BOM, LF (multi-line entry split, BOM split)',
    bytes: () => utf8(fixtureText('w2012r2.log'), true),
    opts: { name: 'w2012r2.log', path: 'w2012r2.log' },
  },
  {
    name: 'pasted blog text, UTF-8 (curly quotes, bullets and NBSP split mid-sequence)',
    bytes: () => utf8(fixtureText('pasted-blog.txt')),
    opts: { name: 'pasted-blog.txt', path: 'pasted-blog.txt' },
  },
  {
    name: 'pasted blog text, UTF-16LE with BOM, CRLF (odd sizes split code units)',
    bytes: () => utf16le(withEnding(lines('pasted-blog.txt'), '\r\n'), true),
    opts: { name: 'pasted-blog.txt', path: 'pasted-blog.txt' },
  },
  {
    name: 'w2016, UTF-16LE without BOM (sniffed), CRLF',
    bytes: () => utf16le(withEnding(lines('w2016.log'), '\r\n'), false),
    opts: { name: 'w2016.log', path: 'w2016.log' },
  },
  {
    name: 'w2003, UTF-16BE with BOM, CRLF',
    bytes: () => utf16be(withEnding(lines('w2003.log'), '\r\n'), true),
    opts: { name: 'w2003.log', path: 'w2003.log' },
  },
  {
    name: 'w2000 with lone-CR endings and no final ending (a CR at the end of a slice is not yet a line end decision)',
    bytes: () => utf8(withEnding(lines('w2000.log'), '\r', false)),
    opts: { name: 'w2000.log', path: 'w2000.log' },
  },
  {
    name: 'mixed endings CRLF / LF / CR / LF-CR with blank lines',
    bytes: () => utf8('378.32c::1999/06/09-18:00:18.874 a\r\n\r\n378.32c::1999/06/09-18:00:18.875 b\n\r378.32c::1999/06/09-18:00:18.876 c\r\r\n  wrapped\r378.32c::1999/06/09-18:00:18.877 d'),
    opts: { name: 'mixed.log', path: 'mixed.log' },
  },
];

describe('chunk boundaries: every slice size gives the unsliced result', () => {
  for (const c of cases) {
    describe(c.name, () => {
      const whole = lazy(() => full(indexBytes(c.bytes(), c.opts)));
      it('the unsliced run indexes the file (sanity)', () => {
        expect(whole().core.lines).toBeGreaterThan(0);
        expect(whole().core.errors).toEqual([]);
      });
      it(`slice sizes 1..64 and ${SIZES.slice(64).join(', ')}`, () => {
        const bytes = c.bytes();
        const failures: string[] = [];
        for (const size of SIZES) {
          const got = full(indexBytes(bytes, c.opts, size));
          try {
            expect(got).toEqual(whole());
          } catch (e) {
            failures.push(`chunkSize ${size}: ${(e as Error).message.split('\n')[0]}`);
            if (failures.length === 1) {
              // Show the first full diff for diagnosis.
              expect(got, `chunkSize ${size}`).toEqual(whole());
            }
          }
        }
        expect(failures).toEqual([]);
      });
    });
  }
});

describe('chunk boundaries: a slice ending exactly at each interesting byte', () => {
  it('CRLF split exactly between CR and LF counts one line ending, not two', () => {
    const text = '00000b50.00000810::2018/10/18-19:17:38.723 INFO [NODE] a\r\n00000b50.00000810::2018/10/18-19:17:38.724 INFO [NODE] b\r\n';
    const bytes = utf8(text);
    const cr = text.indexOf('\r');
    const f = indexBytes(bytes, { name: 'x.log' }, cr + 1); // first slice ends with the CR
    expect(f.facts.lines).toBe(2);
    expect(f.facts.lineEndings).toEqual({ crlf: 2, lf: 0, cr: 0, none: 0 });
    expect(f.lineText(0)).toBe('00000b50.00000810::2018/10/18-19:17:38.723 INFO [NODE] a');
  });

  it('UTF-16LE: slice of 3 bytes after the BOM splits the first code unit', () => {
    const text = '00000b50.00000810::2018/10/18-19:17:38.723 INFO [NODE] \u2018x\u2019\r\n';
    const bytes = utf16le(text, true);
    const a = indexBytes(bytes, { name: 'x.log' });
    const b = indexBytes(bytes, { name: 'x.log' }, 3);
    expect(b.lineText(0)).toBe(a.lineText(0));
    expect(b.lineText(0)).toBe('00000b50.00000810::2018/10/18-19:17:38.723 INFO [NODE] \u2018x\u2019');
  });
});
