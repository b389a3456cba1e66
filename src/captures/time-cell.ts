// A capture's time cell in whichever form its export wrote it (formats.md C.2.2, C.3): a date
// and a time (ISO with or without a zone, or a locale's `M/D/YYYY h:mm:ss AM`), a bare time of
// day (any locale's day-half marker), Excel's `mm:ss.f` (hour lost), or a number of seconds:
// since 1970 (epoch, UTC) or since the capture began (relative) — told apart by magnitude.
// Exact to the nanosecond: whole ms plus ns within the ms. Pure.

import { MS_PER_MIN } from '../base/civil.ts';
import { parseDatePart, type DateOrder } from './date-part.ts';
import { parseTimeOfDay } from './time-of-day.ts';

export type TimeCell =
  | { form: 'time-of-day'; msOfDay: number; nsInMs: number; digits: number }
  | { form: 'hour-lost'; msOfHour: number; nsInMs: number; digits: number }
  /** `ms`: since 1970 in the file's clock (local), or UTC when `utc`. */
  | { form: 'date-time'; ms: number; nsInMs: number; digits: number; utc: boolean; order: DateOrder; ambiguous: boolean }
  /** Seconds since 1970 (UTC), or since the capture began. */
  | { form: 'epoch' | 'relative'; ms: number; nsInMs: number; digits: number };

/** Seconds at or past this are since 1970 (1973-03-03), below it since the capture began. */
const EPOCH_MIN_SECONDS = 1e8;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SECONDS = /^(-?\d+)(?:[.,](\d{1,9}))?$/;

function fraction(f: string | undefined): { ms: number; ns: number } {
  const ns = f ? Number(f.padEnd(9, '0')) : 0;
  return { ms: Math.floor(ns / 1e6), ns: ns % 1e6 };
}

export function parseTimeCell(raw: string): TimeCell | null {
  const text = raw.trim();
  if (!text) return null;
  const num = SECONDS.exec(text);
  if (num) {
    const s = Number(num[1]);
    const f = fraction(num[2]);
    const neg = num[1].startsWith('-');
    // A negative relative time counts back: the fraction goes with the sign.
    const ms = s * 1000 + (neg ? -f.ms : f.ms);
    return { form: Math.abs(s) >= EPOCH_MIN_SECONDS ? 'epoch' : 'relative', ms, nsInMs: neg ? 0 : f.ns, digits: num[2]?.length ?? 0 };
  }
  const iso = ISO.exec(text);
  if (iso) {
    const t = parseTimeOfDay(iso[4]);
    if (!t.ok) return null;
    let ms = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) + t.msOfDay;
    const z = iso[5];
    if (z && z.toUpperCase() !== 'Z') {
      const sign = z[0] === '-' ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * MS_PER_MIN;
    }
    return { form: 'date-time', ms, nsInMs: t.nsInMs, digits: t.digits, utc: !!z, order: 'ymd', ambiguous: false };
  }
  const date = parseDatePart(text);
  if (date) {
    // The clock follows the date (`7/31/2020 6:55:07 AM`); a marker may stand before it (`上午`).
    const rest = text.replace(/^\S*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\S*\s*/, '');
    const t = parseTimeOfDay(rest || '0:00:00');
    if (!t.ok) return null;
    return { form: 'date-time', ms: date.dayMs + t.msOfDay, nsInMs: t.nsInMs, digits: t.digits, utc: false, order: date.order, ambiguous: date.ambiguous };
  }
  const t = parseTimeOfDay(text);
  if (t.ok) return { form: 'time-of-day', msOfDay: t.msOfDay, nsInMs: t.nsInMs, digits: t.digits };
  if (t.reason === 'hour-lost') return { form: 'hour-lost', msOfHour: t.msOfHour, nsInMs: t.nsInMs, digits: t.digits };
  return null;
}
