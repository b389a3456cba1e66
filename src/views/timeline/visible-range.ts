// Which marks of a row are in view: marks come sorted by (row, t0), and a running maximum of
// t1 per row (endMax) lets a binary search find the first span that reaches into the view.

import type { TimelineMarks } from '../../timeline/marks.ts';
import type { View } from './view-coords.ts';

/** For each sorted position, the running max of t1 within its row. */
export function endMaxOf(m: TimelineMarks): Float64Array {
  const out = new Float64Array(m.length);
  for (let r = 0; r < m.rows.length; r++) {
    let mx = -Infinity;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      if (m.t1[k] > mx) mx = m.t1[k];
      out[k] = mx;
    }
  }
  return out;
}

/** First position in [a, b) whose value is >= t (values ascending). */
export function lowerBound(arr: Float64Array, a: number, b: number, t: number): number {
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (arr[mid] < t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** First position in [a, b) whose t0 is > t. */
function upperBound(arr: Float64Array, a: number, b: number, t: number): number {
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (arr[mid] <= t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** Visible positions [k0, k1) of row r. */
export function visibleRange(m: TimelineMarks, endMax: Float64Array, r: number, v: View): [number, number] {
  const a = m.rowStart[r];
  const b = m.rowStart[r + 1];
  return [lowerBound(endMax, a, b, v.t0), upperBound(m.t0, a, b, v.t1)];
}
