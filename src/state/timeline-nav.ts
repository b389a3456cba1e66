// Timeline navigation on the UI state (keys W/S/A/D, wheel, fit): each step replaces the
// domain pair; the view derives its scale from it.

import { useUi } from './ui-state.ts';

/** The smallest span the timeline zooms to (ms). */
export const MIN_SPAN = 5;

export function currentDomain(): readonly [number, number] | null {
  const ui = useUi.getState();
  return ui.tlDomain ?? ui.tlFull;
}

/** Zoom by `factor` (< 1 zooms in) around the time at fraction `at` of the width. */
export function zoomTimeline(factor: number, at = 0.5): void {
  const d = currentDomain();
  if (!d) return;
  const span = Math.max(MIN_SPAN, (d[1] - d[0]) * factor);
  const pivot = d[0] + (d[1] - d[0]) * at;
  setDomain([pivot - span * at, pivot + span * (1 - at)]);
}

/** Pan by a fraction of the visible span (negative = earlier). */
export function panTimeline(fraction: number): void {
  const d = currentDomain();
  if (!d) return;
  const dt = (d[1] - d[0]) * fraction;
  setDomain([d[0] + dt, d[1] + dt]);
}

export function setDomain(d: readonly [number, number] | null): void {
  const full = useUi.getState().tlFull;
  if (d && full) {
    // Keep some of the data on screen.
    const span = d[1] - d[0];
    const pad = (full[1] - full[0]) * 0.5 + span;
    const a = Math.min(Math.max(d[0], full[0] - pad), full[1] + pad - span);
    d = [a, a + span];
  }
  useUi.getState().set({ tlDomain: d });
}

/** Fit the raw view's time selection when there is one, else everything. */
export function fitTimeline(): void {
  const ui = useUi.getState();
  if (ui.from !== null && ui.to !== null && ui.to > ui.from) setDomain([ui.from, ui.to]);
  else useUi.getState().set({ tlDomain: null });
}
