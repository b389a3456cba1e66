// The CLI as a user runs it: a child process, JSON and tab-separated output, exit codes.
import { Level } from '../base/levels.ts';
import { SEVERITY_RULES } from '../formats/severity.ts';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (n: string) => join(root, 'test', 'fixtures', 'clusterlog', n);
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('clusterlens summary', () => {
  it('prints one JSON object per file with the facts', () => {
    const r = cli('summary', fixture('w2016.log'), fixture('w2012r2.log'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    const [a, b] = out;
    expect(a).toMatchObject({ dialect: 'w2016', encoding: 'utf-8', node: 'ze-2016-v1', timeBase: 'utc', utcOffsetMinutes: -420 });
    expect(a.parsed + a.continuation + a.structural + a.blank + a.unparsed).toBe(a.lines);
    expect(a.firstTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(b).toMatchObject({ dialect: 'w2008', timeBase: 'assumed-utc', utcOffsetMinutes: null });
    expect(Object.keys(a).sort()).toEqual(['blank', 'continuation', 'dialect', 'encoding', 'errors', 'file', 'firstTime', 'lastTime', 'lines', 'node', 'parsed', 'structural', 'timeBase', 'unparsed', 'utcOffsetMinutes', 'warnings', 'events', 'names'].sort());
    expect(a.events).toMatchObject({ group: 5, quorum: 2, network: 3 });
    expect(a.names.nodes.map((n: { id: number; name: string }) => [n.id, n.name])).toEqual([[1, 'ze-2016-v2'], [2, 'ze-2016-v1']]);
  });

  it('overrides the time base and node (ISO sign: -07:00 means 7 hours behind UTC)', () => {
    const plain = JSON.parse(cli('summary', fixture('w2012r2.log')).stdout)[0];
    const r = cli('summary', fixture('w2012r2.log'), '--time-base', 'local', '--utc-offset', '-07:00', '--node', 'NODE8');
    const o = JSON.parse(r.stdout)[0];
    expect(o).toMatchObject({ timeBase: 'local', utcOffsetMinutes: -420, node: 'NODE8' });
    expect(Date.parse(o.firstTime) - Date.parse(plain.firstTime)).toBe(7 * 3600 * 1000);
  });

  it('reports bad files in `errors` and keeps going', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-'));
    writeFileSync(join(dir, 'empty.log'), '');
    const r = cli('summary', join(dir, 'empty.log'), join(dir, 'missing.log'), fixture('w2000.log'));
    expect(r.status).toBe(0);
    const [e, m, ok] = JSON.parse(r.stdout);
    expect(e.errors.join(' ')).toMatch(/empty/);
    expect(m.errors.join(' ')).toMatch(/no such file/);
    expect(ok.errors).toEqual([]);
    expect(ok.dialect).toBe('w2000');
  });

  it('needs --month for NT 4.0 logs', () => {
    expect(JSON.parse(cli('summary', fixture('nt4.log')).stdout)[0].errors.join(' ')).toMatch(/month/);
    const o = JSON.parse(cli('summary', fixture('nt4.log'), '--month', '1999-03').stdout)[0];
    expect(o.errors).toEqual([]);
    expect(o.firstTime.startsWith('1999-03')).toBe(true);
  });
});

describe('clusterlens lines', () => {
  it('prints merged lines in time order: ISO time, node, original line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'lines', fixture('w2016.log'), fixture('w2012r2.log')], { cwd: root, encoding: 'utf8' });
    const rows = out.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows.every((r) => r.length >= 3)).toBe(true);
    const times = rows.map((r) => r[0]).filter(Boolean);
    expect([...times].sort()).toEqual(times);
    expect(rows.find((r) => r[2].includes('Node 2: Lost quorum'))?.[1]).toBe('ze-2016-v1');
    // No line names that excerpt's node: it gets the one its Node N: lines and the other file's names
    // give, as summary (and the app) settle it.
    const summary = JSON.parse(cli('summary', fixture('w2016.log'), fixture('w2012r2.log')).stdout);
    expect(rows.find((r) => r[2].includes('Node 8: Lost quorum'))?.[1]).toBe(summary[1].node ?? '');
  });

  it('filters by time, minimum level, component and text', () => {
    const r = cli('lines', fixture('w2016.log'), '--level', 'ERR');
    // Record lines only (continuation text of a shown entry comes with it).
    const levels = r.stdout.trimEnd().split('\n').map((l) => l.split('\t')[2]).filter((l) => /::\d{4}\//.test(l));
    // The fixture's ERR lines, and the [System] lines logged as DBG whose text makes them ERR or worse
    // (1177 quorum lost, the fatal 'unexpected problem'): each DBG line shown must be one a severity rule raises.
    expect(levels.map((l) => /::(\S+)/.exec(l)![1])).toEqual(['2017/10/23-21:01:11.623', '2017/10/23-21:20:11.233', '2017/10/23-21:20:11.441', '2017/10/23-21:53:54.600']);
    for (const l of levels.filter((x) => /\bDBG\b/.test(x))) expect(SEVERITY_RULES.some((rule) => rule.severity >= Level.ERR && rule.re.test(l)), l).toBe(true);
    const c = cli('lines', fixture('w2016.log'), '--component', 'RCM').stdout.trimEnd().split('\n');
    expect(c.length).toBeGreaterThan(0);
    expect(c.every((l) => l.includes('[RCM]'))).toBe(true);
    const g = cli('lines', fixture('w2016.log'), '--grep', 'lost QUORUM', '--ignore-case').stdout.trimEnd().split('\n');
    expect(g.length).toBeGreaterThan(0);
    expect(g.every((l) => /lost quorum/i.test(l))).toBe(true);
    const x = cli('lines', fixture('w2016.log'), '--grep', 'Res \\w+: Online', '--regex').stdout.trimEnd().split('\n');
    expect(x.every((l) => /Res \w+: Online/.test(l))).toBe(true);
    // Both bounds cut: the fixture has lines before 21:20 and after 21:21.
    const all = cli('lines', fixture('w2016.log')).stdout.trimEnd().split('\n').map((l) => l.split('\t')[0]).filter(Boolean);
    const inside = all.filter((t) => t >= '2017-10-23T21:20:00' && t <= '2017-10-23T21:21:00');
    expect(all.some((t) => t < '2017-10-23T21:20:00') && all.some((t) => t > '2017-10-23T21:21:00')).toBe(true);
    const t = cli('lines', fixture('w2016.log'), '--from', '2017-10-23T21:20:00', '--to', '2017-10-23T21:21:00Z').stdout.trimEnd().split('\n').map((l) => l.split('\t')[0]).filter(Boolean);
    expect(t).toEqual(inside);
    expect(t.length).toBeGreaterThan(3);
  });

  it('says what is wrong with its arguments (exit 2)', () => {
    const r = cli('lines', fixture('w2016.log'), '--level', 'LOUD');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--level 'LOUD'/);
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('lines', fixture('w2016.log'), '--grep', '(', '--regex').stderr).toMatch(/Invalid regular expression/);
  });
});

describe('clusterlens events', () => {
  it('prints one JSON object per event line, with the documented keys, filtered by family and node', () => {
    const r = cli('events', fixture('w2016.log'), fixture('w2000.log'));
    expect(r.status).toBe(0);
    const evs = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(evs.length).toBeGreaterThan(20);
    for (const e of evs) {
      expect(e.t === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(e.t)).toBe(true);
      expect(['join', 'membership', 'network', 'resource', 'group', 'quorum', 'service']).toContain(e.family);
      expect(typeof e.kind).toBe('string');
      expect(e.line).toBeGreaterThan(0);
      expect(typeof e.verified).toBe('boolean');
      expect(typeof e.file).toBe('string');
    }
    // Time order across the two files.
    const ts = evs.map((e) => e.t).filter(Boolean);
    expect([...ts].sort()).toEqual(ts);
    const groups = cli('events', fixture('w2016.log'), fixture('w2000.log'), '--family', 'group').stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(groups.length).toBe(5);
    expect(groups.every((e) => e.family === 'group')).toBe(true);
    const n1 = cli('events', fixture('w2016.log'), fixture('w2000.log'), '--node', 'NODE1').stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(n1.length).toBeGreaterThan(5);
    expect(n1.every((e) => e.node === 'NODE1')).toBe(true);
    // --node also takes an id, through the name dictionary (2 = ze-2016-v1 in the w2016 header).
    const byId = cli('events', fixture('w2016.log'), '--node', '2').stdout.trimEnd().split('\n');
    expect(byId.length).toBe(15);
  });

  it('rejects an unknown family (exit 2)', () => {
    const r = cli('events', fixture('w2016.log'), '--family', 'weather');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown family 'weather'/);
  });
});

describe('clusterlens events --cluster', () => {
  it('prints the correlated facts of the bundled demo incident, with ISO times and 1-based line refs', () => {
    const demo = ['SQLNODE1', 'SQLNODE2', 'SQLNODE3'].map((n) => join(root, 'public', 'demo', `${n}_cluster.log`));
    const r = cli('events', ...demo, '--cluster');
    expect(r.status).toBe(0);
    const recs = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const types = new Set(recs.map((x) => x.type));
    for (const t of ['join', 'view', 'membership', 'move', 'session', 'no-data', 'fact', 'route-series']) expect(types, t).toContain(t);
    // Every join half of a succeeded join is paired with the other side's half.
    const joins = recs.filter((x) => x.type === 'join');
    for (const j of joins.filter((x) => x.outcome === 'succeeded')) expect(joins.find((x) => x.id === j.pairedWith)?.pairedWith).toBe(j.id);
    const move = recs.find((x) => x.type === 'move');
    expect(move).toMatchObject({ group: 'ag1', to: 'SQLNODE1', from: 'SQLNODE2', failover: true });
    expect(move.t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(move.refs[0].line).toBeGreaterThan(0);
    // The isolated node's outage is "no data" in its own file, not "down".
    expect(recs.find((x) => x.type === 'no-data')).toMatchObject({ node: 'SQLNODE2', label: 'no data' });
  });
});

describe('clusterlens with captures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-cap-'));
  const incident = (d: string) => join(root, 'test', 'fixtures', 'incident-2node', d, 'Cluster.log');
  const procmon = join(dir, 'SVR12_procmon.csv');
  writeFileSync(procmon, [
    '\uFEFF"Time of Day","Process Name","PID","Operation","Path","Result","Detail","TID"',
    '"9:17:41.9000001 PM","clussvc.exe","3352","TCP Disconnect","SVR12:56450 -> SVR13:3343","SUCCESS","Length: 0","44"',
    '"9:17:52.0000000 PM","rhs.exe","2900","RegOpenKey","HKLM\\Cluster","ACCESS DENIED","","45"',
    '"bad","rhs.exe","2900","RegOpenKey","HKLM\\Cluster","SUCCESS","","45"',
    '',
  ].join('\r\n'));
  const svr12 = join(dir, 'SVR12', 'Cluster.log');
  const svr13 = join(dir, 'SVR13', 'Cluster.log');
  for (const [to, from] of [[svr12, incident('first')], [svr13, incident('second')]]) {
    spawnSync('mkdir', ['-p', dirname(to)]);
    writeFileSync(to, readFileSync(from));
  }

  it('summary: a capture\'s own keys, times as the file states them, and its alignment on its node\'s log with reasons', () => {
    const out = JSON.parse(cli('summary', svr12, svr13, procmon).stdout);
    const c = out[2];
    expect(c).toMatchObject({
      kind: 'procmon', records: 3, imported: 2, malformed: 1, timeFormat: 'time-of-day',
      firstTimeOfDay: '21:17:41.9000001', lastTimeOfDay: '21:17:52.0000000',
      firstTime: '2020-05-12T01:17:41.9000001Z', lastTime: '2020-05-12T01:17:52.0000000Z', node: 'SVR12',
    });
    expect(c.malformedRows).toEqual([{ row: 3, why: "Time of Day 'bad' is not a time" }]);
    expect(c.alignment).toMatchObject({ date: '2020-05-11', utcOffsetMinutes: -240, fineOffsetMs: 0, source: 'capture-node' });
    expect(c.alignment.reasons[1]).toBe("2020-05-11: its first time of day falls inside SVR12's Cluster.log on that date");
    // Alone, nothing places it: no UTC times until a date and an offset are given.
    const alone = JSON.parse(cli('summary', procmon).stdout)[0];
    expect([alone.firstTime, alone.alignment.date, alone.alignment.utcOffsetMinutes]).toEqual([null, null, null]);
    const given = JSON.parse(cli('summary', procmon, '--date', '2020-05-11', '--utc-offset', '-04:00').stdout)[0];
    expect([given.firstTime, given.alignment.source]).toEqual(['2020-05-12T01:17:41.9000001Z', 'user']);
    expect(cli('summary', procmon, '--date', '11.05.2020').status).toBe(2);
  });

  it('summary of every real Procmon export: kind, records and the time format as detected', () => {
    const dirC = join(root, '..', 'shared', 'corpus', 'procmon');
    if (!existsSync(dirC)) return; // ../shared is not in a user's clone
    const out = JSON.parse(cli('summary', join(dirC, 'Blerkk__Blerkk__Logfile.CSV'), join(dirC, 'CUCSec__first-blood-Zhang1933__Logfile.CSV')).stdout);
    expect(out[0]).toMatchObject({ kind: 'procmon', records: 5694, malformed: 0, timeFormat: 'time-of-day', firstTimeOfDay: '20:35:21.1680979', firstTime: null });
    expect(out[1]).toMatchObject({ kind: 'procmon', records: 3640, timeFormat: 'mangled', hourLost: true, firstTimeOfDay: '00:47:57.9000000' });
  });

  it('lines interleaves capture rows with log lines by aligned time; events prints the rows with their UTC time', () => {
    const lines = cli('lines', svr12, svr13, procmon).stdout.trim().split('\n');
    const at = lines.findIndex((l) => l.includes('TCP Disconnect'));
    expect(lines[at]).toBe('2020-05-12T01:17:41.9000001Z\tSVR12\tclussvc.exe  TCP Disconnect  SVR12:56450 -> SVR13:3343  SUCCESS  Length: 0');
    expect(lines[at - 2]).toContain('Connection to Node 2 is broken');
    const rows = cli('events', svr12, svr13, procmon, '--node', 'SVR12').stdout.trim().split('\n').map((l) => JSON.parse(l));
    const denied = rows.find((r) => r.text?.includes('ACCESS DENIED'));
    expect(denied).toMatchObject({ t: '2020-05-12T01:17:52.0000000Z', written: '21:17:52.0000000', kind: 'procmon', line: 3, component: 'RegOpenKey', pid: 2900, tid: 45, level: 'ERR' });
    expect(rows.find((r) => r.bucket === 'unparsed')).toMatchObject({ line: 4, t: '2020-05-12T01:17:52.000Z' }); // the time of the row above, as a log's text lines
  });
});
