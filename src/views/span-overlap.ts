// Files whose time spans overlap no other file's (logs of different incidents dropped together):
// the timeline then spans the gap between them, with nothing visible at its scale. Pure.

export interface FileSpan { id: number; firstUtc: number; lastUtc: number }

export interface Apart {
  /** The nearest other file's span, as a gap in ms (> 0: no overlap). */
  gapMs: number;
  /** The whole set's span, ms. */
  totalMs: number;
}

/** For each file that overlaps no other file (with two or more files of known span), how far apart it is. */
export function filesApart(spans: readonly FileSpan[]): Map<number, Apart> {
  const out = new Map<number, Apart>();
  const ok = spans.filter((s) => Number.isFinite(s.firstUtc) && Number.isFinite(s.lastUtc));
  if (ok.length < 2) return out;
  const lo = Math.min(...ok.map((s) => s.firstUtc));
  const hi = Math.max(...ok.map((s) => s.lastUtc));
  for (const a of ok) {
    let gap = Infinity;
    for (const b of ok) {
      if (b === a) continue;
      const g = Math.max(b.firstUtc - a.lastUtc, a.firstUtc - b.lastUtc);
      gap = Math.min(gap, g);
    }
    if (gap > 0) out.set(a.id, { gapMs: gap, totalMs: hi - lo });
  }
  return out;
}

/** "829 days", "5 h", "12 min": a duration for a sentence. */
export function fmtDuration(ms: number): string {
  const d = ms / 86_400_000;
  if (d >= 2) return `${Math.round(d)} days`;
  const h = ms / 3_600_000;
  if (h >= 2) return `${Math.round(h)} h`;
  return `${Math.max(1, Math.round(ms / 60_000))} min`;
}
