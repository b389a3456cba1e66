// Interning of the two per-record names a column stores as small ids: the component tag
// (hashed from the line's bytes, decoded only the first time it is seen) and PID.TID.
// Both put a direct-mapped cache in front of a Map: a few dozen names cover nearly every line.

import type { Units } from './prefix.ts';
import type { ThreadTable } from './types.ts';

export class ComponentInterner {
  private readonly ids = new Map<string, number>();
  private readonly byHash = new Map<number, number[]>();
  private readonly cacheHash = new Int32Array(256).fill(0x7fffffff);
  private readonly cacheId = new Int32Array(256);
  /** Component id of [NM], whose `Local node name =` line names the log's own node. */
  nmId = -1;
  private resId = -1;

  /** `names` and `counts` are the file's facts.components and facts.componentCounts (index 0 = none). */
  constructor(private readonly names: string[], private readonly counts: number[]) {}

  intern(u: Units, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ u[i], 0x01000193);
    const names = this.names;
    const slot = (h ^ (h >>> 16)) & 255;
    if (this.cacheHash[slot] === h) {
      const id = this.cacheId[slot];
      if (sameName(names[id], u, s, e)) return id;
    }
    const id = this.internSlow(u, s, e, h);
    this.cacheHash[slot] = h;
    this.cacheId[slot] = id;
    return id;
  }

  private internSlow(u: Units, s: number, e: number, h: number): number {
    const list = this.byHash.get(h);
    if (list) for (const id of list) if (sameName(this.names[id], u, s, e)) return id;
    let name = '';
    for (let i = s; i < e; i++) name += String.fromCharCode(u[i]);
    const id = this.add(name);
    if (list) list.push(id);
    else this.byHash.set(h, [id]);
    return id;
  }

  /** The id of a name, added when new (0 once the 16-bit ids run out). */
  add(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const names = this.names;
    if (names.length >= 65535) return 0;
    const id = names.length;
    names.push(name);
    this.counts.push(0);
    this.ids.set(name, id);
    if (name === 'NM') this.nmId = id;
    return id;
  }

  /** Resource-DLL lines of 2000/2003 (`Physical Disk <Disk D:>: ...`) file under RES, like the 2008+ [RES] tag. */
  res(): number {
    if (this.resId < 0) this.resId = this.add('RES');
    return this.resId;
  }
}

function sameName(name: string, u: Units, s: number, e: number): boolean {
  if (name.length !== e - s) return false;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) !== u[s + i]) return false;
  return true;
}

export class ThreadInterner {
  /** pid -> (tid -> thread id); Smi keys keep lookups allocation-free. */
  private readonly ids = new Map<number, Map<number, number>>();
  private lastPid = -2;
  private lastTid = -2;
  private lastId = 0;
  private readonly cachePid = new Float64Array(1024).fill(-2);
  private readonly cacheTid = new Float64Array(1024).fill(-2);
  private readonly cacheId = new Int32Array(1024);
  readonly table: ThreadTable = { pid: [-1], tid: [-1] };

  intern(pid: number, tid: number): number {
    if (pid === this.lastPid && tid === this.lastTid) return this.lastId;
    // Threads repeat, interleaved.
    const slot = (Math.imul(pid, 0x9e3779b1) ^ tid) & 1023;
    let id: number;
    if (this.cachePid[slot] === pid && this.cacheTid[slot] === tid) id = this.cacheId[slot];
    else {
      id = this.internSlow(pid, tid);
      this.cachePid[slot] = pid;
      this.cacheTid[slot] = tid;
      this.cacheId[slot] = id;
    }
    this.lastPid = pid;
    this.lastTid = tid;
    this.lastId = id;
    return id;
  }

  private internSlow(pid: number, tid: number): number {
    let byTid = this.ids.get(pid);
    if (!byTid) {
      byTid = new Map();
      this.ids.set(pid, byTid);
    }
    let id = byTid.get(tid);
    if (id === undefined) {
      id = this.table.pid.length;
      this.table.pid.push(pid);
      this.table.tid.push(tid);
      byTid.set(tid, id);
    }
    return id;
  }
}
