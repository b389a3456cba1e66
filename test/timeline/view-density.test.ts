// The view's density requests: a zoom (a new bucket width) asks for the view; a pan asks only
// when it leaves the last answer, and then for a view's width either side too.
import { describe, expect, it } from 'vitest';
import { viewDensityRequest, type DensityReq } from '../../src/views/timeline/data.ts';

describe('view density requests', () => {
  const width = 1600;
  it('asks for the view on a zoom; a pan that leaves it asks for three view widths, then nothing while it stays inside', () => {
    const first = viewDensityRequest([10_000, 20_000], width, null)!;
    expect(first).toEqual({ t0: 10_000, t1: 20_000, buckets: 800 });
    expect(viewDensityRequest([10_000, 20_000], width, first)).toBeNull();
    let asked: DensityReq = first;
    const asks: DensityReq[] = [];
    for (let t = 10_500; t <= 30_000; t += 500) {
      const r = viewDensityRequest([t, t + 10_000], width, asked);
      if (r) { asks.push(r); asked = r; }
      expect(asked.t0).toBeLessThanOrEqual(t);
      expect(asked.t1).toBeGreaterThanOrEqual(t + 10_000);
    }
    // 20 s of panning: asked at its first step, for 30 s at the view's bucket width (12.5 ms), and
    // once more when the view left that.
    expect(asks.length).toBe(2);
    expect(asks[0]).toEqual({ t0: 500, t1: 30_500, buckets: 2400 });
    for (const r of asks) expect((r.t1 - r.t0) / r.buckets).toBeCloseTo(12.5, 9);
  });

  it('asks again on a zoom, and for a new width', () => {
    const asked = viewDensityRequest([10_000, 20_000], width, null)!;
    expect(viewDensityRequest([11_000, 19_000], width, asked)).not.toBeNull();
    expect(viewDensityRequest([10_000, 20_000], 1000, asked)).not.toBeNull();
    expect(viewDensityRequest([10_000, 20_000], width, asked)).toBeNull();
  });

  it('asks for nothing over an empty domain', () => {
    expect(viewDensityRequest([5, 5], width, null)).toBeNull();
  });
});
