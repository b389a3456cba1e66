// Preferences the browser remembers between visits: how the user laid the window out (the
// timeline's height, the legend shown or not). Nothing here comes from log content, so it may
// live in localStorage; a view to share (time window, filters, ...) belongs in the permalink.
// Storage can be missing, full or blocked (private windows, file://, policies): every read and
// write is tolerant, and the app then simply forgets between visits.

import { create } from 'zustand';

export interface Prefs {
  /** The timeline's height in CSS pixels, null for the default (a share of the window). */
  timelineHeight: number | null;
  /** The legend under the timeline (hiding it leaves more room for the lanes). */
  legendShown: boolean;
}

export const PREFS_KEY = 'clusterlens.prefs.v1';
export const DEFAULT_PREFS: Prefs = { timelineHeight: null, legendShown: true };

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
  return {
    timelineHeight: typeof h === 'number' && Number.isFinite(h) && h > 0 ? Math.round(h) : null,
    legendShown: typeof o.legendShown === 'boolean' ? o.legendShown : DEFAULT_PREFS.legendShown,
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
    const { timelineHeight, legendShown } = get();
    save({ timelineHeight, legendShown });
  },
}));
