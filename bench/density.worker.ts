// The benchmark's stand-in for the engine's getDensity over synthetic marks (bench/timeline-page.tsx):
// prefix sums per lane and severity class over fixed bins of the whole range, answered per
// request with the counts transferred back, as the engine's worker does.

import type { Density } from '../src/engine/api.ts';

export interface DensityInit {
  type: 'init';
  /** prefix[(lane * classes + class) * (bins + 1) + b]: marks in bins [0, b). */
  prefix: Uint32Array;
  lanes: number;
  classes: readonly string[];
  bins: number;
  t0: number;
  span: number;
  nodes: string[];
}

interface Ask { type: 'ask'; id: number; t0: number; t1: number; buckets: number }

let data: DensityInit | null = null;

function answer(q: Ask): Density {
  const { prefix, lanes: L, bins, t0, span } = data!;
  const C = data!.classes.length;
  const buckets = Math.max(1, Math.min(4096, q.buckets));
  const binOf = (t: number) => Math.min(bins, Math.max(0, Math.floor(((t - t0) / span) * bins)));
  const edges = new Int32Array(buckets + 1);
  const bw = (q.t1 - q.t0) / buckets;
  for (let b = 0; b <= buckets; b++) edges[b] = binOf(q.t0 + b * bw);
  const counts = new Uint32Array(L * C * buckets);
  const totals = new Float64Array(buckets);
  let max = 0;
  for (let lane = 0; lane < L; lane++) {
    totals.fill(0);
    for (let c = 0; c < C; c++) {
      const row = (lane * C + c) * (bins + 1);
      const out = (lane * C + c) * buckets;
      for (let b = 0; b < buckets; b++) {
        const n = prefix[row + edges[b + 1]] - prefix[row + edges[b]];
        counts[out + b] = n;
        totals[b] += n;
      }
    }
    for (let b = 0; b < buckets; b++) if (totals[b] > max) max = totals[b];
  }
  return { t0: q.t0, t1: q.t1, buckets, nodes: data!.nodes, classes: data!.classes, counts, max };
}

self.onmessage = (e: MessageEvent<DensityInit | Ask>) => {
  const m = e.data;
  if (m.type === 'init') {
    data = m;
    return;
  }
  const density = answer(m);
  (self as unknown as Worker).postMessage({ id: m.id, density }, [density.counts.buffer]);
};
