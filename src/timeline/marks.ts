// What the timeline draws, as columns: one entry per mark (a span or a point) on a row of a
// track of a node's lane. Built in the view worker (layout.ts) and transferred to the main
// thread, where the canvas painter draws it; no object per mark crosses threads.

import { Growable } from '../base/growable.ts';
import type { EventFamily } from '../events/types.ts';

export const TRACKS = ['membership', 'join', 'network', 'groups', 'service', 'captures'] as const;
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
  /** A join stage as a Gantt segment: from the stage's line to the next stage (or the join's end). */
  StageSpan: 23,
  /** The joiner's and the listener's halves of one join, linked across lanes (row2 = the other half). */
  JoinLink: 24,
  /** Resource state intervals (a resource row under its group row). */
  ResOnline: 25,
  ResPending: 26,
  ResOffline: 27,
  ResFailed: 28,
  ResOther: 29,
  /** Quorum track: the death timer (start to stop, or to its expiry), the witness arbitration delay. */
  DeathTimer: 30,
  WitnessDelay: 31,
  /** Quorum regained or arbitrated (a point). */
  QuorumGained: 32,
  /** Any other quorum line: one off quorum, witness tag, quorum configuration, Paxos tag... (a point). */
  QuorumInfo: 33,
  /** A view no line of the node installs, implied by the oldView of its next install. */
  ViewInferred: 34,
  /** Capture rows (points), by what they are about (CAPTURE_CLASSES), then a non-success result or level over that. */
  CapOther: 35,
  CapFile: 36,
  CapRegistry: 37,
  CapProcess: 38,
  CapNetwork: 39,
  CapCluster: 40,
  CapSmbRpc: 41,
  CapClusterEvent: 42,
  CapWarn: 43,
  CapError: 44,
} as const;
export type Style = (typeof Style)[keyof typeof Style];

/** Marks whose style is a point (drawn as a tick or a diamond, never as a bar). */
export const POINT_STYLES: ReadonlySet<number> = new Set([Style.CapOther, Style.CapFile, Style.CapRegistry, Style.CapProcess, Style.CapNetwork, Style.CapCluster, Style.CapSmbRpc, Style.CapClusterEvent, Style.CapWarn, Style.CapError, Style.ViewChange, Style.NodeDown, Style.Stage, Style.StageFailed, Style.HeartbeatMissed, Style.RouteAdded, Style.MoveFailover, Style.MoveManual, Style.GroupFailed, Style.Quorum, Style.QuorumGained, Style.QuorumInfo]);

/** Event families, in the order of the `family` column's values. */
export const MARK_FAMILIES: readonly EventFamily[] = ['membership', 'join', 'network', 'resource', 'group', 'quorum', 'service'];
/** The `family` value of a capture row's mark (no event family: the family filter leaves it out). */
export const CAPTURE_FAMILY = MARK_FAMILIES.length;

export interface TimelineRow {
  lane: number;
  track: TrackKind;
  label: string;
  /** The row this one expands from (a resource row under its group's row), -1 for a top row. */
  parent: number;
}

export interface TimelineLane {
  node: string;
  /** The node's files' coverage (UTC ms): outside it, absence of marks means absence of data. */
  coverage: Array<[number, number]>;
}

/**
 * Marks are sorted by (row, t0): row r's marks are [rowStart[r], rowStart[r+1]), so that a
 * frame finds the visible ones of a row by binary search instead of looking at every mark.
 */
export interface TimelineMarks {
  lanes: TimelineLane[];
  rows: TimelineRow[];
  length: number;
  rowStart: Uint32Array;
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
  /** Index into MARK_FAMILIES: which event family the mark comes from (the family filter). */
  family: Uint8Array;
  /** Index into `labels` of the lower-cased names the mark is about, '\n'-joined (the name filter); 0 = none. */
  names: Uint32Array;
  labels: string[];
  /** Time span of everything drawn (UTC ms). */
  tMin: number;
  tMax: number;
}

export function marksTransfer(m: TimelineMarks): Transferable[] {
  return [m.rowStart.buffer, m.t0.buffer, m.t1.buffer, m.row.buffer, m.row2.buffer, m.style.buffer, m.label.buffer, m.fileId.buffer, m.line.buffer, m.family.buffer, m.names.buffer];
}

/** Fresh copies of the columns (a copy is transferred; the original stays with its owner). */
export function copyMarks(m: TimelineMarks): TimelineMarks {
  return {
    ...m, rowStart: m.rowStart.slice(), t0: m.t0.slice(), t1: m.t1.slice(), row: m.row.slice(), row2: m.row2.slice(), style: m.style.slice(),
    label: m.label.slice(), fileId: m.fileId.slice(), line: m.line.slice(), family: m.family.slice(), names: m.names.slice(),
  };
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
  private readonly family: Growable<Uint8Array> = new Growable(Uint8Array, 1024);
  private readonly names: Growable<Uint32Array> = new Growable(Uint32Array, 1024);
  private readonly labels: string[] = [''];
  private readonly labelIds = new Map<string, number>();
  readonly rows: TimelineRow[] = [];
  private readonly rowIds = new Map<string, number>();
  private tMin = Infinity;
  private tMax = -Infinity;

  /** The row of (lane, track, label), made on first use; `parent` makes it a sub-row of that row. */
  rowOf(lane: number, track: TrackKind, label: string, parent = -1): number {
    const key = `${lane}\u0000${track}\u0000${parent}\u0000${label}`;
    let id = this.rowIds.get(key);
    if (id === undefined) {
      id = this.rows.length;
      this.rows.push({ lane, track, label, parent });
      this.rowIds.set(key, id);
    }
    return id;
  }

  private str(s: string): number {
    let l = this.labelIds.get(s);
    if (l === undefined) {
      l = this.labels.length;
      this.labels.push(s);
      this.labelIds.set(s, l);
    }
    return l;
  }

  /**
   * One mark. `family` is the event family it comes from; `names` what the name filter matches
   * (the row's label and the lane's node are matched anyway).
   */
  add(row: number, style: Style, t0: number, t1: number, label: string, ref: { fileId: number; line: number } | null, row2 = -1, family: EventFamily = 'service', names = ''): void {
    this.addRaw(row, style, t0, t1, label ? this.str(label) : 0, ref ? ref.fileId : -1, ref ? ref.line : -1, Math.max(0, MARK_FAMILIES.indexOf(family)), names ? this.str(names.toLowerCase()) : 0, row2);
  }

  /** A label's id (interned), for adding many marks that share it. */
  labelId(s: string): number {
    return s ? this.str(s) : 0;
  }

  /** One mark with its label and names already interned (a capture's millions of rows). */
  addRaw(row: number, style: Style, t0: number, t1: number, label: number, fileId: number, line: number, family: number, names: number, row2 = -1): void {
    if (!(t0 === t0) || !(t1 === t1)) return;
    this.t0.push(t0);
    this.t1.push(Math.max(t0, t1));
    this.row.push(row);
    this.row2.push(row2);
    this.style.push(style);
    this.label.push(label);
    this.family.push(family);
    this.names.push(names);
    this.fileId.push(fileId);
    this.line.push(line);
    if (t0 < this.tMin) this.tMin = t0;
    if (t1 > this.tMax) this.tMax = t1;
  }

  build(lanes: TimelineLane[]): TimelineMarks {
    for (const l of lanes) for (const [a, b] of l.coverage) {
      this.tMin = Math.min(this.tMin, a);
      this.tMax = Math.max(this.tMax, b);
    }
    return orderMarks({
      lanes, rows: this.rows, length: this.t0.length, rowStart: new Uint32Array(this.rows.length + 1),
      t0: this.t0.slice(), t1: this.t1.slice(), row: this.row.slice(), row2: this.row2.slice(), style: this.style.slice(),
      label: this.label.slice(), fileId: this.fileId.slice(), line: this.line.slice(),
      family: this.family.slice(), names: this.names.slice(), labels: this.labels,
      tMin: Number.isFinite(this.tMin) ? this.tMin : 0, tMax: Number.isFinite(this.tMax) ? this.tMax : 0,
    });
  }
}

/**
 * Puts the columns in (row, t0) order and fills rowStart. Counting sort by row, then each row
 * by time: rows the layout filled in time order are left as they are; big unsorted rows are
 * sorted natively on packed (ms, index) keys when they fit in a double's 53 bits.
 */
export function orderMarks(m: TimelineMarks): TimelineMarks {
  const n = m.length;
  const rows = m.rows.length;
  const rowStart = new Uint32Array(rows + 1);
  for (let i = 0; i < n; i++) rowStart[m.row[i] + 1]++;
  for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
  const fill = rowStart.slice(0, rows);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[m.row[i]]++] = i;
  for (let r = 0; r < rows; r++) sortRowByTime(order, rowStart[r], rowStart[r + 1], m.t0);
  const perm = <T extends Float64Array | Uint32Array | Int32Array | Uint8Array>(a: T): T => {
    const out = new (a.constructor as { new (n: number): T })(n);
    for (let k = 0; k < n; k++) out[k] = a[order[k]];
    return out;
  };
  return {
    ...m, rowStart,
    t0: perm(m.t0), t1: perm(m.t1), row: perm(m.row), row2: perm(m.row2), style: perm(m.style), label: perm(m.label),
    fileId: perm(m.fileId), line: perm(m.line), family: perm(m.family), names: perm(m.names),
  };
}

function sortRowByTime(order: Uint32Array, a: number, b: number, t0: Float64Array): void {
  let sorted = true;
  for (let k = a + 1; k < b && sorted; k++) if (t0[order[k]] < t0[order[k - 1]]) sorted = false;
  if (sorted) return;
  const n = b - a;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = a; k < b; k++) {
    const t = t0[order[k]];
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  // Whole milliseconds × 2^23 + position: exact in a double while both fit (≈ 12 days of ms, 8 M marks).
  const posBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (n > 2048 && (hi - lo + 1) * 2 ** posBits < 2 ** 53) {
    const scale = 2 ** posBits;
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = Math.floor(t0[order[a + k]] - lo) * scale + k;
    keys.sort();
    const src = order.slice(a, b);
    for (let k = 0; k < n; k++) order[a + k] = src[keys[k] % scale];
    // Same-millisecond marks are now in index order; put their sub-millisecond times in order too.
    insertionFix(order, a, b, t0);
    return;
  }
  const sub = Array.from(order.subarray(a, b));
  sub.sort((x, y) => t0[x] - t0[y] || x - y);
  order.set(sub, a);
}

/** Insertion sort for nearly sorted ranges (only neighbours inside one millisecond move). */
function insertionFix(order: Uint32Array, a: number, b: number, t0: Float64Array): void {
  for (let k = a + 1; k < b; k++) {
    const v = order[k];
    const t = t0[v];
    let j = k - 1;
    while (j >= a && t0[order[j]] > t) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = v;
  }
}
