// Positions in the built view and the rows at them: where a file's line or a time is in the
// view, the next or previous hit, and a window of rows with their text from the shards.

import { Level } from '../base/levels.ts';
import { messageStart } from '../ingest/message-start.ts';
import { toLocalShift, toUtcShift, writtenWithDate } from '../ingest/timebase.ts';
import { Bucket, BUCKET_NAMES, CHANNEL_NAMES, Flag } from '../ingest/types.ts';
import { hasMembers, severityOf, type ViewOrder } from '../store/filter.ts';
import type { MergedOrder } from '../store/merge.ts';
import type { FileId, Row } from './api.ts';
import type { ShardToView } from './protocol.ts';
import type { StoreFile } from './store-file.ts';

/** The view as built: merged order, the rows of the view in it, the files by merge slot. */
export interface BuiltView {
  view: ViewOrder;
  merged: MergedOrder;
  slots: StoreFile[];
}

export type LinesReply = Extract<ShardToView, { t: 'lines' }>;

/** UTC time of row r (-Infinity for lines before a file's first record). */
export function rowKey(v: BuiltView, r: number): number {
  const p = v.view.pos[r];
  const f = v.slots[v.merged.file[p]];
  const t = f.ts.data[v.merged.line[p]];
  return t === t ? t + toUtcShift(f.facts.timeBase) : -Infinity;
}

export function positionAt(v: BuiltView, utc: number): number {
  // Rows are in time order except for flagged backwards lines: binary search on the row keys.
  let lo = 0;
  let hi = v.view.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowKey(v, mid) < utc) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, Math.max(0, v.view.length - 1));
}

export function positionOf(v: BuiltView, id: FileId, line: number): number {
  const { view, merged, slots } = v;
  const slot = slots.findIndex((f) => f.id === id);
  if (slot < 0) return -1;
  // Fast path: rows are in time order, so look where the line's time sorts first.
  const f = slots[slot];
  const t = line < f.ts.length ? f.ts.data[line] : NaN;
  if (t === t) {
    const key = t + toUtcShift(f.facts.timeBase);
    const r0 = positionAt(v, key);
    for (let r = r0; r < view.length && r < r0 + 20000; r++) {
      const p = view.pos[r];
      if (merged.file[p] === slot && merged.line[p] === line) return r;
      if (rowKey(v, r) > key) break;
    }
  }
  let best = -1;
  for (let r = 0; r < view.length; r++) {
    const p = view.pos[r];
    if (merged.file[p] === slot && merged.line[p] <= line) {
      if (merged.line[p] === line) return r;
      best = r;
    }
  }
  return best;
}

/** The first hit row after `from` (dir 1) or before it (dir -1), or -1. */
export function nextHit(hitRows: Uint32Array, from: number, dir: 1 | -1): number {
  const h = hitRows;
  if (h.length === 0) return -1;
  let lo = 0;
  let hi = h.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  // lo = first hit > from
  if (dir === 1) return lo < h.length ? h[lo] : -1;
  let i = lo - 1;
  if (i >= 0 && h[i] === from) i--;
  return i >= 0 ? h[i] : -1;
}

/** Rows [start, start + count) of the view, their text asked of the shards (one request per file). */
export async function rowWindow(
  v: BuiltView, start: number, count: number, expandAll: boolean,
  askShard: (shard: number, id: FileId, lines: Uint32Array) => Promise<LinesReply>,
): Promise<Row[]> {
  const { view, merged, slots } = v;
  const end = Math.min(view.length, start + Math.max(0, count));
  if (start < 0 || start >= end) return [];
  const hitSet = new Set<number>();
  {
    const h = view.hitRows;
    let lo = 0;
    let hi = h.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (h[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < h.length && h[i] < end; i++) hitSet.add(h[i]);
  }
  const byFile = new Map<number, number[]>();
  for (let r = start; r < end; r++) {
    const p = view.pos[r];
    const slot = merged.file[p];
    const list = byFile.get(slot) ?? [];
    list.push(r);
    byFile.set(slot, list);
  }
  const rows: Row[] = new Array(end - start);
  await Promise.all(
    [...byFile].map(async ([slot, rs]) => {
      const f = slots[slot];
      const lines = Uint32Array.from(rs, (r) => merged.line[view.pos[r]]);
      const res = await askShard(f.shard, f.id, lines);
      const shift = toUtcShift(f.facts.timeBase);
      const lshift = toLocalShift(f.facts.timeBase);
      const node = f.facts.nodeLabel;
      rs.forEach((r, k) => {
        const line = lines[k];
        const lb = f.level.data[line];
        const fl = f.flags.data[line];
        const t = f.ts.data[line];
        const head = hasMembers({ flags: f.flags.data, length: f.flags.length }, line);
        let members = 0;
        if (head) while (line + 1 + members < f.flags.length && (f.flags.data[line + 1 + members] & Flag.Member) !== 0) members++;
        const utc = t === t ? t + shift : NaN;
        rows[r - start] = {
          pos: r,
          fileId: f.id,
          line,
          node,
          utcMs: utc,
          localMs: utc + lshift,
          writtenMs: writtenWithDate(f.facts.timeBase, t),
          nsInMs: res.ns[k] ?? -1,
          level: lb & 15,
          severity: severityOf(lb) === Level.INFO && (lb & 15) === Level.None ? Level.None : severityOf(lb),
          component: f.facts.components[f.comp.data[line]] ?? '',
          pid: res.pid[k],
          tid: res.tid[k],
          idRadix: f.facts.idRadix,
          channel: CHANNEL_NAMES[(fl & Flag.ChannelMask) >> Flag.ChannelShift],
          bucket: BUCKET_NAMES[fl & Flag.BucketMask],
          text: res.texts[k],
          // A capture's row is rendered from its text columns: no prefix to skip.
          msgStart: (fl & Flag.BucketMask) === Bucket.Parsed && !f.facts.capture ? Math.max(0, messageStart(res.texts[k])) : 0,
          memberCount: members,
          member: (fl & Flag.Member) !== 0,
          expanded: expandAll || f.expanded.has(line),
          hit: hitSet.has(r),
          backwards: (fl & Flag.Backwards) !== 0,
          oversized: (fl & Flag.Oversized) !== 0,
        };
      });
    }),
  );
  return rows;
}
