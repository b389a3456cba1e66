// Messages between the main thread, the view worker (the store and the merged view)
// and the shard workers (raw bytes and line offsets of the files they parsed).
// The main thread talks only to the view worker; the view worker talks to shards over
// MessagePorts. Column data always moves by transfer.

import type { EventFilter, FileOptions, FileId, EngineSnapshot, SearchSpec, ViewSpec } from './api.ts';
import type { EventChunk } from '../events/columns.ts';
import type { FileFacts, IndexOptions } from '../ingest/types.ts';

export type MainToView =
  | { t: 'init'; shards: MessagePort[] }
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
  /** Replied with a Density (its counts buffer transferred) or null. */
  | { t: 'density'; req: number; t0: number; t1: number; buckets: number };

export type ViewToMain =
  | { t: 'snapshot'; snap: EngineSnapshot }
  | { t: 'reply'; req: number; value: unknown };

export type ViewToShard =
  | { t: 'open'; id: FileId; file: File; opts: IndexOptions }
  | { t: 'reindex'; id: FileId; opts: IndexOptions }
  | { t: 'drop'; id: FileId }
  | { t: 'lines'; req: number; id: FileId; lines: Uint32Array }
  | { t: 'search'; req: number; spec: SearchSpec; ids: FileId[] }
  /** Content hashes of lines [from, to) (for showing lines shared by two files of one node once). */
  | { t: 'hashes'; req: number; id: FileId; from: number; to: number };

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
  /** Catalogue events recognized in lines already sent (always after their segment). */
  | { t: 'events'; id: FileId; gen: number; chunk: EventChunk }
  | { t: 'done'; id: FileId; gen: number; facts: FileFacts; progress: ShardProgress }
  | { t: 'failed'; id: FileId; gen: number; message: string }
  | { t: 'lines'; req: number; texts: string[]; pid: Int32Array; tid: Int32Array }
  | { t: 'hashes'; req: number; hashes: Uint32Array }
  | { t: 'hits'; req: number; id: FileId; lines: Uint32Array; done: boolean };
