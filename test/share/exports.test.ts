// Exports parse back in the formats other tools read: CSV (papaparse), JSON lines, Timesketch's
// required fields, Trace Event Format's required fields (ph, ts, pid, tid, name); the CLI writes
// them from the incident fixture, and text equals the lines verb's text.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, eventsCsv, isoTime, traceEvents, type ExportEvent } from '../../src/share/exports.ts';

const root = join(import.meta.dirname, '..', '..');
const FIX = join(root, 'test', 'fixtures', 'incident-2node');
// (their folders would name the nodes 'first' and 'second')
const logs = [join(FIX, 'first', 'Cluster.log'), join(FIX, 'second', 'Cluster.log'), '--node', 'SVR12', '--node', 'SVR13'];
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });

describe('export formatters', () => {
  it('write CSV a spreadsheet reads as data, never as a formula', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-5')).toBe('-5');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    const ev: ExportEvent = { t: Date.UTC(2020, 4, 12, 1, 17, 51, 909), node: 'SVR12', family: 'quorum', kind: 'quorum-lost', summary: 'quorum lost, "5925"', file: 'a/Cluster.log', line: 9, severity: 'ERR', verified: true };
    const parsed = Papa.parse<string[]>([...eventsCsv([ev])].join(''), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[1]).toEqual(['2020-05-12T01:17:51.909Z', 'SVR12', 'quorum', 'quorum-lost', 'ERR', 'quorum lost, "5925"', '', 'true', 'a/Cluster.log', '9']);
  });

  it('write times to 100 ns where the input has them', () => {
    expect(isoTime(Date.UTC(2020, 4, 12, 1, 17, 51, 909), 123456)).toBe('2020-05-12T01:17:51.9091234Z');
    expect(isoTime(NaN)).toBe('');
  });

  it('write a trace with a process per node and a thread per track', () => {
    const t = JSON.parse([...traceEvents(
      [{ t: 1000, node: 'A', family: 'quorum', kind: 'quorum-lost', summary: 's', file: 'f', line: 1, severity: 'ERR', verified: true }],
      [{ t0: 500, t1: 1500, node: 'B', track: 'groups', row: 'Cluster Group', label: 'online', file: 'g', line: 3 }],
    )].join(''));
    const names = t.traceEvents.filter((e: { ph: string }) => e.ph === 'M').map((e: { name: string; args: { name: string } }) => `${e.name}=${e.args.name}`);
    expect(names).toEqual(['process_name=A', 'thread_name=quorum', 'process_name=B', 'thread_name=groups: Cluster Group']);
    expect(t.traceEvents.find((e: { ph: string }) => e.ph === 'X')).toMatchObject({ name: 'online', ts: 0, dur: 1000000, pid: 2 });
    expect(t.traceEvents.find((e: { ph: string }) => e.ph === 'i')).toMatchObject({ name: 'quorum-lost', ts: 500000, pid: 1, s: 't' });
  });
});

describe('the CLI export verb', () => {
  it('writes every format, each parsing back with the fields its readers require', () => {
    const events = cli('export', ...logs, '--format', 'events-jsonl');
    expect(events.status).toBe(0);
    const ev = events.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(ev.length).toBeGreaterThan(10);
    expect(ev.find((e) => e.kind === 'quorum-lost')).toMatchObject({ node: 'SVR12', time: '2020-05-12T01:17:51.909Z', severity: 'ERR' });

    const csv = Papa.parse<Record<string, string>>(cli('export', ...logs, '--format', 'events-csv').stdout, { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.data.length).toBe(ev.length);
    expect(csv.meta.fields).toEqual(['time_utc', 'node', 'family', 'kind', 'severity', 'summary', 'subject', 'verified', 'file', 'line']);

    const ts = cli('export', ...logs, '--format', 'events-timesketch').stdout.trim().split('\n').map((l) => JSON.parse(l));
    for (const e of ts) {
      expect(typeof e.message).toBe('string');
      expect(e.datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(e.timestamp_desc).toBe('Cluster log line written');
    }

    const trace = JSON.parse(cli('export', ...logs, '--format', 'trace').stdout);
    expect(trace.traceEvents.length).toBeGreaterThan(ev.length);
    for (const e of trace.traceEvents) {
      expect(['M', 'i', 'X']).toContain(e.ph);
      for (const k of ['ts', 'pid', 'tid']) expect(Number.isInteger(e[k]), `${k} of ${JSON.stringify(e)}`).toBe(true);
      expect(typeof e.name).toBe('string');
    }
    expect(trace.traceEvents.some((e: { ph: string; dur: number }) => e.ph === 'X' && e.dur > 0)).toBe(true);

    const rows = Papa.parse<Record<string, string>>(cli('export', ...logs, '--format', 'rows-csv', '--level', 'WARN').stdout, { header: true, skipEmptyLines: true });
    expect(rows.errors).toEqual([]);
    expect(rows.data.map((r) => r.level)).toEqual(expect.arrayContaining(['WARN', 'ERR']));
    expect(rows.data.every((r) => ['WARN', 'ERR', 'CRIT'].includes(r.level))).toBe(true);
    const text = cli('export', ...logs, '--format', 'text', '--level', 'WARN').stdout;
    const lines = cli('lines', ...logs, '--level', 'WARN').stdout;
    expect(text).toBe(lines.split('\n').filter(Boolean).map((l) => `${l.split('\t').slice(2).join('\t')}\n`).join(''));
    expect(cli('export', ...logs, '--format', 'nope').status).toBe(2);
  }, 60_000);
});
