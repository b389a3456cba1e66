// The public shape of events (the CLI prints it, docs/events.md documents it, the UI and the
// timeline draw it). Stage 1 yields ClusterEvent per recognized line; stage 2 (correlate/)
// builds cluster-level facts from all nodes' events.

import type { CodeInfo } from '../formats/codes.ts';
import type { EmbeddedZone, Fields } from '../formats/messages/types.ts';

export type EventFamily = 'join' | 'membership' | 'network' | 'resource' | 'group' | 'quorum' | 'service';

/** Where an event was logged: enough to click through to the raw line. */
export interface LineRef {
  fileId: number;
  /** The file's path as dropped. */
  file: string;
  /** 0-based physical line (the CLI prints it 1-based). */
  line: number;
  /** Byte offset of the line in the file (every event has it; a gap's edge lines do not). */
  offset?: number;
}

/** A time written inside a message (`lastFailoverTime=`, quarantine `until '...'`): local time of the node. */
export interface EmbeddedTime {
  field: string;
  written: string;
  /** The zone its message writes it in (the catalogue's `times`). */
  zone: EmbeddedZone;
  /** UTC ms: as written for a UTC time, converted for a local one whose node's offset is known; else null. */
  utc: number | null;
  /** never: the 1601 'no time' value; utc: written in UTC; converted: from the node's local time; offset unknown / zone unknown: shown as written. */
  note: 'never' | 'utc' | 'converted' | 'offset unknown' | 'zone unknown';
}

/** Embedded times in words for tooltips, rows and the CLI: what it was written in, and its UTC. */
export function describeEmbedded(t: EmbeddedTime, wall: (utc: number) => string): string {
  switch (t.note) {
    case 'never': return `${t.field} ${t.written} (never)`;
    case 'utc': return `${t.field} ${t.written} (UTC, as this message writes it)`;
    case 'converted': return `${t.field} ${t.written} (node-local) = ${wall(t.utc!)} UTC`;
    case 'offset unknown': return `${t.field} ${t.written} (node-local; the node's UTC offset is unknown, so not converted)`;
    case 'zone unknown': return `${t.field} ${t.written} (as written: which zone this message uses is not verified)`;
  }
}

export interface ClusterEvent {
  /** UTC ms since epoch (NaN when the line carries no time). */
  t: number;
  /** The node whose log this is (the observer). */
  node: string;
  /** The node acted on (removed, joined, moved to...), when the event is about another node. */
  subject?: string;
  /** All nodes acted on, when there are several (`downers=(2 3)`). */
  subjects?: string[];
  family: EventFamily;
  kind: string;
  /** Catalogue entry id. */
  rec: string;
  /** False when the recognizer rests on inferred or unknown text ([I]/[U] in formats.md). */
  verified: boolean;
  ref: LineRef;
  pid: number;
  /** Event channel of 2016+ files ('' for the main log). */
  channel: '' | 'System' | 'Operational' | 'Verbose';
  /**
   * Its line's severity (base/levels.ts Level): the level written, raised by the event-text rules
   * (a [System] DBG 1177 is CRIT); INFO where the line writes none. So that the most severe
   * events can be shown alone.
   */
  severity: number;
  /**
   * Fields of the kind, normalized: node ids resolved to names where known (`peer` -> subject),
   * resource GUIDs to names, `from`/`to` = states for state events, node names for moves.
   */
  fields: Fields;
  /** The status / error / state codes the event carries, decoded. */
  codes: Array<{ field: string; info: CodeInfo }>;
  times: EmbeddedTime[];
}
