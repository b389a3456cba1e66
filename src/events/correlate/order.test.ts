import { describe, expect, it } from 'vitest';
import { compareEvents, lastAtOrBefore, lastBefore, timeOrder } from './order.ts';
import { Lines } from '../../../test/helpers/correlate-events.ts';

describe('order', () => {
  it('sorts by time, then file and line; drops untimed events', () => {
    const L = new Lines();
    const a = L.ev(5, 'A', 'quorum-lost');
    const b = L.ev(5, 'A', 'quorum-lost');
    const c = L.ev(NaN, 'A', 'quorum-lost');
    const d = L.ev(1, 'B', 'quorum-lost');
    expect(timeOrder([b, c, a, d])).toEqual([d, a, b]);
    expect(compareEvents(a, b)).toBeLessThan(0);
  });

  it('binary searches by time (large epoch times: no epsilon tricks)', () => {
    const t = [1.7e12, 1.7e12 + 1, 1.7e12 + 1, 1.7e12 + 5];
    expect(lastAtOrBefore(t, 1.7e12 + 1, (x) => x)).toBe(2);
    expect(lastBefore(t, 1.7e12 + 1, (x) => x)).toBe(0);
    expect(lastBefore(t, 1.7e12, (x) => x)).toBe(-1);
    expect(lastAtOrBefore(t, 2e12, (x) => x)).toBe(3);
  });
});
