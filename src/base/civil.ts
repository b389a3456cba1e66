// Calendar arithmetic without Date objects: cluster.log timestamps are wall-clock
// fields, stored as "milliseconds since 1970 as written" (no zone applied).

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export const MS_PER_DAY = 86_400_000;
export const MS_PER_MIN = 60_000;

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** ISO-8601 with milliseconds and a Z, for a ms-since-epoch value already in UTC. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** `YYYY-MM-DD HH:MM:SS.mmm` of a ms value, without zone conversion (the value is shown as is). */
export function formatWall(ms: number, withDate = true): string {
  const d = new Date(ms);
  const t = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
  if (!withDate) return t;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${t}`;
}

/** Format a UTC offset in minutes (local minus UTC) as `+HH:MM` / `-HH:MM`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
}

/** Parse `+HH:MM`, `-HH:MM`, `+HHMM`, `Z` or a plain number of minutes. */
export function parseOffset(text: string): number | undefined {
  const t = text.trim();
  if (t === 'Z' || t === 'z') return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})$/.exec(t);
  if (m) {
    const v = Number(m[2]) * 60 + Number(m[3]);
    return m[1] === '-' ? -v : v;
  }
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  return undefined;
}

/**
 * Parse an ISO-like time given on a command line or in a filter box.
 * Times without a zone are UTC. Returns ms since epoch or undefined.
 */
export function parseIsoTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  let v = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) * MS_PER_DAY +
    Number(m[4] ?? 0) * 3_600_000 + Number(m[5] ?? 0) * 60_000 + Number(m[6] ?? 0) * 1000 + ms;
  if (m[8]) {
    const off = parseOffset(m[8]);
    if (off === undefined) return undefined;
    v -= off * MS_PER_MIN;
  }
  return v;
}
