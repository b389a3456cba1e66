// From stored columns to ClusterEvent: time from the line, observer from the file, ids
// resolved to names, codes decoded, times written inside the message converted to UTC.

import { Level, severityOf } from '../base/levels.ts';
import { daysFromCivil, MS_PER_DAY, MS_PER_MIN } from '../base/civil.ts';
import { stateCode, stateWord, statusCode, type StateObject } from '../formats/codes.ts';
import { CATALOGUE, isVerified, STATE_KINDS, type EmbeddedZone, type FieldValue, type Fields } from '../formats/messages/index.ts';
import { toUtcShift } from '../ingest/timebase.ts';
import { CHANNEL_NAMES, Flag, type FileFacts } from '../ingest/types.ts';
import type { FileEvents } from './columns.ts';
import { fieldsOf } from './fields.ts';
import type { NameDictionary } from './names.ts';
import type { ClusterEvent, EmbeddedTime, EventFamily } from './types.ts';

export interface EventFile {
  id: number;
  path: string;
  facts: FileFacts;
  /** The file's line times as written (the index's ts column). */
  ts: Float64Array;
  flags: Uint8Array;
  /** The level column (written level, and derived severity in the high nibble); absent: every event is INFO. */
  level?: Uint8Array;
  events: FileEvents;
}

/** Fields holding status / error numbers (Win32, cluster, Winsock). */
const STATUS_FIELDS = ['status', 'code', 'error'] as const;
const STAMP = /^(\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;

/** A `YYYY/MM/DD-HH:MM:SS.mmm` as written, as ms since 1970 with no zone applied (null: not one). */
export function writtenStamp(written: string): number | null {
  const m = STAMP.exec(written);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number);
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/**
 * A time written in message text, converted by its own message's zone (the catalogue's
 * `times`): a UTC one as it stands, a local one with the node's offset when that is known, one
 * of unknown zone never (it is shown as written, and says so).
 */
export function embeddedTime(field: string, written: string, zone: EmbeddedZone, utcOffsetMinutes: number | null): EmbeddedTime | null {
  const at = writtenStamp(written);
  if (at === null) return null;
  if (written.startsWith('1601/')) return { field, written, zone, utc: null, note: 'never' };
  if (zone === 'utc') return { field, written, zone, utc: at, note: 'utc' };
  if (zone === 'unknown') return { field, written, zone, utc: null, note: 'zone unknown' };
  if (utcOffsetMinutes === null) return { field, written, zone, utc: null, note: 'offset unknown' };
  return { field, written, zone, utc: at - utcOffsetMinutes * MS_PER_MIN, note: 'converted' };
}

function nodeLabel(v: FieldValue, names: NameDictionary): string[] {
  // Node ids start at 1; `Dest:-1` means "no node named" (the cluster picks one).
  if (typeof v === 'number') return v > 0 ? [names.nodeName(v) ?? `node ${v}`] : [];
  if (Array.isArray(v)) return v.filter((n) => n > 0).map((n) => names.nodeName(n) ?? `node ${n}`);
  if (typeof v === 'string' && v !== '') return [v];
  return [];
}

/**
 * `from` / `to` as state names on every state event: `to` from a numeric state by its state
 * word (`state 129` of a resource is OnlinePending; an unknown code stays `state N`) or from a
 * written state word (`state: 'up'`); `from` is null when the line does not say it. The fields as
 * written (`state: 129`) are kept.
 */
function stateNames(fields: Fields, stateOf: StateObject | undefined): void {
  if (fields.to === undefined) {
    if (stateOf && typeof fields.state === 'number') fields.to = stateWord(stateOf, fields.state);
    else if (typeof fields.state === 'string') fields.to = fields.state;
    else fields.to = null;
  }
  if (fields.from === undefined) fields.from = null;
}

/** Event i of a file as a ClusterEvent; null for name evidence (not an event). */
export function materialize(file: EventFile, i: number, names: NameDictionary): ClusterEvent | null {
  const ev = file.events;
  const r = CATALOGUE[ev.rec.data[i]];
  if (r.family === 'names') return null;
  const line = ev.line.data[i];
  const raw = file.ts[line];
  const fields: Fields = fieldsOf(ev, i);

  let subjects: string[] = [];
  // A name written on the line itself (`node sqlnode01 (id 1)`) beats the dictionary.
  const ownName = r.subject === 'peer' ? fields.peerName : undefined;
  if (typeof ownName === 'string' && ownName) subjects = [ownName];
  else if (r.subject && fields[r.subject] !== undefined) subjects = nodeLabel(fields[r.subject], names);
  if (typeof fields.peer === 'number' && fields.peerName === undefined) {
    const n = names.nodeName(fields.peer);
    if (n) fields.peerName = n;
  }
  // Moves: from/to are the nodes, as written (a NodeDown move may write the survivor twice; see correlate).
  if (typeof fields.fromName === 'string' && fields.from === undefined) {
    fields.from = fields.fromName;
    delete fields.fromName;
  }
  if (typeof fields.toName === 'string' && fields.to === undefined) {
    fields.to = fields.toName;
    delete fields.toName;
  }
  if (typeof fields.resource === 'string') {
    const n = names.resourceName(fields.resource);
    if (n) {
      fields.resourceId = fields.resource;
      fields.resource = n;
    }
  }

  const codes: ClusterEvent['codes'] = [];
  for (const k of STATUS_FIELDS) if (typeof fields[k] === 'number') codes.push({ field: k, info: statusCode(fields[k] as number) });
  if (r.stateOf && typeof fields.state === 'number') codes.push({ field: 'state', info: stateCode(r.stateOf, fields.state) });
  if (STATE_KINDS.has(r.kind)) stateNames(fields, r.stateOf);

  const times: EmbeddedTime[] = [];
  for (const [k, zone] of Object.entries(r.times ?? {})) {
    const v = fields[k];
    if (typeof v !== 'string') continue;
    const e = embeddedTime(k, v, zone, file.facts.timeBase.utcOffsetMinutes);
    if (e) times.push(e);
  }

  const out: ClusterEvent = {
    t: raw === raw ? raw + toUtcShift(file.facts.timeBase) : NaN,
    node: file.facts.nodeLabel,
    family: r.family as EventFamily,
    kind: r.kind,
    rec: r.id,
    verified: isVerified(r.verified),
    ref: { fileId: file.id, file: file.path, line, offset: ev.offset.data[i] },
    pid: ev.pid.data[i],
    channel: CHANNEL_NAMES[(file.flags[line] & Flag.ChannelMask) >> Flag.ChannelShift],
    severity: file.level ? severityOf(file.level[line]) : Level.INFO,
    fields,
    codes,
    times,
  };
  if (subjects.length > 0) out.subject = subjects[0];
  if (subjects.length > 1) out.subjects = subjects;
  return out;
}

/** Every event of a file, in line order. */
export function materializeFile(file: EventFile, names: NameDictionary): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  for (let i = 0; i < file.events.length; i++) {
    const e = materialize(file, i, names);
    if (e) out.push(e);
  }
  return out;
}
