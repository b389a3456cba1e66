// The date of a capture's date-and-time cell (Procmon's `Date & Time`: `7/31/2020 6:55:07 AM`;
// an event export's `05-07-2024 14:53:21`). Which number is the day depends on the exporting
// machine's locale, which the file does not state (formats.md C.1.4): year first is ISO; with
// '/' the US month-first order unless the first number cannot be a month; with '.' or '-' the
// day-first order unless the second cannot be a month. The order used is reported, never hidden.

import { daysFromCivil, MS_PER_DAY } from '../base/civil.ts';

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

export interface DatePart {
  /** ms since 1970 of the date's midnight (no zone: the clock the file writes). */
  dayMs: number;
  order: DateOrder;
  /** Whether the other order would also have read as a date (the card says the order is assumed). */
  ambiguous: boolean;
}

const DATE = /(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})/;

export function parseDatePart(text: string): DatePart | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [a, sep, b, c] = [Number(m[1]), m[2], Number(m[3]), Number(m[4])];
  if (m[1].length === 4) return make(a, b, c, 'ymd', false);
  if (m[4].length !== 4) return null;
  if (sep === '/') {
    if (a > 12) return make(c, b, a, 'dmy', false);
    return make(c, a, b, 'mdy', b <= 12 && a !== b);
  }
  if (b > 12) return make(c, a, b, 'mdy', false);
  return make(c, b, a, 'dmy', a <= 12 && a !== b);
}

function make(y: number, mo: number, d: number, order: DateOrder, ambiguous: boolean): DatePart | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { dayMs: daysFromCivil(y, mo, d) * MS_PER_DAY, order, ambiguous };
}
