// In-memory stand-in for the worker engine, for UI development and UI tests only (it lives
// with the tests: the app never bundles it). It implements EngineClient on the main thread with
// synthetic rows (or a crude reading of dropped files). Long jobs run in small time slices so
// the page stays responsive. Its development page is test/doubles/fake-app.html.
//
// Data (createFakeEngine's option; the page's ?data= switch):
//   'synthetic'  several nodes, a few thousand rows, every card state (demo badge on)
//   '2m'         the same with 2,000,000 rows (virtual scroll test)
//   'empty'      (the default) nothing; addFiles reads the dropped files (and the demo) crudely

import { messageStart } from '../../src/ingest/message-start.ts';
import type {
  Density, DensityRequest, EngineClient, EngineSnapshot, FileId, FileOptions, FileState, InputFile, NodeLane, Row,
  SearchSpec, SearchState, ViewSpec,
} from '../../src/engine/api.ts';
import { DEFAULT_VIEW, EMPTY_EVENTS, type EventRow, type Insights } from '../../src/engine/api.ts';
import type { DialectId, FileFacts } from '../../src/ingest/types.ts';
import { Bucket, BUCKET_NAMES, CHANNEL_NAMES, Channel, emptyFacts } from '../../src/ingest/types.ts';
import { Level, severityRank } from '../../src/base/levels.ts';
import { daysFromCivil, MS_PER_DAY, MS_PER_MIN } from '../../src/base/civil.ts';
import { sniffBinary, sniffEncoding } from '../../src/formats/encoding.ts';
import { countRaw, DENSITY_CLASSES, DENSITY_CLASS_COUNT, densityMax, MAX_DENSITY_BUCKETS } from '../../src/timeline/density.ts';
import { seededRandom } from '../helpers/random.ts';

const LANE_COLORS = ['#4e9af1', '#e0a03a', '#5cc08a', '#c07be0', '#e06c75', '#56c2c9', '#d4c35a', '#9aa5b8'];

/** Per-line flags (same bit layout as ingest Flag). */
const F_BACKWARDS = 1 << 5;
const F_MEMBER = 1 << 6;
const F_OVERSIZED = 1 << 7;

interface FakeFile {
  id: FileId;
  facts: FileFacts;
  progress: FileState['progress'];
  color: string;
  n: number;
  /** Written time (no zone); NaN before the first record. */
  ts: Float64Array;
  level: Uint8Array;
  sev: Uint8Array;
  comp: Uint16Array;
  pid: Int32Array;
  tid: Int32Array;
  flags: Uint8Array;
  /** Members following a head (0 elsewhere). */
  members: Int32Array;
  text: (i: number) => string;
  hits: Uint8Array;
}

/** The fake's files are UTC with a known zero offset. */
function baseFacts(name: string, path: string, size: number): FileFacts {
  return { ...emptyFacts(name, path, size), timeBase: { base: 'utc', utcOffsetMinutes: 0, source: 'dialect', skewMs: 0 } };
}

// ---------------------------------------------------------------- synthetic data

const rng = seededRandom;

const COMPS = ['', 'RES', 'RHS', 'RCM', 'NM', 'GUM', 'FM', 'CS', 'QUORUM', 'API', 'DM', 'NETFT', 'IM', 'TM', 'CAM', 'Hotplug', 'ACCEPTOR', 'CHANNEL', 'System', 'Verbose', 'MM', 'DCM', 'SV', 'NODE'];
const MSGS: Record<string, string[]> = {
  RES: ['SQL Server Availability Group <AG1>: [hadrag] Lease timeout detected, logging perf counter data collected so far',
    'SQL Server Availability Group <AG1>: [hadrag] IsAlive check passed',
    'Network Name <SQLAG1-LSN>: Getting Read only private properties',
    'IP Address <SQLAG1_10.0.4.25>: IP address 10.0.4.25 is online'],
  RHS: ['Resource SQL Server Availability Group: AG1 called SetResourceLockedMode. LockedModeEnabled0, LockedModeReason0.',
    'Resource Cluster IP Address handling deadlock. Cleaning current operation.',
    'RhsCall::DeadlockMonitor: Call ISALIVE timed out by 1 milliseconds for resource \'AG1\'.'],
  RCM: ['rcm::RcmGroup::Move: Bringing group \'AG1\' online on node 2',
    'TransitionToState(AG1) Online-->ProcessingFailure.',
    'rcm::RcmApi::OnlineResource: (AG1, 0)',
    'Res AG1: Online -> ProcessingFailure( StateUnknown )'],
  NM: ['Received request from client address SQL-N2.', 'Node 3 is now part of the cluster', 'Processing node down event for node 2'],
  GUM: ['Node 1: Processing RequestLock 1:42', 'Node 1: Processing GrantLock to 1 (sent by 3 gumid: 1231)', 'Executing locally gumId:1232, updates: 1, first action: /dm/update'],
  NETFT: ['Heartbeat missed from node 2 on interface 10.0.1.12:~3343~ (missed count 4)', 'Route 10.0.1.11:~3343~ -> 10.0.1.12:~3343~ is now Unreachable'],
  IM: ['Changing the state of adapters according to result: <class mscs::InterfaceResult>', 'Route from local 10.0.1.11:~3343~ to remote 10.0.1.12:~3343~ is DOWN'],
  QUORUM: ['Node 1: quorum is held with 2 of 3 votes', 'Node 1: Quorum witness file share \\\\FS01\\witness is accessible'],
  System: ['Cluster node \'SQL-N2\' was removed from the active failover cluster membership.',
    'Cluster resource \'AG1\' of type \'SQL Server Availability Group\' in clustered role \'AG1\' failed.'],
};
const HEX = (n: number, w: number) => n.toString(16).padStart(w, '0');

function pad2(n: number) { return String(n).padStart(2, '0'); }
function wallStr(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}-${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

interface SynthSpec { name: string; path: string; node: string; rows: number; offset: number; base: 'utc' | 'local' | 'assumed-utc'; seed: number; encoding: string; encSource: FileFacts['encodingSource']; }

function synthFile(id: FileId, spec: SynthSpec, start: number, spanMs: number): FakeFile {
  const r = rng(spec.seed);
  const n = spec.rows;
  const ts = new Float64Array(n), level = new Uint8Array(n), sev = new Uint8Array(n), comp = new Uint16Array(n);
  const pid = new Int32Array(n), tid = new Int32Array(n), flags = new Uint8Array(n), members = new Int32Array(n);
  const msgSeed = new Uint32Array(n);
  const facts = baseFacts(spec.name, spec.path, n * 120);
  facts.components = COMPS.slice();
  facts.componentCounts = new Array(COMPS.length).fill(0);
  const header = 6;
  const step = spanMs / n;
  const localShift = spec.base === 'local' ? spec.offset * MS_PER_MIN : 0;
  let t = start + localShift;
  let i = 0;
  for (; i < header && i < n; i++) {
    ts[i] = NaN; flags[i] = i === 4 ? Bucket.Blank : Bucket.Structural; pid[i] = -1; tid[i] = -1;
  }
  const threads = [[0x0b50, 0x0810], [0x0b50, 0x1a2c], [0x0f14, 0x0e08], [0x1244, 0x0c3c], [0x0b50, 0x2210]];
  while (i < n) {
    t += step * (0.2 + r() * 1.6);
    const x = r();
    const th = threads[Math.floor(r() * threads.length)];
    let c = 1 + Math.floor(r() * (COMPS.length - 1));
    let lv: number = x < 0.45 ? Level.INFO : x < 0.8 ? Level.DBG : x < 0.93 ? Level.WARN : x < 0.995 ? Level.ERR : Level.CRIT;
    let s = lv;
    let ch: number = Channel.None;
    if (r() < 0.01) { c = COMPS.indexOf('System'); lv = Level.DBG; s = Level.CRIT; ch = Channel.System; }
    let back = 0;
    if (r() < 0.002) { ts[i] = t - 1500; back = F_BACKWARDS; facts.backwards++; } else ts[i] = t;
    level[i] = lv; sev[i] = s; comp[i] = c; pid[i] = th[0]; tid[i] = th[1];
    flags[i] = Bucket.Parsed | (ch << 3) | back;
    msgSeed[i] = Math.floor(r() * 1e9);
    facts.componentCounts[c]++;
    facts.levelCounts[lv]++;
    if (r() < 0.0005) flags[i] |= F_OVERSIZED;
    const head = i;
    i++;
    if (r() < 0.06) {
      const m = Math.min(n - i, 1 + Math.floor(r() * 5));
      members[head] = m;
      for (let k = 0; k < m; k++, i++) {
        ts[i] = ts[head]; pid[i] = -1; tid[i] = -1; flags[i] = Bucket.Continuation | F_MEMBER; msgSeed[i] = k;
      }
    } else if (r() < 0.002 && i < n) {
      ts[i] = t; pid[i] = -1; tid[i] = -1; flags[i] = Bucket.Unparsed; i++;
    }
  }
  const f: FakeFile = {
    id, facts, color: '', n, ts, level, sev, comp, pid, tid, flags, members, hits: new Uint8Array(n),
    progress: { bytesRead: 0, size: facts.size, lines: 0, rate: 0, startedAt: performance.now(), finishedAt: null, halves: null },
    text: (li) => {
      const fl = flags[li] & 7;
      if (fl === Bucket.Blank) return '';
      if (fl === Bucket.Structural) {
        return ['[===  Cluster Logs  ===]', `Cluster.log generated on ${spec.node} by Get-ClusterLog`,
          `[===  Header  ===]`, `UTC= localtime + time zone offset; with daylight savings, the time zone offset of this server is ${-spec.offset} minutes, or ${-spec.offset / 60} hours`,
          '', '[===  Cluster  ===]'][li] ?? '[=== Section ===]';
      }
      if (fl === Bucket.Unparsed) return '\u00ef\u00bf\u00bd\u00ef\u00bf\u00bd garbled text from a pasted fragment ~~ 0x1F';
      if (fl === Bucket.Continuation) {
        return ['    <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">', '      <Data Name="NodeName">SQL-N2</Data>',
          '      Error: 0x80071397 (The operation failed because either the specified cluster node is not the owner of the group)',
          '    </Event>', '      at rcm::RcmGroup::Move line 1532'][msgSeed[li] % 5];
      }
      const cn = COMPS[comp[li]];
      const list = MSGS[cn] ?? [`${cn.toLowerCase()}::Worker: processed request ${msgSeed[li] % 9973} in ${msgSeed[li] % 240} ms`];
      let msg = list[msgSeed[li] % list.length];
      if (flags[li] & F_OVERSIZED) msg += ' ' + 'A'.repeat(4000);
      const lvName = ['', 'DBG  ', 'INFO ', 'WARN ', 'ERR  ', 'CRIT ', '?    '][level[li]];
      return `${HEX(pid[li], 8)}.${HEX(tid[li], 8)}::${wallStr(ts[li])} ${lvName}[${cn}] ${msg}`;
    },
  };
  facts.node = spec.node; facts.nodeSource = 'file-name';
  facts.nodeEvidence = [{ source: 'file-name', name: spec.node, where: spec.path }];
  facts.dialect = 'w2016'; facts.dialectEvidence = 'Lines start with PID.TID::YYYY/MM/DD-HH:MM:SS.mmm followed by a padded level word.';
  facts.encoding = spec.encoding; facts.encodingSource = spec.encSource; facts.bom = spec.encSource === 'bom';
  facts.timeBase = { base: spec.base, utcOffsetMinutes: spec.offset, source: spec.base === 'local' ? 'header' : 'dialect', skewMs: 0 };
  facts.lines = n;
  facts.lineEndings.crlf = n;
  for (let k = 0; k < n; k++) facts.buckets[BUCKET_NAMES[flags[k] & 7]]++;
  let first = NaN, last = NaN;
  for (let k = 0; k < n; k++) if (!Number.isNaN(ts[k])) { if (Number.isNaN(first)) first = ts[k]; last = ts[k]; }
  facts.firstWritten = Number.isNaN(first) ? null : first;
  facts.lastWritten = Number.isNaN(last) ? null : last;
  return f;
}

// ---------------------------------------------------------------- crude reading of real files

const LINE_RE = /^([0-9a-fA-F]{8})\.([0-9a-fA-F]{8})::(\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2}):(\d{2})\.(\d{3})\s+(?:(DBG|INFO|WARN|ERR|CRIT)\s+)?(?:\[([^\]]{1,40})\]\s?)?/;

function nodeFromPath(path: string): string | null {
  const parts = path.split('/');
  const base = parts[parts.length - 1];
  const m = /^(.+?)_cluster\.log$/i.exec(base);
  if (m) return m[1].toUpperCase();
  if (parts.length > 1) return parts[parts.length - 2].toUpperCase();
  return null;
}

async function readRealFile(f: FakeFile, input: InputFile, onProgress: () => void): Promise<void> {
  const { file, path } = input;
  const facts = f.facts;
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const enc = sniffEncoding(head);
  const bin = sniffBinary(head, enc.encoding);
  if (bin) {
    facts.status = 'error';
    facts.errors.push(`${path} is ${bin}, not a cluster log. It was not loaded.`);
    f.progress.finishedAt = performance.now();
    return;
  }
  if (file.size === 0) {
    facts.status = 'error';
    facts.errors.push(`${path} is empty (0 bytes).`);
    f.progress.finishedAt = performance.now();
    return;
  }
  facts.encoding = enc.encoding; facts.encodingSource = enc.source; facts.bom = enc.bomLength > 0;
  const dec = new TextDecoder(enc.encoding);
  const CHUNK = 4 << 20;
  let text = '';
  for (let off = 0; off < file.size; off += CHUNK) {
    const buf = await file.slice(off, off + CHUNK).arrayBuffer();
    text += dec.decode(buf, { stream: off + CHUNK < file.size });
    f.progress.bytesRead = Math.min(file.size, off + CHUNK);
    const el = (performance.now() - f.progress.startedAt) / 1000;
    f.progress.rate = el > 0 ? f.progress.bytesRead / el : 0;
    onProgress();
    await new Promise((r) => setTimeout(r, 0));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const n = lines.length;
  Object.assign(f, {
    n, ts: new Float64Array(n), level: new Uint8Array(n), sev: new Uint8Array(n), comp: new Uint16Array(n),
    pid: new Int32Array(n), tid: new Int32Array(n), flags: new Uint8Array(n), members: new Int32Array(n), hits: new Uint8Array(n),
  });
  const compIdx = new Map<string, number>([['', 0]]);
  let lastTs = NaN, headIdx = -1, records = 0, prevRecTs = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = lines[i];
    const m = LINE_RE.exec(s);
    f.pid[i] = -1; f.tid[i] = -1;
    if (m) {
      const t = daysFromCivil(+m[3], +m[4], +m[5]) * MS_PER_DAY + +m[6] * 3600000 + +m[7] * 60000 + +m[8] * 1000 + +m[9];
      f.ts[i] = t; lastTs = t;
      const lv = m[10] ? ({ DBG: 1, INFO: 2, WARN: 3, ERR: 4, CRIT: 5 } as Record<string, number>)[m[10]] : 0;
      f.level[i] = lv; f.sev[i] = lv;
      const cn = m[11] ?? '';
      let ci = compIdx.get(cn);
      if (ci === undefined) { ci = compIdx.size; compIdx.set(cn, ci); facts.componentCounts[ci] = 0; }
      f.comp[i] = ci; facts.componentCounts[ci]++;
      f.pid[i] = parseInt(m[1], 16); f.tid[i] = parseInt(m[2], 16);
      f.flags[i] = Bucket.Parsed | (cn === 'System' ? Channel.System << 3 : 0);
      if (t < prevRecTs) { f.flags[i] |= F_BACKWARDS; facts.backwards++; }
      prevRecTs = t;
      if (records === 0) facts.firstWritten = t;
      facts.lastWritten = t;
      records++; facts.levelCounts[lv]++;
      headIdx = i;
      facts.buckets.parsed++;
    } else {
      f.ts[i] = lastTs;
      if (s.trim() === '') { f.flags[i] = Bucket.Blank; facts.buckets.blank++; headIdx = -1; }
      else if (s.startsWith('[===') || Number.isNaN(lastTs)) { f.flags[i] = Bucket.Structural; facts.buckets.structural++; headIdx = -1; }
      else if (headIdx >= 0) { f.flags[i] = Bucket.Continuation | F_MEMBER; f.members[headIdx]++; facts.buckets.continuation++; }
      else { f.flags[i] = Bucket.Unparsed; facts.buckets.unparsed++; }
    }
    if (s.length > 1_000_000) f.flags[i] |= F_OVERSIZED;
  }
  facts.components = [...compIdx.keys()];
  facts.lines = n;
  facts.lineEndings.crlf = n;
  f.text = (i) => lines[i];
  const node = nodeFromPath(path);
  if (node) { facts.node = node; facts.nodeSource = path.includes('/') && !/_cluster\.log$/i.test(file.name) ? 'folder' : 'file-name'; facts.nodeEvidence.push({ source: facts.nodeSource, name: node, where: path }); }
  if (records > 0) {
    facts.dialect = 'w2016'; facts.dialectEvidence = `${records.toLocaleString('en-US')} lines start with PID.TID::YYYY/MM/DD-HH:MM:SS.mmm (fake engine guess).`;
  } else {
    facts.dialectEvidence = 'No line looks like a cluster log record (fake engine).';
    facts.warnings.push('No timestamped records were found in this file; it is shown as unparsed text.');
  }
  if (facts.buckets.unparsed > 0) facts.warnings.push(`${facts.buckets.unparsed} lines were not recognized; they are kept and shown.`);
  facts.status = 'done';
  f.progress.lines = n;
  f.progress.finishedAt = performance.now();
}

// ---------------------------------------------------------------- engine

function compileSearch(spec: SearchSpec): RegExp {
  const src = spec.regex ? spec.text : spec.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(src, spec.caseSensitive ? '' : 'i');
}

class FakeEngine implements EngineClient {
  private files: FakeFile[] = [];
  private nextId = 1;
  private listeners = new Set<(s: EngineSnapshot) => void>();
  private snap: EngineSnapshot;
  private version = 0;
  private viewVersion = 0;
  private spec: ViewSpec = { ...DEFAULT_VIEW };
  private searchSpec: SearchSpec | null = null;
  private searchState: SearchState = { spec: null, running: false, hits: 0, visibleHits: 0, error: null, elapsedMs: 0 };
  private demo = false;
  private loading = 0;
  /** Merged order: file index and line. */
  private mFile = new Uint16Array(0);
  private mLine = new Int32Array(0);
  /** View: indexes into the merged order it was built from (vFile/vLine/vFiles). */
  private view = new Int32Array(0);
  private vFile = new Uint16Array(0);
  private vLine = new Int32Array(0);
  private vFiles: FakeFile[] = [];
  private toggled = new Set<number>();
  private job = 0;
  private searchJob = 0;
  private locked = false;
  private densityVersion = 0;

  constructor(data: FakeData) {
    this.snap = this.makeSnapshot();
    if (data !== 'empty') { this.locked = true; this.loadSynthetic(data === '2m' ? 2_000_000 : 6_000); }
  }

  // ---- synthetic
  private loadSynthetic(total: number) {
    this.demo = true;
    const start = Date.UTC(2024, 2, 14, 1, 58, 0);
    const span = 3_600_000 * (total > 100_000 ? 20 : 1);
    const per = Math.floor(total / 3);
    const specs: SynthSpec[] = [
      { name: 'SQL-N1_cluster.log', path: 'SQL-N1_cluster.log', node: 'SQL-N1', rows: per, offset: 0, base: 'utc', seed: 11, encoding: 'utf-8', encSource: 'sniffed' },
      { name: 'SQL-N2_cluster.log', path: 'SQL-N2_cluster.log', node: 'SQL-N2', rows: per, offset: -300, base: 'local', seed: 22, encoding: 'utf-16le', encSource: 'bom' },
      { name: 'SQL-N3_cluster.log', path: 'logs/SQL-N3/SQL-N3_cluster.log', node: 'SQL-N3', rows: total - 2 * per, offset: 0, base: 'assumed-utc', seed: 33, encoding: 'windows-1252', encSource: 'fallback' },
    ];
    const fs = specs.map((s) => synthFile(this.nextId++, s, start, span));
    fs[1].facts.nodeConflicts.push('The header says "Current node: SQL-N2B (2)" but the file name says SQL-N2.');
    fs[1].facts.nodeEvidence.push({ source: 'header', name: 'SQL-N2B', where: 'line 4' });
    fs[2].facts.warnings.push('The file is not valid UTF-8 (first bad byte at offset 18,432); it was read as windows-1252. Pick the code page it was written in if text looks wrong.');
    fs[2].facts.warnings.push('No time zone line in the header: times are assumed to be UTC.');
    const nt4 = synthFile(this.nextId++, { name: 'clussvc.log', path: 'old/NT4/clussvc.log', node: 'NT4-A', rows: 0, offset: 0, base: 'local', seed: 4, encoding: 'windows-1252', encSource: 'fallback' }, start, span);
    nt4.facts.dialect = 'nt4'; nt4.facts.dialectEvidence = 'Lines start with PID.TID::DD HH:MM:SS.mmm (day of month only).';
    nt4.facts.status = 'needs-month'; nt4.facts.lines = 0; nt4.facts.size = 81_920;
    nt4.facts.warnings.push('NT 4.0 logs carry only the day of the month. Enter the year and month (YYYY-MM) to place the lines in time.');
    nt4.facts.timeBase = { base: 'local', utcOffsetMinutes: null, source: 'dialect', skewMs: 0 };
    const bad = synthFile(this.nextId++, { name: 'screenshot.png', path: 'screenshot.png', node: '', rows: 0, offset: 0, base: 'utc', seed: 5, encoding: 'utf-8', encSource: 'sniffed' }, start, span);
    bad.facts.status = 'error'; bad.facts.node = null; bad.facts.nodeSource = null; bad.facts.nodeEvidence = []; bad.facts.dialect = 'unknown';
    bad.facts.errors.push('screenshot.png is a PNG image, not a cluster log. It was not loaded.'); bad.facts.size = 245_113; bad.facts.lines = 0;
    const all = [...fs, nt4, bad];
    const loadMs = 1200;
    for (const f of all) { f.progress.startedAt = performance.now(); if (f.facts.status !== 'error') f.facts.status = 'loading'; }
    this.files = all;
    this.assignColors();
    this.loading++;
    const t0 = performance.now();
    const tick = () => {
      const p = Math.min(1, (performance.now() - t0) / loadMs);
      for (const f of all) {
        f.progress.bytesRead = Math.round(f.facts.size * p);
        f.progress.lines = Math.round(f.n * p);
        f.progress.rate = f.facts.size / (loadMs / 1000);
      }
      if (p < 1) { this.emit(); setTimeout(tick, 50); return; }
      for (const f of all) {
        f.progress.finishedAt = performance.now();
        if (f.facts.status === 'loading') f.facts.status = f === nt4 ? 'needs-month' : 'done';
      }
      this.loading--;
      this.remerge();
    };
    setTimeout(tick, 50);
  }

  private assignColors() {
    const nodes: string[] = [];
    for (const f of this.files) {
      const key = f.facts.node ?? `(${f.facts.path})`;
      let i = nodes.indexOf(key);
      if (i < 0) { i = nodes.length; nodes.push(key); }
      f.color = LANE_COLORS[i % LANE_COLORS.length];
    }
  }

  // ---- EngineClient
  addFiles(inputs: InputFile[], opts: { replace: boolean; demo?: boolean }): void {
    if (this.locked && opts.demo) return; // the synthetic data stands in for the demo
    this.locked = false;
    if (opts.replace) { this.files = []; this.toggled.clear(); }
    this.demo = !!opts.demo;
    const pending: Promise<void>[] = [];
    for (const input of inputs) {
      const id = this.nextId++;
      const f = readPlaceholder(id, input);
      this.files.push(f);
      this.loading++;
      this.assignColors();
      pending.push(readRealFile(f, input, () => this.emit()).catch((e: unknown) => {
        f.facts.status = 'error';
        f.facts.errors.push(`${input.path} could not be read: ${String(e)}`);
      }).finally(() => { this.loading--; this.assignColors(); this.remerge(); }));
    }
    this.emit();
    void Promise.all(pending);
  }

  removeFile(id: FileId): void {
    this.files = this.files.filter((f) => f.id !== id);
    this.assignColors();
    this.remerge();
  }

  setFileOptions(id: FileId, opts: FileOptions): void {
    const f = this.files.find((x) => x.id === id);
    if (!f) return;
    const ff = f.facts;
    f.facts = { ...ff };
    if (opts.node !== undefined) { f.facts.node = opts.node || null; f.facts.nodeSource = 'user'; this.assignColors(); }
    if (opts.dialect !== undefined) { f.facts.dialect = opts.dialect; f.facts.dialectSource = 'user'; }
    if (opts.encoding !== undefined) { f.facts.encoding = opts.encoding; f.facts.encodingSource = 'user'; }
    if (opts.timeBase) f.facts.timeBase = { ...opts.timeBase, source: 'user', skewMs: 0 };
    if (opts.month !== undefined) { f.facts.month = opts.month; if (f.facts.status === 'needs-month') { f.facts.status = 'done'; f.facts.warnings = []; } }
    this.remerge();
  }

  setView(spec: ViewSpec): void {
    if (spec.fileIds.join() !== this.spec.fileIds.join()) this.densityVersion++;
    this.spec = { ...spec, fileIds: spec.fileIds.slice(), components: spec.components.slice() };
    this.rebuildView();
  }

  search(spec: SearchSpec | null): void {
    this.searchSpec = spec && spec.text ? { ...spec } : null;
    this.runSearch();
  }

  async getRows(start: number, count: number): Promise<Row[]> {
    const out: Row[] = [];
    const end = Math.min(this.view.length, start + count);
    for (let p = Math.max(0, start); p < end; p++) out.push(this.rowAt(p));
    await Promise.resolve();
    return out;
  }

  async nextHit(from: number, dir: 1 | -1): Promise<number> {
    const v = this.view;
    for (let p = from + dir; p >= 0 && p < v.length; p += dir) {
      const m = v[p];
      if (this.vFiles[this.vFile[m]].hits[this.vLine[m]]) return p;
    }
    return -1;
  }

  toggleEntry(pos: number): void {
    const m = this.view[pos];
    if (m === undefined) return;
    const key = this.vFiles[this.vFile[m]].id * 2 ** 32 + this.vLine[m];
    if (this.toggled.has(key)) this.toggled.delete(key); else this.toggled.add(key);
    this.rebuildView();
  }

  async positionOf(fileId: FileId, line: number): Promise<number> {
    const fi = this.vFiles.findIndex((f) => f.id === fileId);
    if (fi < 0) return -1;
    const v = this.view;
    const target = this.utc(this.vFiles[fi], line);
    // binary search by time, then scan
    let lo = 0, hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.utc(this.vFiles[this.vFile[v[mid]]], this.vLine[v[mid]]);
      if (t < target || (Number.isNaN(t) && !Number.isNaN(target))) lo = mid + 1; else hi = mid;
    }
    let best = -1;
    for (let p = Math.max(0, lo - 2000); p < Math.min(v.length, lo + 2000); p++) {
      const m = v[p];
      if (this.vFile[m] === fi) {
        if (this.vLine[m] === line) return p;
        if (this.vLine[m] < line) best = p;
      }
    }
    return best >= 0 ? best : Math.min(lo, v.length - 1);
  }

  async positionAtTime(utcMs: number): Promise<number> {
    const v = this.view;
    let lo = 0, hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.utc(this.vFiles[this.vFile[v[mid]]], this.vLine[v[mid]]);
      if (Number.isNaN(t) || t < utcMs) lo = mid + 1; else hi = mid;
    }
    return Math.min(lo, v.length - 1);
  }

  subscribe(listener: (s: EngineSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): EngineSnapshot { return this.snap; }
  // The fake engine (a UI harness) recognizes no events.
  setEventFilter(): void {}
  async getEventRows(): Promise<EventRow[]> { return []; }
  async getTimeline(): Promise<null> { return null; }
  async getEventAt(): Promise<null> { return null; }
  async getLinks(): Promise<[]> { return []; }
  // The fake reads files crudely and keeps no handles: it has no case file to write.
  async getSources(): Promise<[]> { return []; }
  async getInsights(): Promise<Insights> { return { findings: [], rootCause: null, clocks: { reference: null, nodes: [], pairs: 0, verified: false, conflict: null } }; }

  /** A scan of every line (the fake's files are small); lanes as in its snapshot, the `sev` column as the severity. */
  async getDensity(req: DensityRequest): Promise<Density | null> {
    const { t0, t1 } = req;
    const buckets = Math.min(MAX_DENSITY_BUCKETS, Math.floor(req.buckets));
    if (!Number.isFinite(t0) || !Number.isFinite(t1) || !(t1 > t0) || !(buckets >= 1)) return null;
    const nodes = this.snap.nodes.map((l) => l.name);
    if (nodes.length === 0) return null;
    const stride = DENSITY_CLASS_COUNT * buckets;
    const counts = new Uint32Array(nodes.length * stride);
    for (const f of this.files) {
      const lane = f.facts.node ? nodes.indexOf(f.facts.node) : -1;
      if (lane < 0 || f.facts.status !== 'done' || f.n === 0) continue;
      if (this.spec.fileIds.length > 0 && !this.spec.fileIds.includes(f.id)) continue;
      const tb = f.facts.timeBase;
      const shift = tb.base === 'local' ? -(tb.utcOffsetMinutes ?? 0) * MS_PER_MIN : 0;
      countRaw(counts, lane * stride, f.ts, f.sev, 0, f.n, shift, t0, t1, buckets);
    }
    await Promise.resolve();
    return { t0, t1, buckets, nodes, classes: DENSITY_CLASSES, counts, max: densityMax(counts, nodes.length, buckets) };
  }

  dispose(): void { this.listeners.clear(); this.job++; this.searchJob++; }

  // ---- internals
  private utc(f: FakeFile, line: number): number {
    const t = f.ts[line];
    const tb = f.facts.timeBase;
    if (tb.base === 'local') return t - (tb.utcOffsetMinutes ?? 0) * MS_PER_MIN;
    return t;
  }

  private rowAt(p: number): Row {
    const m = this.view[p];
    const fi = this.vFile[m], i = this.vLine[m];
    const f = this.vFiles[fi];
    const utc = this.utc(f, i);
    const tb = f.facts.timeBase;
    const fl = f.flags[i];
    const key = f.id * 2 ** 32 + i;
    return {
      pos: p, fileId: f.id, line: i, node: f.facts.node ?? '', utcMs: utc,
      localMs: tb.utcOffsetMinutes === null ? NaN : utc + tb.utcOffsetMinutes * MS_PER_MIN,
      writtenMs: utc, nsInMs: -1, idRadix: 16,
      level: f.level[i], severity: f.sev[i], component: f.facts.components[f.comp[i]] ?? '',
      pid: f.pid[i], tid: f.tid[i], channel: CHANNEL_NAMES[(fl >> 3) & 3], bucket: BUCKET_NAMES[fl & 7],
      text: f.text(i), msgStart: (fl & 7) === 0 ? Math.max(0, messageStart(f.text(i))) : 0, memberCount: f.members[i], member: (fl & F_MEMBER) !== 0,
      expanded: f.members[i] > 0 && (this.spec.expandAll !== this.toggled.has(key)),
      hit: f.hits[i] === 1, backwards: (fl & F_BACKWARDS) !== 0, oversized: (fl & F_OVERSIZED) !== 0,
    };
  }

  private mergeJob = 0;
  private mFiles: FakeFile[] = [];

  private remerge() {
    const job = ++this.mergeJob;
    const files = this.files.slice();
    const fs = files.filter((f) => f.n > 0 && (f.facts.status === 'done'));
    let total = 0;
    for (const f of fs) total += f.n;
    const mFile = new Uint16Array(total), mLine = new Int32Array(total);
    const idx = fs.map((f) => files.indexOf(f));
    const ptr = new Array<number>(fs.length).fill(0);
    const k = fs.length;
    let o = 0;
    const keyOf = (j: number) => { const t = this.utc(fs[j], ptr[j]); return Number.isNaN(t) ? -Infinity : t; };
    const step = () => {
      if (job !== this.mergeJob) return;
      const deadline = performance.now() + 12;
      while (o < total && performance.now() < deadline) {
        for (let c = 0; c < 4096 && o < total; c++) {
          let best = -1, bt = Infinity;
          for (let j = 0; j < k; j++) {
            if (ptr[j] >= fs[j].n) continue;
            const t = keyOf(j);
            if (best < 0 || t < bt) { best = j; bt = t; }
          }
          const f = fs[best];
          const span = 1 + f.members[ptr[best]];
          for (let s = 0; s < span && ptr[best] < f.n; s++) { mFile[o] = idx[best]; mLine[o] = ptr[best]++; o++; }
        }
      }
      if (o < total) { setTimeout(step, 0); return; }
      this.mFile = mFile; this.mLine = mLine; this.mFiles = files;
      this.densityVersion++;
      this.rebuildView();
      if (this.searchSpec) this.runSearch();
    };
    step();
  }

  private rebuildView() {
    const job = ++this.job;
    const spec = this.spec;
    const files = this.mFiles, mFile = this.mFile, mLine = this.mLine;
    const total = mFile.length;
    const out = new Int32Array(total);
    let n = 0;
    const fileOk = files.map((f) => spec.fileIds.length === 0 || spec.fileIds.includes(f.id));
    const compSets = files.map((f) => spec.components.length === 0 ? null : new Set(f.facts.components.map((c, i) => (spec.components.includes(c) ? i : -1)).filter((i) => i >= 0)));
    let headShown = false, headOpen = false;
    let p = 0;
    const step = () => {
      if (job !== this.job) return;
      const end = Math.min(total, p + 250_000);
      for (; p < end; p++) {
        const fi = mFile[p], i = mLine[p];
        const f = files[fi];
        const fl = f.flags[i];
        if (fl & F_MEMBER) {
          if (headShown && headOpen) out[n++] = p;
          continue;
        }
        headShown = false;
        if (!fileOk[fi]) continue;
        if (spec.minLevel > 0 && severityRank(f.sev[i]) < spec.minLevel) continue;
        const cs = compSets[fi];
        if (cs && !cs.has(f.comp[i])) continue;
        if (spec.from !== null || spec.to !== null) {
          const t = this.utc(f, i);
          if (Number.isNaN(t) || (spec.from !== null && t < spec.from) || (spec.to !== null && t > spec.to)) continue;
        }
        headShown = true;
        headOpen = f.members[i] > 0 && (spec.expandAll !== this.toggled.has(f.id * 2 ** 32 + i));
        out[n++] = p;
      }
      if (p < total) { setTimeout(step, 0); return; }
      let v = out.subarray(0, n);
      let visibleHits = 0;
      for (let q = 0; q < n; q++) if (files[mFile[v[q]]].hits[mLine[v[q]]]) visibleHits++;
      if (spec.onlyHits && this.searchSpec) {
        const keep = new Uint8Array(n);
        const c = Math.max(0, spec.context | 0);
        for (let q = 0; q < n; q++) {
          if (files[mFile[v[q]]].hits[mLine[v[q]]]) for (let r = Math.max(0, q - c); r <= Math.min(n - 1, q + c); r++) keep[r] = 1;
        }
        const w = new Int32Array(n);
        let m = 0;
        for (let q = 0; q < n; q++) if (keep[q]) w[m++] = v[q];
        v = w.subarray(0, m);
      }
      this.view = v; this.vFile = mFile; this.vLine = mLine; this.vFiles = files;
      this.searchState = { ...this.searchState, visibleHits };
      this.viewVersion++;
      this.emit();
    };
    step();
  }

  private runSearch() {
    const job = ++this.searchJob;
    for (const f of this.files) f.hits.fill(0);
    const spec = this.searchSpec;
    if (!spec) {
      this.searchState = { spec: null, running: false, hits: 0, visibleHits: 0, error: null, elapsedMs: 0 };
      this.rebuildView();
      return;
    }
    let re: RegExp;
    try { re = compileSearch(spec); } catch (e) {
      this.searchState = { spec, running: false, hits: 0, visibleHits: 0, error: e instanceof Error ? e.message : String(e), elapsedMs: 0 };
      this.rebuildView();
      return;
    }
    const t0 = performance.now();
    this.searchState = { spec, running: true, hits: 0, visibleHits: 0, error: null, elapsedMs: 0 };
    this.emit();
    let fi = 0, i = 0, hits = 0;
    const step = () => {
      if (job !== this.searchJob) return;
      const deadline = performance.now() + 12;
      while (fi < this.files.length && performance.now() < deadline) {
        const f = this.files[fi];
        const end = Math.min(f.n, i + 5000);
        for (; i < end; i++) if (re.test(f.text(i))) { f.hits[i] = 1; hits++; }
        if (i >= f.n) { fi++; i = 0; }
      }
      this.searchState = { ...this.searchState, hits, elapsedMs: performance.now() - t0 };
      if (fi < this.files.length) { this.emit(); setTimeout(step, 0); return; }
      this.searchState = { ...this.searchState, running: false };
      this.rebuildView();
    };
    setTimeout(step, 0);
  }

  private emit() {
    this.version++;
    this.snap = this.makeSnapshot();
    for (const l of this.listeners) l(this.snap);
  }

  private makeSnapshot(): EngineSnapshot {
    const files: FileState[] = (this.files ?? []).map((f) => ({
      id: f.id, facts: { ...f.facts }, progress: { ...f.progress }, color: f.color, duplicates: 0,
      span: f.facts.firstWritten === null ? null : { firstUtc: f.facts.firstWritten, lastUtc: f.facts.lastWritten ?? f.facts.firstWritten, known: true },
    }));
    const lanes = new Map<string, NodeLane>();
    for (const f of this.files ?? []) {
      const name = f.facts.node ?? '';
      if (!name) continue;
      const l = lanes.get(name) ?? { name, color: f.color, fileIds: [] };
      l.fileIds.push(f.id);
      lanes.set(name, l);
    }
    const counts = new Map<string, number>();
    let tMin: number | null = null, tMax: number | null = null;
    let totalLines = 0;
    for (const f of this.files ?? []) {
      if (f.facts.status !== 'done') continue;
      totalLines += f.n;
      f.facts.components.forEach((c, i) => { if (c) counts.set(c, (counts.get(c) ?? 0) + (f.facts.componentCounts[i] ?? 0)); });
      if (f.facts.firstWritten !== null) {
        const off = f.facts.timeBase.base === 'local' ? (f.facts.timeBase.utcOffsetMinutes ?? 0) * MS_PER_MIN : 0;
        const a = f.facts.firstWritten - off, b = (f.facts.lastWritten ?? f.facts.firstWritten) - off;
        tMin = tMin === null ? a : Math.min(tMin, a);
        tMax = tMax === null ? b : Math.max(tMax, b);
      }
    }
    return {
      version: this.version, files, nodes: [...lanes.values()], totalLines, skipped: { seq: 0, items: [] },
      viewRows: this.view?.length ?? 0, viewVersion: this.viewVersion ?? 0,
      components: [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
      timeMin: tMin, timeMax: tMax, search: this.searchState ?? { spec: null, running: false, hits: 0, visibleHits: 0, error: null, elapsedMs: 0 },
      loading: (this.loading ?? 0) > 0, demo: this.demo ?? false, events: EMPTY_EVENTS,
      densityVersion: this.densityVersion ?? 0,
    };
  }
}

function readPlaceholder(id: FileId, input: InputFile): FakeFile {
  const facts = baseFacts(input.file.name, input.path, input.file.size);
  facts.dialectEvidence = 'Reading…';
  return {
    id, facts, color: '', n: 0, ts: new Float64Array(0), level: new Uint8Array(0), sev: new Uint8Array(0), comp: new Uint16Array(0),
    pid: new Int32Array(0), tid: new Int32Array(0), flags: new Uint8Array(0), members: new Int32Array(0), hits: new Uint8Array(0),
    progress: { bytesRead: 0, size: input.file.size, lines: 0, rate: 0, startedAt: performance.now(), finishedAt: null, halves: null },
    text: () => '',
  };
}

export type { DialectId };

/** What the fake engine starts with (see the top of this file). */
export type FakeData = 'empty' | 'synthetic' | '2m';

export function createFakeEngine(opts: { data?: FakeData } = {}): EngineClient {
  return new FakeEngine(opts.data ?? 'empty');
}
