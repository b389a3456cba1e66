// The view as a link's state and back (issue 12): what the UI stores hold and the files' user
// choices, to LinkState (permalink.ts); and a LinkState applied to the files that are loaded,
// once each input it names is found (by name and size, in order). What is missing is said, and
// the state waits for the files to be dropped.

import type { FileState } from '../engine/api.ts';
import type { LinkFile, LinkState } from './permalink.ts';
import { useTimelineUi, type LaneTrack } from './timeline-state.ts';
import { useUi } from './ui-state.ts';

/** The state of the view as it is now. */
export function currentLinkState(files: readonly FileState[]): LinkState {
  const ui = useUi.getState();
  const tl = useTimelineUi.getState();
  const index = new Map(files.map((f, i) => [f.id, i]));
  const sel = ui.selected && index.has(ui.selected.fileId) ? { file: index.get(ui.selected.fileId)!, line: ui.selected.line } : null;
  return {
    v: 1,
    files: files.map((f): LinkFile => {
      const x = f.facts;
      const out: LinkFile = { name: x.name, size: x.size };
      if (x.nodeSource === 'user' && x.node) out.node = x.node;
      if (!x.capture && x.timeBase.source === 'user' && x.timeBase.base !== 'assumed-utc') out.timeBase = { base: x.timeBase.base, utcOffsetMinutes: x.timeBase.utcOffsetMinutes };
      if (x.capture && (x.timeBase.source === 'user' || x.capture.raw)) {
        out.alignment = x.capture.raw
          ? { raw: true }
          : { utcOffsetMinutes: x.timeBase.utcOffsetMinutes, fineMs: x.timeBase.skewMs, ...(x.capture.dated || !x.timeBase.dateMs ? {} : { date: new Date(x.timeBase.dateMs).toISOString().slice(0, 16).replace('T', ' ').replace(/ 00:00$/, '') }) };
      }
      return out;
    }),
    view: {
      minLevel: ui.minLevel, components: [...ui.components], from: ui.from, to: ui.to, onlyHits: ui.onlyHits, context: ui.context, expandAll: ui.expandAll,
      hiddenFiles: ui.hiddenFiles.filter((id) => index.has(id)).map((id) => index.get(id)!),
    },
    search: ui.searchApplied ? { text: ui.searchApplied, regex: ui.regex, caseSensitive: ui.caseSensitive } : null,
    timeMode: ui.timeMode,
    domain: ui.tlDomain ? [ui.tlDomain[0], ui.tlDomain[1]] : null,
    events: { ...ui.eventFilter },
    timeline: {
      open: ui.timelineOpen, axis: tl.axis, laneOrder: [...tl.laneOrder], hiddenLanes: [...tl.hiddenLanes], collapsedLanes: [...tl.collapsedLanes],
      hiddenTracks: [...tl.hiddenTracks], collapsedTracks: [...tl.collapsedTracks], expandedTracks: [...tl.expandedTracks], expandedGroups: [...tl.expandedGroups],
    },
    selected: sel,
  };
}

/**
 * Which loaded file each of the link's inputs is: the first not yet taken with the same name and
 * size (same-named files of several nodes keep their order). Missing ones are listed.
 */
export function matchFiles(link: readonly LinkFile[], files: readonly FileState[]): { ids: (number | null)[]; missing: LinkFile[] } {
  const taken = new Set<number>();
  const ids = link.map((l) => {
    const f = files.find((x) => !taken.has(x.id) && x.facts.name === l.name && x.facts.size === l.size);
    if (!f) return null;
    taken.add(f.id);
    return f.id;
  });
  return { ids, missing: link.filter((_, i) => ids[i] === null) };
}

/**
 * Applies a link's view to the loaded files: the UI stores now; the files' choices through
 * `setOptions`; the selected line through `select` (it needs the engine's position). Returns the
 * inputs it could not find (nothing is applied then).
 */
export function applyLinkState(
  s: LinkState, files: readonly FileState[],
  setOptions: (id: number, f: LinkFile) => void, select: (fileId: number, line: number) => void,
): LinkFile[] {
  const { ids, missing } = matchFiles(s.files, files);
  if (missing.length) return missing;
  s.files.forEach((f, i) => {
    if (f.node || f.timeBase || f.alignment) setOptions(ids[i]!, f);
  });
  useUi.getState().set({
    minLevel: s.view.minLevel, components: [...s.view.components], from: s.view.from, to: s.view.to, onlyHits: s.view.onlyHits,
    context: s.view.context, expandAll: s.view.expandAll,
    hiddenFiles: s.view.hiddenFiles.map((k) => ids[k]).filter((id): id is number => id !== null && id !== undefined),
    searchText: s.search?.text ?? '', searchApplied: s.search?.text ?? '', regex: s.search?.regex ?? false, caseSensitive: s.search?.caseSensitive ?? false,
    timeMode: s.timeMode, tlDomain: s.domain, eventFilter: { ...s.events }, timelineOpen: s.timeline.open,
  });
  useTimelineUi.getState().set({
    axis: s.timeline.axis, laneOrder: [...s.timeline.laneOrder], hiddenLanes: [...s.timeline.hiddenLanes], collapsedLanes: [...s.timeline.collapsedLanes],
    hiddenTracks: [...s.timeline.hiddenTracks] as LaneTrack[], collapsedTracks: [...s.timeline.collapsedTracks], expandedTracks: [...s.timeline.expandedTracks],
    expandedGroups: [...s.timeline.expandedGroups],
  });
  if (s.selected && ids[s.selected.file] != null) select(ids[s.selected.file]!, s.selected.line);
  return [];
}
