// The timeline's own UI state: which lanes and tracks are shown, collapsed or expanded, the
// focused row (for ← / → stepping), the hovered raw-log time (a second cursor), the help
// overlay. Pure UI: nothing here is derived from log content. The time domain itself lives
// in ui-state.ts (tlDomain), an immutable pair from which every view derives its scale.

import { create } from 'zustand';
import type { TrackKind } from '../timeline/marks.ts';

/** Tracks a lane can show, in drawing order: the density histogram, then the mark tracks. */
export type LaneTrack = 'density' | TrackKind;
export const LANE_TRACKS: readonly LaneTrack[] = ['density', 'membership', 'join', 'network', 'groups', 'service', 'captures'];

export interface TimelineUi {
  /** Node names in the order the user put them (nodes not listed follow in their own order). */
  laneOrder: string[];
  /** Lower-cased node names. */
  hiddenLanes: string[];
  collapsedLanes: string[];
  hiddenTracks: LaneTrack[];
  /** `node\u0000track` keys (lower-cased node) of tracks the user collapsed to one row. */
  collapsedTracks: string[];
  /** `node\u0000track` keys of tracks the user opened: fitting the lanes to the height never collapses them. */
  expandedTracks: string[];
  /** `node\u0000group` keys of group rows whose resources are shown. */
  expandedGroups: string[];
  /** `node\u0000track\u0000label` of the focused row (← / → step through its marks). */
  focusRow: string | null;
  /** The mark last stepped to or clicked (index into the current marks). */
  focusMark: number;
  /** UTC time under the pointer in the raw log (a dashed cursor on the timeline). */
  hoverT: number | null;
  helpOpen: boolean;
  /** The axis's time base: '' as the log view, 'utc', or a lower-cased node name (its local time). */
  axis: string;
  set: (patch: Partial<Omit<TimelineUi, 'set'>>) => void;
}

export const useTimelineUi = create<TimelineUi>()((set) => ({
  laneOrder: [],
  hiddenLanes: [],
  collapsedLanes: [],
  hiddenTracks: [],
  collapsedTracks: [],
  expandedTracks: [],
  expandedGroups: [],
  focusRow: null,
  focusMark: -1,
  hoverT: null,
  helpOpen: false,
  axis: '',
  set: (patch) => set(patch),
}));

export const laneKey = (node: string): string => node.toLowerCase();
export const trackKey = (node: string, track: string): string => `${node.toLowerCase()}\u0000${track}`;
export const rowKey = (node: string, track: string, label: string): string => `${node.toLowerCase()}\u0000${track}\u0000${label}`;

function toggle(list: readonly string[], key: string): string[] {
  return list.includes(key) ? list.filter((k) => k !== key) : [...list, key];
}

export function toggleLaneCollapsed(node: string): void {
  const s = useTimelineUi.getState();
  s.set({ collapsedLanes: toggle(s.collapsedLanes, laneKey(node)) });
}
export function toggleLaneHidden(node: string): void {
  const s = useTimelineUi.getState();
  s.set({ hiddenLanes: toggle(s.hiddenLanes, laneKey(node)) });
}
export function toggleTrackHidden(track: LaneTrack): void {
  const s = useTimelineUi.getState();
  s.set({ hiddenTracks: toggle(s.hiddenTracks, track) as LaneTrack[] });
}
/** Opens a track drawn as one row (collapsed by the user or by fitting), or collapses an open one. */
export function toggleTrackCollapsed(node: string, track: string, shownCollapsed: boolean): void {
  const s = useTimelineUi.getState();
  const key = trackKey(node, track);
  const collapsedTracks = s.collapsedTracks.filter((k) => k !== key);
  const expandedTracks = s.expandedTracks.filter((k) => k !== key);
  if (shownCollapsed) expandedTracks.push(key);
  else collapsedTracks.push(key);
  s.set({ collapsedTracks, expandedTracks });
}
export function toggleGroupExpanded(node: string, group: string): void {
  const s = useTimelineUi.getState();
  s.set({ expandedGroups: toggle(s.expandedGroups, trackKey(node, group)) });
}

/** `node` moved to just before `before` (null: to the end), among `current` (the lanes as drawn). */
export function placeLane(current: readonly string[], node: string, before: string | null): string[] {
  if (node === before || !current.includes(node)) return [...current];
  const order = current.filter((n) => n !== node);
  const at = before === null ? -1 : order.indexOf(before);
  order.splice(at < 0 ? order.length : at, 0, node);
  return order;
}

/** Moves a lane one place up (-1) or down (+1) among `current` (the lanes as drawn). */
export function moveLane(current: readonly string[], node: string, dir: -1 | 1): void {
  const order = [...current];
  const i = order.indexOf(node);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= order.length) return;
  [order[i], order[j]] = [order[j], order[i]];
  useTimelineUi.getState().set({ laneOrder: order });
}
