// Log levels as small integers so they fit a Uint8Array column.
// Ordered by severity so that "minimum level" filters are a single comparison.

export const Level = {
  /** No level word on the line (Windows 2000, some 2003 lines, continuation text). */
  None: 0,
  DBG: 1,
  INFO: 2,
  WARN: 3,
  ERR: 4,
  /** Never observed in real logs (formats.md A.7 marks it [U]); kept so it can be shown if it appears. */
  CRIT: 5,
  /** A padded level word we do not know; the word itself is reported as a warning. */
  Unknown: 6,
} as const;
export type Level = (typeof Level)[keyof typeof Level];

export const LEVEL_NAMES: readonly string[] = ['', 'DBG', 'INFO', 'WARN', 'ERR', 'CRIT', '?'];

/** Severity rank used by the minimum-level filter; lines without a level rank as INFO. */
export function severityRank(level: number): number {
  if (level === Level.None || level === Level.Unknown) return Level.INFO;
  return level;
}

export function levelFromName(name: string): Level | undefined {
  switch (name.toUpperCase()) {
    case 'DBG': case 'DEBUG': return Level.DBG;
    case 'INFO': return Level.INFO;
    case 'WARN': case 'WARNING': return Level.WARN;
    case 'ERR': case 'ERROR': return Level.ERR;
    case 'CRIT': case 'CRITICAL': return Level.CRIT;
    default: return undefined;
  }
}

/** Severity rank of a level byte: the derived severity (high nibble) wins over the written level. */
export function severityOf(levelByte: number): number {
  const derived = levelByte >> 4;
  const v = derived || levelByte & 15;
  return v === Level.None || v === Level.Unknown ? Level.INFO : v;
}
