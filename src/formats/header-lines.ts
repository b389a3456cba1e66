// Header lines of the `[=== Cluster ===]` section (2016+) and the other in-file
// time-base hints (formats.md A.3, A.6.2, A.8). Each recognizer carries an example.

export interface HeaderFacts {
  build?: string;
  /** Local minus UTC, minutes (ISO sign). */
  utcOffsetMinutes?: number;
  localTime?: boolean;
  generatedUsing?: string;
  currentNode?: { name: string; id: number };
}

export interface HeaderRule {
  id: string;
  re: RegExp;
  apply(m: RegExpExecArray, into: HeaderFacts): void;
  example: string;
  verified: 'V' | 'V-doc' | 'I' | 'U';
}

export const HEADER_RULES: HeaderRule[] = [
  {
    id: 'build',
    re: /^Build Number (\d+)\s*$/,
    apply: (m, f) => { f.build = m[1]; },
    example: 'Build Number 17763',
    verified: 'I',
  },
  {
    id: 'tz-offset',
    // "UTC = localtime + time zone offset": the number is what to ADD to local time to get UTC,
    // so utcOffsetMinutes (local minus UTC) is its negation: 420 (US Pacific daylight) -> -420.
    re: /^UTC = localtime \+ time zone offset;.*?the time zone offset of this machine is (-?\d+) minutes/,
    apply: (m, f) => { f.utcOffsetMinutes = -Number(m[1]) || 0; },
    example: 'UTC = localtime + time zone offset; the time zone offset of this machine is 420 minutes, or 7 hours',
    verified: 'V',
  },
  {
    id: 'generated-using',
    re: /^The logs were generated using (.*[^.\s])\.?\s*$/,
    apply: (m, f) => {
      f.generatedUsing = m[1];
      f.localTime = /local/i.test(m[1]);
    },
    example: 'The logs were generated using local time',
    verified: 'V',
  },
  {
    id: 'current-node',
    re: /^Current node: name \((.+)\) id \((\d+)\)\s*$/,
    apply: (m, f) => { f.currentNode = { name: m[1], id: Number(m[2]) }; },
    example: 'Current node: name (ze-2016-v1) id (2)',
    verified: 'V',
  },
];

export function applyHeaderLine(text: string, into: HeaderFacts): boolean {
  const t = text.trim();
  for (const r of HEADER_RULES) {
    const m = r.re.exec(t);
    if (m) {
      r.apply(m, into);
      return true;
    }
  }
  return false;
}

/** WS2003: `INFO Local Time is 2002/06/08-15:49:47.375` logged right before `[CS] Service Starting...`. */
export const RE_LOCAL_TIME_IS = /^Local Time is (\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2}):(\d{2})\.(\d{3})/;
export const LOCAL_TIME_IS_EXAMPLE = 'Local Time is 2002/06/08-15:49:47.375';
