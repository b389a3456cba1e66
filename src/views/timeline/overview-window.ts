// The overview's window (the visible range over the whole time range): what a press at a point
// of the strip does, and how the window is drawn. Drawn on a canvas of its own by the view's
// animation-frame owner: an SVG brush moved on every frame of a pan re-painted and
// re-layerized the whole section (about 3 ms of a frame, bench "timeline").

/** How a press on the strip drags: an edge of the window, the window, or a new range. */
export type WindowDrag = 'left' | 'right' | 'move' | 'new';

/** Pixels either side of an edge that grab it. */
export const EDGE_GRAB = 5;

/** `a`, `z`: the window's edges in px; `x`: the press. A window too narrow for three grabs is moved, never resized. */
export function windowDragAt(x: number, a: number, z: number): WindowDrag {
  if (z - a < 3 * EDGE_GRAB) return x >= a - EDGE_GRAB && x <= z + EDGE_GRAB ? 'move' : 'new';
  if (Math.abs(x - a) <= EDGE_GRAB) return 'left';
  if (Math.abs(x - z) <= EDGE_GRAB) return 'right';
  return x > a && x < z ? 'move' : 'new';
}

export const WINDOW_CURSORS: Record<WindowDrag, string> = { left: 'ew-resize', right: 'ew-resize', move: 'grab', new: 'crosshair' };

/**
 * The domain a drag gives. `full`: the strip's time range over `width` px; `start`: the domain
 * when the press began; `x0`, `x`: press and current positions; `minSpan`: the narrowest domain.
 */
export function dragDomain(mode: WindowDrag, full: readonly [number, number], width: number, start: readonly [number, number], x0: number, x: number, minSpan: number): [number, number] {
  const k = (full[1] - full[0]) / width;
  const t = (px: number) => full[0] + px * k;
  if (mode === 'move') return [start[0] + (x - x0) * k, start[1] + (x - x0) * k];
  if (mode === 'left') return [Math.min(t(x), start[1] - minSpan), start[1]];
  if (mode === 'right') return [start[0], Math.max(t(x), start[0] + minSpan)];
  const a = t(Math.min(x0, x));
  return [a, Math.max(t(Math.max(x0, x)), a + minSpan)];
}

/** The window's edges in px, kept on the strip and at least 2 px wide. */
export function windowPx(full: readonly [number, number], domain: readonly [number, number], width: number): [number, number] {
  const x = (t: number) => ((t - full[0]) / (full[1] - full[0])) * width;
  const a = Math.max(0, Math.min(width - 2, x(domain[0])));
  return [a, Math.max(a + 2, Math.min(width, x(domain[1])))];
}

/** Outside the window dimmed, the window outlined with a grip at each edge. */
export function paintWindow(ctx: CanvasRenderingContext2D, a: number, z: number, width: number, height: number, dpr: number): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = 'rgba(0,0,0,0.38)';
  ctx.fillRect(0, 0, a, height);
  ctx.fillRect(z, 0, width - z, height);
  ctx.fillStyle = 'rgba(78,154,241,0.14)';
  ctx.fillRect(a, 0, z - a, height);
  ctx.strokeStyle = '#4e9af1';
  ctx.lineWidth = 1;
  ctx.strokeRect(Math.round(a) + 0.5, 0.5, Math.max(1, Math.round(z) - Math.round(a) - 1), height - 1);
  if (z - a >= 3 * EDGE_GRAB) {
    ctx.fillStyle = 'rgba(78,154,241,0.75)';
    const gy = Math.round(height / 2 - 5);
    ctx.fillRect(Math.round(a) + 1, gy, 2, 10);
    ctx.fillRect(Math.round(z) - 3, gy, 2, 10);
  }
}
