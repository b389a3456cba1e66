// The timeline's Density track as the view worker answers it: per node lane and severity
// class, line counts per time bucket, from each file's pyramid (kept in step with the lines
// it hides as duplicates).

import { toUtcShift } from '../ingest/timebase.ts';
import { DENSITY_CLASSES, DENSITY_CLASS_COUNT, DensityPyramid, MAX_DENSITY_BUCKETS, densityMax } from '../timeline/density.ts';
import type { Density, DensityRequest, FileId } from './api.ts';
import { nodeKey, type StoreFile } from './store-file.ts';

/** Duplicates found (or no longer hidden) since the file's pyramid was built: rebuild it without them. */
export function syncDensity(f: StoreFile): void {
  const hidden = f.hidden !== null && f.hidden.length === f.ts.length ? f.hidden : null;
  if (f.density.hidden === hidden && f.density.lines === f.ts.length) return;
  f.density = DensityPyramid.build({ ts: f.ts.data, level: f.level.data }, f.ts.length, hidden);
}

/**
 * Lines per bucket per node lane and severity class: the lanes of the snapshot (same names,
 * same order; `all` in the store's order), counted over `visible` limited to the view's file filter.
 */
export function laneDensity(req: DensityRequest, all: Iterable<StoreFile>, visible: StoreFile[], fileIds: FileId[]): Density | null {
  const { t0, t1 } = req;
  const buckets = Math.min(MAX_DENSITY_BUCKETS, Math.floor(req.buckets));
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || !(t1 > t0) || !(buckets >= 1)) return null;
  // The lanes as the snapshot builds them: files that could not be loaded have none.
  const laneOf = new Map<string, number>();
  const nodes: string[] = [];
  for (const f of all) {
    if (f.facts.status === 'error') continue;
    const key = nodeKey(f);
    if (!laneOf.has(key)) {
      laneOf.set(key, nodes.length);
      nodes.push(f.facts.nodeLabel);
    }
  }
  if (nodes.length === 0) return null;
  const stride = DENSITY_CLASS_COUNT * buckets;
  const counts = new Uint32Array(nodes.length * stride);
  const selected = fileIds.length === 0 ? null : new Set(fileIds);
  for (const f of visible) {
    if (selected !== null && !selected.has(f.id)) continue;
    // The density row counts the node's log lines; a capture's rows have their own track.
    if (f.facts.capture) continue;
    const lane = laneOf.get(nodeKey(f));
    if (lane === undefined) continue;
    syncDensity(f);
    f.density.query(counts, lane * stride, t0, t1, buckets, toUtcShift(f.facts.timeBase), { ts: f.ts.data, level: f.level.data });
  }
  return { t0, t1, buckets, nodes, classes: DENSITY_CLASSES, counts, max: densityMax(counts, nodes.length, buckets) };
}
