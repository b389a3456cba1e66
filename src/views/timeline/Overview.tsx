// The overview strip: the whole time range of the loaded files, each node's coverage as a thin
// line, the cluster's line density (stacked by severity) and its failures, with a brush over the
// visible range: drag it to pan, drag its edges to zoom, click outside it to jump there.

import { useEffect, useMemo, useRef } from 'react';
import { brushX, select, type D3BrushEvent } from 'd3';
import type { TimelineMarks } from '../../timeline/marks.ts';
import { Style } from '../../timeline/marks.ts';
import { setDomain } from '../../app/timeline-nav.ts';
import { DENSITY_COLORS, STYLE_COLORS, type DensityFrame } from './painter.ts';

const H = 30;
const ALARMS: ReadonlySet<number> = new Set([Style.NodeDown, Style.MoveFailover, Style.RouteDown, Style.StageFailed, Style.ResFailed, Style.GroupFailed, Style.SessionCrash, Style.Quorum, Style.JoinFailed]);

export function Overview(props: {
  marks: TimelineMarks;
  full: readonly [number, number];
  domain: readonly [number, number];
  width: number;
  density: DensityFrame | null;
  colors: Map<string, string>;
}) {
  const { marks: m, full, domain, width, density } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGGElement>(null);
  const brush = useRef<ReturnType<typeof brushX> | null>(null);
  const moving = useRef(false);
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

  // The brush: created once per width; moved to the domain when the domain changes elsewhere.
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const b = brushX<unknown>().extent([[0, 0], [width, H]]).on('brush end', (e: D3BrushEvent<unknown>) => {
      if (!e.sourceEvent || moving.current) return;
      const sel = e.selection as [number, number] | null;
      const span = full[1] - full[0];
      if (!sel) {
        // A click outside the brush centres the view there, keeping its span.
        const [px] = (e.sourceEvent as MouseEvent).offsetX !== undefined ? [(e.sourceEvent as MouseEvent).offsetX] : [width / 2];
        const t = full[0] + (px / width) * span;
        const half = (domain[1] - domain[0]) / 2;
        setDomain([t - half, t + half]);
        return;
      }
      if (sel[1] - sel[0] < 2) return;
      setDomain([full[0] + (sel[0] / width) * span, full[0] + (sel[1] / width) * span]);
    });
    brush.current = b;
    select(el).call(b);
    return () => { select(el).on('.brush', null); };
    // The handler reads `domain` only for its span when clicking outside: fine to be one render late.
  }, [width, full[0], full[1]]);

  useEffect(() => {
    const el = svg.current;
    const b = brush.current;
    if (!el || !b) return;
    moving.current = true;
    const a = Math.max(0, Math.min(width, x(domain[0])));
    const z = Math.max(a + 2, Math.min(width, x(domain[1])));
    select(el).call(b.move, [a, z]);
    moving.current = false;
  }, [domain[0], domain[1], width, full[0], full[1]]);

  return (
    <div className="tl-overview" style={{ width, height: H }} data-testid="timeline-overview" title="The whole time range: drag the window to pan, drag its edges to zoom, click elsewhere to jump">
      <canvas ref={canvas} style={{ width, height: H }} />
      <svg width={width} height={H}><g ref={svg} /></svg>
    </div>
  );
}
