// What the timeline draws, as columns: one entry per mark (a span or a point) on a row of a
// track of a node's lane. Built in the view worker (layout.ts) and transferred to the main
// thread, where the canvas painter draws it; no object per mark crosses threads.

import { Growable } from '../base/growable.ts';

export const TRACKS = ['membership', 'join', 'network', 'groups', 'service'] as const;
export type TrackKind = (typeof TRACKS)[number];

/** How a mark looks (colour and shape come from the painter's table). */
export const Style = {
  ViewSpan: 0,
  Disagree: 1,
  ViewChange: 2,
  NodeDown: 3,
  JoinOk: 4,
  JoinFailed: 5,
  JoinOpen: 6,
  Stage: 7,
  StageFailed: 8,
  RouteUp: 9,
  RouteDegraded: 10,
  RouteDown: 11,
  HeartbeatMissed: 12,
  RouteAdded: 13,
  Owner: 14,
  MoveFailover: 15,
  MoveManual: 16,
  GroupFailed: 17,
  Session: 18,
  SessionCrash: 19,
  Rhs: 20,
  NoData: 21,
  Quorum: 22,
} as const;
export type Style = (typeof Style)[keyof typeof Style];

/** Marks whose style is a point (drawn as a tick or a diamond, never as a bar). */
export const POINT_STYLES: ReadonlySet<number> = new Set([Style.ViewChange, Style.NodeDown, Style.Stage, Style.StageFailed, Style.HeartbeatMissed, Style.RouteAdded, Style.MoveFailover, Style.MoveManual, Style.GroupFailed, Style.Quorum]);

export interface TimelineRow {
  lane: number;
  track: TrackKind;
  label: string;
}

export interface TimelineLane {
  node: string;
  /** The node's files' coverage (UTC ms): outside it, absence of marks means absence of data. */
  coverage: Array<[number, number]>;
}

export interface TimelineMarks {
  lanes: TimelineLane[];
  rows: TimelineRow[];
  length: number;
  t0: Float64Array;
  /** = t0 for points. */
  t1: Float64Array;
  row: Uint32Array;
  /** Second row of a move arrow (the target lane's row), -1 otherwise. */
  row2: Int32Array;
  style: Uint8Array;
  /** Index into `labels` (what a tooltip says), 0 = none. */
  label: Uint32Array;
  /** Click-through: the line the mark rests on (-1 when none). */
  fileId: Int32Array;
  line: Int32Array;
  labels: string[];
  /** Time span of everything drawn (UTC ms). */
  tMin: number;
  tMax: number;
}

export function marksTransfer(m: TimelineMarks): Transferable[] {
  return [m.t0.buffer, m.t1.buffer, m.row.buffer, m.row2.buffer, m.style.buffer, m.label.buffer, m.fileId.buffer, m.line.buffer];
}

/** Appends marks column by column. */
export class MarksBuilder {
  private readonly t0: Growable<Float64Array> = new Growable(Float64Array, 1024);
  private readonly t1: Growable<Float64Array> = new Growable(Float64Array, 1024);
  private readonly row: Growable<Uint32Array> = new Growable(Uint32Array, 1024);
  private readonly row2: Growable<Int32Array> = new Growable(Int32Array, 1024);
  private readonly style: Growable<Uint8Array> = new Growable(Uint8Array, 1024);
  private readonly label: Growable<Uint32Array> = new Growable(Uint32Array, 1024);
  private readonly fileId: Growable<Int32Array> = new Growable(Int32Array, 1024);
  private readonly line: Growable<Int32Array> = new Growable(Int32Array, 1024);
  private readonly labels: string[] = [''];
  private readonly labelIds = new Map<string, number>();
  readonly rows: TimelineRow[] = [];
  private readonly rowIds = new Map<string, number>();
  private tMin = Infinity;
  private tMax = -Infinity;

  rowOf(lane: number, track: TrackKind, label: string): number {
    const key = `${lane}\u0000${track}\u0000${label}`;
    let id = this.rowIds.get(key);
    if (id === undefined) {
      id = this.rows.length;
      this.rows.push({ lane, track, label });
      this.rowIds.set(key, id);
    }
    return id;
  }

  add(row: number, style: Style, t0: number, t1: number, label: string, ref: { fileId: number; line: number } | null, row2 = -1): void {
    if (!(t0 === t0) || !(t1 === t1)) return;
    this.t0.push(t0);
    this.t1.push(Math.max(t0, t1));
    this.row.push(row);
    this.row2.push(row2);
    this.style.push(style);
    let l = this.labelIds.get(label);
    if (l === undefined) {
      l = this.labels.length;
      this.labels.push(label);
      this.labelIds.set(label, l);
    }
    this.label.push(label ? l : 0);
    this.fileId.push(ref ? ref.fileId : -1);
    this.line.push(ref ? ref.line : -1);
    if (t0 < this.tMin) this.tMin = t0;
    if (t1 > this.tMax) this.tMax = t1;
  }

  build(lanes: TimelineLane[]): TimelineMarks {
    for (const l of lanes) for (const [a, b] of l.coverage) {
      this.tMin = Math.min(this.tMin, a);
      this.tMax = Math.max(this.tMax, b);
    }
    return {
      lanes, rows: this.rows, length: this.t0.length,
      t0: this.t0.slice(), t1: this.t1.slice(), row: this.row.slice(), row2: this.row2.slice(), style: this.style.slice(),
      label: this.label.slice(), fileId: this.fileId.slice(), line: this.line.slice(), labels: this.labels,
      tMin: Number.isFinite(this.tMin) ? this.tMin : 0, tMax: Number.isFinite(this.tMax) ? this.tMax : 0,
    };
  }
}
