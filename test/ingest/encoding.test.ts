// Encodings (formats.md A.0 step 1): BOMs, BOM-less UTF-16LE sniffing, UTF-8, and the
// windows-1252 fallback for bytes that are not valid UTF-8.
import { describe, expect, it } from 'vitest';
import { indexBytes, summarize } from '../../src/ingest/index.ts';
import {
  concatBytes,
  factsCore,
  fixtureText,
  latin1,
  snapshot,
  splitPhysical,
  utf16be,
  utf16le,
  utf8,
  withEnding,
} from '../helpers/clusterlog.ts';

const VARIANTS = [
  { label: 'UTF-8 without BOM', enc: 'utf-8', bom: false, make: (t: string) => utf8(t, false) },
  { label: 'UTF-8 with BOM', enc: 'utf-8', bom: true, make: (t: string) => utf8(t, true) },
  { label: 'UTF-16LE with BOM', enc: 'utf-16le', bom: true, make: (t: string) => utf16le(t, true) },
  { label: 'UTF-16LE without BOM', enc: 'utf-16le', bom: false, make: (t: string) => utf16le(t, false) },
  { label: 'UTF-16BE with BOM', enc: 'utf-16be', bom: true, make: (t: string) => utf16be(t, true) },
] as const;

const FIXTURES = ['w2016.log', 'pasted-blog.txt', 'w2003.log', 'w2012r2.log'];

describe('each encoding of the same fixture gives the same lines, times, buckets', () => {
  for (const name of FIXTURES) {
    const text = withEnding(splitPhysical(fixtureText(name)), '\r\n');
    const opts = { name, path: name };
    describe(name, () => {
      for (const v of VARIANTS) {
        it(v.label, () => {
          const ref = indexBytes(utf8(text), opts);
          const f = indexBytes(v.make(text), opts);
          expect(f.facts.encoding).toBe(v.enc);
          expect(f.facts.bom).toBe(v.bom);
          if (v.bom) expect(f.facts.encodingSource).toBe('bom');
          if (v.enc === 'utf-16le' && !v.bom) expect(f.facts.encodingSource).toBe('sniffed');
          expect(f.lineText(0).charCodeAt(0)).not.toBe(0xfeff); // the BOM is not part of line 1
          expect(snapshot(f)).toEqual(snapshot(ref));
          expect(factsCore(f)).toEqual(factsCore(ref));
          const s = summarize(f);
          const r = summarize(ref);
          expect([s.firstTime, s.lastTime, s.encoding]).toEqual([r.firstTime, r.lastTime, v.enc]);
        });
      }
    });
  }
});

describe('windows-1252 fallback', () => {
  const good = splitPhysical(fixtureText('w2000.log'));
  // R2-era AG names and S2 disk names are ANSI on old systems; ü = 0xFC, ’ = 0x92 in windows-1252.
  const badLine = '15c.458::1999/06/09-18:00:47.897 Physical Disk <Daten M\u00fcller>: [DISKARB] Arbitration Parameters (1 9999).';
  const quoteLine = "378.380::1999/06/09-18:00:51.193 [FM] Name for Resource 254ef0e5-1937-11d3-b3fe-00a0c986aa14 is 'Kunde\u0092s IP'.";

  function build(repeat: number) {
    const head = withEnding(Array.from({ length: repeat }, () => good).flat(), '\r\n');
    const tail = `${badLine}\r\n${quoteLine}\r\n`;
    const bytes = concatBytes(utf8(head), latin1(tail));
    const badOffset = utf8(head).length + badLine.indexOf('\u00fc');
    return { bytes, badOffset, headLines: repeat * good.length };
  }

  it('a byte that is not valid UTF-8 switches the file to windows-1252 with a warning naming its offset', () => {
    const { bytes, badOffset, headLines } = build(1);
    const f = indexBytes(bytes, { name: 'w2000-ansi.log', path: 'w2000-ansi.log' });
    const s = summarize(f);
    expect(f.facts.encoding).toBe('windows-1252');
    expect(f.facts.encodingSource).toBe('fallback');
    expect(s.encoding).toBe('windows-1252');
    const w = s.warnings.filter((x) => /1252/.test(x));
    expect(w.length).toBeGreaterThan(0);
    expect(w.some((x) => new RegExp(`\\b${badOffset}\\b`).test(x))).toBe(true);
    expect(f.lineText(headLines)).toBe(badLine);
    // 0x92 is RIGHT SINGLE QUOTATION MARK in windows-1252 (not the C1 control of ISO-8859-1)
    expect(f.lineText(headLines + 1)).toBe(quoteLine.replace('\u0092', '\u2019'));
    expect(f.facts.lines).toBe(headLines + 2);
    expect(f.facts.buckets.parsed).toBe(headLines + 2 - 1); // the w2000 fixture has one continuation line
    expect(s.errors).toEqual([]);
  });

  it('a bad byte far into the file (after many slices) gives the same result as the unsliced run', () => {
    const { bytes, badOffset } = build(200); // ~ 400 KB of clean text first
    expect(badOffset).toBeGreaterThan(100_000);
    const opts = { name: 'w2000-ansi.log', path: 'w2000-ansi.log' };
    const a = indexBytes(bytes, opts);
    expect(a.facts.encoding).toBe('windows-1252');
    expect(a.facts.warnings.some((x) => x.includes(String(badOffset)))).toBe(true);
    for (const size of [4096, 65536, 1 << 20]) {
      const b = indexBytes(bytes, opts, size);
      expect(b.facts.encoding, `chunkSize ${size}`).toBe('windows-1252');
      expect(snapshot(b), `chunkSize ${size}`).toEqual(snapshot(a));
      expect(b.facts.warnings, `chunkSize ${size}`).toEqual(a.facts.warnings);
    }
  });

  it('valid multi-byte UTF-8 (curly quotes, bullets, NBSP) does not trigger the fallback', () => {
    const f = indexBytes(utf8(fixtureText('pasted-blog.txt')), { name: 'p.txt', path: 'p.txt' });
    expect(f.facts.encoding).toBe('utf-8');
    expect(f.facts.warnings.filter((x) => /1252/.test(x))).toEqual([]);
  });
});
