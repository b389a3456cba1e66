// The real WS2016 excerpt from R5 (zeroch/FailoverDetector TestCase_0.txt), read from the
// shared corpus beside the repository. 10 physical lines, LF endings, no final line ending:
// 8 `[System]` records and 2 unprefixed continuation lines (the 1177 text goes on with
// "Run the Validate a Configuration wizard ..."). No section markers: the channel prefix
// alone makes it a 2016+ file (formats.md A.6.3, brief: "any section or channel prefix => w2016").
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexBytes, summarize } from '../../src/ingest/index.ts';
import {
  CORPUS_TESTCASE0,
  bucketCounts,
  checkLine,
  snapshot,
  splitPhysical,
  utf16le,
  type LineExpectation,
} from '../helpers/clusterlog.ts';

const exists = fs.existsSync(CORPUS_TESTCASE0);
if (!exists) console.warn(`shared corpus not found: skipping (${CORPUS_TESTCASE0})`);

describe.skipIf(!exists)('shared corpus: R5 TestCase_0 ([System] channel excerpt, WS2016)', () => {
  const bytes = exists ? new Uint8Array(fs.readFileSync(CORPUS_TESTCASE0)) : new Uint8Array(0);
  const text = new TextDecoder().decode(bytes);
  const opts = { name: 'TestCase_0.txt', path: 'TestCase_0.txt' };

  const expected: LineExpectation[] = [
    { line: 1, textStartsWith: "[System] 00000844.00001278::2017/10/23-21:01:11.623 ERR   The Cluster service failed to bring clustered role 'ag1023'", bucket: 'parsed', written: '2017-10-23T21:01:11.623', level: 'ERR', component: '', pid: 0x844, tid: 0x1278, channel: 'System', member: false },
    { line: 2, textStartsWith: "[System] 00000844.00000d34::2017/10/23-21:20:11.225 DBG   Cluster node 'ze-2016-v1' was removed", bucket: 'parsed', written: '2017-10-23T21:20:11.225', level: 'DBG', component: '', pid: 0x844, tid: 0xd34, channel: 'System' },
    { line: 3, textStartsWith: '[System] 00000844.00000d34::2017/10/23-21:20:11.233 DBG   The Cluster service is shutting down because quorum was lost.', bucket: 'parsed', written: '2017-10-23T21:20:11.233', level: 'DBG', component: '', channel: 'System', member: false },
    { line: 4, textStartsWith: 'Run the Validate a Configuration wizard', bucket: 'continuation', written: '2017-10-23T21:20:11.233', member: true },
    { line: 5, textStartsWith: '[System] 00000844.00001cc4::2017/10/23-21:20:11.441 DBG', bucket: 'parsed', written: '2017-10-23T21:20:11.441', level: 'DBG', pid: 0x844, tid: 0x1cc4, channel: 'System', member: false },
    { line: 6, textStartsWith: '[System] 00000844.00001680::2017/10/23-21:20:11.579 DBG   The cluster Resource Hosting Subsystem (RHS)', bucket: 'parsed', written: '2017-10-23T21:20:11.579', level: 'DBG', tid: 0x1680 },
    { line: 7, textStartsWith: "[System] 000005e4.00001d98::2017/10/23-21:24:19.837 DBG   Cluster node 'ze-2016-v1'", bucket: 'parsed', written: '2017-10-23T21:24:19.837', level: 'DBG', pid: 0x5e4, tid: 0x1d98, channel: 'System' },
    { line: 8, textStartsWith: '[System] 000005e4.00001d98::2017/10/23-21:24:19.839 DBG   The Cluster service is shutting down', bucket: 'parsed', written: '2017-10-23T21:24:19.839', level: 'DBG' },
    { line: 9, textStartsWith: 'Run the Validate a Configuration wizard', bucket: 'continuation', written: '2017-10-23T21:24:19.839', member: true },
    { line: 10, textStartsWith: '[System] 000005e4.00000f38::2017/10/23-21:24:20.007 DBG   The cluster Resource Hosting Subsystem (RHS)', bucket: 'parsed', written: '2017-10-23T21:24:20.007', level: 'DBG', component: '', pid: 0x5e4, tid: 0xf38, channel: 'System', member: false },
  ];

  it('file shape as stored (10 lines, LF, no final line ending)', () => {
    const lines = splitPhysical(text);
    expect(lines.length).toBe(10);
    expect(text.includes('\r')).toBe(false);
    expect(text.endsWith('\n')).toBe(false);
  });

  it('summary: dialect w2016, utf-8, 8 records + 2 continuation lines, UTC by default', () => {
    const f = indexBytes(bytes, opts);
    const s = summarize(f);
    expect({
      dialect: s.dialect, encoding: s.encoding, node: s.node, timeBase: s.timeBase, utcOffsetMinutes: s.utcOffsetMinutes,
      lines: s.lines, parsed: s.parsed, continuation: s.continuation, structural: s.structural, blank: s.blank, unparsed: s.unparsed,
      firstTime: s.firstTime, lastTime: s.lastTime, errors: s.errors,
    }).toEqual({
      dialect: 'w2016', encoding: 'utf-8', node: null, timeBase: 'utc', utcOffsetMinutes: null,
      lines: 10, parsed: 8, continuation: 2, structural: 0, blank: 0, unparsed: 0,
      firstTime: '2017-10-23T21:01:11.623Z', lastTime: '2017-10-23T21:24:20.007Z', errors: [],
    });
    expect(f.facts.lineEndings).toEqual({ crlf: 0, lf: 9, cr: 0, none: 1 });
  });

  it('per-line expectations', () => {
    const f = indexBytes(bytes, opts);
    expect(expected.flatMap((e) => checkLine(f, e))).toEqual([]);
  });

  it('lineText gives back the lines exactly; buckets add up', () => {
    const f = indexBytes(bytes, opts);
    expect(Array.from({ length: f.columns.length }, (_, i) => f.lineText(i))).toEqual(splitPhysical(text));
    const c = bucketCounts(f);
    expect(c.parsed + c.continuation + c.structural + c.blank + c.unparsed).toBe(f.facts.lines);
  });

  it('levels in [System] lines are kept as written (1135/1177 are DBG, not mapped from the event severity)', () => {
    const f = indexBytes(bytes, opts);
    expect(f.facts.levelCounts[4]).toBe(1); // one ERR
    expect(f.facts.levelCounts[1]).toBe(7); // seven DBG
  });

  it('node from the usual file name of a Get-ClusterLog -Destination copy', () => {
    const f = indexBytes(bytes, { name: 'ze-2016-v1_cluster.log', path: 'ze-2016-v1_cluster.log' });
    expect(f.facts.node).toBe('ze-2016-v1');
  });

  it('UTF-16LE (as Get-ClusterLog writes 2016+ files, R8) gives the same columns', () => {
    const a = indexBytes(bytes, opts);
    const b = indexBytes(utf16le(text, true), opts);
    expect(b.facts.encoding).toBe('utf-16le');
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('sliced into small pieces gives the same columns', () => {
    const a = snapshot(indexBytes(bytes, opts));
    for (const size of [1, 2, 3, 7, 64, 101, 1000]) {
      expect(snapshot(indexBytes(bytes, opts, size)), `chunkSize ${size}`).toEqual(a);
    }
  });
});
