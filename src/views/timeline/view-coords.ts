// Time and x: the visible domain (View) with its coordinates, and the whole-pixel columns of
// the frame being painted (set by paint() once per frame, read by the row painters).

export interface View {
  /** Visible time domain (UTC ms). */
  t0: number;
  t1: number;
  width: number;
}

export const xOf = (v: View, t: number): number => ((t - v.t0) / (v.t1 - v.t0)) * v.width;
export const tOf = (v: View, x: number): number => v.t0 + (x / v.width) * (v.t1 - v.t0);

/**
 * The frame's horizontal scale: a time's column is t * SCALE - ORIGIN, ORIGIN a whole number of
 * columns of absolute time. A difference of two doubles this close is exact, so a time's column
 * moves by exactly the change of ORIGIN when the view pans (paint reuses the last frame then).
 */
export let SCALE = 1;
export let ORIGIN = 0;
export const colOf = (t: number): number => t * SCALE - ORIGIN;

/** Called by paint() at the start of a frame. */
export function setFrameColumns(scale: number, origin: number): void {
  SCALE = scale;
  ORIGIN = origin;
}
