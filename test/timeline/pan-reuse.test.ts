// A pan reuses the last frame moved sideways and draws only the uncovered strip: the pixels
// must be exactly those of the frame drawn whole, for pans both ways, of several sizes, at
// dpr 1 and 2, over every kind of mark (the synthetic incident has them all).
import { describe, expect, it } from 'vitest';
import { syntheticMarks } from '../helpers/synthetic-marks.ts';
import { paint } from '../../src/views/timeline/painter.ts';
import type { PaintInput } from '../../src/views/timeline/paint-input.ts';
import { endMaxOf } from '../../src/views/timeline/visible-range.ts';
import { layoutRows, type LayoutOptions } from '../../src/views/timeline/rows.ts';
import { PixelRects } from '../../src/views/timeline/raster.ts';

const UI: LayoutOptions = { laneOrder: [], hiddenLanes: [], collapsedLanes: [], hiddenTracks: [], collapsedTracks: [], expandedGroups: [], filteredOut: new Set() };

/** A 2D context that draws nothing (what it draws comes after the buffer; only the buffer is compared). */
function nullContext(width: number, height: number): CanvasRenderingContext2D {
  const noop = () => {};
  return new Proxy({ canvas: { width, height } } as Record<string | symbol, unknown>, {
    get: (t, k) => (k in t ? t[k] : k === 'measureText' ? () => ({ width: 10 }) : noop),
    set: () => true,
  }) as unknown as CanvasRenderingContext2D;
}

class FakeImageData { constructor(public data: Uint8ClampedArray, public width: number, public height: number) {} }

describe('pan reuse', () => {
  const m = syntheticMarks({ marks: 60_000, lanes: 4, seed: 7 });
  const rows = layoutRows(m, UI);
  const endMax = endMaxOf(m);
  const g = globalThis as unknown as { ImageData?: unknown };

  /** A density answer for the view (its counts change from frame to frame, as answers do). */
  const density = (t0: number, t1: number, seed: number) => {
    const buckets = 200;
    const counts = new Uint32Array(m.lanes.length * 4 * buckets);
    for (let i = 0; i < counts.length; i++) counts[i] = (i * 7919 + seed * 104729) % 13 < 4 ? (i + seed) % 9 : 0;
    return { t0, t1, buckets, laneOffset: Int32Array.from(m.lanes, (_, L) => L * 4 * buckets), classes: 4, counts, max: 20 };
  };
  const cases = [
    { name: 'dpr 1', dpr: 1, ui: UI, focus: false },
    { name: 'dpr 2', dpr: 2, ui: UI, focus: false },
    // The app's canvas is opaque: what a pan uncovers is cleared to its ground, not to transparent.
    { name: 'opaque ground', dpr: 1, ui: UI, focus: false, ground: 'rgb(13, 16, 20)' },
    // A collapsed lane draws its rows on one line (merged, not replaced); a focused row; a filter.
    { name: 'collapsed lane, focused row, filtered marks', dpr: 1, ui: { ...UI, collapsedLanes: [m.lanes[0].node.toLowerCase()] }, focus: true },
  ];
  for (const c of cases) {
    it(`draws the same pixels as a whole frame after pans both ways (${c.name})`, () => {
      const had = g.ImageData;
      g.ImageData = FakeImageData;
      try {
        const { dpr } = c;
        const layout = layoutRows(m, c.ui);
        const mask = c.focus ? Uint8Array.from({ length: m.length }, (_, i) => (i % 5 === 0 ? 0 : 1)) : null;
        const width = 700;
        const height = 600;
        const ctx = nullContext(width * dpr, height * dpr);
        const span = (m.tMax - m.tMin) / 6;
        const base = m.tMin + span;
        let frameNo = 0;
        const input = (t0: number): PaintInput => ({
          marks: m, rows: layout, view: { t0, t1: t0 + span, width }, scrollTop: 0, height, mask, endMax,
          density: density(t0 - span * 0.1, t0 + span * 1.1, frameNo), cursor: null, hoverT: null,
          focusRow: c.focus ? layout.labels[3].row : -1, focusMark: -1, selection: null, dpr, ground: 'ground' in c ? c.ground : null,
        });
        const reused = new PixelRects();
        let t = base;
        paint(ctx, input(t), reused);
        let shifts = 0;
        for (const px of [37, 120, -5, -260, 1, 2, 0, 333, -71.4, 8, -8, 9]) {
          t += (px / width) * span;
          frameNo++;
          const s = paint(ctx, input(t), reused);
          if (s.shifted !== null) shifts++;
          const whole = new PixelRects();
          const w = paint(ctx, input(t), whole);
          expect(w.shifted).toBeNull();
          const a = reused.px;
          const b = whole.px;
          let diff = -1;
          for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { diff = i; break; }
          expect(diff, `first differing pixel after a pan of ${px} px: ${diff < 0 ? '' : `x ${diff % (width * dpr)}, y ${Math.floor(diff / (width * dpr))}`}`).toBe(-1);
        }
        // Most of those were drawn as pans (a pan of more than half the width is drawn whole).
        expect(shifts).toBeGreaterThanOrEqual(9);
      } finally {
        g.ImageData = had;
      }
    });
  }

  it('draws a frame whole when anything but the start changed', () => {
    const had = g.ImageData;
    g.ImageData = FakeImageData;
    try {
      const ctx = nullContext(700, 600);
      const span = (m.tMax - m.tMin) / 6;
      const input = (t0: number, s = span, scrollTop = 0): PaintInput => ({
        marks: m, rows, view: { t0, t1: t0 + s, width: 700 }, scrollTop, height: 600, mask: null, endMax,
        density: null, cursor: null, hoverT: null, focusRow: -1, focusMark: -1, selection: null, dpr: 1,
      });
      const px = new PixelRects();
      paint(ctx, input(m.tMin), px);
      expect(paint(ctx, input(m.tMin + span * 0.01), px).shifted).not.toBeNull();
      expect(paint(ctx, input(m.tMin, span * 0.9), px).shifted).toBeNull(); // a zoom
      expect(paint(ctx, input(m.tMin, span * 0.9, 40), px).shifted).toBeNull(); // a scroll
    } finally {
      g.ImageData = had;
    }
  });
});
