// Fast timestamp formatting for the cluster.log prefix. Millions of lines are formatted, so
// the date part is cached per day and padding uses lookup tables instead of padStart.

const DAY_MS = 86_400_000;
const PAD2: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

let cachedDay = NaN;
let cachedDate = '';
let cachedDayOfMonth = '';

function setDay(day: number): void {
  const d = new Date(day * DAY_MS);
  cachedDay = day;
  cachedDate = `${d.getUTCFullYear()}/${PAD2[d.getUTCMonth() + 1]}/${PAD2[d.getUTCDate()]}`;
  cachedDayOfMonth = PAD2[d.getUTCDate()];
}

function timeOfDay(msInDay: number): string {
  const h = Math.floor(msInDay / 3_600_000);
  const m = Math.floor(msInDay / 60_000) % 60;
  const s = Math.floor(msInDay / 1000) % 60;
  return `${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[msInDay % 1000]}`;
}

/**
 * `YYYY/MM/DD-HH:MM:SS.mmm` for a wall-clock value expressed as ms since epoch
 * (the fields are read in UTC, so pass local wall-clock values already shifted).
 */
export function formatStamp(wallMs: number): string {
  const ms = Math.floor(wallMs);
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) setDay(day);
  return `${cachedDate}-${timeOfDay(ms - day * DAY_MS)}`;
}

/** NT4 stamp: `DD-HH:MM:SS.mmm` (day of month only). */
export function formatNt4Stamp(wallMs: number): string {
  const ms = Math.floor(wallMs);
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) setDay(day);
  return `${cachedDayOfMonth}-${timeOfDay(ms - day * DAY_MS)}`;
}

/** Lowercase hex, zero-padded to `width` (0 = unpadded). */
export function hexId(n: number, width: number): string {
  const s = n.toString(16);
  return width > 0 ? s.padStart(width, '0') : s;
}

/** `YYYY-MM` of a wall-clock value (what an NT4 reader must be told). */
export function yearMonth(wallMs: number): string {
  const d = new Date(Math.floor(wallMs));
  return `${d.getUTCFullYear()}-${PAD2[d.getUTCMonth() + 1]}`;
}
