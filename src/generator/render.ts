// renderNodeLog: one node's cluster.log as physical lines, each with its ground truth
// (bucket, written time, level, component) so parser and generator can check each other.

import { rngFor } from './prng.ts';
import type { GenDialect, LevelName, NodeSpec, Scenario } from './model.ts';
import { StoryWriter, type LogRecord, type RecordChannel } from './story.ts';
import { narrateModern } from './narrate-modern.ts';
import { narrateLegacy } from './narrate-legacy.ts';
import { NoiseSource } from './noise.ts';
import { RecordFormatter, curlyQuotes, typographicLogBegin, viewerNumber } from './dialects.ts';
import { SECTION, clusterHeader, marker, objectTables } from './w2016-layout.ts';
import { EOL_TEXT, bomBytes, encodedLength, type EncodingName, type Eol } from './encode.ts';

export type BucketName = 'parsed' | 'continuation' | 'structural' | 'blank' | 'unparsed';

export interface LineTruth {
  bucket: BucketName;
  /** ms since epoch of the timestamp as written (Date.UTC of its fields); null for non-record lines. */
  writtenMs: number | null;
  level: LevelName | null;
  /** Tag of the `[...]` opening the message (`RCM`, `CHANNEL`), null when there is none. */
  component: string | null;
  node: string;
}

export interface RenderedLine {
  text: string;
  truth: LineTruth;
}

export interface RenderOptions {
  dialect: GenDialect;
  /** Text as copied from a viewer or blog: line numbers, curly quotes, typographic dashes, collapsed spaces. */
  pasted?: boolean;
  /** Write prefix timestamps in the node's local time (w2016, w2008 only; A.6.1 -UseLocalTime). */
  localTime?: boolean;
  /** Size of the encoded file to aim for; defaults to the scenario's targetBytesPerNode. */
  targetBytes?: number | null;
  /** How the lines will be encoded (used only to meet the size target). */
  encoding?: EncodingName;
  eol?: Eol;
  bom?: boolean;
}

/** The node's story for a dialect: its records in time order. */
export function narrateNode(scenario: Scenario, node: NodeSpec, dialect: GenDialect): LogRecord[] {
  const w = new StoryWriter(scenario, node, dialect, rngFor(scenario.seed, 'story', node.id, dialect));
  if (dialect === 'w2016' || dialect === 'w2008') narrateModern(w);
  else narrateLegacy(w);
  return w.sorted();
}

const CHANNEL_PREFIX: Record<RecordChannel, string> = { log: '', System: '[System] ', Operational: '[Operational] ', Verbose: '[Verbose] ' };

interface Ctx {
  scenario: Scenario;
  node: NodeSpec;
  opts: RenderOptions;
  story: LogRecord[];
  fmt: RecordFormatter;
  /** Added to true time to get the written wall clock. */
  shiftMs: number;
  /** Physical lines made so far in this pass (pasted text numbers its lines). */
  lineNo: number;
}

/** Every line is made here, in file order, so that pasted text can number it. */
function line(ctx: Ctx, text: string, truth: LineTruth): RenderedLine {
  const no = ++ctx.lineNo;
  if (ctx.opts.pasted && truth.bucket === 'parsed') {
    // Left/right-aligned numbers alternate every 500 lines, like excerpts pasted from different viewers.
    text = viewerNumber(no, Math.floor(no / 500) % 2 === 1) + typographicLogBegin(text);
  }
  return { text, truth };
}

function blank(ctx: Ctx): RenderedLine {
  return line(ctx, '', { bucket: 'blank', writtenMs: null, level: null, component: null, node: ctx.node.name });
}

function structural(ctx: Ctx, text: string): RenderedLine {
  return line(ctx, text, { bucket: 'structural', writtenMs: null, level: null, component: null, node: ctx.node.name });
}

/** Appends the physical lines of one record to `out` (plain function: this is the hot path). */
function recordLines(ctx: Ctx, rec: LogRecord, out: RenderedLine[]): void {
  const wallMs = Math.floor(rec.t + ctx.shiftMs);
  out.push(recordLine(ctx, rec, wallMs, rec.message, rec.component));
  if (rec.block) {
    for (let i = 0; i < rec.block.length; i++) out.push(recordLine(ctx, rec, wallMs, rec.block[i], rec.blockComponents?.[i] ?? null));
  }
  if (rec.more) {
    for (const m of rec.more) {
      out.push(line(ctx, ctx.opts.pasted ? curlyQuotes(m) : m, { bucket: 'continuation', writtenMs: null, level: null, component: null, node: ctx.node.name }));
    }
  }
}

function recordLine(ctx: Ctx, rec: LogRecord, wallMs: number, message: string, component: string | null): RenderedLine {
  const f = ctx.fmt.format({
    pid: rec.pid, tid: rec.tid, level: rec.level, noLevelWord: rec.noLevelWord, wallMs,
    message: ctx.opts.pasted ? curlyQuotes(message) : message,
  });
  return line(ctx, CHANNEL_PREFIX[rec.channel] + f.text, { bucket: 'parsed', writtenMs: wallMs, level: f.level, component, node: ctx.node.name });
}

/** Lines are produced in batches of about this many (one generator hop per batch, not per line). */
const BATCH_LINES = 1024;

/** Story records merged with background records, both in time order (story first on ties). */
function* merged(ctx: Ctx, story: LogRecord[], noise: NoiseSource | null, bytesOf: ((t: string) => number) | null): Generator<RenderedLine[]> {
  let batch: RenderedLine[] = [];
  let i = 0;
  let n = noise ? noise.next() : null;
  while (i < story.length || n) {
    if (n && (i >= story.length || n.t < story[i].t)) {
      const from = batch.length;
      recordLines(ctx, n, batch);
      if (bytesOf) for (let k = from; k < batch.length; k++) noise!.charge(bytesOf(batch[k].text));
      n = noise!.next();
    } else {
      recordLines(ctx, story[i++], batch);
    }
    if (batch.length >= BATCH_LINES) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function* w2016Sections(ctx: Ctx, main: Generator<RenderedLine[]>, verboseNoise: NoiseSource): Generator<RenderedLine[]> {
  const { scenario, node, story } = ctx;
  const head: RenderedLine[] = [structural(ctx, marker(SECTION.cluster))];
  for (const h of clusterHeader(scenario, node, ctx.opts.localTime === true)) head.push(structural(ctx, h));
  head.push(blank(ctx));
  for (const table of objectTables(scenario)) {
    head.push(structural(ctx, marker(table.name)));
    for (const row of table.rows) head.push(structural(ctx, row));
    head.push(blank(ctx));
  }
  const channel = (c: RecordChannel): LogRecord[] => story.filter((r) => r.channel === c);
  for (const [name, c] of [[SECTION.system, 'System'], [SECTION.operational, 'Operational']] as const) {
    head.push(structural(ctx, marker(name)));
    for (const r of channel(c)) recordLines(ctx, r, head);
    head.push(blank(ctx));
  }
  for (const empty of [SECTION.cauManagement, SECTION.cau]) head.push(structural(ctx, marker(empty)), blank(ctx));
  head.push(structural(ctx, marker(SECTION.verbose)));
  yield head;
  yield* merged(ctx, channel('Verbose'), verboseNoise, null);
  yield [blank(ctx), structural(ctx, marker(SECTION.clusterLogs))];
  yield* main;
}

function* renderBatches(shared: Ctx, withNoise: boolean, budgetBytes: number | null, bytesOf: (t: string) => number): Generator<RenderedLine[]> {
  const ctx: Ctx = { ...shared, lineNo: 0 };
  const { scenario, node, opts } = ctx;
  const mainNoise = withNoise
    ? new NoiseSource(scenario, node, opts.dialect, 'log', budgetBytes === null ? { rate: scenario.noiseRate } : { rate: scenario.noiseRate, budgetBytes })
    : null;
  const main = merged(ctx, ctx.story.filter((r) => r.channel === 'log'), mainNoise, budgetBytes === null ? null : bytesOf);
  yield* opts.dialect === 'w2016'
    ? w2016Sections(ctx, main, new NoiseSource(scenario, node, opts.dialect, 'Verbose', { rate: 0 }))
    : main;
}

/**
 * One node's cluster.log as batches of lines (arrays of a few thousand lines, in file order).
 * Re-iterable and lazy, so any size can be streamed; the fastest way to consume big files.
 */
export function renderNodeBatches(scenario: Scenario, nodeIndex: number, render: RenderOptions): Iterable<RenderedLine[]> {
  const node = scenario.nodes[nodeIndex];
  if (!node) throw new Error(`no node with index ${nodeIndex}`);
  const modern = render.dialect === 'w2016' || render.dialect === 'w2008';
  if (render.localTime && !modern) throw new Error(`${render.dialect} logs are always written in GMT; localTime needs w2016 or w2008`);
  const ctx: Ctx = {
    scenario, node, opts: render,
    story: narrateNode(scenario, node, render.dialect),
    fmt: new RecordFormatter(render.dialect, render.pasted === true),
    shiftMs: node.clockOffsetMs + (render.localTime ? node.utcOffsetMinutes * 60_000 : 0),
    lineNo: 0,
  };
  const encoding = render.encoding ?? 'utf-8';
  const unit = encoding.startsWith('utf-16') ? 2 : 1;
  const eolBytes = EOL_TEXT[render.eol ?? 'crlf'].length * unit;
  const bytesOf = (t: string): number => encodedLength(t, encoding) + eolBytes;
  // Background lines are nearly all ASCII: length × unit size is exact enough and much cheaper.
  const approxBytesOf = (t: string): number => t.length * unit + eolBytes;
  const target = render.targetBytes === undefined ? scenario.targetBytesPerNode : render.targetBytes;
  let budget: number | null = null;
  if (target !== null && target !== undefined) {
    // Measure everything but the background traffic once, then give the rest to the background.
    let fixed = render.bom ? bomBytes(encoding).length : 0;
    for (const batch of renderBatches(ctx, false, null, bytesOf)) for (const line of batch) fixed += bytesOf(line.text);
    budget = Math.max(0, target - fixed);
  }
  return { [Symbol.iterator]: () => renderBatches(ctx, true, budget, approxBytesOf) };
}

/**
 * All physical lines of one node's cluster.log, each with its truth. Re-iterable and lazy.
 */
export function renderNodeLog(scenario: Scenario, nodeIndex: number, render: RenderOptions): Iterable<RenderedLine> {
  const batches = renderNodeBatches(scenario, nodeIndex, render);
  return {
    *[Symbol.iterator]() {
      for (const batch of batches) yield* batch;
    },
  };
}
