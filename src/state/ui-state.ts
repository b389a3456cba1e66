// UI state only: what the user asked to see and where they are. Engine data lives in
// snapshot-store.ts; nothing here is derived from log content.

import { eventsPanelAtStart, filesPanelAtStart } from './prefs.ts';
import { create } from 'zustand';
import { DEFAULT_EVENT_FILTER, DEFAULT_VIEW, type EventFilter, type FileId, type InputFile, type ViewSpec } from '../engine/api.ts';

export type TimeMode = 'utc' | 'local';

/** The selected row, anchored to its file line so it survives view changes. */
export interface Selection {
  pos: number;
  fileId: FileId;
  line: number;
}

export interface ColumnWidths {
  time: number;
  node: number;
  level: number;
  comp: number;
  tid: number;
}


export type Startup = 'loading-demo' | 'ready';

/** View filters: the engine's ViewSpec minus fileIds, which derive from hiddenFiles and the loaded files. */
export interface UiState extends Omit<ViewSpec, 'fileIds'> {
  hiddenFiles: FileId[];

  // Search: `searchText` is the box, `searchApplied` what the engine searches for.
  searchText: string;
  regex: boolean;
  caseSensitive: boolean;
  searchApplied: string;

  timeMode: TimeMode;
  selected: Selection | null;
  /** Logical first visible row (fractional: sub-row pixel offset = fraction * row height). */
  scrollRow: number;
  /** Rows that fit in the log viewport (fractional), measured by the log view. */
  viewportRows: number;

  panelOpen: boolean;
  /** The events panel (right) is shown. */
  eventsOpen: boolean;
  eventFilter: EventFilter;
  /** The timeline's visible time domain (UTC ms); null = everything. An immutable pair: views derive scales from it. */
  tlDomain: readonly [number, number] | null;
  /** Everything the timeline can show (set when its marks arrive). */
  tlFull: readonly [number, number] | null;
  timelineOpen: boolean;
  /** `fileId:line` of the event last clicked in the events panel. */
  activeEvent: string | null;

  dragging: boolean;
  startup: Startup;
  /** One-line message in the status bar (e.g. "No more hits"); cleared after a while. */
  flash: string | null;
  /** A problem to show above the log (demo not loadable, folder read error), with what the user may do about it. */
  notice: string | { text: string; action: { label: string; run: () => void } } | null;
  /** Files opened while others are loaded, waiting for the user to say add or replace. */
  pendingOpen: InputFile[] | null;
  /** The user's answer to add-or-replace, asked once per tab (null: not asked yet). */
  openChoice: 'add' | 'replace' | null;

  set: (patch: Partial<UiState>) => void;
}

// The view filters start as the engine's defaults (fileIds derives from hiddenFiles).
const { fileIds: _allFiles, ...VIEW_DEFAULTS } = DEFAULT_VIEW;

export const useUi = create<UiState>()((set) => ({
  hiddenFiles: [],
  ...VIEW_DEFAULTS,

  searchText: '',
  regex: false,
  caseSensitive: false,
  searchApplied: '',

  timeMode: 'utc',
  selected: null,
  scrollRow: 0,
  viewportRows: 30,

  panelOpen: filesPanelAtStart(),
  eventsOpen: eventsPanelAtStart(),
  eventFilter: DEFAULT_EVENT_FILTER,
  tlDomain: null,
  tlFull: null,
  timelineOpen: true,
  activeEvent: null,
  dragging: false,
  startup: 'loading-demo',
  flash: null,
  notice: null,
  pendingOpen: null,
  openChoice: null,

  set: (patch) => set(patch),
}));

/** True when any filter narrows the view (used for "reset filters" and status text). */
export function filtersActive(s: UiState): boolean {
  return s.hiddenFiles.length > 0 || s.minLevel > 0 || s.components.length > 0 || s.from !== null || s.to !== null || s.onlyHits;
}
