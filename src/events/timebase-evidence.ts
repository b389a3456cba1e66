// A log's time base from its own lines (formats.md A.6.3, C.4): a message that writes a UTC
// time inside its text (the catalogue's `times: { at: 'utc' }`, e.g. the quorum death timer)
// is stamped in the log's own time base, so the stamp minus the written UTC time is the log's
// offset: 0 in a UTC log, −04:00 in R1's `-UseLocalTime` log. It sets the time base as a header
// would, where the file says nothing else (a 2008–2012 R2 log), with the line as its reason.

import { formatOffset, isoUtc, MS_PER_MIN } from '../base/civil.ts';
import { DIALECTS } from '../formats/dialects.ts';
import { CATALOGUE } from '../formats/messages/index.ts';
import { NO_ZONE_WARNING } from '../ingest/facts.ts';
import type { FileFacts, TimeBase } from '../ingest/types.ts';
import type { FileEvents } from './columns.ts';
import { fieldsOf } from './fields.ts';
import { writtenStamp } from './materialize.ts';

export interface TimeBaseProposal {
  base: 'utc' | 'local';
  utcOffsetMinutes: number;
  /** The first line (0-based) that says so, and the sentence for the card. */
  line: number;
  reason: string;
  /** Lines agreeing, and lines giving another offset. */
  agree: number;
  disagree: number;
}

/** Stamp and written time may differ by the message's own delay; offsets are whole quarter hours. */
const SLACK_MS = 2000;
const QUARTER_HOUR = 15;

/** Recognizers with a UTC time in their text, and that field. */
const UTC_FIELDS = new Map<number, string[]>();
CATALOGUE.forEach((r, i) => {
  const f = Object.entries(r.times ?? {}).filter(([, z]) => z === 'utc').map(([k]) => k);
  if (f.length) UTC_FIELDS.set(i, f);
});

/** What a file's UTC-stamped messages say of its time base; null when none does. */
export function proposeTimeBase(events: FileEvents, ts: Float64Array): TimeBaseProposal | null {
  const votes = new Map<number, { n: number; line: number; text: string; written: number }>();
  for (let i = 0; i < events.length; i++) {
    const fieldNames = UTC_FIELDS.get(events.rec.data[i]);
    if (!fieldNames) continue;
    const line = events.line.data[i];
    const stamp = ts[line];
    if (stamp !== stamp) continue;
    const fields = fieldsOf(events, i);
    for (const k of fieldNames) {
      const v = fields[k];
      const utc = typeof v === 'string' ? writtenStamp(v) : null;
      if (utc === null) continue;
      const offset = Math.round((stamp - utc) / (QUARTER_HOUR * MS_PER_MIN)) * QUARTER_HOUR;
      if (Math.abs(stamp - utc - offset * MS_PER_MIN) > SLACK_MS || Math.abs(offset) > 14 * 60) continue;
      const vote = votes.get(offset);
      if (vote) vote.n++;
      else votes.set(offset, { n: 1, line, text: `${CATALOGUE[events.rec.data[i]].id.split('.')[1]} ${k} ${v}`, written: stamp });
    }
  }
  if (votes.size === 0) return null;
  const [[offset, best]] = [...votes].sort((a, b) => b[1].n - a[1].n || a[1].line - b[1].line);
  const total = [...votes.values()].reduce((s, v) => s + v.n, 0);
  const base = offset === 0 ? 'utc' : 'local';
  const stamp = isoUtc(best.written).replace('T', ' ').replace('Z', '');
  const reason = `line ${best.line + 1} (${best.text}, a UTC time) is stamped ${stamp}: ${base === 'utc' ? 'the log is in UTC' : `the log is in local time, UTC${formatOffset(offset)}`}${
    total > best.n ? `; ${total - best.n} other such line${total - best.n === 1 ? '' : 's'} give${total - best.n === 1 ? 's' : ''} another offset` : ''}`;
  return { base, utcOffsetMinutes: offset, line: best.line, reason, agree: best.n, disagree: total - best.n };
}

/**
 * Sets a proposal on facts whose time base nothing else decided (source `dialect`), or takes
 * back a previous one that no longer holds. A header, a `Local Time is` line or the user win.
 */
export function applyTimeBaseProposal(facts: FileFacts, p: TimeBaseProposal | null): void {
  const tb = facts.timeBase;
  if (tb.source !== 'dialect' && tb.source !== 'embedded-utc') return;
  let next: TimeBase;
  if (p) {
    next = { ...tb, base: p.base, utcOffsetMinutes: p.utcOffsetMinutes, source: 'embedded-utc', reason: p.reason };
    facts.warnings = facts.warnings.filter((w) => w !== NO_ZONE_WARNING);
  } else {
    if (tb.source === 'dialect') return;
    next = { ...tb, base: DIALECTS[facts.dialect].defaultTimeBase, utcOffsetMinutes: null, source: 'dialect', reason: undefined };
    if (next.base === 'assumed-utc' && facts.dialect === 'w2008' && !facts.warnings.includes(NO_ZONE_WARNING)) facts.warnings = [...facts.warnings, NO_ZONE_WARNING];
  }
  facts.timeBase = next;
}

export interface PeerLog {
  facts: FileFacts;
  /** Its own proposal (from its own lines), if any. */
  own: TimeBaseProposal | null;
}

/**
 * A log whose own lines say nothing takes the time base of the other logs of its era whose
 * written times overlap its own, when their lines agree: one `Get-ClusterLog [-UseLocalTime]`
 * writes every node's log the same way, and logs 4 hours apart as written could not overlap.
 * Left alone, one node would move by the offset and the other not, hours apart on the axis.
 */
export function proposeFromPeers(target: PeerLog, peers: readonly PeerLog[]): TimeBaseProposal | null {
  const t = target.facts;
  if (target.own || t.firstWritten === null || t.lastWritten === null) return null;
  if (t.timeBase.source !== 'dialect' && t.timeBase.source !== 'embedded-utc') return null;
  const like = peers.filter((p) => p !== target && p.own && p.facts.dialect === t.dialect && p.facts.firstWritten !== null && p.facts.lastWritten !== null
    && p.facts.firstWritten <= t.lastWritten! && t.firstWritten! <= p.facts.lastWritten!);
  if (like.length === 0) return null;
  const offsets = new Set(like.map((p) => p.own!.utcOffsetMinutes));
  if (offsets.size !== 1) return null;
  const src = like[0];
  const p = src.own!;
  const zone = p.base === 'utc' ? 'UTC' : `local time, UTC${formatOffset(p.utcOffsetMinutes)}`;
  const others = like.length > 1 ? ` (and ${like.length - 1} other log${like.length > 2 ? 's' : ''})` : '';
  return {
    base: p.base, utcOffsetMinutes: p.utcOffsetMinutes, line: -1, agree: 0, disagree: 0,
    reason: `no line of its own says; the log of ${src.facts.nodeLabel}${others}, whose written times overlap this one's, is in ${zone} (its ${p.reason.split(' (')[0]}), and one Get-ClusterLog run writes every node's log the same way`,
  };
}
