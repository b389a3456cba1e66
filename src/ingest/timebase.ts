// Applying a file's time base happens at query and draw time, never at index time,
// so a changed time base never re-indexes.

import { MS_PER_MIN } from '../base/civil.ts';
import type { TimeBase } from './types.ts';

/** Milliseconds to add to a written timestamp to get UTC. */
export function toUtcShift(tb: TimeBase): number {
  const off = tb.base === 'local' && tb.utcOffsetMinutes !== null ? -tb.utcOffsetMinutes * MS_PER_MIN : 0;
  return off + tb.skewMs + (tb.dateMs ?? 0);
}

/**
 * Milliseconds to add to a UTC time to get the node's local wall clock, or NaN when unknown.
 * A log written in local time with an unknown offset still has its local times: as written
 * (its UTC times are then the written ones too, see toUtcShift), so the shift is the skew's undoing.
 */
export function toLocalShift(tb: TimeBase): number {
  if (tb.utcOffsetMinutes === null) return tb.base === 'local' ? -tb.skewMs : NaN;
  return tb.utcOffsetMinutes * MS_PER_MIN;
}

/** Whether UTC times can be derived: a local-time file needs its offset. */
export function utcKnown(tb: TimeBase): boolean {
  return tb.base !== 'local' || tb.utcOffsetMinutes !== null;
}

/** A written time as the file states it, with the date given to times written without one. */
export function writtenWithDate(tb: TimeBase, t: number): number {
  return t + (tb.dateMs ?? 0);
}
