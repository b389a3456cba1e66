// Messages between the main thread, the view worker (the store and the merged view)
// and the shard workers (raw bytes and line offsets of the files they parsed).
// The main thread talks only to the view worker; the view worker talks to shards over
// MessagePorts. Column data always moves by transfer.

import type { HashPart } from '../base/content-hash.ts';
import type { EventFilter, FileOptions, FileId, EngineSnapshot, SearchSpec, ViewSpec } from './api.ts';
import type { EventChunk } from '../events/columns.ts';
import type { FileFacts, IndexOptions } from '../ingest/types.ts';
import type { FilePart, ResumeHead } from '../ingest/split.ts';

export type MainToView =
  /** `splitMinBytes`: files this large are parsed by two shards (Infinity: never). */
  | { t: 'init'; shards: MessagePort[]; splitMinBytes?: number }
  | { t: 'add'; files: { file: File; path: string }[]; replace: boolean; demo: boolean }
  | { t: 'remove'; id: FileId }
  | { t: 'options'; id: FileId; opts: FileOptions }
  | { t: 'view'; spec: ViewSpec }
  | { t: 'search'; spec: SearchSpec | null }
  | { t: 'toggle'; pos: number }
  | { t: 'rows'; req: number; start: number; count: number }
  | { t: 'nextHit'; req: number; from: number; dir: 1 | -1 }
  | { t: 'posOf'; req: number; id: FileId; line: number }
  | { t: 'posAt'; req: number; utc: number }
  | { t: 'eventFilter'; filter: EventFilter }
  | { t: 'eventRows'; req: number; start: number; count: number }
  | { t: 'timeline'; req: number }
  | { t: 'eventAt'; req: number; fileId: FileId; line: number }
  /** The inputs as dropped (handles: the bytes stay with the browser), for a case file. */
  | { t: 'sources'; req: number }
  | { t: 'insights'; req: number }
  | { t: 'links'; req: number; fileId: FileId; line: number; pid: number; text: string }
  /** Replied with a Density (its counts buffer transferred) or null. */
  | { t: 'density'; req: number; t0: number; t1: number; buckets: number };

export type ViewToMain =
  | { t: 'snapshot'; snap: EngineSnapshot }
  | { t: 'reply'; req: number; value: unknown };

export type ViewToShard =
  /** `split`: the file is large enough to be parsed by two shards (see 'split' below). */
  | { t: 'open'; id: FileId; file: File; opts: IndexOptions; split?: boolean }
  /** Index the second half of a split file, [start, end), with the first shard's head decisions. */
  | { t: 'openPart'; id: FileId; gen: number; file: File; opts: IndexOptions; head: ResumeHead; start: number }
  /** The second half, for the first shard to join (sent on from the other shard's 'part'). */
  | { t: 'join'; id: FileId; gen: number; half: SecondHalfResult }
  | { t: 'reindex'; id: FileId; opts: IndexOptions }
  | { t: 'drop'; id: FileId }
  | { t: 'lines'; req: number; id: FileId; lines: Uint32Array }
  | { t: 'search'; req: number; spec: SearchSpec; ids: FileId[] }
  /** Content hashes of lines [from, to) (for showing lines shared by two files of one node once). */
  | { t: 'hashes'; req: number; id: FileId; from: number; to: number };

/** A second half's index, events and bytes, all transferred. */
export interface SecondHalfResult {
  part: FilePart;
  events: EventChunk | null;
  bytes: Uint8Array[];
  /** The content fingerprint's share of the second half (base/content-hash.ts). */
  hash: HashPart;
}

export interface ShardProgress {
  bytesRead: number;
  lines: number;
}

export type ShardToView =
  | {
      t: 'segment';
      id: FileId;
      /** Generation of the index (a re-index starts a new one and resets the columns). */
      gen: number;
      from: number;
      ts: Float64Array;
      level: Uint8Array;
      comp: Uint16Array;
      flags: Uint8Array;
      facts: FileFacts;
      progress: ShardProgress;
    }
  /** A capture's rows' groups and classes for the timeline's capture track (before its 'done'). */
  | { t: 'captureRows'; id: FileId; gen: number; group: Uint32Array; cls: Uint8Array; groups: string[] }
  /** Catalogue events recognized in lines already sent (always after their segment). */
  | { t: 'events'; id: FileId; gen: number; chunk: EventChunk }
  /** `halves`: how the file was parsed (2: split and joined; 'rest': split, but its first shard indexed the rest itself). */
  | { t: 'done'; id: FileId; gen: number; facts: FileFacts; progress: ShardProgress; halves: 1 | 2 | 'rest' }
  /** The first shard found the cut: the view store asks another shard for the second half. */
  | { t: 'split'; id: FileId; gen: number; file: File; head: ResumeHead; start: number }
  /** The second half's progress (bytes read from its start), and then its result. */
  | { t: 'partProgress'; id: FileId; gen: number; bytesRead: number }
  | { t: 'part'; id: FileId; gen: number; half: SecondHalfResult }
  | { t: 'failed'; id: FileId; gen: number; message: string }
  /** `ns`: a capture row's time's nanoseconds within its ms (-1: none, as for log lines). */
  | { t: 'lines'; req: number; texts: string[]; pid: Int32Array; tid: Int32Array; ns: Int32Array }
  | { t: 'hashes'; req: number; hashes: Uint32Array }
  | { t: 'hits'; req: number; id: FileId; lines: Uint32Array; done: boolean; error?: string };
