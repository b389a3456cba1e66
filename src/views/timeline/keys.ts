// The timeline's keys (Perfetto-style), active while the timeline is shown and never while the
// user types in a field: W/S zoom, A/D pan, F fits, ← / → step through the focused row's
// marks, ? shows the list. One table, read by both the handler and the help overlay.

import { useEffect } from 'react';
import { fitTimeline, panTimeline, zoomTimeline } from '../../state/timeline-nav.ts';
import { useTimelineUi } from '../../state/timeline-state.ts';

export interface KeyBinding {
  keys: string[];
  what: string;
  run?: (e: KeyboardEvent) => void;
}

export const TIMELINE_KEYS: KeyBinding[] = [
  { keys: ['W', 'S'], what: 'zoom in / out around the pointer (the centre without one)' },
  { keys: ['A', 'D'], what: 'pan earlier / later' },
  { keys: ['F'], what: 'fit the time range selected for the raw log, or everything' },
  { keys: ['←', '→'], what: 'previous / next mark of the focused row (click a row or a mark to focus it); its line opens in the raw log' },
  { keys: ['Ctrl+C'], what: 'copy the selected raw-log line, whole (prefix included), when no text is marked' },
  { keys: ['?'], what: 'show or hide this list' },
  { keys: ['Esc'], what: 'close this list; clear the raw-log selection' },
];

export const POINTER_HELP: Array<[string, string]> = [
  ['ctrl + wheel', 'zoom around the pointer'],
  ['wheel, horizontal wheel', 'pan in time'],
  ['shift + wheel', 'scroll the lanes up and down'],
  ['drag', 'select a time range: it filters the raw log (F fits it)'],
  ['shift + drag', 'pan'],
  ['click a mark', 'select it: its line opens in the raw log, highlighted'],
  ['drag the overview', 'move or resize the visible range'],
  ['lane header', '▾ collapse · ↑ ↓ reorder · × hide'],
];

function isTyping(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || t.isContentEditable;
}

/** Where zoom keys pivot: the pointer's fraction of the canvas width while it is over it. */
export const pointerAt = { fraction: null as number | null };

export function useTimelineKeys(step: (dir: 1 | -1) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const at = pointerAt.fraction ?? 0.5;
      switch (e.key) {
        case 'w': case 'W': zoomTimeline(0.7, at); break;
        case 's': case 'S': zoomTimeline(1 / 0.7, at); break;
        case 'a': case 'A': panTimeline(-0.2); break;
        case 'd': case 'D': panTimeline(0.2); break;
        case 'f': case 'F': fitTimeline(); break;
        case 'ArrowLeft': step(-1); break;
        case 'ArrowRight': step(1); break;
        case '?': useTimelineUi.getState().set({ helpOpen: !useTimelineUi.getState().helpOpen }); break;
        case 'Escape':
          if (!useTimelineUi.getState().helpOpen) return;
          useTimelineUi.getState().set({ helpOpen: false });
          e.stopImmediatePropagation();
          break;
        default: return;
      }
      e.preventDefault();
    };
    // Capture: Esc closes the list before the app clears the selection.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [step]);
}
