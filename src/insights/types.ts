// Incident insights (issue 13): what the rules find, in the terms an engineer reads, each claim
// with the lines it rests on.

import type { ClusterModel } from '../events/correlate/types.ts';
import type { ClusterEvent } from '../events/types.ts';

/** A line a finding cites. */
export interface Evidence {
  /** The engine's file id (the app's click-through), and the file's path as opened. */
  fileId: number;
  file: string;
  /** 1-based. */
  line: number;
  /** UTC ms (NaN when the line has none). */
  t: number;
  node: string;
  /** What the line says, in a few words. */
  what: string;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface Finding {
  /** The rule's id (RULES). */
  rule: string;
  /** When it happened (UTC ms); `t1` when it lasted. */
  t: number;
  t1?: number;
  /** The node it is about, when it is about one. */
  node?: string;
  /** One sentence in plain words (text, never HTML). */
  sentence: string;
  confidence: Confidence;
  /** What the sentence says, as values (the root cause is told from them, not from the words). */
  facts?: Record<string, string | number | boolean>;
  /** False when a message it rests on is not verified in formats.md ([I]/[U]): said with the finding. */
  verified: boolean;
  evidence: Evidence[];
}

/** A row of an imported event log that EVENT_NAMES names (formats/captures.ts): ClusNet 1228, Tcpip 4199, ftdisk 57… */
export interface EventLogRow {
  fileId: number;
  file: string;
  /** 1-based, as Evidence. */
  line: number;
  /** UTC ms, on the capture's alignment. */
  t: number;
  /** The capture's node. */
  node: string;
  provider: string;
  id: number;
  name: string;
}

/** What the rules look at: the recognized events in time order (untimed ones first), as the engine and the CLI keep them. */
export interface InsightInput {
  events: readonly ClusterEvent[];
  /** A node's name from its id (view changes name their downers by id), null when unknown. */
  nodeName?: (id: number) => string | null | undefined;
  /** The group a resource belongs to, where the logs say (a failover's cause is a failure in its group). */
  resourceGroup?: (resource: string) => string | null | undefined;
  /** The correlated model (views, sessions, silences), when it was built. */
  model?: ClusterModel;
  /** The named rows of imported event logs, in time order (event-rows.ts). */
  rows?: readonly EventLogRow[];
}

/** A rule: data like the message catalogue, each with its example (a test runs them all). */
export interface Rule {
  id: string;
  name: string;
  /** What it means, for whoever reads the finding. */
  explains: string;
  /** The catalogue kinds it rests on. */
  kinds: readonly string[];
  detect(input: InsightInput): Finding[];
}
