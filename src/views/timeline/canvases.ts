// The timeline's small canvases outside the lanes: sizing a canvas's backing store, the axis
// and the overview's window over the visible range (both skip frames where nothing moved).

import { parseColor } from './raster.ts';
import type { View } from './view-coords.ts';
import { OVERVIEW_H } from './Overview.tsx';
import { paintWindow, windowPx } from './overview-window.ts';
import { AXIS_STYLE, axisLabel, axisTicks, fmtSpan, paintAxis, type AxisBase, type AxisStyle } from './axis.ts';

export const AXIS_H = 20;

/** The colour when it is opaque (a canvas filled with it can be opaque), else null. */
export function opaqueColor(css: string): string | null {
  const c = parseColor(css);
  return c && c[3] >= 1 ? css : null;
}

/** The canvas's 2D context, its backing store sized to w × h CSS px at dpr (resizing clears it, so only on change). */
export function sizedContext(c: HTMLCanvasElement, w: number, h: number, dpr: number, alpha = true): CanvasRenderingContext2D | null {
  const cw = Math.round(w * dpr);
  const ch = Math.round(h * dpr);
  if (c.width !== cw || c.height !== ch) {
    c.width = cw;
    c.height = ch;
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
  }
  return c.getContext('2d', { alpha });
}

/** The axis canvas, sized to the view; its label names the time base and the range shown. */
export function paintAxisCanvas(c: HTMLCanvasElement, view: View, dpr: number, base: AxisBase, style: { current: AxisStyle | null }): void {
  const ctx = sizedContext(c, view.width, AXIS_H, dpr);
  if (!ctx) return;
  if (!style.current) {
    // Read once: the CSS decides the axis's font and colours, the canvas only draws them.
    const cs = getComputedStyle(c);
    style.current = { ...AXIS_STYLE, font: cs.fontSize && cs.fontFamily ? `${cs.fontSize} ${cs.fontFamily}` : AXIS_STYLE.font, color: cs.color || AXIS_STYLE.color };
  }
  const ticks = axisTicks(view, base.shiftMs);
  const spanMs = view.t1 - view.t0;
  paintAxis(ctx, ticks, view.width, AXIS_H, dpr, style.current, `${fmtSpan(spanMs)} shown`);
  const label = axisLabel(base.name, ticks, spanMs);
  if (c.getAttribute('aria-label') !== label) c.setAttribute('aria-label', label);
}

/** The overview's window over the visible range; its edges (CSS px) are on the canvas for tests. */
export function paintOverviewWindow(c: HTMLCanvasElement, full: readonly [number, number], view: View, dpr: number): void {
  const [a, z] = windowPx(full, [view.t0, view.t1], view.width).map(Math.round);
  const key = `${a} ${z} ${view.width} ${dpr}`;
  // Most frames of a zoom or pan move the window by less than a pixel: nothing to redraw.
  if (c.dataset.key === key) return;
  const ctx = sizedContext(c, view.width, OVERVIEW_H, dpr);
  if (!ctx) return;
  paintWindow(ctx, a, z, view.width, OVERVIEW_H, dpr);
  c.dataset.key = key;
  c.dataset.x0 = String(a);
  c.dataset.x1 = String(z);
}
