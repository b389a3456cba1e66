// A Procmon export indexed as a source: every real export of ../shared/corpus/procmon with the
// record count SOURCES.md gives and its first and last times as the file states them; slices
// cut anywhere (inside a quoted field, inside a UTF-8 character) give the same index; and the
// engine shows its rows, interleaved with a node's log, with their 7-digit times.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CaptureIndexer } from '../../src/sources/capture-indexer.ts';
import { Bucket } from '../../src/ingest/types.ts';
import { SHARED_DIR } from '../helpers/clusterlog.ts';
import { engine } from '../helpers/in-thread-engine.ts';

const DIR = path.join(SHARED_DIR, 'corpus', 'procmon');
const have = existsSync(DIR);

// From ../shared/corpus/SOURCES.md: records, first and last time of day (24 h, to the ms as it lists them).
const SOURCES: [string, number, string, string][] = [
  ['fskoras__CreateProcess-gcc-issue__Logfile.CSV', 9877, '16:53:03.600', '16:53:04.939'],
  ['stofte__roslyn-test__Logfile.CSV', 11892, '20:54:33.061', '20:54:48.841'],
  ['nikit34__lab_os4__Logfile.CSV', 6714, '14:54:10.544', '14:56:51.216'],
  ['prsp0007__samples__Logfile.CSV', 2791, '15:42:22.846', '15:42:44.475'],
  ['zingus__Crysis-Pseudo-Fullscreen-Nanny__Logfile.CSV', 1321, '18:11:37.467', '18:11:37.599'],
  ['ohtorii__test__Logfile.CSV', 2300, '18:40:23.103', '18:40:24.785'],
  ['Maitreya-Niranjan__SRE_project__Logfile.CSV', 9226, '07:21:49.087', '07:21:57.813'],
  ['Blerkk__Blerkk__Logfile.CSV', 5694, '20:35:21.168', '20:35:51.219'],
  ['feijing2132__monitorAPIs__Logfile.CSV', 52, '15:58:46.688', '16:13:07.343'],
  ['jtarkington77__phishing-analysis-opencase__Logfile.CSV', 12, '16:38:16.089', '16:38:16.443'],
  ['HugoCotton__WeatherSpyware__Logfile.CSV', 1, '23:21:25.212', '23:21:25.212'],
  ['eric2969__semiar-slui-file-hijack__procmon.CSV', 23937, '01:09:44.822', '01:12:05.166'],
  ['jeraldkphilip__Yara__Logfile1.CSV', 4979, '18:49:41.507', '18:50:08.622'],
  ['ayedaemon__Exe-to-pdf__Logfile1.CSV', 10183, '17:30:17.366', '17:30:23.795'],
  // Excel re-saved: the hour is lost; minutes and seconds (to 0.1 s) are what the file states.
  ['CUCSec__first-blood-Zhang1933__Logfile.CSV', 3640, '00:47:57.9', '00:48:03.9'],
];

function index(bytes: Uint8Array, sliceAt: (i: number) => number, name: string): CaptureIndexer {
  const ix = new CaptureIndexer(bytes.length, { name, path: name });
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = Math.max(1, sliceAt(k));
    ix.push(bytes.slice(at, at + n));
    at += n;
  }
  ix.finish();
  return ix;
}

describe.skipIf(!have)('the real Procmon exports, indexed as sources', () => {
  it.each(SOURCES)('%s: %i records, first and last time as the file states them', (file, records, first, last) => {
    const bytes = new Uint8Array(readFileSync(path.join(DIR, file)));
    const ix = index(bytes, () => 1 << 20, file);
    const f = ix.facts;
    expect(f.status).toBe('done');
    expect(f.kind).toBe('procmon');
    const cap = f.capture!;
    expect(cap.records).toBe(records);
    expect(cap.imported + cap.malformed).toBe(records);
    expect(cap.malformed).toBe(0);
    // Every record is a line; the header is the one structural line.
    expect(f.lines).toBe(records + 1);
    expect(f.buckets.parsed).toBe(records);
    expect(f.buckets.structural).toBe(1);
    expect(cap.firstTimeOfDay!.startsWith(first.slice(0, -1))).toBe(true);
    expect(cap.lastTimeOfDay!.startsWith(last.slice(0, -1))).toBe(true);
    expect(cap.hourLost).toBe(file.startsWith('CUCSec'));
    expect(cap.timeFormat).toBe(cap.hourLost ? 'mangled' : 'time-of-day');
    expect(cap.firstTimeOfDay).toMatch(/^\d\d:\d\d:\d\d\.\d{7}$/);
  });

  it.each(SOURCES.map(([f]) => f))('%s: spot rows as papaparse reads them (text columns, interned operation, PID)', (file) => {
    const text = readFileSync(path.join(DIR, file), 'utf8');
    const objects = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' }).data;
    const ix = index(new TextEncoder().encode(text), () => 1 << 18, file);
    const c = ix.segment(0);
    const th = ix.threadsView();
    const fields = ['Process Name', 'Operation', 'Path', 'Result', 'Detail'];
    for (const i of [0, Math.floor(objects.length / 2), objects.length - 1]) {
      const o = objects[i];
      const line = i + 1; // after the header line
      const want = fields.map((k) => o[k] ?? '').filter(Boolean).map((v) => v.replace(/\r\n|\r|\n/g, ' ↵ ')).join('  ');
      expect(ix.lineText(line)).toBe(want);
      expect(ix.facts.components[c.comp[line]]).toBe(o.Operation ?? '');
      expect(th.table.pid[th.thread[line]]).toBe(Number(o.PID));
    }
  });

  it('slices cut anywhere give the same index (quoted line breaks and UTF-8 characters across cuts)', () => {
    // 50 642 non-ASCII characters and 201 bare CRs inside quoted fields.
    const file = 'eric2969__semiar-slui-file-hijack__procmon.CSV';
    const bytes = new Uint8Array(readFileSync(path.join(DIR, file)));
    const whole = index(bytes, () => bytes.length, file);
    const odd = index(bytes, (k) => 997 + ((k * 7919) % 60_000), file);
    expect(odd.facts.capture).toEqual(whole.facts.capture);
    expect(odd.lineCount).toBe(whole.lineCount);
    const a = whole.segment(0);
    const b = odd.segment(0);
    expect(b.ts).toEqual(a.ts);
    expect(b.comp).toEqual(a.comp);
    expect(b.level).toEqual(a.level);
    expect(b.offset).toEqual(a.offset);
    expect(odd.nsView()).toEqual(whole.nsView());
    const text = (ix: CaptureIndexer, i: number) => ix.lineText(i);
    for (const i of [1, 500, whole.lineCount - 1]) expect(text(odd, i)).toBe(text(whole, i));
  });
});

describe('a Procmon export as a source (hand-made rows)', () => {
  const csv = [
    '"Time of Day","Process Name","PID","Operation","Path","Result","Detail","TID"',
    '"11:59:59.9999999 PM","clussvc.exe","3352","TCP Connect","SVR12:49822 -> SVR13:3343","SUCCESS","Length: 0","44"',
    '"12:00:00.0000001 AM","rhs.exe","2900","Process Start","","SUCCESS","Environment: \r\n;\tA=1\r;\tB=""two""","45"',
    '"12:00:01.5 AM","rhs.exe","2900","RegOpenKey","HKLM\\Cluster","ACCESS DENIED","Desired Access: Read","45"',
    '"not a time","rhs.exe","2900","RegOpenKey","HKLM\\Cluster","SUCCESS","","45"',
    '"12:00:02 AM","rhs.exe","2900"',
    '"12:00:03 AM","rhs.exe","twelve","RegOpenKey","HKLM\\Cluster","SUCCESS","","45"',
  ].join('\r\n');

  it('rows become lines: time past midnight, PID.TID, operation as component, result as level; broken rows counted and kept', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${csv}\r\n`);
    const ix = index(bytes, () => 7, 'SVR12_procmon.csv');
    const f = ix.facts;
    expect(f.node).toBe('SVR12');
    expect(f.nodeSource).toBe('file-name');
    expect(f.idRadix).toBe(10);
    const cap = f.capture!;
    expect([cap.records, cap.imported, cap.malformed]).toEqual([6, 3, 3]);
    expect(cap.malformedRows).toEqual([
      { row: 4, why: "Time of Day 'not a time' is not a time" },
      { row: 5, why: '3 fields where the header has 8' },
      { row: 6, why: "PID 'twelve' is not a number" },
    ]);
    expect(cap.midnights).toBe(1);
    expect([cap.firstTimeOfDay, cap.lastTimeOfDay]).toEqual(['23:59:59.9999999', '00:00:01.5000000']);
    const c = ix.segment(0);
    const buckets = Array.from(c.flags, (x) => x & 7);
    expect(buckets).toEqual([Bucket.Structural, Bucket.Parsed, Bucket.Parsed, Bucket.Parsed, Bucket.Unparsed, Bucket.Unparsed, Bucket.Unparsed]);
    expect(c.ts[2] - c.ts[1]).toBe(1); // 23:59:59.999 -> 00:00:00.000 of the next day: whole ms apart
    expect(Array.from(ix.nsView().slice(1, 4))).toEqual([999_900, 100, 0]);
    expect(f.components[c.comp[3]]).toBe('RegOpenKey');
    expect(Array.from(c.level.slice(1, 4))).toEqual([2, 2, 4]); // INFO, INFO, ERR (ACCESS DENIED)
    const th = ix.threadsView();
    expect([th.table.pid[th.thread[1]], th.table.tid[th.thread[1]]]).toEqual([3352, 44]);
    const text = (i: number) => ix.lineText(i);
    expect(text(1)).toBe('clussvc.exe  TCP Connect  SVR12:49822 -> SVR13:3343  SUCCESS  Length: 0');
    expect(text(2)).toBe('rhs.exe  Process Start  SUCCESS  Environment:  ↵ ;\tA=1 ↵ ;\tB="two"');
    expect(text(5)).toBe('"12:00:02 AM","rhs.exe","2900"'); // a record that is no row: as the file writes it
  });

  it('in the engine: its rows interleave with other inputs by time, carry 7-digit times and decimal PIDs, and search finds them', async () => {
    const e = engine(1, Infinity);
    try {
      const file = new File([`\uFEFF${csv}\r\n`], 'SVR12_procmon.csv');
      e.store.handle({ t: 'add', files: [{ file, path: 'case/SVR12_procmon.csv' }], replace: true, demo: false });
      const snap = await e.done();
      const f = snap.files[0].facts;
      expect(f.kind).toBe('procmon');
      expect(f.capture!.records).toBe(6);
      const rows = await e.ask<{ text: string; nsInMs: number; pid: number; tid: number; idRadix: number; component: string; bucket: string }[]>({ t: 'rows', start: 0, count: 10 });
      const parsed = rows.filter((r) => r.bucket === 'parsed');
      expect(parsed.map((r) => r.component)).toEqual(['TCP Connect', 'Process Start', 'RegOpenKey']);
      expect(parsed.map((r) => r.nsInMs)).toEqual([999_900, 100, 0]);
      expect(parsed[0]).toMatchObject({ pid: 3352, tid: 44, idRadix: 10 });
      e.store.handle({ t: 'search', spec: { text: 'HKLM\\Cluster', regex: false, caseSensitive: false } });
      const s = await e.until((x) => x.search.spec?.text === 'HKLM\\Cluster' && !x.search.running);
      expect(s.search.hits).toBe(3); // the malformed row keeps its text: it is found too
    } finally {
      e.close();
    }
  });

  it("aligned on its node's log: the log's UTC offset and the date its time of day falls on, with reasons; the user's numbers win", async () => {
    const FIX = new URL('../fixtures/incident-2node/', import.meta.url).pathname;
    const log = (d: string) => new File([readFileSync(path.join(FIX, d, 'Cluster.log'))], 'Cluster.log');
    const procmon = [
      '"Time of Day","Process Name","PID","Operation","Path","Result","Detail"',
      '"9:17:41.9000001 PM","clussvc.exe","3352","TCP Disconnect","SVR12:56450 -> SVR13:3343","SUCCESS","Length: 0"',
      '"9:17:51.9095000 PM","clussvc.exe","3352","RegCloseKey","HKLM\\Cluster","SUCCESS",""',
    ].join('\r\n');
    const e = engine(1, Infinity);
    try {
      e.store.handle({ t: 'add', files: [
        { file: log('first'), path: 'incident/SVR12/Cluster.log' }, { file: log('second'), path: 'incident/SVR13/Cluster.log' },
        { file: new File([procmon], 'Logfile.CSV'), path: 'incident/SVR12/Logfile.CSV' },
      ], replace: true, demo: false });
      const snap = await e.until((x) => !x.loading && x.files.length === 3 && x.files[2].facts.timeBase.utcOffsetMinutes === -240);
      const cap = snap.files[2].facts;
      expect(cap.node).toBe('SVR12');
      expect(cap.timeBase.dateMs).toBe(Date.UTC(2020, 4, 11));
      expect(cap.timeBase.source).toBe('capture-node');
      expect(cap.capture!.alignment!.reasons.join(' | ')).toMatch(/UTC-04:00, the offset of SVR12's Cluster.log .*\| 2020-05-11: its first time of day falls inside SVR12's Cluster.log on that date/);
      // Interleaved: the TCP Disconnect sits right after the log's 21:17:41.900 line (same ms, file order), before 21:17:42.
      const rows = await e.ask<{ fileId: number; text: string; utcMs: number; nsInMs: number }[]>({ t: 'rows', start: 0, count: snap.viewRows });
      const at = rows.findIndex((r) => r.text.includes('TCP Disconnect'));
      expect(rows[at].utcMs).toBe(Date.UTC(2020, 4, 12, 1, 17, 41, 900));
      expect(rows[at].nsInMs).toBe(100);
      // (its header line goes with its first row)
      expect(rows[at - 1].text).toMatch(/^Time of Day {2}Process Name/);
      expect(rows[at - 2].text).toContain('Connection to Node 2 is broken');
      expect(rows[at + 1].utcMs).toBeGreaterThan(rows[at].utcMs);
      // The user's fine offset moves it; the rest of the proposal stays.
      e.store.handle({ t: 'options', id: snap.files[2].id, opts: { alignment: { fineMs: 1500 } } });
      const moved = await e.until((x) => x.files[2].facts.timeBase.skewMs === 1500);
      expect(moved.files[2].facts.timeBase).toMatchObject({ source: 'user', utcOffsetMinutes: -240, dateMs: Date.UTC(2020, 4, 11) });
    } finally {
      e.close();
    }
  });
});

const NETMON_DIR = path.join(SHARED_DIR, 'corpus', 'netmon');
const EVENTS_DIR = path.join(SHARED_DIR, 'corpus', 'events');

// SOURCES.md: records, and the first and last time cells as the files write them.
const WIRESHARK: [string, number, string, string, number][] = [
  ['BethanyEJohnson__WireShark__capture.csv', 70, '0.000000', '0.905', 0],
  ['Stephen1Hernandez9__SOC-Traffic-analyzer__capture.csv', 920, '0.000000', '38.93', 0],
  ['popcorndevils__net_analysis__capture.csv', 44127, '0.000000', '105.317', 0],
  // Re-saved by Excel: unquoted, computed columns, and its last 3 rows hold no packet.
  ['AndikaFahrulReza17__contoh-wireshark__wireshark.csv', 527, '0', '232.479012', 3],
];

describe.skipIf(!existsSync(NETMON_DIR))('the real Wireshark exports, indexed as sources', () => {
  it.each(WIRESHARK)('%s: %i records, relative seconds from its first to its last', (file, records, first, last, malformed) => {
    const bytes = new Uint8Array(readFileSync(path.join(NETMON_DIR, file)));
    const ix = index(bytes, () => 1 << 16, file);
    const f = ix.facts;
    expect(f.status).toBe('done');
    expect(f.kind).toBe('wireshark');
    const cap = f.capture!;
    expect([cap.records, cap.imported + cap.malformed, cap.malformed]).toEqual([records, records, malformed]);
    expect(cap.timeFormat).toBe('relative');
    expect([cap.firstTimeOfDay, cap.lastTimeOfDay]).toEqual([null, null]);
    expect(cap.firstCell).toBe(first);
    expect(cap.lastCell!.startsWith(last)).toBe(true);
    if (malformed) expect(cap.malformedRows).toEqual([525, 526, 527].map((row) => ({ row, why: 'an empty row (no time)' })));
    // Protocols are the components; a row's text leads with its endpoints.
    expect(f.components).toContain('TCP');
    const text = ix.lineText(1);
    expect(text).toMatch(/^\S+ → \S+ {2}\S+/);
  });
});

describe.skipIf(!existsSync(EVENTS_DIR))('the real event-log export, indexed as a source', () => {
  it('vanishkag__log_correlator__SystemLog.csv: 200 records, multi-line messages kept in one row, dates day first (said to be assumed)', () => {
    const file = 'vanishkag__log_correlator__SystemLog.csv';
    const bytes = new Uint8Array(readFileSync(path.join(EVENTS_DIR, file)));
    const ix = index(bytes, () => 4093, file);
    const f = ix.facts;
    expect(f.kind).toBe('eventlog');
    const cap = f.capture!;
    expect([cap.records, cap.imported, cap.malformed]).toEqual([200, 200, 0]);
    expect(cap.timeFormat).toBe('date-time');
    expect(cap.dated).toBe(true);
    // Newest first, as Get-WinEvent writes.
    expect([cap.firstCell, cap.lastCell]).toEqual(['05-07-2024 14:53:21', '04-07-2024 03:31:49']);
    expect(f.firstWritten).toBe(Date.UTC(2024, 6, 4, 3, 31, 49));
    expect(f.lastWritten).toBe(Date.UTC(2024, 6, 5, 14, 53, 21));
    expect(f.warnings.join(' ')).toMatch(/dates are read day first; no row tells the order for sure/);
    expect(f.lines).toBe(201); // 582 physical lines: 115 messages run over several
    const text = ix.lineText(2);
    expect(text.startsWith('7045  A service was installed in the system. ↵  ↵ Service Name:  MpKsl86689ba8 ↵ Service File Name:  C:\\ProgramData\\')).toBe(true);
    expect(text.endsWith(' ↵ Service Type:  kernel mode driver ↵ Service Start Type:  demand start ↵ Service Account:  ')).toBe(true);
  });
});

describe('other capture forms (hand-made)', () => {
  const load = (name: string, text: string) => index(new TextEncoder().encode(text), () => 5, name);

  it('Wireshark: epoch seconds (UTC, 9 digits), UTC date-and-time with a zone, and local date-and-time', () => {
    const epoch = load('a.csv', '"No.","Time","Source","Destination","Protocol","Length","Info"\n"1","1589246261.900000123","10.10.10.23","10.10.10.24","TCP","66","56450 → 3343 [SYN] Seq=0"\n"2","1589246262.000000000","10.10.10.24","10.10.10.23","TCP","54","3343 → 56450 [RST, ACK] Seq=1 Ack=1"\n');
    expect(epoch.facts.capture!.timeFormat).toBe('epoch');
    expect(epoch.facts.firstWritten).toBe(Date.UTC(2020, 4, 12, 1, 17, 41, 900));
    expect(epoch.nsView()[1]).toBe(123);
    const c = epoch.segment(0);
    expect(Array.from(c.level.slice(1))).toEqual([2, 4]); // the RST stands out
    const text = epoch.lineText(1);
    expect(text).toBe('10.10.10.23 → 10.10.10.24  TCP  66  56450 → 3343 [SYN] Seq=0');
    const utc = load('b.csv', '"No.","Time","Source","Destination","Protocol","Length","Info"\n"1","2020-05-12T01:17:41.900000Z","a","b","UDP","112","3343 → 3343 Len=70"\n');
    expect([utc.facts.capture!.timeFormat, utc.facts.firstWritten]).toEqual(['utc', Date.UTC(2020, 4, 12, 1, 17, 41, 900)]);
    const local = load('c.csv', '"No.","Time","Source","Destination","Protocol","Length","Info"\n"1","2020-05-11 21:17:41.900000","a","b","UDP","112","x"\n');
    expect([local.facts.capture!.timeFormat, local.facts.firstWritten]).toEqual(['date-time', Date.UTC(2020, 4, 11, 21, 17, 41, 900)]);
  });

  it('Netmon: a tab-separated frame summary, its time column chosen by preference, format unverified on its card', () => {
    const ix = load('SVR12_netmon.txt', [
      'Frame Number\tTime Date Local Adjusted\tTime Offset\tProcess Name\tSource\tDestination\tProtocol Name\tDescription\tConv Id',
      '1\t5/11/2020 9:17:41.9000000 PM\t0.0000000\tclussvc.exe\tSVR12\tSVR13\tTCP\tTCP:Flags=CE....S., SrcPort=56450, DstPort=3343, PayloadLen=0\t{TCP:1}',
      '2\t5/11/2020 9:17:42.0000000 PM\t0.1000000\tSystem\tSVR12\tSVR13\tUDP\tUDP:SrcPort = 3343, DstPort = 3343, Length = 112\t{UDP:2}',
    ].join('\r\n'));
    const f = ix.facts;
    expect(f.kind).toBe('netmon');
    expect(f.node).toBe('SVR12');
    expect(f.capture!.timeFormat).toBe('date-time');
    expect(f.firstWritten).toBe(Date.UTC(2020, 4, 11, 21, 17, 41, 900));
    expect(f.warnings.join(' ')).toMatch(/format unverified/);
    expect(f.components.slice(1)).toEqual(['TCP', 'UDP']);
    const text = ix.lineText(1);
    expect(text).toBe('SVR12 → SVR13  clussvc.exe  TCP  TCP:Flags=CE....S., SrcPort=56450, DstPort=3343, PayloadLen=0  {TCP:1}');
  });

  it('Event Viewer "Save as CSV" (the message an unnamed last field) and Get-WinEvent with a provider: cluster events named and graded', () => {
    const viewer = load('System.csv', [
      'Level,Date and Time,Source,Event ID,Task Category',
      'Critical,5/11/2020 9:17:51 PM,Microsoft-Windows-FailoverClustering,1135,Node Mgr,"Cluster node \'SVR13\' was removed from the active failover cluster membership."',
      'Information,5/11/2020 9:17:52 PM,Service Control Manager,7036,None,The Cluster Service service entered the stopped state.',
    ].join('\r\n'));
    expect(viewer.facts.kind).toBe('eventlog');
    expect(viewer.facts.capture!.malformed).toBe(0);
    const t = (i: number) => viewer.lineText(i);
    expect(t(1)).toBe("1135 node removed from membership:  Node Mgr  Cluster node 'SVR13' was removed from the active failover cluster membership.");
    expect(viewer.segment(0).level[1]).toBe(5); // CRIT
    expect(viewer.facts.components[viewer.segment(0).comp[2]]).toBe('Service Control Manager');
    const ps = load('SVR12_System.csv', [
      '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord',
      '"TimeCreated","ProviderName","Id","LevelDisplayName","Message","ProcessId","ThreadId"',
      '"5/11/2020 9:17:51 PM","Microsoft-Windows-FailoverClustering","1177","Critical","The Cluster service is shutting down because quorum was lost.","3352","44"',
    ].join('\r\n'));
    expect(ps.facts.capture!.imported).toBe(1);
    const th = ps.threadsView();
    expect([th.table.pid[th.thread[1]], th.table.tid[th.thread[1]]]).toEqual([3352, 44]);
  });
});

describe('event logs saved as XML', () => {
  const xml = [
    '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
    '<Events>',
    '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-FailoverClustering" Guid="{baf908ea-3421-4ca9-9b84-6689b8c6f85f}"/><EventID>1135</EventID><Version>0</Version><Level>1</Level><Task>38</Task><TimeCreated SystemTime="2020-05-12T01:17:51.9123456Z"/><Execution ProcessID="3352" ThreadID="3612"/><Channel>System</Channel><Computer>SVR12.contoso.com</Computer></System>',
    '<EventData><Data Name="NodeName">SVR13</Data></EventData><RenderingInfo Culture="en-US"><Message>Cluster node &apos;SVR13&apos; was removed from the active failover cluster membership.&#13;&#10;The Cluster service on this node may have stopped.</Message><Level>Critical</Level><Task>Node Mgr</Task></RenderingInfo></Event>',
    '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Service Control Manager" EventSourceName="Service Control Manager"/><EventID Qualifiers="16384">7036</EventID><Level>4</Level><TimeCreated SystemTime="2020-05-12T01:17:52.100Z"/><Execution ProcessID="700" ThreadID="800"/><Computer>SVR12.contoso.com</Computer></System>',
    '<EventData><Data Name="param1">Cluster Service</Data><Data Name="param2">stopped</Data></EventData></Event>',
    '</Events>',
  ].join('\r\n');

  it.each([7, 64, 1 << 20])('reads each <Event> as a row, in slices of %i bytes: UTC times, provider, id named, level, message, PID.TID, the node from <Computer>', (slice) => {
    const ix = index(new TextEncoder().encode(xml), () => slice, 'System.xml');
    const f = ix.facts;
    expect(f.kind).toBe('eventlog');
    const cap = f.capture!;
    expect([cap.records, cap.imported, cap.malformed, cap.timeFormat]).toEqual([2, 2, 0, 'utc']);
    expect(f.node).toBe('SVR12');
    expect(f.firstWritten).toBe(Date.UTC(2020, 4, 12, 1, 17, 51, 912));
    expect(ix.nsView()[0]).toBe(345_600);
    const t = (i: number) => ix.lineText(i);
    expect(t(0)).toBe("1135 node removed from membership:  Cluster node 'SVR13' was removed from the active failover cluster membership. ↵ The Cluster service on this node may have stopped.");
    expect(t(1)).toBe('7036 service entered a state:  param1: Cluster Service ↵ param2: stopped');
    const c = ix.segment(0);
    expect(Array.from(c.level)).toEqual([5, 2]);
    expect(f.components.slice(1)).toEqual(['Microsoft-Windows-FailoverClustering', 'Service Control Manager']);
    const th = ix.threadsView();
    expect([th.table.pid[th.thread[0]], th.table.tid[th.thread[0]]]).toEqual([3352, 3612]);
  });
});
