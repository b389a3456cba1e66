// Golden fixtures: hand-built cluster.log excerpts (test/fixtures/clusterlog/*) and the
// hand-written expectations next to them (*.expected.json, computed from formats.md, not
// from the parser). See test/fixtures/clusterlog/README.md.
import { describe, expect, it } from 'vitest';
import { indexBytes, summarize } from '../../src/ingest/index.ts';
import {
  bucketCounts,
  bucketName,
  checkLine,
  fixtureText,
  lazy,
  listExpectations,
  loadExpectation,
  snapshot,
  splitPhysical,
  utf8,
  withEnding,
} from '../helpers/clusterlog.ts';

// A record as A.7 describes it, after an optional viewer line number and channel prefix.
// Used only to check the consistency of the expectation files themselves.
const RECORD = /^\s*(?:\d+\s+)?(?:\[(?:System|Operational|Verbose)\]\s+)?(?:[0-9A-Fa-f]{1,8}\.)?[0-9A-Fa-f]{1,8}::(?:\d{4}\/\d{2}\/)?\d{2}-\d{2}:\d{2}:\d{2}\.\d{3}/;
const BLANK = /^\s*$/; // JS \s includes NO-BREAK SPACE

const expectationFiles = listExpectations();

describe('golden fixtures: expectation files are consistent with the fixture text (no parser involved)', () => {
  it('there is one expectation file per era', () => {
    const dialects = expectationFiles.map((f) => loadExpectation(f).summary.dialect);
    for (const d of ['w2000', 'w2003', 'w2008', 'w2016', 'nt4']) expect(dialects).toContain(d);
  });

  for (const file of expectationFiles) {
    const exp = loadExpectation(file);
    it(`${exp.fixture}: line count, blank count and quoted line texts`, () => {
      const lines = splitPhysical(fixtureText(exp.fixture));
      expect(lines.length).toBe(exp.summary.lines);
      expect(lines.filter((l) => BLANK.test(l)).length).toBe(exp.summary.blank);
      if (exp.summary.structural === 0) {
        expect(lines.filter((l) => RECORD.test(l)).length).toBe(exp.summary.parsed);
      }
      const sum = ['parsed', 'continuation', 'structural', 'blank', 'unparsed']
        .reduce((a, k) => a + (exp.summary[k] as number), 0);
      expect(sum).toBe(exp.summary.lines);
      for (const e of exp.lines) {
        expect(lines[e.line - 1], `line ${e.line}`).toBeDefined();
        if (e.textStartsWith !== undefined) expect(lines[e.line - 1].startsWith(e.textStartsWith), `line ${e.line}`).toBe(true);
        if (e.bucket === 'parsed') expect(RECORD.test(lines[e.line - 1]), `line ${e.line} looks like a record`).toBe(true);
        if (e.bucket === 'blank') expect(BLANK.test(lines[e.line - 1]), `line ${e.line} is blank`).toBe(true);
      }
    });
  }
});

describe('golden fixtures: parser output', () => {
  for (const file of expectationFiles) {
    const exp = loadExpectation(file);
    const text = fixtureText(exp.fixture);
    const rawLines = splitPhysical(text);

    describe(exp.fixture, () => {
      const getF = lazy(() => indexBytes(utf8(text), exp.options));
      const getS = lazy(() => summarize(getF()));

      it('summary fields', () => {
        const s = getS();
        const got: Record<string, unknown> = {};
        for (const k of Object.keys(exp.summary)) got[k] = (s as unknown as Record<string, unknown>)[k];
        expect(got).toEqual(exp.summary);
      });

      it('facts fields', () => {
        const f = getF();
        const facts = exp.facts ?? {};
        for (const [k, v] of Object.entries(facts)) {
          const actual = (f.facts as unknown as Record<string, unknown>)[k];
          if (k === 'sections') {
            const got = f.facts.sections.map((x) => ({ name: x.name, kind: x.kind, firstLine: x.firstLine }));
            expect(got, 'sections').toEqual(v);
          } else {
            expect(actual, k).toEqual(v);
          }
        }
      });

      it('per-line expectations (bucket, written time, level, component, pid/tid, channel, member)', () => {
        const f = getF();
        const bad = exp.lines.flatMap((e) => checkLine(f, e));
        expect(bad).toEqual([]);
      });

      it('lineText returns every physical line as written, without its ending', () => {
        const f = getF();
        expect(f.columns.length).toBe(rawLines.length);
        const got = rawLines.map((_, i) => f.lineText(i));
        expect(got).toEqual(rawLines);
      });

      it('buckets add up to lines, and facts.buckets match the flags column', () => {
        const f = getF();
        const s = getS();
        const c = bucketCounts(f);
        expect(f.facts.lines).toBe(rawLines.length);
        expect(c.parsed + c.continuation + c.structural + c.blank + c.unparsed).toBe(f.facts.lines);
        expect(f.facts.buckets).toEqual(c);
        expect({ parsed: s.parsed, continuation: s.continuation, structural: s.structural, blank: s.blank, unparsed: s.unparsed }).toEqual(c);
      });

      it('non-record lines carry the time of the record above (NaN before the first record of a file or of a section)', () => {
        // Each 2016+ section is its own time-ordered run: its marker and the lines before its
        // first record have no time of their own (the merge places them with the section).
        const f = getF();
        let last = NaN;
        const bad: string[] = [];
        for (let i = 0; i < f.columns.length; i++) {
          const t = f.columns.ts[i];
          if (bucketName(f, i) === 'structural' && f.lineText(i).startsWith('[===')) last = NaN;
          if (bucketName(f, i) === 'parsed') {
            if (Number.isNaN(t)) bad.push(`line ${i + 1}: record without time`);
            last = t;
          } else if (!(Object.is(t, last) || t === last)) {
            bad.push(`line ${i + 1}: ts ${t}, expected ${last}`);
          }
        }
        expect(bad).toEqual([]);
      });

      it('no encoding or truncation warnings on a clean UTF-8 fixture', () => {
        const f = getF();
        const s = getS();
        expect(s.warnings.filter((w) => /1252|truncat|invalid utf|not valid utf/i.test(w))).toEqual([]);
        expect(f.facts.encoding).toBe('utf-8');
        expect(f.facts.bom).toBe(false);
      });

      it('the same fixture with CRLF endings gives the same lines, times, levels, components, threads and flags', () => {
        const f = getF();
        const s = getS();
        const g = indexBytes(utf8(withEnding(rawLines, '\r\n')), exp.options);
        expect(snapshot(g)).toEqual(snapshot(f));
        expect(g.facts.lineEndings.crlf).toBe(rawLines.length);
        expect(g.facts.lineEndings.lf).toBe(0);
        expect(summarize(g).firstTime).toBe(s.firstTime);
        expect(summarize(g).lastTime).toBe(s.lastTime);
      });
    });
  }
});
