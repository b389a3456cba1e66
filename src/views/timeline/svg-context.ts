// A stand-in for a canvas's 2D context that writes SVG: the timeline's own painters (marks,
// labels, the axis) draw into it unchanged, so that the exported picture is what the screen
// shows, as vectors. It records the part of the 2D API those painters use (rectangles, paths,
// arcs, text, dashes, save/restore, a scale-and-translate transform). Text is escaped: it is
// log text, written as SVG text, never as markup.

/** Text for SVG text and attributes. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => (Math.round(n * 100) / 100).toString();

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  dash: number[];
  /** x' = sx * x + tx, y' = sy * y + ty */
  sx: number;
  sy: number;
  tx: number;
  ty: number;
}

export class SvgContext {
  private readonly out: string[] = [];
  private state: State = { fillStyle: '#000', strokeStyle: '#000', lineWidth: 1, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', dash: [], sx: 1, sy: 1, tx: 0, ty: 0 };
  private readonly stack: State[] = [];
  private path = '';

  get fillStyle(): string { return this.state.fillStyle; }
  set fillStyle(v: string) { this.state.fillStyle = String(v); }
  get strokeStyle(): string { return this.state.strokeStyle; }
  set strokeStyle(v: string) { this.state.strokeStyle = String(v); }
  get lineWidth(): number { return this.state.lineWidth; }
  set lineWidth(v: number) { this.state.lineWidth = v; }
  get font(): string { return this.state.font; }
  set font(v: string) { this.state.font = v; }
  get textAlign(): CanvasTextAlign { return this.state.textAlign; }
  set textAlign(v: CanvasTextAlign) { this.state.textAlign = v; }
  get textBaseline(): CanvasTextBaseline { return this.state.textBaseline; }
  set textBaseline(v: CanvasTextBaseline) { this.state.textBaseline = v; }

  private x(v: number): number { return this.state.sx * v + this.state.tx; }
  private y(v: number): number { return this.state.sy * v + this.state.ty; }

  /** Drawing offset of what comes next (the caller places each part: labels, axis, marks). */
  translateTo(tx: number, ty: number): void {
    this.state.tx = tx;
    this.state.ty = ty;
    this.state.sx = 1;
    this.state.sy = 1;
  }

  setTransform(a: number, _b: number, _c: number, d: number, e: number, f: number): void {
    // The painters scale by the device pixel ratio (1 here) and shift by the scroll: keep the base offset.
    this.state.sx = a;
    this.state.sy = d;
    this.state.tx = this.base[0] + e;
    this.state.ty = this.base[1] + f;
  }

  /** The offset setTransform is relative to (the part's place in the picture). */
  base: [number, number] = [0, 0];

  save(): void { this.stack.push({ ...this.state, dash: [...this.state.dash] }); }
  restore(): void { this.state = this.stack.pop() ?? this.state; }
  setLineDash(d: number[]): void { this.state.dash = [...d]; }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect x="${num(this.x(x))}" y="${num(this.y(y))}" width="${num(w * this.state.sx)}" height="${num(h * this.state.sy)}" fill="${esc(this.state.fillStyle)}"/>`);
  }
  clearRect(): void {}
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect x="${num(this.x(x))}" y="${num(this.y(y))}" width="${num(w)}" height="${num(h)}" fill="none"${this.strokeAttrs()}/>`);
  }

  beginPath(): void { this.path = ''; }
  moveTo(x: number, y: number): void { this.path += `M${num(this.x(x))} ${num(this.y(y))}`; }
  lineTo(x: number, y: number): void { this.path += `L${num(this.x(x))} ${num(this.y(y))}`; }
  closePath(): void { this.path += 'Z'; }
  arc(cx: number, cy: number, r: number): void {
    // Whole circles only (the painters draw discs and rings).
    const x = this.x(cx);
    const y = this.y(cy);
    this.path += `M${num(x - r)} ${num(y)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0`;
  }
  fill(): void { if (this.path) this.out.push(`<path d="${this.path}" fill="${esc(this.state.fillStyle)}"/>`); }
  stroke(): void { if (this.path) this.out.push(`<path d="${this.path}" fill="none"${this.strokeAttrs()}/>`); }

  private strokeAttrs(): string {
    const s = this.state;
    return ` stroke="${esc(s.strokeStyle)}" stroke-width="${num(s.lineWidth)}"${s.dash.length ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}`;
  }

  fillText(text: string, x: number, y: number): void {
    const m = /(\d+(?:\.\d+)?)px\s+(.+)$/.exec(this.state.font);
    const size = m ? m[1] : '10';
    const family = m ? m[2] : 'sans-serif';
    const anchor = this.state.textAlign === 'center' ? 'middle' : this.state.textAlign === 'right' || this.state.textAlign === 'end' ? 'end' : 'start';
    const base = this.state.textBaseline === 'middle' ? 'middle' : this.state.textBaseline === 'top' || this.state.textBaseline === 'hanging' ? 'hanging' : 'auto';
    this.out.push(`<text x="${num(this.x(x))}" y="${num(this.y(y))}" font-size="${size}" font-family="${esc(family)}" fill="${esc(this.state.fillStyle)}" text-anchor="${anchor}" dominant-baseline="${base}">${esc(text)}</text>`);
  }
  measureText(text: string): TextMetrics {
    // An estimate: the picture's text is laid out by whoever shows the SVG.
    return { width: text.length * 6 } as TextMetrics;
  }

  /** Adds raw SVG built by the caller (escaped by it). */
  raw(s: string): void { this.out.push(s); }

  /** The SVG document, `w` by `h` CSS px. */
  svg(w: number, h: number, background: string): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(w)}" height="${num(h)}" viewBox="0 0 ${num(w)} ${num(h)}"><rect width="100%" height="100%" fill="${esc(background)}"/>${this.out.join('')}</svg>`;
  }

  /** As a 2D context, for the painters' signatures. */
  asContext(): CanvasRenderingContext2D {
    return this as unknown as CanvasRenderingContext2D;
  }
}
