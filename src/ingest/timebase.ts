// Applying a file's time base happens at query and draw time, never at index time,
// so a changed time base never re-indexes.

import { MS_PER_MIN } from '../base/civil.ts';
import type { TimeBase } from './types.ts';

/** Milliseconds to add to a written timestamp to get UTC. */
export function toUtcShift(tb: TimeBase): number {
  const off = tb.base === 'local' && tb.utcOffsetMinutes !== null ? -tb.utcOffsetMinutes * MS_PER_MIN : 0;
  return off + tb.skewMs;
}

/** Milliseconds to add to a UTC time to get the node's local wall clock, or NaN when unknown. */
export function toLocalShift(tb: TimeBase): number {
  return tb.utcOffsetMinutes === null ? NaN : tb.utcOffsetMinutes * MS_PER_MIN;
}

/** Whether UTC times can be derived: a local-time file needs its offset. */
export function utcKnown(tb: TimeBase): boolean {
  return tb.base !== 'local' || tb.utcOffsetMinutes !== null;
}
