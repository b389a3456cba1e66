// The time axis above the lanes, drawn on its own small canvas in the same animation frame as
// the marks. As DOM (a positioned span per tick) it re-rendered, re-laid-out and re-layerized
// the whole section on every frame of a pan: about 5 ms of a 13 ms frame (bench "timeline").

import { scaleUtc, utcFormat } from 'd3';
import type { View } from './view-coords.ts';
import { formatOffset } from '../../base/civil.ts';
import type { TimeMode } from '../../state/ui-state.ts';

export interface AxisTick {
  /** CSS px from the left of the canvas. */
  x: number;
  label: string;
}

/** Tick formats by visible span: finer spans need finer labels. */
const FORMATS: [maxSpanMs: number, format: (d: Date) => string][] = [
  [10_000, utcFormat('%H:%M:%S.%L')],
  [20 * 60_000, utcFormat('%H:%M:%S')],
  [2 * 86_400_000, utcFormat('%H:%M')],
  [Infinity, utcFormat('%m-%d %H:%M')],
];

/** About one tick per 70 px; labels that would touch are left out when drawn, so every other one at most. */
const TICK_SPACING = 70;

/**
 * Ticks of the visible domain. `shiftMs` moves the labels to a local time (the marks stay in
 * UTC): a tick labelled 14:00 local sits at 14:00 minus the offset in UTC.
 */
export function axisTicks(view: View, shiftMs: number): AxisTick[] {
  const span = view.t1 - view.t0;
  const count = Math.max(2, Math.floor(view.width / TICK_SPACING));
  const c = cache;
  // A pan keeps the span: the ticks (d3's, over three spans around the view) and their labels
  // are reused until the view leaves them; only their places are worked out per frame.
  const sameSpan = !!c && c.count === count && c.shiftMs === shiftMs && Math.abs(c.span - span) <= span * 1e-9;
  if (!sameSpan || view.t0 + shiftMs < c!.lo || view.t1 + shiftMs > c!.hi) {
    // While zooming every frame has a new span: just the view. A pan: three spans, for reuse.
    const pad = sameSpan ? span : 0;
    const lo = view.t0 + shiftMs - pad;
    const hi = view.t1 + shiftMs + pad;
    const fmt = FORMATS.find(([max]) => span < max)![1];
    const dates = scaleUtc().domain([lo, hi]).ticks(sameSpan ? count * 3 : count);
    cache = { count, shiftMs, span, lo, hi, times: dates.map(Number), labels: dates.map(fmt) };
  }
  const k = view.width / span;
  const a = view.t0 + shiftMs;
  const out: AxisTick[] = [];
  const { times, labels } = cache!;
  for (let i = 0; i < times.length; i++) {
    const x = (times[i] - a) * k;
    if (x >= 0 && x <= view.width) out.push({ x, label: labels[i] });
  }
  return out;
}

/** The last ticks made (see axisTicks). */
let cache: { count: number; shiftMs: number; span: number; lo: number; hi: number; times: number[]; labels: string[] } | null = null;

export interface AxisStyle {
  font: string;
  color: string;
  tickColor: string;
  cornerColor: string;
}

/** Fallback when the canvas's computed style is not available (tests, detached nodes). */
export const AXIS_STYLE: AxisStyle = { font: '11px system-ui, sans-serif', color: '#7d8794', tickColor: '#323a45', cornerColor: '#c9d1d9' };

/** How long the visible range is, as the axis's corner says it ("4.5 min shown"). */
export function fmtSpan(ms: number): string {
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 2 * 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 2 * 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

/** Text widths of one font by label: the same few labels come back on every frame of a pan. */
let widthsFont = '';
const widths = new Map<string, number>();
function textWidth(ctx: CanvasRenderingContext2D, font: string, text: string): number {
  if (font !== widthsFont || widths.size > 4096) {
    widths.clear();
    widthsFont = font;
  }
  let w = widths.get(text);
  if (w === undefined) {
    w = ctx.measureText(text).width;
    widths.set(text, w);
  }
  return w;
}

/**
 * Labels centred on their tick, a 4 px tick mark under each, and the span shown in the right
 * corner. A tick label that the edges or the corner would cut, or that would touch the label
 * before it, is left out. On a canvas, not in the DOM: it changes on every frame of a zoom.
 */
export function paintAxis(ctx: CanvasRenderingContext2D, ticks: AxisTick[], width: number, height: number, dpr: number, style: AxisStyle, corner = ''): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = style.font;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'center';
  ctx.fillStyle = style.tickColor;
  for (const t of ticks) ctx.fillRect(Math.round(t.x), height - 4, 1, 4);
  const cornerW = corner ? textWidth(ctx, style.font, corner) + 12 : 0;
  ctx.fillStyle = style.color;
  let free = 0;
  for (const t of ticks) {
    const half = textWidth(ctx, style.font, t.label) / 2;
    if (t.x - half < free || t.x + half > width - cornerW) continue;
    ctx.fillText(t.label, t.x, height - 6);
    free = t.x + half + 8;
  }
  if (corner) {
    ctx.textAlign = 'right';
    ctx.fillStyle = style.cornerColor;
    ctx.fillText(corner, width - 4, height - 6);
  }
}

/** What a screen reader hears for the axis: its time base and the first and last labels. */
export function axisLabel(name: string, ticks: AxisTick[], spanMs: number): string {
  const span = `${fmtSpan(spanMs)} shown`;
  if (!ticks.length) return `Time axis, ${name}, ${span}`;
  return `Time axis, ${name}: ${ticks[0].label} to ${ticks[ticks.length - 1].label}, ${span}`;
}

/** What the user picked for the axis: as the log view ('', UTC or the nodes' common local time), UTC, or one node's local time (its lower-cased name). */
export type AxisChoice = string;

export interface AxisBase {
  /** Added to UTC before formatting the labels. */
  shiftMs: number;
  /** The axis's name, as shown beside it. */
  name: string;
}

/**
 * The axis's time base. As the log view: UTC, or in local mode the nodes' local time when they
 * all have one known offset (else UTC, saying why). A node picked by name: its local time, when
 * its offset is known (else as the log view).
 */
export function axisBaseOf(choice: AxisChoice, timeMode: TimeMode, lanes: readonly { node: string; offset: number | null }[]): AxisBase {
  if (choice === 'utc') return { shiftMs: 0, name: 'UTC' };
  const picked = choice ? lanes.find((l) => l.node.toLowerCase() === choice) : undefined;
  if (picked && picked.offset !== null) return { shiftMs: picked.offset * 60_000, name: `${picked.node} local ${fmtOffset(picked.offset)}` };
  if (timeMode !== 'local') return { shiftMs: 0, name: 'UTC' };
  const first = lanes[0]?.offset ?? null;
  if (first !== null && lanes.every((l) => l.offset === first)) return { shiftMs: first * 60_000, name: `local ${fmtOffset(first)}` };
  return { shiftMs: 0, name: 'UTC (node offsets differ or are unknown)' };
}

/** A UTC offset in minutes as UTC+hh:mm / UTC−hh:mm (a typographic minus, as labels read). */
export function fmtOffset(min: number): string {
  return `UTC${formatOffset(min).replace('-', '−')}`;
}
