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
