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

  it('reads colours as CSS writes them', () => {
    expect(parseColor('#2d6a4f')).toEqual([0x2d, 0x6a, 0x4f, 1]);
    expect(parseColor('#fff')).toEqual([255, 255, 255, 1]);
    expect(parseColor('rgba(78, 154, 241, 0.10)')).toEqual([78, 154, 241, 0.1]);
    expect(parseColor('rgb(1,2,3)')).toEqual([1, 2, 3, 1]);
    expect(parseColor('tomato')).toBeNull();
  });
});
