// The overview strip: the whole time range of the loaded files, each node's coverage as a thin
// line, the cluster's line density (stacked by severity) and its failures, with a brush over the
// window over the visible range: drag it to pan, drag its edges to zoom, drag elsewhere to
// choose a new range, click elsewhere to jump there.

import { memo, useEffect, useMemo, useRef, type RefObject } from 'react';
import type { TimelineMarks } from '../../timeline/marks.ts';
import { Style } from '../../timeline/marks.ts';
import { currentDomain, MIN_SPAN, setDomain } from '../../state/timeline-nav.ts';
import { DENSITY_COLORS, STYLE_COLORS } from './palette.ts';
import type { DensityFrame } from './paint-input.ts';
import { dragDomain, WINDOW_CURSORS, windowDragAt, windowPx, type WindowDrag } from './overview-window.ts';

export const OVERVIEW_H = 30;
const H = OVERVIEW_H;
const ALARMS: ReadonlySet<number> = new Set([Style.NodeDown, Style.MoveFailover, Style.RouteDown, Style.StageFailed, Style.ResFailed, Style.GroupFailed, Style.SessionCrash, Style.Quorum, Style.JoinFailed]);

export const Overview = memo(function Overview(props: {
  marks: TimelineMarks;
  full: readonly [number, number];
  width: number;
  density: DensityFrame | null;
  colors: Map<string, string>;
  /** The window's canvas, painted by the view's frame owner. */
  windowCanvas: RefObject<HTMLCanvasElement | null>;
}) {
  const { marks: m, full, width, density, windowCanvas } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const x = (t: number) => ((t - full[0]) / (full[1] - full[0])) * width;
  // Failures and failovers, found once per set of marks (not on every redraw).
  const alarms = useMemo(() => {
    const out: number[] = [];
    for (let k = 0; k < m.length; k++) if (ALARMS.has(m.style[k])) out.push(k);
    return out.sort((a, b) => m.t0[a] - m.t0[b]);
  }, [m]);

  // The background: drawn when the data or the width change, not on every pan.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(H * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, H);
    // Coverage: one thin line per node in its colour.
    m.lanes.forEach((l, i) => {
      ctx.fillStyle = props.colors.get(l.node.toLowerCase()) ?? '#8b949e';
      for (const [a, b] of l.coverage) ctx.fillRect(x(a), 1 + i * 2, Math.max(1, x(b) - x(a)), 1);
    });
    // Density summed over nodes, stacked by severity.
    if (density && density.max > 0) {
      const n = density.buckets;
      const sums = new Float64Array(n * density.classes);
      let max = 0;
      for (let L = 0; L < density.laneOffset.length; L++) {
        const off = density.laneOffset[L];
        if (off < 0) continue;
        for (let c = 0; c < density.classes; c++) for (let i = 0; i < n; i++) sums[c * n + i] += density.counts[off + c * n + i];
      }
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let c = 0; c < density.classes; c++) t += sums[c * n + i];
        max = Math.max(max, t);
      }
      const top = 1 + m.lanes.length * 2 + 2;
      const h = H - top - 1;
      const bw = (density.t1 - density.t0) / n;
      for (let i = 0; i < n; i++) {
        let base = 0;
        for (let c = 0; c < density.classes; c++) {
          const v = sums[c * n + i];
          if (v === 0) continue;
          const hh = Math.max(c > 0 ? 1 : 0.5, (Math.sqrt(v) / Math.sqrt(max)) * h);
          ctx.fillStyle = DENSITY_COLORS[c];
          const x0 = x(density.t0 + i * bw);
          ctx.fillRect(x0, H - 1 - base - hh, Math.max(1, x(density.t0 + (i + 1) * bw) - x0), hh);
          base += hh;
        }
      }
    }
    // Failures and failovers as red ticks along the bottom.
    let last = -1;
    for (const k of alarms) {
      const px = Math.round(x(m.t0[k]));
      if (px === last) continue;
      last = px;
      ctx.fillStyle = STYLE_COLORS[m.style[k]];
      ctx.fillRect(px, H - 5, 1, 5);
    }
  }, [m, alarms, full[0], full[1], width, density, props.colors]);

  // The window: drawn by the view's frame owner (paintWindow); dragged here.
  const drag = useRef<{ mode: WindowDrag; x0: number; start: readonly [number, number]; moved: boolean } | null>(null);
  const px = (e: React.PointerEvent) => e.clientX - e.currentTarget.getBoundingClientRect().left;
  const modeAt = (x: number): WindowDrag => {
    const d = currentDomain();
    if (!d) return 'new';
    const [a, z] = windowPx(full, d, width);
    return windowDragAt(x, a, z);
  };
  const onDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const d = currentDomain();
    if (e.button !== 0 || !d) return;
    const x = px(e);
    drag.current = { mode: modeAt(x), x0: x, start: d, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
    if (drag.current.mode === 'move') e.currentTarget.style.cursor = 'grabbing';
  };
  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const x = px(e);
    const g = drag.current;
    if (!g) {
      e.currentTarget.style.cursor = WINDOW_CURSORS[modeAt(x)];
      return;
    }
    if (Math.abs(x - g.x0) > 2) g.moved = true;
    if (g.moved) setDomain(dragDomain(g.mode, full, width, g.start, g.x0, x, MIN_SPAN));
  };
  const onUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const g = drag.current;
    drag.current = null;
    e.currentTarget.style.cursor = WINDOW_CURSORS[modeAt(px(e))];
    if (!g || g.moved || g.mode !== 'new') return;
    // A click outside the window centres the view there, keeping its span.
    const t = full[0] + (px(e) / width) * (full[1] - full[0]);
    const half = (g.start[1] - g.start[0]) / 2;
    setDomain([t - half, t + half]);
  };

  return (
    <div className="tl-overview" style={{ width, height: H }} data-testid="timeline-overview" title="The whole time range: drag the window to pan, drag its edges to zoom, drag elsewhere for a new range, click elsewhere to jump">
      <canvas ref={canvas} style={{ width, height: H }} />
      <canvas
        ref={windowCanvas}
        className="tl-window"
        data-testid="timeline-overview-window"
        style={{ width, height: H }}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={() => { drag.current = null; }}
      />
    </div>
  );
});
