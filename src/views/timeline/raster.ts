// Where the painter's rectangles go. With software raster (no GPU: many support laptops and
// VMs), each canvas fillRect costs about a microsecond of recording and playback whatever its
// size, and a frame has a few thousand of them. So opaque rectangles are written straight into
// a pixel buffer and put on the canvas at once; translucent ones and everything with edges to
// smooth (paths, text) still go through the 2D context, after the buffer.

/** A rectangle sink: CSS px, layout coordinates (the painter's y, before scrolling). */
export interface RectSink {
  /** Starts a frame: everything is transparent again. */
  begin(ctx: CanvasRenderingContext2D, widthCss: number, heightCss: number, dpr: number, scrollTop: number): void;
  fill(x: number, y: number, w: number, h: number, color: string): void;
  /** Puts the frame on the canvas; the context's own drawing comes after this. */
  flush(ctx: CanvasRenderingContext2D): void;
}

/** The context itself (tests record it; also the fallback when there is no ImageData). */
export function contextRects(): RectSink {
  let ctx: CanvasRenderingContext2D | null = null;
  let last = '';
  return {
    begin(c, w, h, _dpr, scrollTop) {
      ctx = c;
      last = '';
      c.clearRect(0, scrollTop, w, h);
    },
    fill(x, y, w, h, color) {
      if (color !== last) {
        ctx!.fillStyle = color;
        last = color;
      }
      ctx!.fillRect(x, y, w, h);
    },
    flush() {},
  };
}

/** #rgb, #rrggbb or rgba(r,g,b,a) → [r, g, b, a 0..1]; null when not understood. */
export function parseColor(c: string): [number, number, number, number] | null {
  let m = /^#([0-9a-f]{6})$/i.exec(c);
  if (m) {
    const n = parseInt(m[1], 16);
    return [n >> 16, (n >> 8) & 255, n & 255, 1];
  }
  m = /^#([0-9a-f]{3})$/i.exec(c);
  if (m) return [...m[1]].map((d) => parseInt(d + d, 16)).concat(1) as [number, number, number, number];
  m = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  return null;
}

/** A pixel buffer the size of the canvas's backing store. */
export class PixelRects implements RectSink {
  /** Device pixels, RGBA bytes in memory order (so one little-endian word is 0xAABBGGRR). */
  px = new Uint32Array(0);
  width = 0;
  height = 0;
  private image: ImageData | null = null;
  private dpr = 1;
  private scrollTop = 0;
  /** Colour string → packed opaque word, or -1: translucent or unknown (drawn by the context). */
  private packed = new Map<string, number>();
  private deferred: Array<[number, number, number, number, string]> = [];

  begin(ctx: CanvasRenderingContext2D, _w: number, _h: number, dpr: number, scrollTop: number): void {
    const W = ctx.canvas.width;
    const H = ctx.canvas.height;
    this.resize(W, H);
    this.dpr = dpr;
    this.scrollTop = scrollTop;
    this.deferred.length = 0;
    this.px.fill(0);
  }

  /** Sizes the buffer in device px (exposed for tests, which have no canvas). */
  resize(W: number, H: number): void {
    if (W === this.width && H === this.height) return;
    this.width = W;
    this.height = H;
    this.image = null;
    this.px = new Uint32Array(W * H);
  }

  /** For tests: a frame without a canvas. */
  start(dpr: number, scrollTop: number): void {
    this.dpr = dpr;
    this.scrollTop = scrollTop;
    this.deferred.length = 0;
    this.px.fill(0);
  }

  fill(x: number, y: number, w: number, h: number, color: string): void {
    let c = this.packed.get(color);
    if (c === undefined) {
      const p = parseColor(color);
      c = p && p[3] >= 1 ? ((255 << 24) | (p[2] << 16) | (p[1] << 8) | p[0]) >>> 0 : -1;
      this.packed.set(color, c);
    }
    if (c < 0) {
      this.deferred.push([x, y, w, h, color]);
      return;
    }
    const d = this.dpr;
    const W = this.width;
    // Edges rounded to device pixels; anything visible keeps at least one pixel.
    let x0 = Math.round(x * d);
    let x1 = Math.round((x + w) * d);
    if (x1 <= x0 && w > 0) x1 = x0 + 1;
    let y0 = Math.round((y - this.scrollTop) * d);
    let y1 = Math.round((y - this.scrollTop + h) * d);
    if (y1 <= y0 && h > 0) y1 = y0 + 1;
    if (x0 < 0) x0 = 0;
    if (x1 > W) x1 = W;
    if (y0 < 0) y0 = 0;
    if (y1 > this.height) y1 = this.height;
    if (x1 <= x0 || y1 <= y0) return;
    const px = this.px;
    if (x1 - x0 <= 8) {
      // Narrow (most aggregated runs): plain stores beat a fill() call per scan line.
      for (let yy = y0; yy < y1; yy++) {
        const o = yy * W;
        for (let xx = x0; xx < x1; xx++) px[o + xx] = c;
      }
    } else {
      for (let yy = y0; yy < y1; yy++) px.fill(c, yy * W + x0, yy * W + x1);
    }
  }

  flush(ctx: CanvasRenderingContext2D): void {
    if (!this.image || this.image.width !== this.width || this.image.height !== this.height) {
      this.image = new ImageData(new Uint8ClampedArray(this.px.buffer), this.width, this.height);
    }
    ctx.putImageData(this.image, 0, 0);
    let last = '';
    for (const [x, y, w, h, color] of this.deferred) {
      if (color !== last) {
        ctx.fillStyle = color;
        last = color;
      }
      ctx.fillRect(x, y, w, h);
    }
  }
}
