// The view as a link's state and back (issue 12): what the UI stores hold and the files' user
// choices, to LinkState (permalink.ts); and a LinkState applied to the files that are loaded,
// once each input it names is found (by name and size, in order). What is missing is said, and
// the state waits for the files to be dropped.

import type { FileState } from '../engine/api.ts';
import type { LinkFile, LinkNote, LinkState } from '../share/permalink.ts';
import { useNotes, type NotePin } from './notes.ts';
import { useTimelineUi, type LaneTrack } from './timeline-state.ts';
import { useUi } from './ui-state.ts';

/** The state of the view as it is now. */
export function currentLinkState(files: readonly FileState[]): LinkState {
  const ui = useUi.getState();
  const tl = useTimelineUi.getState();
  const index = new Map(files.map((f, i) => [f.id, i]));
  const sel = ui.selected && index.has(ui.selected.fileId) ? { file: index.get(ui.selected.fileId)!, line: ui.selected.line } : null;
  const notes = useNotes.getState().notes.flatMap((n): LinkNote[] => {
    const p = n.pin;
    if (p.kind === 'time') return [{ text: n.text, t: p.t }];
    if (p.kind === 'range') return [{ text: n.text, t: p.t0, t1: p.t1 }];
    // A note on a line of a file no longer loaded goes with it.
    if (!index.has(p.fileId)) return [];
    return [{ text: n.text, t: p.t, file: index.get(p.fileId)!, line: p.line, ...(p.event ? { event: p.event } : {}) }];
  });
  return {
    v: 2,
    notes,
    files: files.map((f): LinkFile => {
      const x = f.facts;
      const out: LinkFile = { name: x.name, size: x.size, ...(x.contentHash ? { hash: x.contentHash } : {}) };
      if (x.nodeSource === 'user' && x.node) out.node = x.node;
      if (!x.capture && x.timeBase.source === 'user' && x.timeBase.base !== 'assumed-utc') out.timeBase = { base: x.timeBase.base, utcOffsetMinutes: x.timeBase.utcOffsetMinutes };
      if (!x.capture && x.timeBase.skewMs) out.clockMs = x.timeBase.skewMs;
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

/** A loaded file that has a linked input's name but is not that input: what differs. */
export interface Mismatch {
  want: LinkFile;
  fileId: number;
  why: string;
}

export interface FileMatch {
  /** The loaded file for each of the link's inputs (null: missing). */
  ids: (number | null)[];
  missing: LinkFile[];
  mismatched: Mismatch[];
}

/**
 * Which loaded file each of the link's inputs is: the first not yet taken with the same name,
 * size and content fingerprint (same-named files of several nodes keep their order). A file with
 * the name but another size or content is a mismatch, said with what differs; none: missing.
 */
export function matchFiles(link: readonly LinkFile[], files: readonly FileState[]): FileMatch {
  const taken = new Set<number>();
  const mismatched: Mismatch[] = [];
  const free = (l: LinkFile) => files.filter((x) => !taken.has(x.id) && x.facts.name === l.name);
  const take = (id: number) => {
    taken.add(id);
    return id;
  };
  // Exact matches first, so that a mismatch is only said of a file no input is.
  const ids: (number | null)[] = link.map((l) => {
    const f = free(l).find((x) => x.facts.size === l.size && (!l.hash || !x.facts.contentHash || x.facts.contentHash === l.hash));
    return f ? take(f.id) : null;
  });
  link.forEach((l, i) => {
    if (ids[i] !== null) return;
    const same = free(l);
    const f = same.find((x) => x.facts.size === l.size) ?? same[0];
    if (!f) return;
    ids[i] = take(f.id);
    const why = f.facts.size !== l.size
      ? `its size is ${f.facts.size.toLocaleString('en-US')} bytes, the linked file's was ${l.size.toLocaleString('en-US')}`
      : `same size, but different content (fingerprint ${f.facts.contentHash}, the linked file's ${l.hash})`;
    mismatched.push({ want: l, fileId: f.id, why });
  });
  return { ids, missing: link.filter((_, i) => ids[i] === null), mismatched };
}

/**
 * Applies a link's view to the loaded files: the UI stores now; the files' choices through
 * `setOptions`; the selected line through `select` (it needs the engine's position). Nothing is
 * applied while an input is missing, or mismatched unless `anyway` (the user chose to). Returns
 * the match.
 */
export function applyLinkState(
  s: LinkState, files: readonly FileState[],
  setOptions: (id: number, f: LinkFile) => void, select: (fileId: number, line: number) => void, anyway = false,
): FileMatch {
  const match = matchFiles(s.files, files);
  const { ids } = match;
  if (match.missing.length || (match.mismatched.length && !anyway)) return match;
  s.files.forEach((f, i) => {
    if (f.node || f.timeBase || f.alignment || f.clockMs) setOptions(ids[i]!, f);
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
  useNotes.getState().setAll(s.notes.flatMap((n): { text: string; pin: NotePin }[] => {
    if (n.file !== undefined && n.line !== undefined) {
      const fileId = ids[n.file];
      return fileId == null ? [] : [{ text: n.text, pin: { kind: 'line', fileId, line: n.line, t: n.t, ...(n.event ? { event: n.event } : {}) } }];
    }
    if (n.t === null) return [];
    return [{ text: n.text, pin: n.t1 !== undefined ? { kind: 'range', t0: n.t, t1: n.t1 } : { kind: 'time', t: n.t } }];
  }));
  if (s.selected && ids[s.selected.file] != null) select(ids[s.selected.file]!, s.selected.line);
  return match;
}
