import { describe, expect, it } from 'vitest';
import { indexBytes } from '../ingest/index.ts';
import { searchFile, validateQuery } from './search.ts';

function target(text: string, encode: (s: string) => Uint8Array = (s) => new TextEncoder().encode(s)) {
  const f = indexBytes(encode(text));
  return { offset: f.columns.offset, length: f.columns.length, size: f.facts.size, encoding: f.facts.encoding, range: f.range };
}

const LOG = [
  '00000b50.00000810::2018/10/18-19:17:38.723 INFO  [NODE] Node 2: New join with n1',
  '00000b50.00000810::2018/10/18-19:17:39.000 ERR   [QUORUM] Node 2: Lost quorum (2)',
  '00000b50.00000810::2018/10/18-19:17:40.000 WARN  [QUORUM] lost quorum (status = 5925), quorum quorum',
  '00000b50.00000810::2018/10/18-19:17:41.000 INFO  [RCM] Res ag1: Online -> WaitingToGoOffline( StateUnknown )',
].join('\r\n');

describe('searchFile', () => {
  it('finds a literal once per line, case-sensitively by default', () => {
    expect(Array.from(searchFile(target(LOG), { text: 'quorum', regex: false, caseSensitive: true }))).toEqual([1, 2]);
    expect(Array.from(searchFile(target(LOG), { text: 'Lost', regex: false, caseSensitive: true }))).toEqual([1]);
  });
  it('folds ASCII case when asked', () => {
    expect(Array.from(searchFile(target(LOG), { text: 'LOST QUORUM', regex: false, caseSensitive: false }))).toEqual([1, 2]);
  });
  it('ignores case on the bytes, with matches of either case in any order', () => {
    const lines = ['x QUORUM a', 'y quorum b', 'z QuOrUm c', 'nothing here', 'w QUORUM d', 'v Quorum e'].map(
      (m, i) => `00000b50.00000810::2018/10/18-19:17:${String(10 + i).padStart(2, '0')}.000 INFO  [QUORUM] ${m}`,
    );
    const hits = searchFile(target(lines.join('\n')), { text: 'quorum e', regex: false, caseSensitive: false });
    expect(Array.from(hits)).toEqual([5]);
    const all = searchFile(target(lines.join('\n')), { text: 'x quorum', regex: false, caseSensitive: false });
    expect(Array.from(all)).toEqual([0]);
    // Lines whose only match is in the component tag count too.
    expect(searchFile(target(lines.join('\n')), { text: 'quorum', regex: false, caseSensitive: false }).length).toBe(6);
    expect(searchFile(target(lines.join('\n')), { text: 'QUORUM', regex: false, caseSensitive: true }).length).toBe(6);
    expect(Array.from(searchFile(target(lines.join('\n')), { text: 'quorum', regex: false, caseSensitive: true }))).toEqual([1]);
  });

  it('finds hits on both sides of the slices the bytes are held in, and in a line that crosses them', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `00000b50.00000810::2018/10/18-19:17:38.723 INFO  [RCM] line ${i}${i % 37 === 0 ? ' needle' : ''}`);
    const bytes = new TextEncoder().encode(lines.join('\r\n'));
    const f = indexBytes(bytes);
    const cut = [1000, 5003, 9000, bytes.length];
    const t = { offset: f.columns.offset, length: f.columns.length, size: f.facts.size, encoding: f.facts.encoding, range: f.range, sliceEnds: cut };
    const expected = lines.flatMap((l, i) => (l.endsWith('needle') ? [i] : []));
    expect(Array.from(searchFile(t, { text: 'needle', regex: false, caseSensitive: true }))).toEqual(expected);
    expect(Array.from(searchFile(t, { text: 'NEEDLE', regex: false, caseSensitive: false }))).toEqual(expected);
    expect(Array.from(searchFile(t, { text: 'ne+dle$', regex: true, caseSensitive: true }))).toEqual(expected);
  });

  it('runs regular expressions', () => {
    expect(Array.from(searchFile(target(LOG), { text: 'Res \\w+: Online', regex: true, caseSensitive: true }))).toEqual([3]);
    expect(Array.from(searchFile(target(LOG), { text: 'status = \\d{4}', regex: true, caseSensitive: true }))).toEqual([2]);
  });
  it('works on UTF-16LE text and on non-ASCII needles', () => {
    const utf16 = (s: string) => {
      const b = new Uint8Array(2 + s.length * 2);
      b[0] = 0xff; b[1] = 0xfe;
      for (let i = 0; i < s.length; i++) { b[2 + 2 * i] = s.charCodeAt(i) & 255; b[3 + 2 * i] = s.charCodeAt(i) >> 8; }
      return b;
    };
    const text = LOG + '\r\n00000b50.00000810::2018/10/18-19:17:42.000 INFO  [RES] Physical Disk <Daten Ü>: online';
    expect(Array.from(searchFile(target(text, utf16), { text: 'lost quorum', regex: false, caseSensitive: false }))).toEqual([1, 2]);
    expect(Array.from(searchFile(target(text), { text: 'daten ü', regex: false, caseSensitive: false }))).toEqual([4]);
    expect(Array.from(searchFile(target(text, utf16), { text: 'Ü>', regex: false, caseSensitive: true }))).toEqual([4]);
  });
  it('reports invalid regular expressions instead of throwing', () => {
    expect(validateQuery({ text: '(unclosed', regex: true, caseSensitive: true })).toMatch(/Invalid regular expression/);
    expect(validateQuery({ text: '(ok)', regex: true, caseSensitive: true })).toBeNull();
  });
});

describe('regex search with a literal prefilter', () => {
  // Lines where a byte prefilter could go wrong: either case, the literal split by a slice end,
  // non-ASCII text, long s and the Kelvin sign (which 'iu' folds to s and k).
  const lines = [
    'INFO  [QUORUM] Node 2: Lost quorum (2)',
    'WARN  [NM] Missed HEARTBEAT from node 3',
    'INFO  [RES] Physical Disk <Daten Ü>: heartbeat ok',
    'INFO  [RES] quorum',
    'INFO  [RES] nothing to see',
    'INFO  [RES] missed \u017Feconds of heartbeat', // ſ
    'INFO  [RES] \u212Aeepalive heartbeat_x', // K
    'INFO  [RES] keepalive lost',
    'INFO  [RES] QUORUM witness online',
  ].map((m, i) => `00000b50.00000810::2018/10/18-19:17:${String(10 + i).padStart(2, '0')}.000 ${m}`);
  const bytes = new TextEncoder().encode(lines.join('\r\n'));
  const f = indexBytes(bytes);
  const perLine = (src: string, flags: string) => lines.flatMap((l, i) => (new RegExp(src, flags).test(l) ? [i] : []));
  const cases: [string, boolean][] = [
    ['(quorum|heartbeat)\\s\\w+', false],
    ['(quorum|heartbeat)\\s\\w+', true],
    ['heartbeat\\b', false],
    ['Missed heartbeat', false],
    ['missed \\w+ of heartbeat', false],
    ['keepalive', false],
    ['seconds of', false],
    ['quorum$', false],
    ['^\\d+\\.\\d+::.*witness', false],
    ['daten ü', false],
  ];
  for (const cut of [[bytes.length], [150, 333, 401, bytes.length]]) {
    const t = { offset: f.columns.offset, length: f.columns.length, size: f.facts.size, encoding: f.facts.encoding, range: f.range, sliceEnds: cut };
    for (const [src, cs] of cases) {
      it(`finds the lines a per-line test finds: /${src}/${cs ? '' : 'i'} (slice ends ${cut.join(',')})`, () => {
        expect(Array.from(searchFile(t, { text: src, regex: true, caseSensitive: cs }))).toEqual(perLine(src, cs ? 'u' : 'iu'));
      });
    }
  }
});

describe('case-insensitive literals on bytes', () => {
  it('finds every line a lower-cased includes finds, at any alignment of the bytes', () => {
    // Random lines over a small alphabet, so that anchors hit often and at every byte position.
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const abc = 'qQuUoOrRmM x';
    const lines = Array.from({ length: 600 }, () => Array.from({ length: 5 + rnd(40) }, () => abc[rnd(abc.length)]).join(''));
    const text = lines.join('\n');
    const all = new TextEncoder().encode(text);
    for (const pad of [0, 1, 2, 3]) {
      const holder = new Uint8Array(all.length + pad);
      holder.set(all, pad);
      const bytes = holder.subarray(pad);
      const f = indexBytes(bytes.slice());
      const t = { offset: f.columns.offset, length: f.columns.length, size: bytes.length, encoding: 'utf-8', range: (a: number, b: number) => bytes.subarray(a, b), sliceEnds: [333, 1001, bytes.length] };
      for (const needle of ['quo', 'Rm', 'mq', 'uu x']) {
        const want = lines.flatMap((l, i) => (l.toLowerCase().includes(needle.toLowerCase()) ? [i] : []));
        expect(Array.from(searchFile(t, { text: needle, regex: false, caseSensitive: false }))).toEqual(want);
      }
    }
  });
});
