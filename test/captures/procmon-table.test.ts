// Procmon CSV exports as columns: the real exports of ../shared/corpus, and hand-made rows for
// what they do not show (odd column orders, quoted line breaks, doubled quotes, broken rows).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseProcmonCsv, textAt } from '../../src/captures/procmon-table.ts';
import { SHARED_DIR } from '../helpers/clusterlog.ts';

const DIR = path.join(SHARED_DIR, 'corpus', 'procmon');
const have = existsSync(DIR);
const files = have ? readdirSync(DIR).map((f) => path.join(DIR, f)) : [`(../shared/corpus not found at ${DIR}: skipped)`];

describe.skipIf(!have)('the real Procmon exports', () => {
  it.each(files)('%s: every row accounted for, columns as the export wrote them', (file) => {
    const text = readFileSync(file, 'utf8');
    const t = parseProcmonCsv(text);
    const objects = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' }).data;
    expect(t.records).toBe(objects.length);
    expect(t.imported + t.malformed.length).toBe(t.records);
    expect(t.malformed).toEqual([]);
    expect(t.hourLost).toBe(path.basename(file).startsWith('CUCSec'));
    // Spot rows: the text columns and the interned ones give back what the file holds.
    for (const i of [0, Math.floor(t.imported / 2), t.imported - 1]) {
      const o = objects[i];
      if (o.Path !== undefined) expect(textAt(t.path, i)).toBe(o.Path);
      if (o.Detail !== undefined) expect(textAt(t.detail, i)).toBe(o.Detail);
      expect(t.process.values[t.process.ids[i]]).toBe(o['Process Name'] ?? '');
      expect(t.operation.values[t.operation.ids[i]]).toBe(o.Operation ?? '');
      expect(t.pid[i]).toBe(Number(o.PID));
    }
    expect(t.operation.values.length).toBeLessThan(Math.max(2, t.imported));
  });
});

describe('Procmon columns from hand-made exports', () => {
  it('any column order and subset, TID among them; quoted commas, CRLF, bare CR and doubled quotes inside fields', () => {
    const text = [
      '"TID","Operation","Time of Day","PID","Process Name","Path","Detail","Result"',
      '"44","RegSetValue","10:29:05.0593693 AM","2212","clussvc.exe","HKLM\\Cluster\\Quorum","Type: REG_SZ, Length: 16, Data: a, b","SUCCESS"',
      '"45","Process Start","12:00:00.0000001 AM","2900","rhs.exe","","Environment: \r\n;\tA=1\r;\tB=""two""","SUCCESS"',
      '"46","TCP Send","1:00:00.5 PM","2212","clussvc.exe","n1:3343 -> n2:3343","Length: 1,024",""',
    ].join('\r\n');
    const t = parseProcmonCsv(`\uFEFF${text}\r\n`);
    expect([t.records, t.imported, t.malformed]).toEqual([3, 3, []]);
    expect(Array.from(t.tid)).toEqual([44, 45, 46]);
    expect(Array.from(t.pid)).toEqual([2212, 2900, 2212]);
    expect(Array.from(t.msOfDay)).toEqual([(10 * 3600 + 29 * 60 + 5) * 1000 + 59, 0, 13 * 3_600_000 + 500]);
    expect(Array.from(t.nsInMs)).toEqual([369_300, 100, 0]);
    expect(textAt(t.detail, 0)).toBe('Type: REG_SZ, Length: 16, Data: a, b');
    expect(textAt(t.detail, 1)).toBe('Environment: \r\n;\tA=1\r;\tB="two"');
    expect(textAt(t.path, 2)).toBe('n1:3343 -> n2:3343');
    expect(t.process.values).toEqual(['clussvc.exe', 'rhs.exe']);
    expect(Array.from(t.process.ids)).toEqual([0, 1, 0]);
    expect(t.result.values[t.result.ids[2]]).toBe('');
  });

  it('a broken row is counted, named by its number and why, and the rest imported', () => {
    const text = [
      '"Time of Day","Process Name","PID","Operation","Path","Result","Detail"',
      '"7:17:38.7231234 PM","clussvc.exe","2212","ReadFile","C:\\x","SUCCESS",""',
      '"7:17:38.8","clussvc.exe","2212","ReadFile"',
      '"not a time","clussvc.exe","2212","ReadFile","C:\\x","SUCCESS",""',
      '"7:17:39.0000000 PM","clussvc.exe","twelve","ReadFile","C:\\x","SUCCESS",""',
      '"7:17:40.0000000 PM","clussvc.exe","2212","ReadFile","C:\\y","SUCCESS",""',
    ].join('\r\n');
    const t = parseProcmonCsv(text);
    expect([t.records, t.imported]).toEqual([5, 2]);
    expect(t.malformed).toEqual([
      { row: 2, why: '4 fields where the header has 7' },
      { row: 3, why: "Time of Day 'not a time' is not a time (unrecognized)" },
      { row: 4, why: "PID 'twelve' is not a number" },
    ]);
    expect(textAt(t.path, 1)).toBe('C:\\y');
  });
});
