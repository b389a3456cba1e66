// Where a capture sits on the cluster's UTC axis (formats.md C.5): its times are the local time
// of the machine that exported it, often without a date. The first proposal takes the UTC
// offset its node's cluster.log gives, and the date on which the capture's first time of day
// falls inside that log's span; each step says why, and the confidence says how much of it held.
// The user's numbers win over every part. Pure.

import { MS_PER_DAY, MS_PER_MIN, formatOffset, isoUtc } from '../base/civil.ts';
import type { CaptureAlignment, CaptureTimeFormat, FileFacts, LogAnchor, LogHost, TimeBase } from '../ingest/types.ts';

export interface AlignmentProposal {
  /** ms since 1970 of the midnight added to undated times (0 when the rows carry their date). */
  dateMs: number;
  utcOffsetMinutes: number | null;
  fineMs: number;
  /** 0..1: how much of the alignment its evidence supports. */
  confidence: number;
  reasons: string[];
}

/** What the proposal reads of a loaded log. */
export interface LogSpan {
  facts: Pick<FileFacts, 'kind' | 'node' | 'nodeLabel' | 'name' | 'timeBase' | 'firstWritten' | 'lastWritten' | 'status'>;
}

const sameNode = (a: string | null, b: string | null) => a !== null && b !== null && a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The node's local offset a log states: a local-time log's own, or the offset a UTC log's header gives. */
function offsetOf(tb: TimeBase): number | null {
  return tb.utcOffsetMinutes;
}

/** A log's span in the node's local clock (written times, moved to local where the log is in UTC). */
function localSpan(log: LogSpan['facts']): [number, number] | null {
  if (log.firstWritten === null || log.lastWritten === null) return null;
  const tb = log.timeBase;
  const toLocal = tb.base === 'local' ? 0 : tb.utcOffsetMinutes !== null ? tb.utcOffsetMinutes * MS_PER_MIN : 0;
  return [log.firstWritten + toLocal, log.lastWritten + toLocal];
}

const day = (ms: number) => Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
const dateText = (ms: number) => isoUtc(ms).slice(0, 10);

export function proposeAlignment(capture: Pick<FileFacts, 'node' | 'name' | 'firstWritten' | 'lastWritten' | 'capture'>, logs: readonly LogSpan[], logAnchors: readonly LogAnchor[] = []): AlignmentProposal {
  const reasons: string[] = [];
  const cap = capture.capture!;
  const own = logs.filter((l) => l.facts.kind === 'cluster-log' && l.facts.status === 'done' && sameNode(l.facts.node, capture.node));
  if (!capture.node) reasons.push('no node: its path names none (give it one on its card)');
  else if (own.length === 0) reasons.push(`no cluster.log of ${capture.node} is loaded to take its offset and date from`);
  let confidence = own.length ? 0.5 : 0.1;
  // The offset: the node's log's.
  let offset: number | null = null;
  for (const l of own) {
    const o = offsetOf(l.facts.timeBase);
    if (o === null) continue;
    offset = o;
    reasons.push(`UTC${formatOffset(o)}, the offset of ${capture.node}'s ${l.facts.name} (${l.facts.timeBase.source === 'header' ? 'its header' : l.facts.timeBase.reason ?? l.facts.timeBase.source})`);
    confidence += 0.25;
    break;
  }
  if (offset === null && own.length) reasons.push(`${capture.node}'s log gives no UTC offset: the times stay as written`);
  // The date, where the rows carry none.
  let dateMs = 0;
  if (cap.timeFormat === 'relative') {
    reasons.push("its times count from the capture's start, which nothing here gives: enter it (local time) as its start");
    confidence = Math.min(confidence, 0.1);
  } else if (!cap.dated && capture.firstWritten !== null) {
    const first = capture.firstWritten;
    const spans = own.map((l) => ({ l, s: localSpan(l.facts) })).filter((x) => x.s !== null) as { l: LogSpan; s: [number, number] }[];
    let best: { d: number; inside: boolean; gap: number; name: string } | null = null;
    for (const { l, s } of spans) {
      for (let d = day(s[0]); d <= day(s[1]); d += MS_PER_DAY) {
        const t = d + first;
        const gap = t < s[0] ? s[0] - t : t > s[1] ? t - s[1] : 0;
        if (!best || gap < best.gap) best = { d, inside: gap === 0, gap, name: l.facts.name };
      }
    }
    if (best) {
      dateMs = best.d;
      reasons.push(best.inside
        ? `${dateText(best.d)}: its first time of day falls inside ${capture.node}'s ${best.name} on that date`
        : `${dateText(best.d)}: the nearest date of ${capture.node}'s ${best.name} (its first time of day falls ${Math.round(best.gap / 60_000)} min outside the log)`);
      confidence += best.inside ? 0.2 : 0;
    } else reasons.push('no date: its rows carry none and no log of its node gives one (give it on its card)');
  } else if (cap.dated) {
    reasons.push('its rows carry their date');
    confidence += 0.2;
  }
  // Anchors: rows and log lines that name the same process or connection measure the offset.
  let fineMs = 0;
  const measured = measureAnchors(capture, logAnchors, cap.dated ? 0 : dateMs);
  if (measured) {
    if (offset !== null && offset !== measured.offsetMinutes) reasons.push(`its anchors say UTC${formatOffset(measured.offsetMinutes)}, not the log's UTC${formatOffset(offset)}: the anchors are taken`);
    offset = measured.offsetMinutes;
    if (!cap.dated && measured.dayShift) dateMs += measured.dayShift * MS_PER_DAY;
    fineMs = measured.fineMs;
    reasons.push(measured.reason);
    confidence = Math.max(confidence, measured.pairs >= 2 && measured.spreadMs < 1000 ? 0.95 : 0.8);
  }
  if (cap.hourLost) {
    reasons.push('its times lost their hour: the fine offset must give it');
    confidence = Math.min(confidence, 0.2);
  }
  return { dateMs, utcOffsetMinutes: offset, fineMs, confidence: Math.min(1, Math.round(confidence * 100) / 100), reasons };
}

/** Offsets are whole quarter hours (every time zone's offset is). */
const QUARTER_HOUR = 15 * MS_PER_MIN;

interface Measured {
  offsetMinutes: number;
  fineMs: number;
  /** Days the date proposal was off by (an undated capture). */
  dayShift: number;
  pairs: number;
  spreadMs: number;
  reason: string;
}

/**
 * Pairs the capture's anchor rows with its node's log lines of the same PID or port: each pair
 * gives how far the capture's clock reads ahead of UTC. Their median, rounded to a quarter hour,
 * is the UTC offset; what is left is the fine offset (the rows' lead on their lines, and clock
 * error). A median is not moved by one wrong pair.
 */
function measureAnchors(capture: Pick<FileFacts, 'node' | 'capture'>, logAnchors: readonly LogAnchor[], dateMs: number): Measured | null {
  if (!capture.node) return null;
  const mine = logAnchors.filter((a) => sameNode(a.node, capture.node));
  const pairs: Array<{ d: number; what: string; log: LogAnchor }> = [];
  for (const a of capture.capture!.anchors) {
    const l = mine.find((x) => x.kind === a.kind && x.key === a.key);
    if (l) pairs.push({ d: a.written + dateMs - l.t, what: a.what, log: l });
  }
  if (pairs.length === 0) return null;
  // Whole days apart: the date proposal missed (a capture's rows around midnight).
  const days = pairs.map((p) => Math.round(p.d / MS_PER_DAY));
  const dayShift = -median(days);
  const ds = pairs.map((p) => p.d + dayShift * MS_PER_DAY).sort((a, b) => a - b);
  const mid = median(ds);
  const offsetMs = Math.round(mid / QUARTER_HOUR) * QUARTER_HOUR;
  const fineMs = Math.round((offsetMs - mid) * 1000) / 1000;
  const spreadMs = ds[ds.length - 1] - ds[0];
  const shown = pairs.slice(0, 2).map((p) => `${p.what} ↔ line ${p.log.line + 1} (${p.log.what})`).join(', ');
  const reason = `${pairs.length} anchor${pairs.length === 1 ? '' : 's'} (${shown}${pairs.length > 2 ? ', …' : ''}): UTC${formatOffset(offsetMs / MS_PER_MIN)}, fine offset ${fineMs >= 0 ? '+' : ''}${fineMs} ms${pairs.length > 1 ? `, spread ${Math.round(spreadMs)} ms` : ''}`;
  return { offsetMinutes: offsetMs / MS_PER_MIN, fineMs, dayShift, pairs: pairs.length, spreadMs, reason };
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * `YYYY-MM-DD` → ms since 1970 at that midnight; `YYYY-MM-DD HH:MM:SS[.fff]` (a relative capture's
 * start) → that instant, in the clock the capture's times are in. null when neither.
 */
export function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?)?$/.exec(text.trim());
  if (!m) return null;
  const [mo, d, h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(Number(m[1]), mo - 1, d, h, mi, s, Number((m[7] ?? '0').padEnd(3, '0')));
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The capture's time base: the proposal, each part the user gave over it. Times in UTC (an ISO
 * time with a zone, seconds since 1970) need no offset; the node's is kept to show local times.
 */
export function alignedTimeBase(p: AlignmentProposal | null, user: CaptureAlignment | undefined, format: CaptureTimeFormat = 'time-of-day'): TimeBase {
  const date = user?.date != null ? parseDate(user.date) : null;
  if (user?.raw) {
    return { base: 'local', utcOffsetMinutes: null, dateMs: date ?? p?.dateMs ?? 0, skewMs: 0, source: 'user', reason: 'shown as written: no UTC offset, no fine offset (the raw side of the toggle)' };
  }
  const byUser = !!user && (user.date != null || user.utcOffsetMinutes !== undefined || user.fineMs !== undefined);
  return {
    base: format === 'utc' || format === 'epoch' ? 'utc' : 'local',
    utcOffsetMinutes: user?.utcOffsetMinutes !== undefined ? user.utcOffsetMinutes : p?.utcOffsetMinutes ?? null,
    dateMs: date ?? p?.dateMs ?? 0,
    skewMs: user?.fineMs ?? p?.fineMs ?? 0,
    source: byUser ? 'user' : 'capture-node',
    reason: p?.reasons.join('; '),
  };
}

/** Sets a capture's time base from its proposal and the user's parts (the view worker and the CLI). */
export function applyAlignment(facts: FileFacts, p: AlignmentProposal | null, user: CaptureAlignment | undefined): void {
  if (!facts.capture) return;
  facts.timeBase = alignedTimeBase(p, user, facts.capture.timeFormat);
  if (facts.capture.dated) facts.timeBase.dateMs = 0;
  facts.capture.alignment = p ? { confidence: p.confidence, reasons: p.reasons } : null;
  facts.capture.raw = !!user?.raw;
}

/** Proposes and applies every capture's alignment over the logs among `files` (after the logs' own time bases are settled). */
export function alignAll(files: ReadonlyArray<{ facts: FileFacts; user?: CaptureAlignment }>, anchors: readonly LogAnchor[] = []): Map<FileFacts, AlignmentProposal> {
  const logs = files.filter((f) => !f.facts.capture).map((f) => ({ facts: f.facts }));
  const out = new Map<FileFacts, AlignmentProposal>();
  for (const f of files) {
    if (!f.facts.capture || f.facts.status !== 'done') continue;
    const p = proposeAlignment(f.facts, logs, anchors);
    out.set(f.facts, p);
    applyAlignment(f.facts, p, f.user);
  }
  return out;
}

/**
 * The node a capture was taken on, from the hosts its rows name (CaptureFacts.hosts) and the
 * names and addresses the logs give their nodes; null when none matches.
 */
export function nodeFromHosts(capture: Pick<FileFacts, 'capture'>, hosts: readonly LogHost[]): { node: string; where: string } | null {
  const short = (s: string) => (/^\d+\.\d+\.\d+\.\d+$/.test(s) || s.includes(':') ? s : s.split('.')[0]).toLowerCase();
  const seen = capture.capture?.hosts ?? [];
  // The capturing machine stands out (it is in every conversation it saw); two machines that only
  // talk to each other cannot be told apart, and then no node is guessed.
  if (seen.length > 1 && seen[0].rows < seen[1].rows * 1.2) return null;
  for (const h of seen.slice(0, 1)) {
    const m = hosts.find((x) => short(x.name) === short(h.name));
    if (m) return { node: m.node, where: `${HOST_EVIDENCE} ${h.name} (${h.rows} rows) is ${m.what === 'its node name' ? 'a node name' : `${m.node}'s address (${m.what})`}` };
  }
  return null;
}

/** How the card's evidence of a node from the rows' host begins (it is told apart by it). */
export const HOST_EVIDENCE = "its rows' own";

/**
 * Whether a capture's node may come from its rows' host: the user named none, and its own
 * evidence names none, or only a path guess (folder, file name) no log has as its node.
 */
export function hostMayName(facts: FileFacts, logNodes: ReadonlySet<string>): boolean {
  if (!facts.capture || facts.nodeSource === 'user') return false;
  const own = facts.nodeEvidence.find((e) => !(e.source === 'in-file' && e.where.startsWith(HOST_EVIDENCE)));
  // A capture's path is a guess (a case folder, 'case42_Logfile.CSV'): a node only when a log has it.
  return !own || ((own.source === 'folder' || own.source === 'file-name') && !logNodes.has(own.name.toLowerCase()));
}

/** Sets a capture's node from its rows' host (idempotent: a previous guess is undone first). */
export function applyHostNode(facts: FileFacts, guess: { node: string; where: string } | null): void {
  if (!facts.capture) return;
  const had = facts.nodeEvidence.find((e) => e.source === 'in-file' && e.where.startsWith(HOST_EVIDENCE));
  if (had) {
    facts.nodeEvidence = facts.nodeEvidence.filter((e) => e !== had);
    if (facts.nodeSource === 'in-file' && facts.node === had.name) {
      facts.node = null;
      facts.nodeSource = null;
    }
  }
  if (!guess) return;
  facts.nodeEvidence = [...facts.nodeEvidence, { source: 'in-file', name: guess.node, where: guess.where }];
  // Over nothing, or over a path guess no log has as its node (hostMayName said so).
  if (!facts.node || facts.nodeSource === 'folder' || facts.nodeSource === 'file-name') {
    facts.node = guess.node;
    facts.nodeSource = 'in-file';
  }
  if (facts.node) facts.nodeLabel = facts.node;
}
