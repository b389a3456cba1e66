// The visible timeline as a picture (issue 12): the same painters as the screen draw into an
// SVG context (svg-context.ts), with the lanes' and rows' names, the time axis and the legend
// around the marks; the PNG is that SVG rasterized at twice the size. The view registers where
// its frame comes from (setTimelineSource); the picture covers the visible time window and every
// lane and row shown (not only those scrolled into view).

import { LEGEND } from './Legend.tsx';
import { AXIS_STYLE, axisTicks, fmtSpan, paintAxis, type AxisBase } from './axis.ts';
import { AXIS_H } from './canvases.ts';
import type { DensityFrame, PaintInput } from './paint-input.ts';
import { paint } from './painter.ts';
import { contextRects } from './raster.ts';
import { LANE_HEAD, ROW_H } from './rows.ts';
import { esc, SvgContext } from './svg-context.ts';
import { LABEL_W } from './timeline-size.ts';
import type { View } from './view-coords.ts';

/** What the screen's timeline shows now. */
export interface TimelineFrame {
  input: Omit<PaintInput, 'view' | 'scrollTop' | 'density'>;
  view: View;
  density: DensityFrame | null;
  axis: AxisBase;
  colorOf: ReadonlyMap<string, string>;
  captures: boolean;
}

let source: (() => TimelineFrame | null) | null = null;

/** The timeline view says where its current frame comes from (null when it is not shown). */
export function setTimelineSource(fn: (() => TimelineFrame | null) | null): void {
  source = fn;
}

const BG = '#0d1014';
const HEAD_H = 22;

/** The picture as SVG, with its size; null when no timeline is shown. */
export function timelineSvg(): { svg: string; width: number; height: number } | null {
  const f = source?.();
  if (!f) return null;
  const { input, view } = f;
  const rows = input.rows;
  const width = LABEL_W + view.width;
  const marksTop = HEAD_H + AXIS_H;
  const c = new SvgContext();
  const text = (x: number, y: number, s: string, color: string, size = 11, weight = 'normal') =>
    c.raw(`<text x="${x}" y="${y}" font-size="${size}" font-family="system-ui, sans-serif" font-weight="${weight}" fill="${color}" dominant-baseline="middle">${esc(s)}</text>`);

  // Title: what the picture shows.
  const t0 = new Date(view.t0).toISOString().replace('T', ' ').slice(0, 23);
  const t1 = new Date(view.t1).toISOString().replace('T', ' ').slice(0, 23);
  text(8, HEAD_H / 2, `ClusterLens timeline · ${t0} – ${t1} UTC · axis: ${f.axis.name}`, '#c9d1d9', 12);

  // The axis and the marks, by the screen's painters.
  c.base = [LABEL_W, HEAD_H];
  paintAxis(c.asContext(), axisTicks(view, f.axis.shiftMs), view.width, AXIS_H, 1, AXIS_STYLE, `${fmtSpan(view.t1 - view.t0)} shown`);
  c.base = [LABEL_W, marksTop];
  c.setTransform(1, 0, 0, 1, 0, 0);
  // Clipped to the marks' area, as the canvas is (a span begun before the window has its label left of it).
  c.raw(`<defs><clipPath id="marks"><rect x="${LABEL_W}" y="${marksTop}" width="${view.width}" height="${rows.height}"/></clipPath></defs><g clip-path="url(#marks)">`);
  paint(c.asContext(), { ...input, height: rows.height, view, scrollTop: 0, density: f.density, dpr: 1, hoverT: null, focusMark: -1, ground: BG }, contextRects());
  c.raw('</g>');

  // The names: lanes, density rows, tracks and rows.
  c.translateTo(0, 0);
  for (const l of rows.lanes) text(8, marksTop + l.y + (LANE_HEAD - 2) / 2, l.node, f.colorOf.get(l.node.toLowerCase()) ?? '#c9d1d9', 12, 'bold');
  for (const l of rows.lanes) if (l.densityY >= 0) text(16, marksTop + l.densityY + 8, 'density', '#7d8794', 10);
  for (const r of rows.labels) {
    if (r.first) text(16, marksTop + r.y + ROW_H / 2, r.track, '#7d8794', 10);
    text(r.sub ? 100 : 88, marksTop + r.y + ROW_H / 2, r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label, '#c9d1d9', 10);
  }

  // The legend, group by group, wrapped to the width.
  let x = 8;
  let y = marksTop + rows.height + 16;
  for (const g of LEGEND) {
    if (g.group === 'captures' && !f.captures) continue;
    const groupW = 8 + g.group.length * 7 + g.items.reduce((a, it) => a + 18 + it.label.length * 6 + 10, 0);
    if (x > 8 && x + groupW > width - 8) {
      x = 8;
      y += 18;
    }
    text(x, y, g.group.toUpperCase(), '#7d8794', 10, 'bold');
    x += g.group.length * 7 + 12;
    for (const it of g.items) {
      const sw = it.shape === 'point'
        ? `<path d="M${x + 5} ${y - 5}L${x + 10} ${y}L${x + 5} ${y + 5}L${x} ${y}Z" fill="${it.color}"/>`
        : `<rect x="${x}" y="${y - 4}" width="12" height="8" fill="${it.color}"/>`;
      c.raw(sw);
      text(x + 16, y, it.label, '#c9d1d9', 10);
      x += 18 + it.label.length * 6 + 10;
    }
    x += 8;
  }
  const height = y + 14;
  return { svg: c.svg(width, height, BG), width, height };
}

/** A picture's SVG as PNG, at `scale` times its CSS size (rasterized by the browser). */
export async function svgToPng(s: { svg: string; width: number; height: number }, scale = 2): Promise<Blob | null> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(s.width * scale);
  canvas.height = Math.round(s.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, s.width, s.height);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'));
}
