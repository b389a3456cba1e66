// Display formatting shared by the views. Pure functions; no log parsing.

import { catastrophicShape } from '../store/regex-risk.ts';
import { formatBytes } from '../base/bytes.ts';
import type { SearchSpec } from '../engine/api.ts';
import type { DialectId } from '../ingest/types.ts';
import { formatOffset, formatWall } from '../base/civil.ts';
import { LEVEL_NAMES } from '../base/levels.ts';

const nf = new Intl.NumberFormat('en-US');

export function fmtInt(n: number): string {
  return nf.format(n);
}

export function fmtTime(ms: number): string {
  return Number.isFinite(ms) ? formatWall(ms) : '';
}

/** The time of day only (HH:MM:SS.mmm). */
export function fmtClock(ms: number): string {
  return Number.isFinite(ms) ? formatWall(ms, false) : '';
}

export const fmtBytes = formatBytes;

export function fmtRate(bytesPerSec: number): string {
  return `${(bytesPerSec / 1024 / 1024).toFixed(1)} MB/s`;
}

export function fmtMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** `0b50.0810` like the log (a capture's decimal `3352.44`); blank when the line has no PID/TID. */
export function fmtPidTid(pid: number, tid: number, radix: 10 | 16 = 16): string {
  if (pid < 0 && tid < 0) return '';
  const n = (v: number) => (v < 0 ? '' : radix === 16 ? hex4(v) : String(v));
  return `${n(pid)}.${radix === 10 && tid < 0 ? '' : n(tid)}`.replace(/\.$/, radix === 10 ? '' : '.');
}

/** The digits past the ms of a time written finer (Procmon's 100 ns: `0001` of .9000001), or ''. */
export function fmtSubMs(nsInMs: number, digits = 4): string {
  return nsInMs >= 0 ? String(nsInMs).padStart(6, '0').slice(0, digits) : '';
}

export function levelName(level: number): string {
  return LEVEL_NAMES[level] ?? '?';
}

/** CSS class suffix for a level/severity value. */
export function levelClass(level: number): string {
  switch (level) {
    case 1: return 'dbg';
    case 2: return 'info';
    case 3: return 'warn';
    case 4: return 'err';
    case 5: return 'crit';
    case 6: return 'unk';
    default: return 'none';
  }
}

export function fmtOffset(minutes: number | null): string {
  return minutes === null ? 'offset unknown' : formatOffset(minutes);
}

export const DIALECT_LABELS: Record<DialectId, string> = {
  w2016: 'Windows 2016–2022',
  w2008: 'Windows 2008–2012 R2',
  w2003: 'Windows Server 2003',
  w2000: 'Windows 2000',
  nt4: 'NT 4.0',
  unknown: 'Unknown format',
};
export const DIALECT_ORDER: DialectId[] = ['w2016', 'w2008', 'w2003', 'w2000', 'nt4', 'unknown'];

export const CODE_PAGES = ['windows-1252', 'windows-1250', 'windows-1251', 'iso-8859-1', 'shift_jis', 'gbk', 'big5', 'euc-kr'];

/**
 * Global regex for highlighting a search in visible rows; null when there is nothing to mark,
 * or when the pattern's shape can take exponential time (the search refuses it too: nothing can
 * stop a RegExp once it runs, and this one would run on the page's own thread).
 */
export function searchMatcher(spec: SearchSpec | null): RegExp | null {
  if (!spec || !spec.text) return null;
  if (spec.regex && catastrophicShape(spec.text, spec.caseSensitive ? 'u' : 'iu')) return null;
  const src = spec.regex ? spec.text : spec.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(src, spec.caseSensitive ? 'gu' : 'giu');
  } catch {
    return null;
  }
}

/** Highlighting looks at most this much of a row (a screen's width many times over). */
export const HIGHLIGHT_CHARS = 4096;
/** A pattern that has spent this long highlighting rows highlights no more (the search goes on). */
export const HIGHLIGHT_BUDGET_MS = 150;
const spent = new WeakMap<RegExp, number>();
let onBudget: ((re: RegExp) => void) | null = null;

/** Called once for a pattern when it runs out of highlighting time (to say so). */
export function onHighlightBudget(cb: ((re: RegExp) => void) | null): void {
  onBudget = cb;
}

export function highlightSpent(re: RegExp): number {
  return spent.get(re) ?? 0;
}

/** Split text into [plain, match, plain, match, ...] pieces (even index = plain). */
export function splitMatches(text: string, re: RegExp | null, maxMatches = 200): string[] {
  if (!re || !text) return [text];
  const used = spent.get(re) ?? 0;
  if (used > HIGHLIGHT_BUDGET_MS) return [text];
  const t0 = performance.now();
  const subject = text.length > HIGHLIGHT_CHARS ? text.slice(0, HIGHLIGHT_CHARS) : text;
  const out: string[] = [];
  re.lastIndex = 0;
  let last = 0;
  let count = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(subject)) !== null && count < maxMatches) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    out.push(text.slice(last, m.index), m[0]);
    last = m.index + m[0].length;
    count++;
  }
  out.push(text.slice(last));
  const total = used + performance.now() - t0;
  spent.set(re, total);
  if (total > HIGHLIGHT_BUDGET_MS && used <= HIGHLIGHT_BUDGET_MS) onBudget?.(re);
  return out;
}

/**
 * The time a row shows in a time mode: UTC, or the node's local time; where that node's local
 * time is not known (a UTC log whose offset nobody gave), the time as the file writes it, marked,
 * so that a time is never left out.
 */
export function shownTime(mode: 'utc' | 'local', utcMs: number, localMs: number, writtenMs: number): { t: number; asWritten: boolean } {
  if (mode === 'utc' || Number.isFinite(localMs)) return { t: mode === 'utc' ? utcMs : localMs, asWritten: false };
  return { t: writtenMs, asWritten: Number.isFinite(writtenMs) };
}

export const AS_WRITTEN_TIP = 'As the file writes it (UTC): this node\u2019s UTC offset is unknown, so its local time is not known. Set the offset on its card.';
