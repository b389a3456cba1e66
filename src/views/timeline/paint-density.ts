// The density row of a lane: lines per bucket stacked by severity class, on a square-root scale.

import { DENSITY_COLORS } from './palette.ts';
import type { PaintInput, PaintStats } from './paint-input.ts';
import type { RectSink } from './raster.ts';
import { DENSITY_H } from './rows.ts';

export function paintDensity(out: RectSink, p: PaintInput, lane: number, y: number, stats: PaintStats): void {
  const d = p.density!;
  const off = d.laneOffset[lane] ?? -1;
  if (off < 0 || d.max <= 0) return;
  const v = p.view;
  const bw = (d.t1 - d.t0) / d.buckets;
  const k = v.width / (v.t1 - v.t0);
  const h = DENSITY_H - 4;
  // Square-root scale over the busiest bucket of any lane: bursts stand out, quiet stretches stay visible.
  const scale = h / Math.sqrt(d.max);
  const n = d.buckets;
  // Only the buckets on screen (the answer may be for a wider domain than the one drawn now).
  const i0 = Math.max(0, Math.floor((v.t0 - d.t0) / bw));
  const i1 = Math.min(n, Math.ceil((v.t1 - d.t0) / bw));
  for (let i = i0; i < i1; i++) {
    const x0 = (d.t0 + i * bw - v.t0) * k;
    const w = Math.max(1, (d.t0 + (i + 1) * bw - v.t0) * k - x0);
    let total = 0;
    let base = 0;
    for (let c = 0; c < d.classes; c++) {
      const cnt = d.counts[off + c * n + i];
      if (cnt === 0) continue;
      total += cnt;
      // Rare classes get at least one pixel so that a single error is never invisible.
      const hh = Math.max(c > 0 ? 1.5 : 0.5, Math.sqrt(total) * scale - base);
      out.fill(x0, y + 2 + h - base - hh, w, hh, DENSITY_COLORS[c] ?? '#888888');
      base += hh;
      stats.draws++;
    }
  }
}
