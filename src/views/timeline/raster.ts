// Where the painter's rectangles and small shapes go. With software raster (no GPU: many
// support laptops and VMs), each canvas draw call costs about a microsecond of recording and
// playback whatever its size, and a frame has a few thousand of them. So opaque rectangles and
// small shapes (point diamonds, arrow heads, dots; unsmoothed, as crisp as the rectangles) are
// written straight into a pixel buffer and put on the canvas at once; translucent ones and text
// still go through the 2D context, after the buffer.

/** A rectangle sink: CSS px, layout coordinates (the painter's y, before scrolling). */
export interface RectSink {
  /**
   * Starts a frame: everything is `ground` again (an opaque CSS colour: the canvas is opaque,
   * which halves the compositor's software draw of it), or transparent when null.
   */
  begin(ctx: CanvasRenderingContext2D, widthCss: number, heightCss: number, dpr: number, scrollTop: number, ground?: string | null): void;
  fill(x: number, y: number, w: number, h: number, color: string): void;
  /** A point mark: a diamond `h` tall from `top`, `halfW` wide either side of `cx`. */
  diamond(cx: number, top: number, h: number, halfW: number, color: string): void;
  /** An arrow head: its tip at (cx, tipY), its base `h` away against `dir` (1: pointing down). */
  triangle(cx: number, tipY: number, h: number, halfW: number, dir: 1 | -1, color: string): void;
  disc(cx: number, cy: number, r: number, color: string): void;
  /**
   * Rows y .. y+h (CSS px), columns 0 .. n-1: CSS column x takes colour palette[cols[x]] (0:
   * nothing). With `replace`, the band becomes exactly that scan line, zeros included (fast:
   * for a band nothing else has drawn on); without, zeros leave what is there.
   */
  scanlines(y: number, h: number, cols: Uint8Array, n: number, palette: readonly string[], replace: boolean): void;
  /** Puts the frame on the canvas; the context's own drawing comes after this. */
  flush(ctx: CanvasRenderingContext2D): void;
  /**
   * Starts a frame from the last one moved sideways by dx CSS px (a pan), the uncovered strip
   * cleared to the ground; false when this sink cannot (the frame must then be drawn whole). Optional.
   */
  beginShifted?(dx: number): boolean;
  /** Limits drawing to CSS columns [x0, x1) (null: the whole width). Optional, with beginShifted. */
  setClip?(x0: number | null, x1?: number): void;
  /** Clears rows y .. y+h to the ground across the whole width. Optional, with beginShifted. */
  clearBand?(y: number, h: number): void;
  /** Clears CSS columns [x0, x1) to the ground from top to bottom. Optional, with beginShifted. */
  clearColumns?(x0: number, x1: number): void;
}

/** The context itself (tests record it; also the fallback when there is no ImageData). */
export function contextRects(): RectSink {
  let ctx: CanvasRenderingContext2D | null = null;
  let last = '';
  return {
    begin(c, w, h, _dpr, scrollTop, ground) {
      ctx = c;
      last = '';
      if (ground) rectOf(c, 0, scrollTop, w, h, ground);
      else c.clearRect(0, scrollTop, w, h);
    },
    fill(x, y, w, h, color) {
      if (color !== last) {
        ctx!.fillStyle = color;
        last = color;
      }
      ctx!.fillRect(x, y, w, h);
    },
    diamond(cx, top, h, halfW, color) {
      last = '';
      pathDiamond(ctx!, cx, top, h, halfW, color);
    },
    triangle(cx, tipY, h, halfW, dir, color) {
      last = '';
      pathTriangle(ctx!, cx, tipY, h, halfW, dir, color);
    },
    disc(cx, cy, r, color) {
      last = '';
      pathDisc(ctx!, cx, cy, r, color);
    },
    scanlines(y, h, cols, n, palette) {
      runsOf(this, y, h, cols, n, palette);
    },
    flush() {},
  };
}

/** Runs of one colour as rectangles (zeros left alone). */
function runsOf(sink: RectSink, y: number, h: number, cols: Uint8Array, n: number, palette: readonly string[]): void {
  let x = 0;
  while (x < n) {
    const v = cols[x];
    let e = x + 1;
    while (e < n && cols[e] === v) e++;
    if (v !== 0) sink.fill(x, y, e - x, h, palette[v]);
    x = e;
  }
}

function rectOf(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, color: string): void {
  ctx.fillStyle = color;
  ctx.fillRect(x, y, w, h);
}

function pathDiamond(ctx: CanvasRenderingContext2D, cx: number, top: number, h: number, halfW: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx + halfW, top + h / 2);
  ctx.lineTo(cx, top + h);
  ctx.lineTo(cx - halfW, top + h / 2);
  ctx.fill();
}

function pathTriangle(ctx: CanvasRenderingContext2D, cx: number, tipY: number, h: number, halfW: number, dir: 1 | -1, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(cx, tipY);
  ctx.lineTo(cx - halfW, tipY - h * dir);
  ctx.lineTo(cx + halfW, tipY - h * dir);
  ctx.fill();
}

function pathDisc(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fill();
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
  /** The last diamond size's row half-widths (device px): every point of a frame has the same. */
  private diamond_ = new Float64Array(0);
  private diamondKey: [number, number, number] = [NaN, NaN, NaN];
  /** Translucent shapes, drawn by the context after the buffer, in the order they came. */
  private deferred: Array<(ctx: CanvasRenderingContext2D) => void> = [];

  begin(ctx: CanvasRenderingContext2D, _w: number, _h: number, dpr: number, scrollTop: number, ground: string | null = null): void {
    const W = ctx.canvas.width;
    const H = ctx.canvas.height;
    this.resize(W, H);
    this.start(dpr, scrollTop, ground);
  }

  /** The word cleared areas get: the ground colour, or 0 (transparent). */
  private ground = 0;

  /** Device columns drawing may touch: [clipX0, clipX1). */
  private clipX0 = 0;
  private clipX1 = 0;

  beginShifted(dx: number): boolean {
    const d = Math.round(dx * this.dpr);
    const W = this.width;
    if (d === 0 || Math.abs(d) >= W) return d === 0;
    this.deferred.length = 0;
    const px = this.px;
    for (let yy = 0; yy < this.height; yy++) {
      const o = yy * W;
      if (d > 0) {
        px.copyWithin(o + d, o, o + W - d);
        px.fill(this.ground, o, o + d);
      } else {
        px.copyWithin(o, o - d, o + W);
        px.fill(this.ground, o + W + d, o + W);
      }
    }
    return true;
  }

  setClip(x0: number | null, x1 = 0): void {
    if (x0 === null) {
      this.clipX0 = 0;
      this.clipX1 = this.width;
      return;
    }
    this.clipX0 = Math.max(0, Math.round(x0 * this.dpr));
    this.clipX1 = Math.min(this.width, Math.round(x1 * this.dpr));
  }

  clearColumns(x0: number, x1: number): void {
    const a = Math.max(0, Math.round(x0 * this.dpr));
    const b = Math.min(this.width, Math.round(x1 * this.dpr));
    if (b <= a) return;
    for (let yy = 0; yy < this.height; yy++) this.px.fill(this.ground, yy * this.width + a, yy * this.width + b);
  }

  clearBand(y: number, h: number): void {
    const d = this.dpr;
    const y0 = Math.max(0, Math.round((y - this.scrollTop) * d));
    const y1 = Math.min(this.height, Math.round((y - this.scrollTop + h) * d));
    if (y1 > y0) this.px.fill(this.ground, y0 * this.width, y1 * this.width);
  }

  /** Sizes the buffer in device px (exposed for tests, which have no canvas). */
  resize(W: number, H: number): void {
    if (W === this.width && H === this.height) return;
    this.clipX1 = W;
    this.width = W;
    this.height = H;
    this.image = null;
    this.px = new Uint32Array(W * H);
  }

  /** For tests: a frame without a canvas. */
  start(dpr: number, scrollTop: number, ground: string | null = null): void {
    const g = ground ? this.word(ground) : 0;
    if (g !== this.ground) {
      // Palette words for "nothing" are the ground: computed again for the new one.
      this.paletteWords = new WeakMap();
      this.ground = g < 0 ? 0 : g;
    }
    this.dpr = dpr;
    this.scrollTop = scrollTop;
    this.deferred.length = 0;
    this.clipX0 = 0;
    this.clipX1 = this.width;
    this.px.fill(this.ground);
  }

  /** The colour as a buffer word, or -1 when the context must draw it (translucent, unknown). */
  private word(color: string): number {
    // Runs of calls share a colour (a row's spans, a lane's bands): no map lookup for those.
    if (color === this.lastColor) return this.lastWord;
    let c = this.packed.get(color);
    if (c === undefined) {
      const p = parseColor(color);
      c = p && p[3] >= 1 ? ((255 << 24) | (p[2] << 16) | (p[1] << 8) | p[0]) >>> 0 : -1;
      this.packed.set(color, c);
    }
    this.lastColor = color;
    this.lastWord = c;
    return c;
  }
  private lastColor = '';
  private lastWord = -1;

  /** Device row `yy` from x0 to x1 (device px, clipped). */
  private span(yy: number, x0: number, x1: number, c: number): void {
    if (yy < 0 || yy >= this.height) return;
    if (x0 < this.clipX0) x0 = this.clipX0;
    if (x1 > this.clipX1) x1 = this.clipX1;
    if (x1 <= x0) return;
    const o = yy * this.width;
    if (x1 - x0 <= 8) for (let x = x0; x < x1; x++) this.px[o + x] = c;
    else this.px.fill(c, o + x0, o + x1);
  }

  /** Device row yy of a shape: `half` (device px) either side of cxd. */
  private shapeRow(yy: number, cxd: number, half: number, c: number): void {
    if (half <= 0) return;
    const a = Math.round(cxd - half);
    this.span(yy, a, Math.max(a + 1, Math.round(cxd + half)), c);
  }

  diamond(cx: number, top: number, h: number, halfW: number, color: string): void {
    const c = this.word(color);
    if (c < 0) return this.defer(pathDiamond, cx, top, h, halfW, color);
    const d = this.dpr;
    let half = this.diamond_;
    if (this.diamondKey[0] !== h || this.diamondKey[1] !== halfW || this.diamondKey[2] !== d) {
      const n = Math.round(h * d);
      half = this.diamond_ = new Float64Array(n);
      for (let i = 0; i < n; i++) half[i] = halfW * d * (1 - Math.abs(i + 0.5 - n / 2) / (n / 2));
      this.diamondKey = [h, halfW, d];
    }
    const y0 = Math.round((top - this.scrollTop) * d);
    for (let i = 0; i < half.length; i++) this.shapeRow(y0 + i, cx * d, half[i], c);
  }

  triangle(cx: number, tipY: number, h: number, halfW: number, dir: 1 | -1, color: string): void {
    const c = this.word(color);
    if (c < 0) return this.defer(pathTriangle, cx, tipY, h, halfW, dir, color);
    const d = this.dpr;
    const tip = (tipY - this.scrollTop) * d;
    const top = dir > 0 ? tipY - h : tipY;
    const y0 = Math.round((top - this.scrollTop) * d);
    const y1 = Math.round((top + h - this.scrollTop) * d);
    for (let yy = y0; yy < y1; yy++) this.shapeRow(yy, cx * d, halfW * d * Math.min(1, Math.abs(yy + 0.5 - tip) / (h * d)), c);
  }

  disc(cx: number, cy: number, r: number, color: string): void {
    const c = this.word(color);
    if (c < 0) return this.defer(pathDisc, cx, cy, r, color);
    const d = this.dpr;
    const cyd = (cy - this.scrollTop) * d;
    const rd = r * d;
    const y0 = Math.round((cy - r - this.scrollTop) * d);
    const y1 = Math.round((cy + r - this.scrollTop) * d);
    for (let yy = y0; yy < y1; yy++) {
      const dy = yy + 0.5 - cyd;
      if (dy * dy < rd * rd) this.shapeRow(yy, cx * d, Math.sqrt(rd * rd - dy * dy), c);
    }
  }

  /**
   * A shape for the context to draw after the buffer. Its own method: a closure made inside
   * fill() would make V8 allocate a context on every call of fill(), deferred or not (about
   * 150 KB a frame).
   */
  private defer<A extends unknown[]>(draw: (ctx: CanvasRenderingContext2D, ...args: A) => void, ...args: A): void {
    this.deferred.push((ctx) => draw(ctx, ...args));
  }

  /** Palette strings → words (a translucent or unknown colour is drawn grey: palettes are opaque). */
  private paletteWords = new WeakMap<readonly string[], Uint32Array>();

  scanlines(y: number, h: number, cols: Uint8Array, n: number, palette: readonly string[], replace: boolean): void {
    if (!replace) {
      runsOf(this, y, h, cols, n, palette);
      return;
    }
    let words = this.paletteWords.get(palette);
    if (!words) {
      words = Uint32Array.from(palette, (c, i) => {
        const w = i === 0 ? this.ground : this.word(c);
        return w < 0 ? 0xff888888 : w;
      });
      this.paletteWords.set(palette, words);
    }
    const d = this.dpr;
    const W = this.width;
    const y0 = Math.max(0, Math.round((y - this.scrollTop) * d));
    const y1 = Math.min(this.height, Math.round((y - this.scrollTop + h) * d));
    if (y1 <= y0) return;
    const px = this.px;
    const o = y0 * W;
    const lo = this.clipX0;
    const hi = Math.min(this.clipX1, Math.round(n * d));
    if (d === 1) {
      for (let x = lo; x < hi; x++) px[o + x] = words[cols[x]];
    } else {
      for (let x = Math.floor(lo / d); x < n; x++) {
        const a = Math.max(lo, Math.round(x * d));
        const b = Math.min(hi, Math.round((x + 1) * d));
        if (a >= hi) break;
        const c = words[cols[x]];
        for (let xx = a; xx < b; xx++) px[o + xx] = c;
      }
    }
    if (hi > lo) for (let yy = y0 + 1; yy < y1; yy++) px.copyWithin(yy * W + lo, o + lo, o + hi);
  }

  fill(x: number, y: number, w: number, h: number, color: string): void {
    const c = this.word(color);
    if (c < 0) return this.defer(rectOf, x, y, w, h, color);
    const d = this.dpr;
    const W = this.width;
    // Edges rounded to device pixels; anything visible keeps at least one pixel.
    let x0 = Math.round(x * d);
    let x1 = Math.round((x + w) * d);
    if (x1 <= x0 && w > 0) x1 = x0 + 1;
    let y0 = Math.round((y - this.scrollTop) * d);
    let y1 = Math.round((y - this.scrollTop + h) * d);
    if (y1 <= y0 && h > 0) y1 = y0 + 1;
    if (x0 < this.clipX0) x0 = this.clipX0;
    if (x1 > this.clipX1) x1 = this.clipX1;
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
    for (const draw of this.deferred) draw(ctx);
  }
}
