// The painter's pixel buffer: opaque rectangles land on the right device pixels (dpr, scroll,
// clipping, a visible minimum of one pixel), translucent ones are left to the 2D context and
// drawn after the buffer, and colours are read the way CSS writes them.
import { describe, expect, it } from 'vitest';
import { parseColor, PixelRects } from '../../src/views/timeline/raster.ts';

/** Little-endian RGBA word, as the buffer stores it. */
const word = (r: number, g: number, b: number) => ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;

describe('pixel rects', () => {
  it('fills device pixels, scaled by dpr and shifted by the scroll offset', () => {
    const px = new PixelRects();
    px.resize(20, 10);
    px.start(2, 5);
    // CSS (1, 6) 2×1 at dpr 2, scrolled by 5: device x 2..6, y 2..4.
    px.fill(1, 6, 2, 1, '#ff0000');
    const red = word(255, 0, 0);
    const at = (x: number, y: number) => px.px[y * 20 + x];
    expect(at(2, 2)).toBe(red);
    expect(at(5, 3)).toBe(red);
    expect(at(6, 2)).toBe(0);
    expect(at(2, 4)).toBe(0);
    expect(at(1, 2)).toBe(0);
    expect([...px.px].filter((v) => v === red)).toHaveLength(8);
  });

  it('clips to the canvas, and keeps a hairline visible', () => {
    const px = new PixelRects();
    px.resize(10, 4);
    px.start(1, 0);
    px.fill(-5, -5, 100, 100, '#00ff00');
    expect([...px.px].every((v) => v === word(0, 255, 0))).toBe(true);
    px.start(1, 0);
    px.fill(3.2, 0, 0.1, 2, '#0000ff');
    expect([...px.px].filter((v) => v === word(0, 0, 255))).toHaveLength(2);
    // Wide rectangles take the fill() path: same result.
    px.start(1, 0);
    px.fill(0, 1, 10, 1, '#123456');
    expect([...px.px.subarray(10, 20)].every((v) => v === word(0x12, 0x34, 0x56))).toBe(true);
    expect(px.px[0]).toBe(0);
  });

  it('leaves translucent rectangles to the context, drawn after the buffer is put', () => {
    const calls: string[] = [];
    class FakeImageData { constructor(public data: Uint8ClampedArray, public width: number, public height: number) {} }
    const g = globalThis as unknown as { ImageData?: unknown };
    const had = g.ImageData;
    g.ImageData = FakeImageData;
    try {
      const ctx = {
        canvas: { width: 4, height: 4 },
        fillStyle: '',
        putImageData: () => calls.push('put'),
        fillRect: (x: number, _y: number, w: number) => calls.push(`rect ${x} ${w} ${ctx.fillStyle}`),
      };
      const px = new PixelRects();
      px.begin(ctx as unknown as CanvasRenderingContext2D, 4, 4, 1, 0);
      px.fill(0, 0, 2, 2, 'rgba(120,120,120,0.12)');
      px.fill(0, 0, 1, 1, '#ffffff');
      expect(px.px[0]).toBe(word(255, 255, 255));
      px.flush(ctx as unknown as CanvasRenderingContext2D);
      expect(calls).toEqual(['put', 'rect 0 2 rgba(120,120,120,0.12)']);
    } finally {
      g.ImageData = had;
    }
  });

  it('draws point diamonds, arrow heads and dots as crisp, symmetric pixel shapes', () => {
    const px = new PixelRects();
    const W = 40;
    px.resize(W, 30);
    const rowWidths = () => {
      const out: number[] = [];
      for (let y = 0; y < 30; y++) {
        let n = 0;
        for (let x = 0; x < W; x++) if (px.px[y * W + x] !== 0) n++;
        out.push(n);
      }
      return out;
    };
    // A diamond 12 tall from y 2, 4 either side of x 20: widest in the middle, one pixel at the tips.
    px.start(1, 0);
    px.diamond(20, 2, 12, 4, '#f0a030');
    const d = rowWidths();
    expect(d.slice(0, 2)).toEqual([0, 0]);
    expect(Math.max(...d)).toBeGreaterThanOrEqual(7);
    expect(d[2]).toBeLessThanOrEqual(2);
    expect(d.slice(2, 14)).toEqual(d.slice(2, 14).reverse());
    expect(d[14]).toBe(0);
    // An arrow head pointing down, its tip at y 20: narrow at the bottom, 10 wide at its base.
    px.start(1, 0);
    px.triangle(20, 20, 8, 5, 1, '#ff7b54');
    const t = rowWidths();
    expect(t[19]).toBeLessThanOrEqual(2);
    expect(t[12]).toBeGreaterThanOrEqual(9);
    expect(t[20]).toBe(0);
    expect(t[11]).toBe(0);
    // A dot of radius 3.5 at (20, 10): about π r² pixels, centred.
    px.start(1, 0);
    px.disc(20, 10, 3.5, '#8fb3ff');
    const n = [...px.px].filter((v) => v !== 0).length;
    expect(n).toBeGreaterThan(30);
    expect(n).toBeLessThan(48);
    expect(px.px[10 * W + 20]).not.toBe(0);
    expect(px.px[10 * W + 24]).toBe(0);
  });

  it('writes an aggregated row as scan lines: replacing its band, or merging with what a shared line holds', () => {
    const pal = ['', '#ff0000', '#00ff00'];
    const cols = new Uint8Array([1, 1, 0, 2, 0, 0, 0, 0]);
    for (const dpr of [1, 2]) {
      const px = new PixelRects();
      const W = 8 * dpr;
      px.resize(W, 6 * dpr);
      px.start(dpr, 0);
      px.fill(0, 1, 8, 3, '#0000ff');
      px.scanlines(1, 2, cols, 8, pal, false);
      const at = (x: number, y: number) => px.px[y * dpr * W + x * dpr];
      // Merge: the blue under the zeros stays.
      expect([at(0, 1), at(1, 2), at(2, 1), at(3, 2), at(7, 1)]).toEqual([word(255, 0, 0), word(255, 0, 0), word(0, 0, 255), word(0, 255, 0), word(0, 0, 255)]);
      expect(at(0, 3)).toBe(word(0, 0, 255));
      // Replace: the band is exactly the scan line.
      px.scanlines(1, 2, cols, 8, pal, true);
      expect([at(0, 1), at(2, 1), at(3, 2), at(7, 2)]).toEqual([word(255, 0, 0), 0, word(0, 255, 0), 0]);
      expect(at(2, 3)).toBe(word(0, 0, 255));
    }
  });

  it('clears to an opaque ground when given one: frames, pans, bands, and the zeros of a scan line', () => {
    const px = new PixelRects();
    const W = 10;
    const ground = word(13, 16, 20);
    px.resize(W, 4);
    px.start(1, 0, 'rgb(13, 16, 20)');
    expect([...px.px].every((c) => c === ground)).toBe(true);
    px.fill(0, 0, W, 4, '#ffffff');
    expect(px.beginShifted(3)).toBe(true);
    expect([...px.px.subarray(0, 3)]).toEqual([ground, ground, ground]);
    expect(px.px[3]).toBe(word(255, 255, 255));
    px.clearBand(1, 1);
    expect([...px.px.subarray(W, 2 * W)].every((c) => c === ground)).toBe(true);
    px.scanlines(2, 1, Uint8Array.from([0, 1, 0]), 3, ['', '#ff0000'], true);
    expect([...px.px.subarray(2 * W, 2 * W + 3)]).toEqual([ground, word(255, 0, 0), ground]);
    // Back to transparent: the scan line's zeros are 0 again.
    px.start(1, 0, null);
    px.scanlines(0, 1, Uint8Array.from([0, 1]), 2, ['', '#ff0000'], true);
    expect([...px.px.subarray(0, 2)]).toEqual([0, word(255, 0, 0)]);
  });

  it('reads colours as CSS writes them', () => {
    expect(parseColor('#2d6a4f')).toEqual([0x2d, 0x6a, 0x4f, 1]);
    expect(parseColor('#fff')).toEqual([255, 255, 255, 1]);
    expect(parseColor('rgba(78, 154, 241, 0.10)')).toEqual([78, 154, 241, 0.1]);
    expect(parseColor('rgb(1,2,3)')).toEqual([1, 2, 3, 1]);
    expect(parseColor('tomato')).toBeNull();
  });
});
