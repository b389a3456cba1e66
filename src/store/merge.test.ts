import { describe, expect, it } from 'vitest';
import { mergeRuns } from './merge.ts';

const f = (ts: number[], shift = 0) => ({ ts: Float64Array.from(ts), shift });
const pairs = (o: ReturnType<typeof mergeRuns>) => Array.from({ length: o.length }, (_, i) => `${o.file[i]}:${o.line[i]}`);

describe('mergeRuns', () => {
  it('merges files by time; ties go to the lower file, then run order', () => {
    const o = mergeRuns([f([1, 3, 5]), f([2, 3, 4])], [{ file: 0, start: 0, end: 3 }, { file: 1, start: 0, end: 3 }]);
    expect(pairs(o)).toEqual(['0:0', '1:0', '0:1', '1:1', '1:2', '0:2']);
  });

  it('never reorders lines inside a run: a backwards line stays after its predecessor', () => {
    const o = mergeRuns([f([10, 20, 5, 30]), f([15])], [{ file: 0, start: 0, end: 4 }, { file: 1, start: 0, end: 1 }]);
    expect(pairs(o)).toEqual(['0:0', '1:0', '0:1', '0:2', '0:3']);
  });

  it('applies each file\'s shift (time base) before comparing', () => {
    // File 1 is written in local time 7 h behind UTC: shift +7 h.
    const h = 3_600_000;
    const o = mergeRuns([f([8 * h]), f([2 * h], 7 * h)], [{ file: 0, start: 0, end: 1 }, { file: 1, start: 0, end: 1 }]);
    expect(pairs(o)).toEqual(['0:0', '1:0']);
  });

  it('lines without a time at the head of a run sort with the run\'s first record; runs without time sort first', () => {
    const o = mergeRuns([f([NaN, NaN, 100, 200, NaN, 150])], [{ file: 0, start: 0, end: 2 }, { file: 0, start: 2, end: 4 }, { file: 0, start: 4, end: 6 }]);
    expect(pairs(o)).toEqual(['0:0', '0:1', '0:2', '0:4', '0:5', '0:3']);
  });

  it('drops hidden (duplicate) lines', () => {
    const o = mergeRuns([{ ts: Float64Array.from([1, 2, 3]), shift: 0, hidden: Uint8Array.from([0, 1, 0]) }], [{ file: 0, start: 0, end: 3 }]);
    expect(pairs(o)).toEqual(['0:0', '0:2']);
  });

  it('merges 1 M lines of 4 interleaved files in time order', () => {
    const files = [0, 1, 2, 3].map((k) => f(Array.from({ length: 250_000 }, (_, i) => i * 4 + k)));
    const o = mergeRuns(files, files.map((_, i) => ({ file: i, start: 0, end: 250_000 })));
    expect(o.length).toBe(1_000_000);
    for (let i = 1; i < o.length; i++) expect(files[o.file[i]].ts[o.line[i]]).toBeGreaterThanOrEqual(files[o.file[i - 1]].ts[o.line[i - 1]]);
  });
});
