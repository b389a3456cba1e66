import { describe, expect, it } from 'vitest';
import { filesApart, fmtDuration } from './span-overlap.ts';

const DAY = 86_400_000;

describe('filesApart', () => {
  it('names every file of two incidents 829 days apart, with the gap and the whole span', () => {
    const m = filesApart([{ id: 1, firstUtc: 0, lastUtc: 3_600_000 }, { id: 2, firstUtc: 829 * DAY, lastUtc: 829 * DAY + 60_000 }]);
    expect([...m.keys()]).toEqual([1, 2]);
    expect(fmtDuration(m.get(1)!.gapMs)).toBe('829 days');
    expect(fmtDuration(m.get(1)!.totalMs)).toBe('829 days');
  });
  it('says nothing of files that overlap one another, or of a single file', () => {
    expect(filesApart([{ id: 1, firstUtc: 0, lastUtc: 10 }, { id: 2, firstUtc: 5, lastUtc: 20 }]).size).toBe(0);
    expect(filesApart([{ id: 1, firstUtc: 0, lastUtc: 10 }]).size).toBe(0);
  });
  it('names only the odd one out when three nodes overlap and a fourth file is from another day', () => {
    const m = filesApart([
      { id: 1, firstUtc: 0, lastUtc: 100 }, { id: 2, firstUtc: 50, lastUtc: 150 }, { id: 3, firstUtc: 90, lastUtc: 200 },
      { id: 4, firstUtc: 3 * DAY, lastUtc: 3 * DAY + 5 },
    ]);
    expect([...m.keys()]).toEqual([4]);
  });
});
