// Preferences the browser remembers between visits: how the user laid the window out (the
// timeline's height, the legend shown or not). Nothing here comes from log content, so it may
// live in localStorage; a view to share (time window, filters, ...) belongs in the permalink.
// Storage can be missing, full or blocked (private windows, file://, policies): every read and
// write is tolerant, and the app then simply forgets between visits.

import { create } from 'zustand';

type ColumnKey = 'time' | 'node' | 'level' | 'comp' | 'tid';
const COLUMN_KEYS: readonly ColumnKey[] = ['time', 'node', 'level', 'comp', 'tid'];

export interface Prefs {
  /** The timeline's height in CSS pixels, null for the default (a share of the window). */
  timelineHeight: number | null;
  /** The legend under the timeline (hiding it leaves more room for the lanes); null: shown where the window is tall enough. */
  legendShown: boolean | null;
  /** The side panels, as the user left them; null: open where the window is wide enough. */
  filesPanel: boolean | null;
  eventsPanel: boolean | null;
  /** Raw-log column widths the user dragged (px), and the columns the user hid or asked to keep. */
  columnWidths: Partial<Record<ColumnKey, number>>;
  hiddenColumns: ColumnKey[];
  shownColumns: ColumnKey[];
  /** Long raw-log lines wrap (rows three lines tall). */
  wrapLines: boolean;
  /** The events panel's "What happened" section is open (null: open). */
  insightsOpen: boolean | null;
}

export const PREFS_KEY = 'clusterlens.prefs.v1';
export const DEFAULT_PREFS: Prefs = {
  timelineHeight: null, legendShown: null, filesPanel: null, eventsPanel: null, columnWidths: {}, hiddenColumns: [], shownColumns: [], wrapLines: false, insightsOpen: null,
};

/** Under these window sizes the panels and the legend start folded (the log and the lanes need the room). */
export const AUTO_FILES_PANEL_MIN_WIDTH = 1500;
export const AUTO_EVENTS_PANEL_MIN_WIDTH = 1200;
export const AUTO_LEGEND_MIN_HEIGHT = 900;

const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const keys = (v: unknown): ColumnKey[] => (Array.isArray(v) ? v.filter((k): k is ColumnKey => COLUMN_KEYS.includes(k as ColumnKey)) : []);

/** The stored text parsed and checked field by field: a bad or foreign value falls back to its default. */
export function parsePrefs(text: string | null): Prefs {
  let raw: unknown = null;
  try {
    raw = text ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const h = o.timelineHeight;
  const widths: Partial<Record<ColumnKey, number>> = {};
  const cw = o.columnWidths && typeof o.columnWidths === 'object' ? (o.columnWidths as Record<string, unknown>) : {};
  for (const k of COLUMN_KEYS) {
    const w = cw[k];
    if (typeof w === 'number' && Number.isFinite(w) && w >= 24 && w <= 600) widths[k] = Math.round(w);
  }
  return {
    timelineHeight: typeof h === 'number' && Number.isFinite(h) && h > 0 ? Math.round(h) : null,
    legendShown: bool(o.legendShown),
    filesPanel: bool(o.filesPanel),
    eventsPanel: bool(o.eventsPanel),
    columnWidths: widths,
    hiddenColumns: keys(o.hiddenColumns),
    shownColumns: keys(o.shownColumns),
    wrapLines: o.wrapLines === true,
    insightsOpen: bool(o.insightsOpen),
  };
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function load(): Prefs {
  try {
    return parsePrefs(storage()?.getItem(PREFS_KEY) ?? null);
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

function save(p: Prefs): void {
  try {
    storage()?.setItem(PREFS_KEY, JSON.stringify(p));
  } catch {
    // Full or blocked storage: the preference holds for this visit only.
  }
}

interface PrefsStore extends Prefs {
  /** `remember: false` while a drag is under way: stored once, when it ends. */
  set: (patch: Partial<Prefs>, remember?: boolean) => void;
}

export const usePrefs = create<PrefsStore>()((set, get) => ({
  ...load(),
  set: (patch, remember = true) => {
    set(patch);
    if (!remember) return;
    const { timelineHeight, legendShown, filesPanel, eventsPanel, columnWidths, hiddenColumns, shownColumns, wrapLines, insightsOpen } = get();
    save({ timelineHeight, legendShown, filesPanel, eventsPanel, columnWidths, hiddenColumns, shownColumns, wrapLines, insightsOpen });
  },
}));

/** Whether the window is at least this wide / tall (true where there is no window: tests, workers). */
const windowAtLeast = (w: number, h = 0): boolean => typeof window === 'undefined' || (window.innerWidth >= w && window.innerHeight >= h);

/** The legend's state: the user's choice, else shown where the window is tall enough. */
export const legendShownOf = (p: Prefs): boolean => p.legendShown ?? windowAtLeast(0, AUTO_LEGEND_MIN_HEIGHT);
/** The side panels at start: the user's choice, else open where the window is wide enough. */
export const filesPanelAtStart = (): boolean => usePrefs.getState().filesPanel ?? windowAtLeast(AUTO_FILES_PANEL_MIN_WIDTH);
export const eventsPanelAtStart = (): boolean => usePrefs.getState().eventsPanel ?? windowAtLeast(AUTO_EVENTS_PANEL_MIN_WIDTH);
