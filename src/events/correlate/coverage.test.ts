import { describe, expect, it } from 'vitest';
import { fileSpan, noDataGaps, quantile } from './coverage.ts';
import { correlate } from './index.ts';
import { evenFile } from '../../../test/helpers/correlate-events.ts';
import type { CoverageFile } from './types.ts';

const id = (n: string): string => n;

function file(ts: number[], shift = 0): CoverageFile {
  return { fileId: 9, path: 'x.log', node: 'X', ts: Float64Array.from(ts), shift, lines: ts.length };
}

describe('coverage', () => {
  it('spans from the first to the last timed line, shifted to UTC', () => {
    expect(fileSpan(file([NaN, NaN, 1000, 2000, 1500], 3_600_000))).toEqual({ start: 3_601_000, end: 3_602_000 });
    expect(fileSpan(file([NaN]))).toBeNull();
  });

  it('quantile', () => {
    expect(quantile(Float64Array.from([5, 1, 3, 2, 4]), 0.5)).toBe(3);
    expect(quantile(new Float64Array(0), 0.99)).toBe(0);
  });
});

describe('no-data gaps', () => {
  it('a silence far beyond the file\u2019s usual rate is a no-data gap (never "down")', () => {
    const f = evenFile('X', 0, 600_000, 500, [[100_000, 190_000]]);
    const gaps = noDataGaps(f, id);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ start: 100_000, end: 190_000, label: 'no data', thresholdMs: 30_000 });
    expect(f.ts[gaps[0].beforeRef.line]).toBe(100_000);
    expect(f.ts[gaps[0].afterRef.line]).toBe(190_000);
  });

  it('a silence below the 30 s floor is not a gap', () => {
    expect(noDataGaps(evenFile('X', 0, 600_000, 500, [[100_000, 125_000]]), id)).toEqual([]);
    // An excerpt of a few lines five minutes apart (R17's): too few lines to know its usual pauses.
    expect(noDataGaps(file([0, 300_000, 300_000, 300_001]), id)).toEqual([]);
  });

  it('a slow log sets a higher threshold: 20 x its p99 gap', () => {
    // A line every 5 s: threshold 100 s; a 60 s silence is its normal life, a 150 s one is not.
    const f = evenFile('X', 0, 2_000_000, 5000, [[100_000, 160_000], [500_000, 650_000]]);
    const gaps = noDataGaps(f, id);
    expect(gaps.map((g) => [g.start, g.end, g.thresholdMs])).toEqual([[500_000, 650_000, 100_000]]);
  });

  it('lines that step back in time do not make a gap, and NaN lines are skipped', () => {
    const ts = [NaN, 0, 1000, 2000, 500, 2500, 3000, NaN, 3500];
    expect(noDataGaps(file(ts), id)).toEqual([]);
  });

  it('gaps are reported per file by correlate', () => {
    const m = correlate([], [evenFile('G1', 0, 300_000, 1000, [[50_000, 120_000]])]);
    expect(m.gaps.map((g) => [g.node, g.start, g.end])).toEqual([['G1', 50_000, 120_000]]);
    expect(m.coverage).toEqual([{ node: 'G1', spans: [{ fileId: expect.any(Number), file: 'G1_cluster.log', start: 0, end: 300_000 }] }]);
  });
});

describe('no-data gaps over sections written apart', () => {
  it('a channel section written before the main log is merged by time, not read in file order', () => {
    // Sparse channel entries first (like [=== System ===]), then the main log every second with a 60 s silence.
    const channel = [5_000, 100_000, 170_000];
    const main: number[] = [];
    for (let t = 0; t <= 300_000; t += 1000) if (t <= 120_000 || t >= 180_000) main.push(t);
    const gaps = noDataGaps(file([...channel, ...main]), id);
    expect(gaps.map((g) => [g.start, g.end])).toEqual([[120_000, 170_000]]);
    expect(gaps[0].afterRef.line).toBe(2);
    expect(gaps[0].beforeRef.line).toBe(3 + 120);
  });
});
