import { describe, expect, it } from 'vitest';
import { fitColumns } from './log-columns.ts';

const none = { widths: null, hidden: [], shown: [] };
const fixedOf = (l: ReturnType<typeof fitColumns>) => 22 + (['time', 'node', 'level', 'comp', 'tid'] as const).reduce((s, k) => s + (l.hidden.has(k) ? 0 : l.widths[k]), 0);

describe('raw-log columns', () => {
  it('wide enough: every column at its full width, nothing squeezed', () => {
    const l = fitColumns(1400, 7.2, none);
    expect(l.hidden.size).toBe(0);
    expect(l.timeShort).toBe(false);
    expect(l.squeezed).toEqual([]);
    expect(fixedOf(l)).toBeLessThanOrEqual(700);
  });
  it('the message keeps at least half of the log: the narrow columns give way in order', () => {
    for (const w of [900, 800, 700, 600, 500]) {
      const l = fitColumns(w, 7.2, none);
      expect(fixedOf(l), `${w}: ${l.squeezed.join(', ')}`).toBeLessThanOrEqual(w / 2);
    }
    expect(fitColumns(800, 7.2, none).squeezed).toEqual(['PID.TID hidden', 'component narrower', 'level narrower', 'node narrower']);
    expect(fitColumns(500, 7.2, none).timeShort).toBe(true);
  });
  it('what the user set stays: a dragged width, a column shown, a column hidden', () => {
    const l = fitColumns(800, 7.2, { widths: { comp: 200 }, hidden: ['node'], shown: ['tid'] });
    expect(l.widths.comp).toBe(200);
    expect(l.hidden.has('node')).toBe(true);
    expect(l.hidden.has('tid')).toBe(false);
    expect(l.squeezed).not.toContain('PID.TID hidden');
  });
});
