// ClusterLens command line: the same parsing core as the browser, in Node.
//   summary FILE...                      one JSON object per file
//   lines FILE... [filters]              merged lines in time order: ISO-time<TAB>node<TAB>line
//   events FILE... [--family F] [--kind K] [--node N] [--cluster]   recognized events, JSON lines
//   report FILE... [--json]              what happened, each claim with its file and line
//   export FILE... --format F [--out PATH]   events or rows as CSV, JSONL, Timesketch JSONL, Trace Event JSON or text
//   generate --out DIR [options]         write a generated incident (see src/cli/generate.ts)

import { createWriteStream, existsSync, openAsBlob, statSync } from 'node:fs';
import { LEVEL_NAMES } from '../base/levels.ts';
import { describe } from '../events/describe.ts';
import { layoutTimeline } from '../timeline/layout.ts';
import { EXPORT_FORMATS, exportChunks, exportEvent, spansOfMarks, type ExportFormat, type ExportRow, type ExportSpan } from '../share/exports.ts';
import { levelFromName } from '../base/levels.ts';
import { parseIsoTime, parseOffset } from '../base/civil.ts';
import { summarize, type IndexedFile } from '../ingest/index.ts';
import { toUtcShift } from '../ingest/timebase.ts';
import { emptyFacts, type DialectId, type IndexOptions } from '../ingest/types.ts';
import { buildView } from '../store/filter.ts';
import { mergeRuns, type MergeRun } from '../store/merge.ts';
import { searchFile, validateQuery } from '../store/search.ts';
import { alignAll, applyHostNode, hostMayName, nodeFromHosts, parseDate } from '../sources/align.ts';
import { logAnchors, logHosts } from '../events/capture-anchors.ts';
import { captureRows, captureSummary, isoUtcFine } from './capture-output.ts';
import { eventRecord, eventsOf, familyCounts, type CliEvents } from './events.ts';
import { indexBlob, indexPath } from './read-file.ts';
import { CaseFileError, isCaseFile, readCaseFile } from '../share/case-file.ts';
import { findAll } from '../insights/rules.ts';
import { reportMarkdown, rootCause } from '../insights/narrative.ts';
import { clocksOfLogs } from '../insights/skew.ts';
import { clusterModel, clusterOutput, insightInput } from './cluster-output.ts';
import type { LinkFile } from '../share/permalink.ts';

const USAGE = `usage:
  clusterlens summary FILE... [common options]
  clusterlens lines FILE... [--from ISO] [--to ISO] [--level LEVEL] [--component NAME]... [--grep TEXT [--regex] [--ignore-case]] [common options]
  clusterlens events FILE... [--family F]... [--kind K]... [--node NAME|ID]... [--cluster] [common options]
      one JSON object per line (docs/events.md); --cluster prints the correlated cluster-level facts
  clusterlens export FILE... --format FORMAT [--out PATH] [the filters of lines]
      FORMAT: events-csv, events-jsonl, events-timesketch (Timesketch's JSONL import), trace (Trace
      Event JSON for ui.perfetto.dev: a process per node, a thread per track), rows-csv, rows-jsonl,
      text (the rows of the merged view, filtered as lines filters them); stdout without --out
  clusterlens report FILE... [--json]
      what happened, in time order, each claim with its file and line, the root cause the findings
      support, and each node's clock skew from causal pairs (Markdown; --json: the same as data).
      System event logs (Get-WinEvent CSV) beside the logs add what they name (ClusNet 1228, Tcpip 4199)
  clusterlens generate --out DIR [...]   (see --help of generate)
common options:
  --time-base utc|local   override the files' time base
  --utc-offset +HH:MM     local time minus UTC (ISO sign: US Pacific daylight time is -07:00)
  --node NAME             name the node (repeat it to name each FILE in order)
  --dialect w2016|w2008|w2003|w2000|nt4   override the detected dialect
  --encoding LABEL        read single-byte files with this code page (e.g. windows-1250)
  --month YYYY-MM         month and year of Windows NT 4.0 logs (they log only the day)
  --date YYYY-MM-DD       date of a capture's first row (its times of day carry none)
  --fine-ms N             milliseconds added to a capture's times after its offset
A case file (.zip saved by the app's "Save case file") is read as its inputs with its view's
node, time base, alignment and clock choices. Captures (Procmon, packet and event-log exports) are read beside the logs: --utc-offset and --date override the
alignment proposed from their node's log (the node from --node, their folder or file name).
Times without a zone are UTC.`;

interface Args {
  verb: string;
  files: string[];
  flags: Map<string, string[]>;
  bools: Set<string>;
}

const VALUE_FLAGS = new Set(['from', 'to', 'level', 'component', 'grep', 'time-base', 'utc-offset', 'node', 'dialect', 'encoding', 'month', 'family', 'kind', 'date', 'fine-ms', 'format', 'out']);

function parseArgs(argv: string[]): Args {
  const [verb = '', ...rest] = argv;
  const files: string[] = [];
  const flags = new Map<string, string[]>();
  const bools = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (VALUE_FLAGS.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : rest[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, [...(flags.get(name) ?? []), v]);
      } else bools.add(name);
    } else if (a === '-i') bools.add('ignore-case');
    else files.push(a);
  }
  return { verb, files, flags, bools };
}

class UsageError extends Error {}

function one(a: Args, name: string): string | undefined {
  const v = a.flags.get(name);
  return v ? v[v.length - 1] : undefined;
}

function optionsFor(a: Args, index: number): IndexOptions {
  const o: IndexOptions = {};
  const tb = one(a, 'time-base');
  const off = one(a, 'utc-offset');
  if (tb || off) {
    if (tb && tb !== 'utc' && tb !== 'local') throw new UsageError(`--time-base must be utc or local, not '${tb}'`);
    let minutes: number | null = null;
    if (off !== undefined) {
      const m = parseOffset(off);
      if (m === undefined) throw new UsageError(`--utc-offset '${off}' is not of the form +HH:MM`);
      minutes = m;
    }
    o.timeBase = { base: (tb as 'utc' | 'local') ?? (minutes !== null ? 'local' : 'utc'), utcOffsetMinutes: minutes };
  }
  const nodes = a.flags.get('node');
  if (nodes) o.node = nodes.length === 1 ? nodes[0] : nodes[index];
  const d = one(a, 'dialect');
  if (d) {
    if (!['w2016', 'w2008', 'w2003', 'w2000', 'nt4'].includes(d)) throw new UsageError(`unknown dialect '${d}'`);
    o.dialect = d as DialectId;
  }
  const enc = one(a, 'encoding');
  if (enc) o.encoding = enc;
  const month = one(a, 'month');
  if (month) o.month = month;
  // A capture's alignment, part by part (the offset is the same flag as a log's).
  const date = one(a, 'date');
  if (date !== undefined && parseDate(date) === null) throw new UsageError(`--date '${date}' is not of the form YYYY-MM-DD`);
  const fine = one(a, 'fine-ms');
  if (fine !== undefined && !Number.isFinite(Number(fine))) throw new UsageError(`--fine-ms '${fine}' is not a number of milliseconds`);
  if (date !== undefined || off !== undefined || fine !== undefined) {
    o.alignment = {};
    if (date !== undefined) o.alignment.date = date;
    if (off !== undefined) o.alignment.utcOffsetMinutes = o.timeBase!.utcOffsetMinutes;
    if (fine !== undefined) o.alignment.fineMs = Number(fine);
  }
  return o;
}

/** The inputs, each with its options: a case file's inputs with its view's choices, under the flags. */
interface Loaded {
  files: IndexedFile[];
  opts: IndexOptions[];
}

/** A case file's view choices for one input, as index options (node, time base, capture alignment). */
function caseOptions(f: LinkFile): IndexOptions {
  return { ...(f.node ? { node: f.node } : {}), ...(f.timeBase ? { timeBase: f.timeBase } : {}), ...(f.alignment ? { alignment: f.alignment } : {}), ...(f.clockMs ? { clockMs: f.clockMs } : {}) };
}

async function loadAll(a: Args): Promise<Loaded> {
  if (a.files.length === 0) throw new UsageError('no FILE given');
  const files: IndexedFile[] = [];
  const opts: IndexOptions[] = [];
  for (const path of a.files) {
    if (!existsSync(path) || !statSync(path).isFile()) {
      // Keep going with the other files; the error is reported in the output.
      files.push(missing(path));
      opts.push({});
      continue;
    }
    if (/\.zip$/i.test(path)) {
      const blob = await openAsBlob(path);
      if (await isCaseFile(blob)) {
        // A case file: its inputs, with the choices its view holds (the flags still override them).
        try {
          const c = await readCaseFile(blob, path);
          const notes = c.manifest.view.notes.length;
          process.stderr.write(`clusterlens: ${path}: case file of ${c.inputs.length} input${c.inputs.length === 1 ? '' : 's'}, written ${c.manifest.created}${notes ? `, ${notes} note${notes === 1 ? '' : 's'}` : ''}${c.manifest.redaction ? ', redacted' : ''}\n`);
          for (let k = 0; k < c.inputs.length; k++) {
            const flags = Object.fromEntries(Object.entries(optionsFor(a, files.length)).filter(([, v]) => v !== undefined));
            const o: IndexOptions = { ...caseOptions(c.manifest.view.files[k]), ...flags };
            files.push(await indexBlob(c.inputs[k].file, { name: c.inputs[k].file.name, path: c.inputs[k].path, ...o }));
            opts.push(o);
          }
        } catch (e) {
          if (!(e instanceof CaseFileError)) throw e;
          files.push({ ...missing(path), facts: { ...missing(path).facts, errors: [`${e.message}.`] } });
          opts.push({});
        }
        continue;
      }
    }
    const o = optionsFor(a, files.length);
    files.push(indexPath(path, o));
    opts.push(o);
  }
  return { files, opts };
}

/**
 * What the files' lines say of their nodes and time bases (settled with the events, as the view
 * worker does), then each capture's alignment on its node's log, the user's parts over it.
 */
function settle(loaded: Loaded): CliEvents {
  const { files } = loaded;
  const ev = eventsOf(files);
  // A capture its path names no node of takes the one its rows' host is (as the view worker does).
  const hosts = logHosts(ev.events, files.filter((f) => !f.facts.capture && f.facts.node).map((f) => f.facts.node!));
  const logNodes = new Set(files.filter((f) => !f.facts.capture && f.facts.node).map((f) => f.facts.node!.toLowerCase()));
  for (const f of files) if (hostMayName(f.facts, logNodes)) applyHostNode(f.facts, nodeFromHosts(f.facts, hosts));
  alignAll(files.map((f, i) => ({ facts: f.facts, user: loaded.opts[i].alignment })), logAnchors(ev.events));
  return ev;
}

/** A file that could not be opened still gets its entry, with the error. */
function missing(path: string): IndexedFile {
  return {
    facts: { ...emptyFacts(path, path, 0), errors: [`${path}: no such file.`], status: 'error' },
    columns: { length: 0, offset: new Float64Array(0), ts: new Float64Array(0), level: new Uint8Array(0), comp: new Uint16Array(0), thread: new Uint32Array(0), flags: new Uint8Array(0) },
    threads: { pid: [], tid: [] },
    lineText: () => '',
    range: () => new Uint8Array(0),
    textEnd: 0,
    nsInMs: null,
  };
}

async function summaryVerb(a: Args): Promise<number> {
  const loaded = await loadAll(a);
  const files = loaded.files;
  const ev = settle(loaded);
  const names = ev.names.toJSON();
  const out = files.map((f, i) => (f.facts.capture ? captureSummary(f) : { ...summarize(f), events: familyCounts(ev.events, i + 1), names }));
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  return 0;
}

async function eventsVerb(a: Args): Promise<number> {
  const nodeFlag = a.flags.get('node');
  // In `events`, --node filters by observer (name or id) instead of naming the files.
  if (nodeFlag) a.flags.delete('node');
  const loaded = await loadAll(a);
  const all = loaded.files;
  for (const f of all) for (const e of f.facts.errors) process.stderr.write(`clusterlens: ${e}\n`);
  const ev = settle(loaded);
  const families = new Set((a.flags.get('family') ?? []).flatMap((x) => x.split(',')).filter(Boolean));
  for (const fam of families) {
    if (!['join', 'membership', 'network', 'resource', 'group', 'quorum', 'service'].includes(fam)) throw new UsageError(`unknown family '${fam}'`);
  }
  const kinds = new Set((a.flags.get('kind') ?? []).flatMap((x) => x.split(',')).filter(Boolean));
  const nodes = new Set((nodeFlag ?? []).map((n) => (/^\d+$/.test(n) ? (ev.names.nodeName(Number(n)) ?? `node ${n}`) : n).toLowerCase()));
  const keep = (node: string, family: string, kind: string) =>
    (nodes.size === 0 || nodes.has(node.toLowerCase())) && (families.size === 0 || families.has(family)) && (kinds.size === 0 || kinds.has(kind));
  const out: string[] = [];
  if (a.bools.has('cluster')) {
    // Cluster facts are about several nodes: --node keeps the records of that node and those that name none.
    for (const rec of clusterOutput(ev)) {
      if (nodes.size > 0 && typeof rec.node === 'string' && !nodes.has(rec.node.toLowerCase())) continue;
      if (families.size > 0 && typeof rec.family === 'string' && !families.has(rec.family)) continue;
      out.push(JSON.stringify(rec));
    }
  } else {
    for (const e of ev.events) if (keep(e.node, e.family, e.kind)) out.push(JSON.stringify(eventRecord(e)));
    // Capture rows, with their aligned UTC time (not with --family or --kind: they are no catalogue events).
    if (families.size === 0 && kinds.size === 0) {
      for (const f of all) {
        if (!f.facts.capture || (nodes.size > 0 && !nodes.has(f.facts.nodeLabel.toLowerCase()))) continue;
        for (const rec of captureRows(f)) out.push(JSON.stringify(rec));
      }
    }
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  return 0;
}

/** One row of the merged, filtered view: its file, line, UTC time and node. */
interface ViewRow {
  f: IndexedFile;
  line: number;
  /** UTC ms (NaN before a file's first record). */
  t: number;
}

/** The merged view the `lines` flags describe (time, level, component, grep), row by row. */
function* viewRows(a: Args, all: IndexedFile[]): Generator<ViewRow> {
  const files = all.filter((f) => f.facts.status === 'done');
  const from = one(a, 'from');
  const to = one(a, 'to');
  const fromMs = from !== undefined ? parseIsoTime(from) : null;
  const toMs = to !== undefined ? parseIsoTime(to) : null;
  if (fromMs === undefined) throw new UsageError(`--from '${from}' is not an ISO time`);
  if (toMs === undefined) throw new UsageError(`--to '${to}' is not an ISO time`);
  const lv = one(a, 'level');
  const minLevel = lv ? levelFromName(lv) : 0;
  if (minLevel === undefined) throw new UsageError(`--level '${lv}' is not one of DBG, INFO, WARN, ERR, CRIT`);
  const comps = (a.flags.get('component') ?? []).flatMap((c) => c.split(',')).filter(Boolean);
  const grep = one(a, 'grep');
  const query = grep ? { text: grep, regex: a.bools.has('regex'), caseSensitive: !a.bools.has('ignore-case') } : null;
  if (query) {
    const err = validateQuery(query);
    if (err) throw new UsageError(err);
  }
  const runs: MergeRun[] = [];
  files.forEach((f, slot) => {
    let start = 0;
    for (const s of f.facts.sections) {
      if (s.firstLine > start) {
        runs.push({ file: slot, start, end: s.firstLine });
        start = s.firstLine;
      }
    }
    if (start < f.columns.length) runs.push({ file: slot, start, end: f.columns.length });
  });
  const shifts = files.map((f) => toUtcShift(f.facts.timeBase));
  const merged = mergeRuns(files.map((f, i) => ({ ts: f.columns.ts, shift: shifts[i] })), runs);
  const filterFiles = files.map((f, i) => {
    let compAllowed: Uint8Array | null = null;
    if (comps.length) {
      const want = new Set(comps.map((c) => c.toLowerCase()));
      compAllowed = Uint8Array.from(f.facts.components, (n) => (want.has(n.toLowerCase()) ? 1 : 0));
    }
    let hits: Uint8Array | null = null;
    if (query) {
      hits = new Uint8Array(f.columns.length);
      const lines = searchFile(
        { offset: f.columns.offset, length: f.columns.length, size: f.textEnd, encoding: f.facts.encoding, range: (s, e) => f.range(s, e) },
        query,
      );
      for (const l of lines) hits[l] = 1;
    }
    return { ...f.columns, shift: shifts[i], selected: true, compAllowed, hits, expanded: new Set<number>() };
  });
  const view = buildView(merged, filterFiles, { minLevel, from: fromMs, to: toMs, onlyHits: query !== null, context: 0, expandAll: true });
  for (let r = 0; r < view.length; r++) {
    const p = view.pos[r];
    const fi = merged.file[p];
    const line = merged.line[p];
    yield { f: files[fi], line, t: files[fi].columns.ts[line] + shifts[fi] };
  }
}

async function linesVerb(a: Args): Promise<number> {
  const loaded = await loadAll(a);
  const all = loaded.files;
  for (const f of all) for (const e of f.facts.errors) process.stderr.write(`clusterlens: ${e}\n`);
  settle(loaded);
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(out.join(''));
    out.length = 0;
  };
  for (const { f, line, t } of viewRows(a, all)) {
    const time = t === t ? isoUtcFine(t, f.nsInMs?.[line] ?? -1) : '';
    out.push(`${time}\t${f.facts.node ?? ''}\t${f.lineText(line)}\n`);
    if (out.length >= 4096) flush();
  }
  flush();
  return 0;
}

async function exportVerb(a: Args): Promise<number> {
  const format = one(a, 'format');
  if (!format || !(format in EXPORT_FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}`);
  const fmt = format as ExportFormat;
  const loaded = await loadAll(a);
  for (const f of loaded.files) for (const e of f.facts.errors) process.stderr.write(`clusterlens: ${e}\n`);
  const ev = settle(loaded);
  let chunks: Iterable<string>;
  if (EXPORT_FORMATS[fmt].what === 'events') {
    const events = ev.events.map((e) => exportEvent(e, describe(e, ev.names)));
    let spans: ExportSpan[] = [];
    if (fmt === 'trace') {
      // The timeline's spans, laid out as the view worker lays them out.
      const model = clusterModel(ev);
      const paths = new Map(ev.files.map((f) => [f.id, f.path]));
      spans = spansOfMarks(layoutTimeline(model, ev.events, (r) => ev.names.resourceGroup(r), ev.names), (id) => paths.get(id) ?? '');
    }
    chunks = exportChunks(fmt, { events, spans });
  } else {
    const rows = (function* (): Generator<ExportRow> {
      for (const { f, line, t } of viewRows(a, loaded.files)) {
        const th = f.columns.thread[line];
        const pid = f.threads.pid[th];
        const tid = f.threads.tid[th];
        yield {
          t, ns: f.nsInMs?.[line] ?? -1, node: f.facts.nodeLabel, file: f.facts.path, line: line + 1, level: LEVEL_NAMES[f.columns.level[line]] ?? '',
          component: f.facts.components[f.columns.comp[line]] ?? '', pid: pid === undefined || pid < 0 ? null : pid, tid: tid === undefined || tid < 0 ? null : tid, text: f.lineText(line),
        };
      }
    })();
    chunks = exportChunks(fmt, { rows });
  }
  const outPath = one(a, 'out');
  const sink = outPath ? createWriteStream(outPath) : process.stdout;
  let buf: string[] = [];
  let size = 0;
  const write = (s: string) => new Promise<void>((res, rej) => sink.write(s, (e) => (e ? rej(e) : res())));
  for (const c of chunks) {
    buf.push(c);
    size += c.length;
    if (size >= 1 << 20) {
      await write(buf.join(''));
      buf = [];
      size = 0;
    }
  }
  if (buf.length) await write(buf.join(''));
  if (outPath) await new Promise<void>((res) => (sink as ReturnType<typeof createWriteStream>).end(res));
  return 0;
}

async function reportVerb(a: Args): Promise<number> {
  const loaded = await loadAll(a);
  for (const f of loaded.files) for (const e of f.facts.errors) process.stderr.write(`clusterlens: ${e}\n`);
  const ev = settle(loaded);
  const findings = findAll(insightInput(ev));
  const clocks = clocksOfLogs(ev.events, ev.files);
  // JSON has no Infinity: an open side of an interval is null.
  if (a.bools.has('json')) process.stdout.write(`${JSON.stringify({ rootCause: rootCause(findings), findings, clocks }, (k, v) => (k === 'cites' ? undefined : typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  else process.stdout.write(reportMarkdown(findings, clocks));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  let a: Args;
  try {
    a = parseArgs(argv);
    if (a.verb === 'generate') {
      const { runGenerate } = await import('./generate.ts');
      return await runGenerate(argv.slice(1));
    }
    if (a.verb === 'summary') return await summaryVerb(a);
    if (a.verb === 'lines') return await linesVerb(a);
    if (a.verb === 'events') return await eventsVerb(a);
    if (a.verb === 'export') return await exportVerb(a);
    if (a.verb === 'report') return await reportVerb(a);
    if (a.verb === '' || a.verb === '--help' || a.verb === 'help' || a.bools.has('help')) {
      process.stdout.write(USAGE + '\n');
      return a.verb === '' ? 2 : 0;
    }
    throw new UsageError(`unknown verb '${a.verb}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`clusterlens: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

// exitCode, not exit(): a pipe gets everything written before the process ends.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`clusterlens: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
