// A node's story: the log records one node writes for the scenario's events, before any
// dialect formatting. Records carry true UTC time; the renderer applies clock offset and zone.

import type { Rng } from './prng.ts';
import type { GenDialect, LevelName, NodeSpec, Scenario } from './model.ts';
import { rhsPidAt, sessionAt, type ClussvcThread } from './scenario.ts';
import { renderTemplate, templateById } from './templates.ts';
import type { Values } from './template-fill.ts';
import { formatStamp } from './clock.ts';

/** `log` = the main diagnostic log; the others are the 2016+ event-channel sections. */
export type RecordChannel = 'log' | 'System' | 'Operational' | 'Verbose';

export interface LogRecord {
  /** True UTC ms. */
  t: number;
  pid: number;
  tid: number;
  level: LevelName;
  /** WS2003 writes some lines without a level word. */
  noLevelWord: boolean;
  message: string;
  /** Component tag of the message (from its template: the tag is always literal text). */
  component: string | null;
  channel: RecordChannel;
  /** Component tags of the block lines (parallel to `block`). */
  blockComponents?: Array<string | null>;
  /** The template it was written from and its values (what the capture writers pair rows with). */
  template: string;
  values: Values;
  /** Further physical lines of a multi-line ETW entry, each printed with the same prefix (A.5.3). */
  block?: string[];
  /** Continuation lines printed without prefix (event-channel texts, A.6.3). */
  more?: string[];
}

export interface EmitOptions {
  level?: LevelName;
  block?: Array<[string, Values?]>;
  more?: Array<[string, Values?]>;
}

/** Moves a time cursor forward by realistic random steps. */
export class Cursor {
  constructor(private readonly rng: Rng, public t: number) {}
  /** Advance by a random amount in [min, max] ms and return the new time. */
  step(min = 1, max = 15): number {
    this.t += this.rng.range(min, max);
    return this.t;
  }
}

export class StoryWriter {
  readonly records: LogRecord[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly node: NodeSpec,
    readonly dialect: GenDialect,
    readonly rng: Rng,
  ) {}

  get id(): number { return this.node.id; }

  nodeById(id: number): NodeSpec { return this.scenario.nodes[id - 1]; }

  /** A line of the clussvc process. */
  cs(t: number, thread: ClussvcThread, id: string, values: Values = {}, opts: EmitOptions = {}): void {
    const s = sessionAt(this.node, t);
    this.emit(t, s.clussvcPid, s.threads[thread], 'log', id, values, opts);
  }

  /** A line of the resource hosting process (RHS). */
  rhs(t: number, id: string, values: Values = {}, opts: EmitOptions = {}): void {
    const s = sessionAt(this.node, t);
    this.emit(t, rhsPidAt(s, t), this.rng.pick(s.rhsThreads), 'log', id, values, opts);
  }

  /** An event-channel entry (2016+ only); logged under the clussvc PID. */
  channel(t: number, channel: Exclude<RecordChannel, 'log'>, id: string, values: Values = {}, opts: EmitOptions = {}): void {
    if (this.dialect !== 'w2016') return;
    const s = sessionAt(this.node, t);
    const tid = channel === 'Verbose' ? s.threads.quorum : s.threads.events;
    this.emit(t, s.clussvcPid, tid, channel, id, values, opts);
  }

  /** Local wall-clock time of this node for text embedded in messages (A.6.3). */
  localStamp(t: number): string {
    return formatStamp(t + this.node.clockOffsetMs + this.node.utcOffsetMinutes * 60_000);
  }

  /** UTC wall-clock time of this node's clock. */
  utcStamp(t: number): string {
    return formatStamp(t + this.node.clockOffsetMs);
  }

  private emit(t: number, pid: number, tid: number, channel: RecordChannel, id: string, values: Values, opts: EmitOptions): void {
    const tpl = templateById(id);
    if (!tpl.dialects.includes(this.dialect)) return;
    const rec: LogRecord = {
      t: Math.floor(t), pid, tid, level: opts.level ?? tpl.level, noLevelWord: tpl.noLevelWord ?? false,
      message: renderTemplate(id, values), component: tpl.component, channel, template: id, values,
    };
    const supported = (list: Array<[string, Values?]>): Array<[string, Values?]> =>
      list.filter(([bid]) => templateById(bid).dialects.includes(this.dialect));
    if (opts.block) {
      const block = supported(opts.block);
      rec.block = block.map(([bid, v]) => renderTemplate(bid, v ?? {}));
      rec.blockComponents = block.map(([bid]) => templateById(bid).component);
    }
    if (opts.more) rec.more = supported(opts.more).map(([bid, v]) => renderTemplate(bid, v ?? {}));
    this.records.push(rec);
  }

  /** Records in time order (stable: same-time records keep emission order). */
  sorted(): LogRecord[] {
    const idx = this.records.map((_, i) => i);
    idx.sort((a, b) => this.records[a].t - this.records[b].t || a - b);
    return idx.map((i) => this.records[i]);
  }
}
