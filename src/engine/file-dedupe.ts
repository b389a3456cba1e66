// Several files of one node (re-collected logs) overlap in time: a line of a later file with
// the same time and the same bytes as a line of an earlier file is hidden. The content hashes
// come from the shards that hold the bytes.

import { toUtcShift } from '../ingest/timebase.ts';
import { markDuplicates } from '../store/dedupe.ts';
import { nodeKey, type StoreFile } from './store-file.ts';

/**
 * Sets each file's `hidden` and `duplicates`. Returns whether the merged order must be built
 * again, or null when `current()` turned false while hashes were awaited (a newer run took over).
 */
export async function dedupeFiles(files: StoreFile[], askHashes: (f: StoreFile) => Promise<Uint32Array>, current: () => boolean): Promise<boolean | null> {
  const groups = new Map<string, StoreFile[]>();
  const before = new Map(files.map((f) => [f, f.duplicates]));
  for (const f of files) {
    f.hidden = null;
    f.duplicates = 0;
    if (f.finishedAt === null || f.facts.status !== 'done' || !f.facts.node) continue;
    const key = nodeKey(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const hashes = new Map<StoreFile, Uint32Array>();
  const get = async (f: StoreFile) => {
    let h = hashes.get(f);
    if (!h) {
      h = await askHashes(f);
      hashes.set(f, h);
    }
    return h;
  };
  const keyAt = (f: StoreFile, i: number) => {
    const t = f.ts.data[i];
    return t === t ? t + toUtcShift(f.facts.timeBase) : -Infinity;
  };
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.id - b.id);
    for (let j = 1; j < group.length; j++) {
      const b = group[j];
      for (let i = 0; i < j; i++) {
        const a = group[i];
        const [a0, a1, b0, b1] = [a.facts.firstWritten, a.facts.lastWritten, b.facts.firstWritten, b.facts.lastWritten];
        if (a0 === null || a1 === null || b0 === null || b1 === null) continue;
        const sa = toUtcShift(a.facts.timeBase);
        const sb = toUtcShift(b.facts.timeBase);
        if (a1 + sa < b0 + sb || b1 + sb < a0 + sa) continue;
        const ha = await get(a);
        const hb = await get(b);
        if (!current()) return null;
        const hidden = b.hidden ?? new Uint8Array(b.ts.length);
        b.duplicates += markDuplicates(
          { hashes: ha, keyAt: (k) => keyAt(a, k), hidden: a.hidden },
          { hashes: hb, keyAt: (k) => keyAt(b, k), hidden: b.hidden },
          hidden,
        );
        if (b.duplicates > 0) b.hidden = hidden;
      }
    }
  }
  if (!current()) return null;
  // Re-merge only when some file hides a different set of lines than before.
  return files.some((f) => f.duplicates !== (before.get(f) ?? 0) || f.duplicates > 0);
}
