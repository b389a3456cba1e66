// Stage 2: the cluster-level model built from every node's events (correlate()). Pure data, no
// DOM: the CLI prints it (records.ts), the timeline draws it. Every item keeps the LineRefs of
// the events it rests on, so that a click leads back to the raw lines. Times are UTC ms.

import type { Fields } from '../../formats/messages/types.ts';
import type { ClusterEvent, EventFamily, LineRef } from '../types.ts';

export type { ClusterEvent, EventFamily, LineRef };

/** What correlate needs to know about each file besides its events. */
export interface CoverageFile {
  fileId: number;
  path: string;
  node: string;
  /** Line times as written (the index's ts column), NaN before the first record. */
  ts: Float64Array;
  /** Milliseconds to add to a written time to get UTC. */
  shift: number;
  lines: number;
  /** A capture (Procmon, packets, an event log): it covers its node's time, but its pauses are no silence of the node's log. */
  capture?: boolean;
}

/** Node id -> name (a NameDictionary fits). */
export interface NodeNameLookup {
  nodeName(id: number): string | null;
}

export interface CorrelateOptions {
  /** Nodes showing different views for longer than this disagree (default 2000). */
  disagreementToleranceMs?: number;
  /** Observations of one fact further apart than this are separate facts (default 1000). */
  mergeWindowMs?: number;
  /** How far apart the two halves of one join may start/end and still pair (default 5000). */
  joinPairToleranceMs?: number;
  /** Authoritative id -> name pairs (the cluster's NameDictionary); events' own fields fill in. */
  names?: NodeNameLookup;
  /** Resource -> owner group from outside the events (the 2016+ `[=== Resources ===]` table). */
  resourceGroup?: (resource: string) => string | null;
  /** A silence counts as 'no data' when longer than max(gapMinMs, gapFactor x p99 line gap) (defaults 30000, 20). */
  gapMinMs?: number;
  gapFactor?: number;
}

export interface ResolvedOptions {
  disagreementToleranceMs: number;
  mergeWindowMs: number;
  joinPairToleranceMs: number;
  gapMinMs: number;
  gapFactor: number;
}

// ---- joins ----

export type JoinRole = 'joiner' | 'listener' | 'unknown';
export type JoinOutcome = 'succeeded' | 'failed' | 'open';

export interface JoinStageMark {
  stage: string;
  t: number;
  /** A failed stage carries the status and reason the node wrote. */
  failed: boolean;
  status?: number;
  reason?: string;
  kind: string;
  ref: LineRef;
}

/** One node's half of one join attempt with one peer. */
export interface JoinSpan {
  /** `join:<node>><peer>#<n>`, n counting the attempts of that pair from 1. */
  id: string;
  /** The observer (whose log this half comes from). */
  node: string;
  /** The other node (name when known), or null when the lines do not say (`join failed` without peer). */
  peer: string | null;
  peerId: number | null;
  role: JoinRole;
  start: number;
  end: number;
  outcome: JoinOutcome;
  stages: JoinStageMark[];
  /** The other node's half of the same join, when found. */
  pairedWith: string | null;
  /** Lines about the attempt that are not stages (farthest progress, event 1070...). */
  notes: Array<{ kind: string; t: number; text: string; ref: LineRef }>;
  refs: LineRef[];
}

// ---- membership ----

export interface ViewInstall {
  node: string;
  t: number;
  ref: LineRef;
}

/** One membership view as installed by the nodes (same viewId, installs close in time). */
export interface ClusterView {
  viewId: string;
  /** Earliest install. */
  t: number;
  members: string[];
  memberIds: number[];
  joiners: string[];
  downers: string[];
  oldViewId: string;
  oldMembers: string[];
  form: boolean;
  installs: ViewInstall[];
  /** `Proposed View is` lines for this view. */
  proposals: ViewInstall[];
  refs: LineRef[];
}

export interface MembershipPoint {
  t: number;
  /** null: the node's service session ended, so it holds no view (not counted in disagreements). */
  viewId: string | null;
  members: string[];
  ref: LineRef;
  /**
   * Set when no line of the node installs this view but a later line implies it held it (the
   * `oldView` of its next install): why, in words. Its start is the earliest the lines allow.
   */
  inferred?: string;
}

export interface NodeMembership {
  node: string;
  points: MembershipPoint[];
}

export interface DisagreementSegment {
  start: number;
  end: number;
  views: Array<{ node: string; viewId: string }>;
}

/** Nodes whose logs cover the window held different views for longer than the tolerance. */
export interface Disagreement {
  start: number;
  end: number;
  /** Each node's view during the longest segment of the window. */
  views: Array<{ node: string; viewId: string }>;
  segments: DisagreementSegment[];
  refs: LineRef[];
}

// ---- groups, resources, routes ----

export type SourceFrom = 'logged' | 'owner-series' | 'downers' | 'unknown';

export interface GroupMove {
  group: string;
  t: number;
  /** Target node as written. */
  to: string;
  /** Source as written (a NodeDown move may write the target twice). */
  loggedFrom: string | null;
  /** The real source: the logged one when it differs from the target, else inferred. */
  from: string | null;
  sourceFrom: SourceFrom;
  /** Why the source is not the one written, in words (empty when it is). */
  sourceWhy?: string;
  moveType: string | null;
  /** NodeDown / Failover moves (and failover attempts) vs manual moves. */
  failover: boolean;
  failoverCount?: number;
  lastFailoverTime?: string;
  /** Nodes whose lines tell of this move. */
  nodes: string[];
  refs: LineRef[];
}

export interface StatePoint {
  t: number;
  state: string;
  /** Previous state as written, when the line gives it. */
  from?: string;
  /** Node whose log says so. */
  node: string;
  ref: LineRef;
  /** Every line merged into this point (the same change logged by several components/channels). */
  refs: LineRef[];
}

export interface OwnerPoint {
  t: number;
  owner: string;
  source: 'move' | 'online';
  ref: LineRef;
}

export interface ResourceSeries {
  resource: string;
  points: StatePoint[];
}

export interface GroupSeries {
  group: string;
  /** The group's own state lines (Operational `Group 'G' has transitioned ...`). */
  points: StatePoint[];
  owners: OwnerPoint[];
  /** State rolled up from the resources known to be in the group (group-rollup.ts), when any. */
  derived?: DerivedGroupPoint[];
}

export interface DerivedGroupPoint {
  t: number;
  /** Online, Offline, Failed, Pending, PartialOnline or Unknown. */
  state: string;
  /** The resource whose change made it. */
  resource: string;
  ref: LineRef;
}

export type RouteState = 'up' | 'degraded' | 'down';

export interface RouteSeries {
  /** Observer node. */
  node: string;
  /** Endpoints without the `~` port marks; '' on the node-level key (`Lost connection to node X`). */
  local: string;
  remote: string;
  /** The remote node, when a line of this key names it. */
  peer: string | null;
  points: Array<{ t: number; state: RouteState; kind: string; ref: LineRef; refs: LineRef[] }>;
}

// ---- service ----

export type SessionStart = 'service-start' | 'log-begin' | 'new-pid';
/** terminated: the service shut down because the node lost quorum (clussvc always does). */
export type SessionEnd = 'stop' | 'crash' | 'terminated' | 'next-start' | 'open';

export interface ServiceSessionSpan {
  node: string;
  /** clussvc PID (0 when the lines carry none). */
  pid: number;
  start: number;
  end: number;
  startKind: SessionStart;
  endKind: SessionEnd;
  startRef: LineRef;
  endRef: LineRef | null;
  refs: LineRef[];
}

export interface RhsProcess {
  node: string;
  pid: number;
  first: number;
  last: number;
  /** An `[RHS] Initializing` (rhs-start) line was seen for this pid. */
  started: boolean;
  terminated: { t: number; ref: LineRef } | null;
  events: number;
  firstRef: LineRef;
  lastRef: LineRef;
}

/** A stretch inside one file's own coverage where it logs nothing for much longer than usual. */
export interface NoDataGap {
  node: string;
  fileId: number;
  file: string;
  start: number;
  end: number;
  label: 'no data';
  /** The threshold used for this file (ms). */
  thresholdMs: number;
  /** Last line before and first line after the silence. */
  beforeRef: LineRef;
  afterRef: LineRef;
}

export interface NodeCoverage {
  node: string;
  /** Per file: first and last line time (UTC). */
  spans: Array<{ fileId: number; file: string; start: number; end: number }>;
}

// ---- facts ----

export interface FactObservation {
  node: string;
  t: number;
  ref: LineRef;
  channel: ClusterEvent['channel'];
}

export interface ClusterFact {
  kind: string;
  family: EventFamily;
  /** Earliest observation. */
  t: number;
  key: string;
  subject?: string;
  /** Fields of the first main-log observation (else the first one). */
  fields: Fields;
  observations: FactObservation[];
}

export interface ClusterModel {
  nodes: string[];
  coverage: NodeCoverage[];
  joins: JoinSpan[];
  views: ClusterView[];
  membership: NodeMembership[];
  disagreements: Disagreement[];
  moves: GroupMove[];
  resources: ResourceSeries[];
  groups: GroupSeries[];
  routes: RouteSeries[];
  sessions: ServiceSessionSpan[];
  rhs: RhsProcess[];
  gaps: NoDataGap[];
  facts: ClusterFact[];
  /** Events without a time (kept out of every time-based item). */
  untimed: number;
  options: ResolvedOptions;
}
