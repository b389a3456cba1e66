// Times of day as capture exports write them (formats.md C.1.4, C.2.2, C.3): 24-hour with a '.' or
// ',' decimal mark, 12-hour with a day-half marker before or after the time in any locale of
// DAY_HALF_MARKERS, 0 to 9 fraction digits. The value is kept exact: milliseconds of the day plus
// nanoseconds within the millisecond, since a float64 of ms since 1970 cannot hold 100 ns.
// The Excel re-saved form `mm:ss.f` (the hour is lost) is recognized and reported as such.

import { DAY_HALF_MARKERS, type DayHalfMarker } from '../formats/captures.ts';

export const DAY_MS = 86_400_000;

/** A time of day, exact to the nanosecond. */
export interface TimeOfDay {
  /** Whole milliseconds since midnight, 0 .. 86 399 999. */
  readonly msOfDay: number;
  /** Nanoseconds within that millisecond, 0 .. 999 999. */
  readonly nsInMs: number;
  /** Fraction digits as written (Procmon writes 7: 100 ns). */
  readonly digits: number;
}

export type TimeOfDayResult =
  | ({ readonly ok: true; readonly marker: DayHalfMarker | null } & TimeOfDay)
  // The hour was dropped (Excel's `mm:ss.f`): what is left, so that the user can give the hour.
  | { readonly ok: false; readonly reason: 'hour-lost'; readonly msOfHour: number; readonly nsInMs: number; readonly digits: number }
  | { readonly ok: false; readonly reason: 'unrecognized' | 'out-of-range' };

const CLOCK = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;
const HOUR_LOST = /^(\d{1,2}):(\d{2})[.,](\d{1,7})$/;

/** Splits a day-half marker off either end of the text (whole words only). */
function splitMarker(text: string): { clock: string; marker: DayHalfMarker | null } {
  for (const m of DAY_HALF_MARKERS) {
    if (m.where === 'before' ? text.startsWith(m.text) : endsWithCaseless(text, m.text)) {
      const clock = (m.where === 'before' ? text.slice(m.text.length) : text.slice(0, text.length - m.text.length)).trim();
      return { clock, marker: m };
    }
  }
  return { clock: text, marker: null };
}

function endsWithCaseless(text: string, tail: string): boolean {
  return text.length > tail.length && text.slice(-tail.length).toLowerCase() === tail.toLowerCase();
}

/** Nanoseconds of a fraction written with `digits` digits (1 to 9). */
function fractionNs(f: string | undefined): number {
  return f ? Number(f.padEnd(9, '0')) : 0;
}

export function parseTimeOfDay(raw: string): TimeOfDayResult {
  const text = raw.trim();
  const { clock, marker } = splitMarker(text);
  const m = CLOCK.exec(clock);
  if (!m) {
    const lost = marker ? null : HOUR_LOST.exec(clock);
    if (lost) {
      const mi = Number(lost[1]);
      const s = Number(lost[2]);
      if (mi > 59 || s > 59) return { ok: false, reason: 'out-of-range' };
      const ns = fractionNs(lost[3]);
      return { ok: false, reason: 'hour-lost', msOfHour: (mi * 60 + s) * 1000 + Math.floor(ns / 1e6), nsInMs: ns % 1e6, digits: lost[3].length };
    }
    return { ok: false, reason: 'unrecognized' };
  }
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3]);
  if (mi > 59 || s > 59) return { ok: false, reason: 'out-of-range' };
  if (marker) {
    // 12 AM is midnight, 12 PM is noon.
    if (h < 1 || h > 12) return { ok: false, reason: 'out-of-range' };
    h = (h % 12) + (marker.half === 'pm' ? 12 : 0);
  } else if (h > 23) return { ok: false, reason: 'out-of-range' };
  const ns = fractionNs(m[4]);
  return { ok: true, marker, msOfDay: ((h * 60 + mi) * 60 + s) * 1000 + Math.floor(ns / 1e6), nsInMs: ns % 1e6, digits: m[4]?.length ?? 0 };
}

/** `HH:MM:SS.fffffff` with `digits` fraction digits (the row view shows Procmon's 7). */
export function formatTimeOfDay(t: TimeOfDay, digits = t.digits): string {
  const sec = Math.floor(t.msOfDay / 1000);
  const hms = [Math.floor(sec / 3600), Math.floor(sec / 60) % 60, sec % 60].map((v) => String(v).padStart(2, '0')).join(':');
  if (digits <= 0) return hms;
  const ns = (t.msOfDay % 1000) * 1e6 + t.nsInMs;
  return `${hms}.${String(ns).padStart(9, '0').slice(0, digits)}`;
}

/**
 * Dates for rows that carry only a time of day (formats.md C.1.4 rule 3): rows come in file
 * order, which is chronological but for small out-of-order completions, so a step back of more
 * than 12 hours is a midnight roll-over and moves to the next day.
 */
export class DayRoller {
  private day: number;
  private last = -1;
  rollovers = 0;

  /**
   * `startDayMs`: the first row's date, as ms since 1970 at its midnight (in the file's own clock).
   * `periodMs`: what the written times count within (a day; an hour for Excel's `mm:ss.f`).
   */
  constructor(startDayMs: number, private readonly periodMs = DAY_MS) {
    this.day = startDayMs;
  }

  /** The row's instant in the file's clock, whole ms (its nsInMs stays with the row). */
  at(msOfDay: number): number {
    if (this.last >= 0 && msOfDay < this.last - this.periodMs / 2) {
      this.day += this.periodMs;
      this.rollovers++;
    }
    this.last = msOfDay;
    return this.day + msOfDay;
  }
}

/** What parseClockFast writes (one object reused: no allocation per row). */
export interface ClockOut {
  msOfDay: number;
  nsInMs: number;
  digits: number;
}

/**
 * The common time-of-day forms of a capture's millions of rows, read from character codes:
 * `H:MM:SS[.f…]` with a '.' or ',' fraction, optionally ` AM` / ` PM`. Anything else (other
 * markers, other shapes, out of range) returns false, and parseTimeOfDay reads it.
 */
export function parseClockFast(t: string, out: ClockOut): boolean {
  const n = t.length;
  let i = 0;
  let h = 0;
  let c = t.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  h = c - 48;
  c = t.charCodeAt(1);
  if (c >= 48 && c <= 57) {
    h = h * 10 + c - 48;
    i = 2;
  } else i = 1;
  if (t.charCodeAt(i) !== 58) return false;
  const m1 = t.charCodeAt(i + 1) - 48, m2 = t.charCodeAt(i + 2) - 48;
  if (!(m1 >= 0 && m1 <= 5 && m2 >= 0 && m2 <= 9) || t.charCodeAt(i + 3) !== 58) return false;
  const s1 = t.charCodeAt(i + 4) - 48, s2 = t.charCodeAt(i + 5) - 48;
  if (!(s1 >= 0 && s1 <= 5 && s2 >= 0 && s2 <= 9)) return false;
  i += 6;
  let ns = 0;
  let digits = 0;
  c = t.charCodeAt(i);
  if (c === 46 || c === 44) {
    i++;
    let scale = 100_000_000;
    for (; i < n; i++) {
      const d = t.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (digits < 9) ns += d * scale;
      scale = scale / 10;
      digits++;
    }
    if (digits === 0 || digits > 9) return false;
  }
  if (i < n) {
    // ` AM` / ` PM` exactly; any other tail goes to the full reader.
    if (n - i !== 3 || t.charCodeAt(i) !== 32 || t.charCodeAt(i + 2) !== 77) return false;
    const a = t.charCodeAt(i + 1);
    if (h < 1 || h > 12) return false;
    if (a === 65) h = h % 12;
    else if (a === 80) h = (h % 12) + 12;
    else return false;
  } else if (h > 23) return false;
  const whole = ((h * 60 + m1 * 10 + m2) * 60 + s1 * 10 + s2) * 1000;
  out.msOfDay = whole + Math.floor(ns / 1e6);
  out.nsInMs = ns % 1e6;
  out.digits = digits;
  return true;
}
