// One row of the benchmark's table (and of results.json): every section reports in this shape.
export interface BenchRow {
  id: string;
  metric: string;
  measured: number;
  unit: string;
  target: string;
  /** Naive baseline / product, or the section's own ratio; null where none applies. */
  ratio: number | null;
  /** null: information only, no target. */
  pass: boolean | null;
  note?: string;
}

/** The median of the finite values (NaN when there is none): every figure of the bench is one. */
export const median = (xs: number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
