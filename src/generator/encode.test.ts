import { describe, expect, it } from 'vitest';
import { buildScenario } from './scenario.ts';
import { renderNodeLog } from './render.ts';
import { ENCODINGS, EOLS, EOL_TEXT, encodeLines, encodeText, type EncodingName } from './encode.ts';
import { defaultStartFor } from './presets.ts';
import { GEN_DIALECTS } from './model.ts';

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  const list = [...chunks];
  const out = new Uint8Array(list.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of list) { out.set(c, o); o += c.length; }
  return out;
}

// Node 20's TextDecoder('windows-1252') decodes 0x80-0x9F as C1 controls (browsers use the real
// code page), so the test decodes Windows-1252 itself with the code page's own table.
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function decode(bytes: Uint8Array, encoding: EncodingName): string {
  if (encoding !== 'windows-1252') return new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? CP1252.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

const BOMS: Record<EncodingName, number[]> = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff], 'windows-1252': [] };

describe('encoders', () => {
  for (const dialect of GEN_DIALECTS) {
    // Localized names put non-ASCII letters (ä, ü, Ö) into the text.
    const s = buildScenario({ seed: 5, start: defaultStartFor(dialect), steadyStateMs: 30_000, localizedNames: true });
    for (const pasted of [false, true]) {
      const lines = [...renderNodeLog(s, 0, { dialect, pasted })].map((l) => l.text);
      for (const encoding of ENCODINGS) {
        for (const eol of EOLS) {
          it(`${dialect}${pasted ? ' pasted' : ''} ${encoding} ${eol}: bytes decode back to the lines`, () => {
            const bom = encoding !== 'windows-1252';
            const bytes = concat(encodeLines(lines, { encoding, bom, eol }, 4096));
            expect([...bytes.subarray(0, BOMS[encoding].length)]).toEqual(BOMS[encoding]);
            const text = decode(bytes, encoding);
            expect(text.endsWith(EOL_TEXT[eol])).toBe(true);
            expect(text.slice(0, -EOL_TEXT[eol].length).split(EOL_TEXT[eol])).toEqual(lines);
          });
        }
      }
    }
  }

  it('writes no BOM when asked not to', () => {
    for (const encoding of ENCODINGS) {
      const bytes = concat(encodeLines(['abc'], { encoding, bom: false, eol: 'lf' }));
      expect(decode(bytes, encoding)).toBe('abc\n');
      expect(bytes.length).toBe(encoding.startsWith('utf-16') ? 8 : 4);
    }
  });

  it('windows-1252 output with localized names is not valid UTF-8', () => {
    const s = buildScenario({ seed: 5, start: defaultStartFor('w2003'), steadyStateMs: 30_000, localizedNames: true });
    const lines = [...renderNodeLog(s, 0, { dialect: 'w2003' })].map((l) => l.text);
    expect(lines.some((l) => /[äöüÖ]/.test(l))).toBe(true);
    const bytes = concat(encodeLines(lines, { encoding: 'windows-1252', bom: false, eol: 'crlf' }));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });

  it('maps typographic characters to their Windows-1252 bytes', () => {
    expect([...encodeText('‘’–—€ü', 'windows-1252')]).toEqual([0x91, 0x92, 0x96, 0x97, 0x80, 0xfc]);
  });

  it('UTF-16BE is UTF-16LE with swapped bytes', () => {
    const le = encodeText('Größe ‘x’', 'utf-16le');
    const be = encodeText('Größe ‘x’', 'utf-16be');
    for (let i = 0; i < le.length; i += 2) expect([be[i], be[i + 1]]).toEqual([le[i + 1], le[i]]);
  });
});
