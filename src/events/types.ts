// The public shape of events (the CLI prints it, docs/events.md documents it, the UI and the
// timeline draw it). Stage 1 yields ClusterEvent per recognized line; stage 2 (correlate/)
// builds cluster-level facts from all nodes' events.

import type { CodeInfo } from '../formats/codes.ts';
import type { Fields } from '../formats/messages/types.ts';

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
  /** UTC ms, when the node's UTC offset is known; null otherwise. */
  utc: number | null;
  note: 'never' | 'converted' | 'offset unknown';
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
   * Fields of the kind, normalized: node ids resolved to names where known (`peer` -> subject),
   * resource GUIDs to names, `from`/`to` = states for state events, node names for moves.
   */
  fields: Fields;
  /** The status / error / state codes the event carries, decoded. */
  codes: Array<{ field: string; info: CodeInfo }>;
  times: EmbeddedTime[];
}
