// The real exports of ../shared/corpus (see its SOURCES.md): each is sniffed as its kind, and
// every Procmon "Time of Day" value parses, in every locale form there, with the span that
// SOURCES.md gives; the Excel re-saved file says that its hour was lost, on every row.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { sniffCapture } from '../../src/captures/sniff.ts';
import { formatTimeOfDay, parseTimeOfDay } from '../../src/captures/time-of-day.ts';
import { SHARED_DIR } from '../helpers/clusterlog.ts';

const CORPUS = path.join(SHARED_DIR, 'corpus');
const have = existsSync(CORPUS);
if (!have) console.warn(`shared corpus not found: skipping the capture corpus tests (${CORPUS})`);

// Without the corpus each table keeps one row, so that its test is counted as skipped (with the
// reason in its name) instead of vanishing from the count.
const ABSENT = `(../shared/corpus not found at ${CORPUS}: skipped)`;
const files = (dir: string) => (have ? readdirSync(path.join(CORPUS, dir)).map((f) => path.join(CORPUS, dir, f)) : [ABSENT]);

// First and last Time of Day of each file, read as 24-hour (SOURCES.md, to the ms).
const SPANS: Record<string, [string, string]> = {
  'fskoras__CreateProcess-gcc-issue__Logfile.CSV': ['16:53:03.600', '16:53:04.939'],
  'ohtorii__test__Logfile.CSV': ['18:40:23.104', '18:40:24.785'],
  'Maitreya-Niranjan__SRE_project__Logfile.CSV': ['07:21:49.088', '07:21:57.813'],
  'Blerkk__Blerkk__Logfile.CSV': ['20:35:21.168', '20:35:51.219'],
  'feijing2132__monitorAPIs__Logfile.CSV': ['15:58:46.688', '16:13:07.343'],
  'eric2969__semiar-slui-file-hijack__procmon.CSV': ['01:09:44.822', '01:12:05.166'],
  'HugoCotton__WeatherSpyware__Logfile.CSV': ['23:21:25.212', '23:21:25.212'],
};

function rows(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

describe.skipIf(!have)('capture corpus', () => {
  it.each(files('procmon'))('%s: a Procmon CSV whose every Time of Day parses', (file) => {
    const s = sniffCapture(readFileSync(file).subarray(0, 65536));
    expect(s?.kind).toBe('procmon');
    const times = rows(file).map((r) => parseTimeOfDay(r['Time of Day']));
    expect(times.length).toBeGreaterThan(0);
    if (path.basename(file).startsWith('CUCSec')) {
      expect(times.every((t) => !t.ok && t.reason === 'hour-lost')).toBe(true);
      return;
    }
    const bad = times.findIndex((t) => !t.ok);
    expect(bad, `row ${bad}`).toBe(-1);
    const span = SPANS[path.basename(file)];
    if (span) {
      // SOURCES.md rounds to the ms; the parse keeps all 7 digits.
      const ns = (t: (typeof times)[number]) => (t.ok ? t.msOfDay * 1e6 + t.nsInMs : NaN);
      const want = span.map((x) => { const r = parseTimeOfDay(x); return r.ok ? r.msOfDay * 1e6 : NaN; });
      expect(Math.abs(ns(times[0]) - want[0]), formatTimeOfDay(times[0] as never)).toBeLessThanOrEqual(5e5);
      expect(Math.abs(ns(times[times.length - 1]) - want[1])).toBeLessThanOrEqual(5e5);
    }
    for (const t of times) if (t.ok) expect(t.digits).toBe(7);
  });

  it.each(files('netmon'))('%s: a Wireshark CSV', (file) => {
    expect(sniffCapture(readFileSync(file).subarray(0, 65536))?.kind).toBe('wireshark');
  });

  it.each(files('events'))('%s: an event-log export', (file) => {
    expect(sniffCapture(readFileSync(file).subarray(0, 65536))?.kind).toBe('eventlog');
  });

  it.each(files('clusterlog'))('%s: not a capture', (file) => {
    expect(sniffCapture(readFileSync(file).subarray(0, 65536))).toBeNull();
  });
});
