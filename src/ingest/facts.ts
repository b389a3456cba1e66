// Once a file is read: decide its node, its time base and the warnings that
// a person should see on its card.

import { daysFromCivil, formatOffset, MS_PER_DAY } from '../base/civil.ts';
import { describeFirstTime, type Sniffed } from '../captures/sniff.ts';
import { DIALECTS } from '../formats/dialects.ts';
import type { HeaderFacts } from '../formats/header-lines.ts';
import { nodeFromFileName, nodeFromFolder } from '../formats/node-evidence.ts';
import type { FileFacts, IndexOptions, NodeEvidence } from './types.ts';

export const NO_NODE_WARNING = 'No node name found (no Current node header, node folder, <node>_cluster.log name or in-file evidence); set it on the card.';

export const NO_ZONE_WARNING = 'A 2008–2012 R2 log does not say whether it was written in UTC (the Get-ClusterLog default) or local time (-UseLocalTime): UTC is assumed; change it on the card if needed.';

export const NO_OFFSET_WARNING = 'The header says the log is in local time but gives no time zone offset: set the offset on the card.';

/**
 * Takes back the warnings whose cause is gone: a node named (by the user or a guess), a time
 * base chosen by the user, an offset given. A card never keeps a warning the user resolved.
 */
export function dropResolvedWarnings(f: FileFacts): void {
  const gone = (w: string) =>
    (w === NO_NODE_WARNING && f.node !== null) ||
    (w === NO_ZONE_WARNING && f.timeBase.source !== 'dialect') ||
    (w === NO_OFFSET_WARNING && f.timeBase.utcOffsetMinutes !== null);
  if (f.warnings.some(gone)) f.warnings = f.warnings.filter((w) => !gone(w));
}

export interface FinalizeContext {
  opts: IndexOptions;
  header: HeaderFacts;
  nodeInFile: string | null;
  startupName: string | null;
  localTimeOffsets: number[];
  firstMin: number;
  lastMax: number;
  lastEol: 'crlf' | 'lf' | 'cr' | 'none';
  oddByte: boolean;
  /** Whether the head is a capture export rather than a cluster.log (asked only when no record was found). */
  capture: () => Sniffed | null;
}

export function finalizeFacts(f: FileFacts, c: FinalizeContext): void {
  const last = f.sections[f.sections.length - 1];
  if (last) last.lineCount = f.lines - last.firstLine;
  f.build = c.header.build ?? null;
  if (Number.isFinite(c.firstMin)) {
    f.firstWritten = c.firstMin;
    f.lastWritten = c.lastMax;
  }
  resolveNode(f, c);
  resolveTimeBase(f, c);
  if (f.status === 'error') return;
  if (c.oddByte) f.warnings.push(`The file has an odd number of bytes for ${f.encoding}: the last byte is ignored (truncated file?).`);
  if (c.lastEol === 'none' && f.lines > 0 && f.buckets.parsed > 0) {
    f.warnings.push(`The file does not end with a line ending: line ${f.lines} may be cut short (truncated file?).`);
  }
  if (f.unknownLevels.length) f.warnings.push(`Unknown level words (shown as '?'): ${f.unknownLevels.join(', ')}.`);
  if (f.backwards > 0) f.warnings.push(`${f.backwards} records are earlier than a record above them; they are flagged (↶), not moved.`);
  if (f.pasted.viewerLineNumbers > 0 || f.pasted.typographic > 0) {
    const parts: string[] = [];
    if (f.pasted.viewerLineNumbers) parts.push(`${f.pasted.viewerLineNumbers} viewer line numbers`);
    if (f.pasted.typographic) parts.push(`${f.pasted.typographic} typographic quotes/dashes`);
    f.warnings.push(`Text copied from a viewer or web page (${parts.join(', ')}); the original lines are shown.`);
  }
  if (f.buckets.parsed === 0) {
    const where = f.lines ? `${f.lines} lines, none of them starts with a PID.TID::YYYY/MM/DD-HH:MM:SS.mmm record` : 'no lines';
    const capture = c.capture();
    f.errors.push(capture ? captureError(f.name, capture) : `${f.name}: not a cluster.log in any known format (${where}).`);
    f.status = 'error';
    return;
  }
  // Only a cluster.log has a node to name: a file that is none gets its one error above, alone.
  if (!f.node) f.warnings.unshift(NO_NODE_WARNING);
  if (f.dialect === 'nt4' && !f.month) {
    f.errors.push(`${f.name}: a Windows NT 4.0 log records only the day of the month; give the month and year (YYYY-MM) to load it.`);
    f.status = 'needs-month';
    return;
  }
  f.status = 'done';
}

function same(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

function resolveNode(f: FileFacts, c: FinalizeContext): void {
  const ev: NodeEvidence[] = [];
  if (c.header.currentNode) {
    ev.push({ source: 'header', name: c.header.currentNode.name, where: 'Current node: header' });
    f.nodeId = c.header.currentNode.id;
  }
  const path = f.path;
  const folder = nodeFromFolder(path);
  if (folder) ev.push({ source: 'folder', name: folder, where: path });
  const fromName = nodeFromFileName(path.split(/[\\/]/).pop() ?? path);
  if (fromName) ev.push({ source: 'file-name', name: fromName, where: f.name });
  if (c.nodeInFile) ev.push({ source: 'in-file', name: c.nodeInFile, where: '[NM] Local node name' });
  if (c.startupName) ev.push({ source: 'in-file', name: c.startupName, where: 'StartupConfig' });
  f.nodeEvidence = ev;
  const chosen = c.opts.node ? { source: 'user' as const, name: c.opts.node } : ev[0];
  f.node = chosen ? chosen.name : null;
  f.nodeSource = chosen ? chosen.source : null;
  f.nodeLabel = f.node ?? f.name;
  f.nodeConflicts = [];
  if (chosen) {
    for (const e of ev) {
      if (!same(e.name, chosen.name)) {
        f.nodeConflicts.push(`${e.source === 'in-file' ? 'In-file evidence' : e.source === 'file-name' ? 'The file name' : e.source === 'folder' ? 'The folder' : 'The header'} (${e.where}) says '${e.name}', not '${chosen.name}'.`);
      }
    }
  }
  for (const x of f.nodeConflicts) f.warnings.push(`Node conflict: ${x}`);
}

function resolveTimeBase(f: FileFacts, c: FinalizeContext): void {
  const h = c.header;
  const tb = f.timeBase;
  tb.skewMs = c.opts.clockMs ?? 0;
  if (f.dialect === 'w2016') {
    tb.base = h.localTime ? 'local' : 'utc';
    tb.utcOffsetMinutes = h.utcOffsetMinutes ?? null;
    tb.source = h.localTime !== undefined || h.utcOffsetMinutes !== undefined ? 'header' : 'dialect';
    if (h.localTime && h.utcOffsetMinutes === undefined) {
      f.warnings.push(NO_OFFSET_WARNING);
    }
  } else if (f.dialect === 'w2003' && c.localTimeOffsets.length > 0) {
    tb.base = 'utc';
    tb.utcOffsetMinutes = c.localTimeOffsets[0];
    tb.source = 'local-time-line';
    if (c.localTimeOffsets.some((o) => o !== c.localTimeOffsets[0])) {
      f.warnings.push(`'Local Time is' lines give different offsets (${[...new Set(c.localTimeOffsets)].map(formatOffset).join(', ')}); the first is used.`);
    }
  } else {
    tb.base = DIALECTS[f.dialect].defaultTimeBase;
    tb.utcOffsetMinutes = null;
    tb.source = 'dialect';
  }
  if (tb.base === 'assumed-utc' && f.dialect === 'w2008') {
    f.warnings.push(NO_ZONE_WARNING);
  }
  if (c.opts.timeBase) {
    tb.base = c.opts.timeBase.base;
    tb.utcOffsetMinutes = c.opts.timeBase.utcOffsetMinutes;
    tb.source = 'user';
  }
  dstWarning(f);
}

/** Nth (1-based) weekday (0 = Sunday) of a month, as a UTC day number. */
function nthWeekday(y: number, m: number, weekday: number, n: number): number {
  const first = daysFromCivil(y, m, 1);
  const dow = (((first + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return first + ((weekday - dow + 7) % 7) + (n - 1) * 7;
}

/**
 * The header gives the offset at the time the log was generated; a log that spans a
 * daylight-saving change has lines whose true offset differs by an hour. Without the
 * node's IANA zone we can only check the common rule sets that fit the offset.
 */
function dstWarning(f: FileFacts): void {
  const off = f.timeBase.utcOffsetMinutes;
  if (off === null || f.firstWritten === null || f.lastWritten === null) return;
  if (f.timeBase.base !== 'local' && f.timeBase.source !== 'header') return;
  const y0 = new Date(f.firstWritten).getUTCFullYear();
  const y1 = new Date(f.lastWritten).getUTCFullYear();
  const changes: { day: number; region: string }[] = [];
  for (let y = y0; y <= y1 && y - y0 < 5; y++) {
    if (off <= -180 && off >= -600) {
      changes.push({ day: nthWeekday(y, 3, 0, 2), region: 'US/Canada' }, { day: nthWeekday(y, 11, 0, 1), region: 'US/Canada' });
    }
    if (off >= -60 && off <= 180) {
      changes.push({ day: lastSunday(y, 3), region: 'European' }, { day: lastSunday(y, 10), region: 'European' });
    }
  }
  const a = Math.floor(f.firstWritten / MS_PER_DAY);
  const b = Math.floor(f.lastWritten / MS_PER_DAY);
  for (const ch of changes) {
    if (ch.day > a && ch.day <= b) {
      const d = new Date(ch.day * MS_PER_DAY).toISOString().slice(0, 10);
      f.warnings.push(
        `The log spans ${d}, a daylight-saving change in ${ch.region} time zones: the offset ${formatOffset(off)} from the header may be one hour off for the lines on the other side of it.`,
      );
      return;
    }
  }
}

function lastSunday(y: number, m: number): number {
  const next = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
  const lastDay = next - 1;
  const dow = (((lastDay + 4) % 7) + 7) % 7;
  return lastDay - dow;
}

/** The one error of a capture export dropped where cluster.logs are read: what it is, and what to do. */
function captureError(name: string, s: Sniffed): string {
  if (s.kind === 'eventlog-xml') return `${name}: a Windows event log saved as XML (${s.evidence}), not a cluster.log; event logs cannot be lined up with the logs yet.`;
  const unverified = s.status === 'inferred' ? ' (format unverified)' : '';
  const time = describeFirstTime(s.firstTime);
  return `${name}: a ${s.format} export${unverified}, recognized by its ${s.evidence}${time ? `; ${time}` : ''}. It is not a cluster.log, and captures cannot be lined up with the logs yet.`;
}
