// The snapshot the main thread renders from: per-file facts and progress, node lanes with
// their colours, component counts and the time span, plus the store's own state (view rows,
// search, loading) that the caller passes in.

import { toUtcShift, utcKnown } from '../ingest/timebase.ts';
import type { EngineSnapshot, FileId } from './api.ts';
import { nodeKey, type StoreFile } from './store-file.ts';

const PALETTE = ['#4e9ff5', '#f5a34e', '#5fd38d', '#e86a92', '#b08cf5', '#4ed6d6', '#d6c94e', '#f07b5a', '#8fb3ff', '#9ad95f'];

/** A node keeps its colour for the life of the store (in the order nodes are first seen). */
export class NodeColors {
  private readonly byKey = new Map<string, string>();

  of(key: string): string {
    let c = this.byKey.get(key);
    if (!c) {
      c = PALETTE[this.byKey.size % PALETTE.length];
      this.byKey.set(key, c);
    }
    return c;
  }
}

export type StoreState = Omit<EngineSnapshot, 'files' | 'nodes' | 'totalLines' | 'components' | 'timeMin' | 'timeMax'>;

export function buildSnapshot(files: StoreFile[], colors: NodeColors, state: StoreState): EngineSnapshot {
  const nodes = new Map<string, { name: string; color: string; fileIds: FileId[] }>();
  const comps = new Map<string, number>();
  let tMin = Infinity;
  let tMax = -Infinity;
  let totalLines = 0;
  for (const f of files) {
    const key = nodeKey(f);
    const color = colors.of(key);
    // Files that could not be loaded have no lane.
    if (f.facts.status !== 'error') {
      const lane = nodes.get(key) ?? { name: f.facts.nodeLabel, color, fileIds: [] };
      lane.fileIds.push(f.id);
      nodes.set(key, lane);
      // Nor do their lines count: the status bar's total is of what can be read.
      totalLines += f.facts.lines;
    }
    f.facts.components.forEach((name, i) => {
      if (name && f.facts.componentCounts[i]) comps.set(name, (comps.get(name) ?? 0) + f.facts.componentCounts[i]);
    });
    if (f.facts.firstWritten !== null && f.facts.lastWritten !== null && f.facts.status !== 'error') {
      const sh = toUtcShift(f.facts.timeBase);
      tMin = Math.min(tMin, f.facts.firstWritten + sh);
      tMax = Math.max(tMax, f.facts.lastWritten + sh);
    }
  }
  const now = Date.now();
  return {
    ...state,
    files: files.map((f) => {
      const elapsed = ((f.finishedAt ?? now) - f.startedAt) / 1000;
      return {
        id: f.id,
        facts: f.facts,
        progress: {
          bytesRead: f.bytesRead, size: f.facts.size, lines: f.facts.lines,
          rate: elapsed > 0 ? f.bytesRead / elapsed : 0, startedAt: f.startedAt, finishedAt: f.finishedAt, halves: f.halves,
        },
        color: colors.of(nodeKey(f)),
        duplicates: f.duplicates,
        span: f.facts.firstWritten === null || f.facts.lastWritten === null ? null : {
          firstUtc: f.facts.firstWritten + toUtcShift(f.facts.timeBase),
          lastUtc: f.facts.lastWritten + toUtcShift(f.facts.timeBase),
          known: utcKnown(f.facts.timeBase),
        },
      };
    }),
    nodes: [...nodes.values()],
    totalLines,
    components: [...comps].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    timeMin: Number.isFinite(tMin) ? tMin : null,
    timeMax: Number.isFinite(tMax) ? tMax : null,
  };
}
