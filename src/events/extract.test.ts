// The shards extract with the indexer's pre-filter (probe) and slice by slice; the CLI extracts
// a whole indexed file without it. Both must find exactly the same events — on every catalogue
// example, the golden fixtures and a generated incident, with slices small enough to cut
// entries (route XML blocks, continued event texts) in two.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../formats/messages/index.ts';
import { indexBytes } from '../ingest/index.ts';
import { asLogLine } from '../../test/helpers/example-line.ts';
import { StreamedFile } from '../../test/helpers/streamed.ts';
import { EventExtractor, MAX_SUBJECT_CHARS, slowLineWarnings } from './extract.ts';
import { extractFile } from './from-file.ts';

/** As the shard does it: index each slice with the probe attached, then extract. */
function streamed(bytes: Uint8Array, sliceSize: number): unknown[][] {
  const f = new StreamedFile(bytes.length);
  f.feed(bytes, 0, bytes.length, sliceSize);
  f.ix.finish();
  f.extract(true);
  return f.eventList();
}

function whole(bytes: Uint8Array): Array<[number, number]> {
  const ev = extractFile(indexBytes(bytes));
  return Array.from({ length: ev.length }, (_, i) => [ev.line.data[i], ev.rec.data[i]]);
}

const FIX = new URL('../../test/fixtures/clusterlog/', import.meta.url).pathname;
const DEMO = new URL('../../public/demo/', import.meta.url).pathname;

describe('streamed extraction with the probe = whole-file extraction', () => {
  it('on every catalogue example', () => {
    for (const r of CATALOGUE) {
      const bytes = new TextEncoder().encode(`${[asLogLine(r.example), ...(r.exampleNext ?? [])].join('\r\n')}\r\n`);
      expect(streamed(bytes, 7), r.id).toEqual(whole(bytes));
    }
  });
  it.each(readdirSync(FIX).filter((n) => /\.(log|txt)$/.test(n)))('on the golden fixture %s', (name) => {
    const bytes = new Uint8Array(readFileSync(FIX + name));
    const expected = whole(bytes);
    for (const size of [13, 256, 4096]) expect(streamed(bytes, size)).toEqual(expected);
  });
  it.each(readdirSync(DEMO).filter((n) => n.endsWith('.log')))('on the demo file %s (UTF-8 and UTF-16LE)', (name) => {
    const bytes = new Uint8Array(readFileSync(DEMO + name));
    const expected = whole(bytes);
    expect(expected.length).toBeGreaterThan(20);
    expect(streamed(bytes, 65536)).toEqual(expected);
    expect(streamed(bytes, 4001)).toEqual(expected);
  });
});

describe('hostile lines', () => {
  // A crafted 6 KB line once took 47 s to extract. Here every single-line example is pumped at
  // every position after its anchor with a run of blanks or of its own character, longer than
  // the subject cap, with and without the rest of the line; the plain example follows each set.
  // Extraction must finish and find every plain example again.
  it('examples pumped after their anchors: extraction completes, the plain examples still match', () => {
    const lines: string[] = [];
    const plainAt: number[] = [];
    for (const r of CATALOGUE) {
      if (r.multiline) continue;
      const line = asLogLine(r.example);
      for (let at = line.indexOf(r.anchor) + r.anchor.length; at < line.length; at++) {
        for (const unit of [' ', line[at]]) {
          const run = unit.repeat(MAX_SUBJECT_CHARS + 100);
          lines.push(line.slice(0, at) + run + line.slice(at), line.slice(0, at) + run);
        }
      }
      plainAt.push(lines.length);
      lines.push(line);
    }
    const bytes = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
    const plain = whole(new TextEncoder().encode(`${plainAt.map((i) => lines[i]).join('\r\n')}\r\n`));
    const atPlain = new Set(plainAt);
    const found = whole(bytes).filter(([line]) => atPlain.has(line));
    expect(found.map(([, rec]) => rec)).toEqual(plain.map(([, rec]) => rec));
    expect(found.length).toBeGreaterThan(CATALOGUE.length / 2);
  });
});

describe('a pattern past its time budget', () => {
  it('is not run on the rest of the file, and the file\'s warning names the line, the pattern and the time', () => {
    const long = (n: number) => `00001214.00001884::2017/10/23-21:52:2${n}.532 INFO  [RCM] Res ag${'x'.repeat(600)}: Online -> WaitingToGoOffline( StateUnknown )`;
    const bytes = new TextEncoder().encode(`${[long(1), long(2), long(3)].join('\r\n')}\r\n`);
    // A budget no run can meet: the first timed line switches the pattern off.
    const ex = new EventExtractor(-1);
    const ev = extractFile(indexBytes(bytes), ex);
    expect(ev.length).toBe(1);
    expect(ex.slow).toEqual([{ rec: 'resource.rcm-state', line: 0, ms: expect.any(Number), chars: long(1).length }]);
    expect(slowLineWarnings(ex.slow)[0]).toMatch(/^Line 1 \(\d+ characters\) took the message pattern resource\.rcm-state \d+ ms, past its 200 ms budget: that pattern is not run on the rest of this file/);
    // With the real budget nothing is switched off.
    const ok = new EventExtractor();
    expect(extractFile(indexBytes(bytes), ok).length).toBe(3);
    expect(ok.slow).toEqual([]);
  });
});
