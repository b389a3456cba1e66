// Per-file event columns. The extractor runs where the bytes are (a shard worker, the CLI),
// and sends what it found in chunks of typed arrays plus the few new strings: an event is
// (line, recognizer, pid, captured field values as string ids). Time comes from the line's
// `ts`, the node from the file, names and codes are resolved later (materialize.ts).

import { Growable } from '../base/growable.ts';

/** `vals` entry of a group that did not take part in the match. */
export const NO_VALUE = 0xffffffff;

/** A row of a 2016+ object table that names something (`[=== Nodes ===]`: Name, Id). */
export interface TableName {
  kind: 'node' | 'resource' | 'group';
  name: string;
  /** Node id, or resource GUID. */
  id: string | null;
  /** Resource's owner group, when the table gives it. */
  group: string | null;
  line: number;
}

/** What one extraction step found, ready to transfer (every array is owned by the chunk). */
export interface EventChunk {
  /** Index of this chunk's first event among the file's events. */
  from: number;
  line: Uint32Array;
  /** Byte offset of the line in its file. */
  offset: Float64Array;
  rec: Uint16Array;
  pid: Int32Array;
  /** Per event, the index of its first value in the file's whole `vals`. */
  valStart: Uint32Array;
  vals: Uint32Array;
  /** Strings first seen in this chunk; their ids continue the file's table. */
  strings: string[];
  tables: TableName[];
}

export function chunkTransfer(c: EventChunk): Transferable[] {
  return [c.line.buffer, c.offset.buffer, c.rec.buffer, c.pid.buffer, c.valStart.buffer, c.vals.buffer];
}

/** All events of one file, as columns (the receiving side appends chunks). */
export class FileEvents {
  readonly line: Growable<Uint32Array> = new Growable(Uint32Array, 256);
  readonly offset: Growable<Float64Array> = new Growable(Float64Array, 256);
  readonly rec: Growable<Uint16Array> = new Growable(Uint16Array, 256);
  readonly pid: Growable<Int32Array> = new Growable(Int32Array, 256);
  readonly valStart: Growable<Uint32Array> = new Growable(Uint32Array, 256);
  readonly vals: Growable<Uint32Array> = new Growable(Uint32Array, 1024);
  readonly strings: string[] = [];
  readonly tables: TableName[] = [];

  get length(): number {
    return this.line.length;
  }

  add(c: EventChunk): void {
    if (c.from !== this.length) throw new Error(`event chunk out of order: got ${c.from}, have ${this.length}`);
    this.line.append(c.line);
    this.offset.append(c.offset);
    this.rec.append(c.rec);
    this.pid.append(c.pid);
    this.valStart.append(c.valStart);
    this.vals.append(c.vals);
    for (const s of c.strings) this.strings.push(s);
    for (const t of c.tables) this.tables.push(t);
  }

  /** Captured value k of event i (in the recognizer's group order), or undefined. */
  value(i: number, k: number): string | undefined {
    const id = this.vals.data[this.valStart.data[i] + k];
    return id === NO_VALUE ? undefined : this.strings[id];
  }
}
