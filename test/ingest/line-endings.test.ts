// Physical lines end with CRLF, LF or a lone CR, or at end of file; a non-empty tail is a line.
import { describe, expect, it } from 'vitest';
import { indexBytes } from '../../src/ingest/index.ts';
import { bucketName, fixtureText, snapshot, splitPhysical, utf16le, utf8, withEnding } from '../helpers/clusterlog.ts';

const W2008 = [
  '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)',
  '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: goingAway: 0, core.IsServiceShutdown: 0',
  '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   lost quorum (status = 5925)',
];
const opts = { name: 'cluster-x.log', path: 'cluster-x.log' };

describe('line endings', () => {
  for (const [label, eol, key] of [['LF', '\n', 'lf'], ['CRLF', '\r\n', 'crlf'], ['CR only', '\r', 'cr']] as const) {
    it(`${label}: 3 lines, texts without endings, counted in facts.lineEndings, byte offsets of line starts`, () => {
      const text = withEnding(W2008, eol);
      const f = indexBytes(utf8(text), opts);
      expect(f.facts.lines).toBe(3);
      expect([0, 1, 2].map((i) => f.lineText(i))).toEqual(W2008);
      expect(f.facts.lineEndings).toEqual({ crlf: 0, lf: 0, cr: 0, none: 0, [key]: 3 });
      const starts = [0, W2008[0].length + eol.length, W2008[0].length + W2008[1].length + 2 * eol.length];
      expect(Array.from(f.columns.offset.subarray(0, 3))).toEqual(starts);
      expect([0, 1, 2].map((i) => bucketName(f, i))).toEqual(['parsed', 'parsed', 'parsed']);
    });
  }

  it('the same fixture with LF, CRLF and CR endings gives the same columns and texts', () => {
    const lines = splitPhysical(fixtureText('w2016.log'));
    const a = snapshot(indexBytes(utf8(withEnding(lines, '\n')), opts));
    expect(snapshot(indexBytes(utf8(withEnding(lines, '\r\n')), opts))).toEqual(a);
    expect(snapshot(indexBytes(utf8(withEnding(lines, '\r')), opts))).toEqual(a);
  });

  it('mixed endings: CRLF, LF, lone CR, LF followed by CR, CR followed by CRLF', () => {
    const text = '378.32c::1999/06/09-18:00:18.874 a\r\n\r\n378.32c::1999/06/09-18:00:18.875 b\n\r378.32c::1999/06/09-18:00:18.876 c\r\r\n  wrapped\r378.32c::1999/06/09-18:00:18.877 d';
    const f = indexBytes(utf8(text), { name: 'mixed.log', path: 'mixed.log' });
    expect(f.facts.lines).toBe(8);
    expect(Array.from({ length: 8 }, (_, i) => f.lineText(i))).toEqual([
      '378.32c::1999/06/09-18:00:18.874 a', '', '378.32c::1999/06/09-18:00:18.875 b', '',
      '378.32c::1999/06/09-18:00:18.876 c', '', '  wrapped', '378.32c::1999/06/09-18:00:18.877 d',
    ]);
    expect(f.facts.lineEndings).toEqual({ crlf: 3, lf: 1, cr: 3, none: 1 });
    expect(Array.from({ length: 8 }, (_, i) => bucketName(f, i))).toEqual([
      'parsed', 'blank', 'parsed', 'blank', 'parsed', 'blank', 'continuation', 'parsed',
    ]);
    expect(f.facts.dialect).toBe('w2000');
  });

  it('a final line ending does not make an extra line; a non-empty tail without ending is a line', () => {
    const withFinal = indexBytes(utf8(withEnding(W2008, '\r\n', true)), opts);
    const without = indexBytes(utf8(withEnding(W2008, '\r\n', false)), opts);
    expect(withFinal.facts.lines).toBe(3);
    expect(without.facts.lines).toBe(3);
    expect(without.facts.lineEndings).toEqual({ crlf: 2, lf: 0, cr: 0, none: 1 });
    expect(without.lineText(2)).toBe(W2008[2]);
  });

  it('empty lines between records are blank lines, and whitespace-only lines too', () => {
    const text = `${W2008[0]}\n\n   \t \n${W2008[1]}\n`;
    const f = indexBytes(utf8(text), opts);
    expect(f.facts.lines).toBe(4);
    expect([0, 1, 2, 3].map((i) => bucketName(f, i))).toEqual(['parsed', 'blank', 'blank', 'parsed']);
    expect(f.lineText(2)).toBe('   \t ');
  });

  it('UTF-16LE: offsets are byte offsets (2 bytes per code unit) and CR-only endings work', () => {
    const text = withEnding(W2008, '\r');
    const f = indexBytes(utf16le(text, false), opts);
    expect(f.facts.encoding).toBe('utf-16le');
    expect(f.facts.lines).toBe(3);
    expect(f.lineText(1)).toBe(W2008[1]);
    expect(f.columns.offset[1]).toBe(2 * (W2008[0].length + 1));
  });

  // The scans test several code units at once for line ends and non-ASCII: a typographic quote
  // at every position of a line, in both encodings, must mark its line (facts.pasted.typographic).
  for (const enc of ['utf-8', 'utf-16le'] as const) {
    it(`${enc}: a non-ASCII character at any unit position is seen (every alignment of the word scan)`, () => {
      const base = W2008[0];
      const lines: string[] = [];
      for (let at = 0; at <= 12; at++) lines.push(base.slice(0, base.length - at) + '\u2019' + base.slice(base.length - at));
      for (let pad = 0; pad < 8; pad++) {
        const text = 'x'.repeat(pad) + '\r\n' + withEnding(lines, '\r\n');
        const f = indexBytes(enc === 'utf-8' ? utf8(text) : utf16le(text, false), opts);
        expect(f.facts.lines, `pad ${pad}`).toBe(lines.length + 1);
        expect(f.facts.pasted.typographic, `pad ${pad}`).toBe(lines.length);
        expect(f.lineText(5)).toBe(lines[4]);
      }
    });
  }
});
