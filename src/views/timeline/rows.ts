// Vertical layout of the timeline: lanes in the user's order, the density row and the tracks
// inside each lane in a fixed order, rows sorted by label inside a track, resource rows under
// their group when it is expanded. Collapsing a lane or a track draws all its rows on one row.
// Fitting: when the lanes do not fit the height they are given, the tracks the user has not
// opened or closed are collapsed, one kind at a time across every lane (service, join,
// network, groups, membership: the least read first), until they fit; so that a 3-node incident
// is seen whole at once, and a track the user opened stays open.
// Pure arithmetic over the marks' row table and the timeline's UI state.

import { TRACKS, type TimelineMarks, type TrackKind } from '../../timeline/marks.ts';
import { laneKey, rowKey, trackKey, type LaneTrack } from '../../state/timeline-state.ts';

export const LANE_HEAD = 18;
export const ROW_H = 14;
export const DENSITY_H = 16;

/** The order in which fitting collapses tracks: the ones whose rows say least on their own first. */
export const FIT_ORDER: readonly TrackKind[] = ['service', 'join', 'captures', 'network', 'groups', 'membership'];

export interface LayoutOptions {
  laneOrder: readonly string[];
  hiddenLanes: readonly string[];
  collapsedLanes: readonly string[];
  hiddenTracks: readonly LaneTrack[];
  collapsedTracks: readonly string[];
  /** `node\u0000track` keys of tracks the user opened: fitting leaves them expanded. */
  expandedTracks?: readonly string[];
  expandedGroups: readonly string[];
  /** Lower-cased nodes the node and file filters leave out. */
  filteredOut: ReadonlySet<string>;
  /** Height the lanes should fit in (the timeline's viewport); no fitting when absent. */
  fitHeight?: number;
}

export interface LaneBox {
  node: string;
  /** Index into marks.lanes. */
  lane: number;
  y: number;
  bottom: number;
  collapsed: boolean;
  /** Top of the lane's density row, -1 when not shown. */
  densityY: number;
  /** The lane's membership row (its disagreement windows shade the whole lane), -1 when none. */
  membershipRow: number;
}

export interface RowLabel {
  /** Stable key (node, track, label) for focus and React. */
  key: string;
  /** Row of `marks.rows`, or -1 for a collapsed lane's or track's summary row. */
  row: number;
  node: string;
  y: number;
  track: string;
  label: string;
  /** First row of its track (the track name is printed there). */
  first: boolean;
  /** Sub-row (a resource under its group). */
  sub: boolean;
  /** For group rows with resources: how many, and whether they are shown. */
  children: number;
  expanded: boolean;
  /** A collapsed track (or lane) drawn on this one row. */
  summary: boolean;
  /** Collapsed by fitting, not by the user (its label says how to open it). */
  fitted: boolean;
}

export interface RowLayout {
  /** y of each row of `marks.rows` (top edge), -1 when hidden. */
  y: Float64Array;
  lanes: LaneBox[];
  labels: RowLabel[];
  height: number;
  /** Lanes in drawing order, hidden ones included (for the reorder buttons and the "hidden" list). */
  order: string[];
  /** Track kinds fitting collapsed (in FIT_ORDER), empty when everything fits as the user left it. */
  fitted: TrackKind[];
}

export function layoutRows(m: TimelineMarks, o: LayoutOptions): RowLayout {
  const full = layoutWith(m, o, []);
  if (o.fitHeight === undefined || full.height <= o.fitHeight) return full;
  let best = full;
  const kinds: TrackKind[] = [];
  for (const kind of FIT_ORDER) {
    kinds.push(kind);
    const next = layoutWith(m, o, kinds);
    if (next.height < best.height) best = next;
    if (next.height <= o.fitHeight) break;
  }
  return best;
}

function layoutWith(m: TimelineMarks, o: LayoutOptions, fitKinds: readonly TrackKind[]): RowLayout {
  const y = new Float64Array(m.rows.length).fill(-1);
  const lanes: LaneBox[] = [];
  const labels: RowLabel[] = [];
  const byLane = m.lanes.map(() => [] as number[]);
  const children = new Map<number, number[]>();
  m.rows.forEach((r, i) => {
    if (r.parent >= 0) {
      const c = children.get(r.parent) ?? [];
      c.push(i);
      children.set(r.parent, c);
    } else byLane[r.lane]?.push(i);
  });
  const hidden = new Set(o.hiddenLanes);
  const collapsedLanes = new Set(o.collapsedLanes);
  const hiddenTracks = new Set(o.hiddenTracks);
  const collapsedTracks = new Set(o.collapsedTracks);
  const expandedTracks = new Set(o.expandedTracks ?? []);
  const fitting = new Set(fitKinds);
  const fittedUsed = new Set<TrackKind>();
  const expanded = new Set(o.expandedGroups);

  const names = m.lanes.map((l) => l.node);
  const order = [...o.laneOrder.filter((n) => names.includes(n)), ...names.filter((n) => !o.laneOrder.includes(n))];
  let top = 0;
  for (const node of order) {
    const L = names.indexOf(node);
    if (hidden.has(laneKey(node)) || o.filteredOut.has(laneKey(node))) continue;
    const box: LaneBox = { node, lane: L, y: top, bottom: top, collapsed: collapsedLanes.has(laneKey(node)), densityY: -1,
      membershipRow: byLane[L].find((r) => m.rows[r].track === 'membership') ?? -1 };
    top += LANE_HEAD;
    const all = (r: number): number[] => [r, ...(children.get(r) ?? []).flatMap(all)];
    if (box.collapsed) {
      for (const r of byLane[L]) for (const x of all(r)) if (!hiddenTracks.has(m.rows[x].track)) y[x] = top;
      labels.push({ key: rowKey(node, '*', '*'), row: -1, node, y: top, track: 'all', label: 'all tracks', first: true, sub: false, children: 0, expanded: false, summary: true, fitted: false });
      top += ROW_H;
    } else {
      if (!hiddenTracks.has('density')) {
        box.densityY = top;
        top += DENSITY_H;
      }
      for (const track of TRACKS) {
        if (hiddenTracks.has(track)) continue;
        const rows = byLane[L].filter((r) => m.rows[r].track === track).sort((a, b) => m.rows[a].label.localeCompare(m.rows[b].label));
        if (rows.length === 0) continue;
        const key = trackKey(node, track);
        const byUser = collapsedTracks.has(key);
        // A track of one row gains nothing from collapsing: fitting leaves it as it is.
        const byFit = !byUser && rows.length > 1 && fitting.has(track) && !expandedTracks.has(key);
        if (byUser || byFit) {
          if (byFit) fittedUsed.add(track);
          for (const r of rows) for (const x of all(r)) y[x] = top;
          labels.push({ key: rowKey(node, track, '*'), row: -1, node, y: top, track, label: `${rows.length} rows`, first: true, sub: false, children: 0, expanded: false, summary: true, fitted: byFit });
          top += ROW_H;
          continue;
        }
        let first = true;
        const place = (r: number, sub: boolean): void => {
          const kids = (children.get(r) ?? []).sort((a, b) => m.rows[a].label.localeCompare(m.rows[b].label));
          const open = kids.length > 0 && expanded.has(trackKey(node, m.rows[r].label));
          y[r] = top;
          labels.push({ key: rowKey(node, track, m.rows[r].label), row: r, node, y: top, track, label: m.rows[r].label, first, sub, children: kids.length, expanded: open, summary: false, fitted: false });
          first = false;
          top += ROW_H;
          if (open) for (const k of kids) place(k, true);
          // Closed: the resources' marks are not drawn (the group's own row says who owns it).
        };
        for (const r of rows) place(r, false);
      }
    }
    top += 4;
    box.bottom = top;
    lanes.push(box);
  }
  return { y, lanes, labels, height: top, order, fitted: FIT_ORDER.filter((k) => fittedUsed.has(k)) };
}
