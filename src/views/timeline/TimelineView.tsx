// The timeline: a lane per node, a density row and tracks inside it, one time axis, an overview
// strip with a brush. Marks are drawn on a viewport-sized canvas by painter.ts, by one animation
// frame owner outside React; React renders the toolbar, the axis, the lane and row labels, the
// tooltip, and an accessible list of the visible marks (which tests read).

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { scaleUtc, utcFormat } from 'd3';
import type { TimelineMarks } from '../../timeline/marks.ts';
import { MARK_FAMILIES, POINT_STYLES } from '../../timeline/marks.ts';
import { useSnap } from '../../app/snapshot-store.ts';
import { useUi } from '../../app/ui-state.ts';
import { gotoLine } from '../../app/controller.ts';
import { panTimeline, setDomain, zoomTimeline } from '../../app/timeline-nav.ts';
import {
  LANE_TRACKS, moveLane, toggleGroupExpanded, toggleLaneCollapsed, toggleLaneHidden, toggleTrackCollapsed, toggleTrackHidden, useTimelineUi,
} from '../../app/timeline-state.ts';
import { endMaxOf, hitTest, paint, STYLE_NAMES, tOf, visibleRange, xOf, type View } from './painter.ts';
import { layoutRows, LANE_HEAD, ROW_H, type RowLayout } from './rows.ts';
import { recordFrame } from './frame-stats.ts';
import { pointerAt, useTimelineKeys } from './keys.ts';
import { useCursor, useDensity, useFilteredNodes, useLaneOffsets, useMarks, useMask } from './data.ts';
import { Overview } from './Overview.tsx';
import { TimelineHelp, TimelineLegend } from './Legend.tsx';
import { MarkTooltip } from './MarkTooltip.tsx';

export const LABEL_W = 210;
const AXIS_H = 20;
/** The accessible list of visible marks is capped (a screen reader cannot use more). */
const LIST_CAP = 400;
/** The list follows the view once it has settled, not on every frame of a pan. */
const LIST_DELAY_MS = 120;

interface Drag {
  x: number;
  t: number;
  pan: boolean;
  moved: boolean;
}

export function TimelineView() {
  const marks = useMarks();
  const cursor = useCursor();
  const full = useUi((s) => s.tlFull);
  const domain = useUi((s) => s.tlDomain ?? s.tlFull);
  const timeMode = useUi((s) => s.timeMode);
  const eventFilter = useUi((s) => s.eventFilter);
  const rangeFrom = useUi((s) => s.from);
  const rangeTo = useUi((s) => s.to);
  const lanesSnap = useSnap((s) => s.snap.nodes);
  const tl = useTimelineUi();
  const filteredOut = useFilteredNodes();
  const offsets = useLaneOffsets();
  const mask = useMask(marks, eventFilter);

  const canvas = useRef<HTMLCanvasElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(800);
  const [viewportH, setViewportH] = useState(300);
  const scrollTop = useRef(0);
  const [hover, setHover] = useState<{ k: number; x: number; y: number } | null>(null);
  const drag = useRef<Drag | null>(null);
  const [sel, setSel] = useState<[number, number] | null>(null);

  const rows = useMemo(() => (marks ? layoutRows(marks, { ...tl, filteredOut }) : null),
    [marks, tl.laneOrder, tl.hiddenLanes, tl.collapsedLanes, tl.hiddenTracks, tl.collapsedTracks, tl.expandedGroups, filteredOut]);
  const endMax = useMemo(() => (marks ? endMaxOf(marks) : null), [marks]);
  const view: View | null = domain ? { t0: domain[0], t1: domain[1], width } : null;
  const densityOn = !tl.hiddenTracks.includes('density');
  const density = useDensity(marks, domain, width, densityOn);
  const overviewDensity = useDensity(marks, full, width, true);
  const colorOf = useMemo(() => new Map(lanesSnap.map((n) => [n.name.toLowerCase(), n.color])), [lanesSnap]);
  const focusRow = useMemo(() => (rows && tl.focusRow ? rows.labels.find((l) => l.key === tl.focusRow)?.row ?? -1 : -1), [rows, tl.focusRow]);

  // The section mounts when the marks arrive: observe its size from then on.
  const hasData = !!marks && marks.length > 0 && !!rows && !!domain && !!full;
  useEffect(() => {
    const el = box.current;
    const b = body.current;
    if (!el || !b) return;
    const measure = () => {
      setWidth(Math.max(100, el.clientWidth - LABEL_W - 2));
      setViewportH(Math.max(40, b.clientHeight));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    ro.observe(b);
    return () => ro.disconnect();
  }, [hasData]);

  // One animation-frame owner: whatever changed (React state, scroll), the canvas repaints once per frame.
  const input = useRef<Parameters<typeof paint>[1] | null>(null);
  const frame = useRef(0);
  const schedule = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const c = canvas.current;
      const p = input.current;
      if (!c || !p) return;
      const start = performance.now();
      const dpr = p.dpr;
      const cw = Math.round(p.view.width * dpr);
      const ch = Math.round(p.height * dpr);
      if (c.width !== cw || c.height !== ch) {
        c.width = cw;
        c.height = ch;
        c.style.width = `${p.view.width}px`;
        c.style.height = `${p.height}px`;
      }
      const ctx = c.getContext('2d');
      if (!ctx) return;
      const s = paint(ctx, { ...p, scrollTop: scrollTop.current });
      recordFrame({ at: start, scriptMs: performance.now() - start, visited: s.visited, draws: s.draws });
    });
  }, []);
  useEffect(() => () => { cancelAnimationFrame(frame.current); frame.current = 0; }, []);

  if (marks && rows && endMax && view) {
    input.current = {
      marks, rows, view, scrollTop: scrollTop.current, height: Math.min(viewportH, Math.max(rows.height, 1)), mask, endMax, density,
      cursor, hoverT: tl.hoverT, focusRow, focusMark: tl.focusMark,
      selection: sel ?? (rangeFrom !== null && rangeTo !== null ? [rangeFrom, rangeTo] : null),
      dpr: window.devicePixelRatio || 1,
    };
  }
  useEffect(schedule);

  // ← / →: the previous or next mark of the focused row(s), from the focused mark or the cursor.
  const step = useCallback((dir: 1 | -1) => {
    const p = input.current;
    if (!p) return;
    const { marks: m, rows: rl } = p;
    const st = useTimelineUi.getState();
    const label = rl.labels.find((l) => l.key === st.focusRow);
    if (!label) { useUi.getState().set({ flash: 'Click a row or a mark of the timeline first: ← / → step through its marks' }); return; }
    // A collapsed lane or track steps through every row drawn on its line.
    const rowIds = label.row >= 0 ? [label.row] : Array.from(rl.y.keys()).filter((r) => rl.y[r] === label.y);
    const from = st.focusMark >= 0 && rowIds.includes(m.row[st.focusMark]) ? st.focusMark : -1;
    // Without a focused mark: from the raw-log cursor, else from the edge of the view.
    const tRef = from >= 0 ? m.t0[from] : (p.cursor ?? (dir > 0 ? p.view.t0 - 1 : p.view.t1 + 1));
    let best = -1;
    for (const r of rowIds) {
      for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
        if (p.mask && p.mask[k] === 0) continue;
        // Marks resting on the line already selected (a join span and its first stage) are one step.
        if (from >= 0 && m.fileId[k] === m.fileId[from] && m.line[k] === m.line[from]) continue;
        const t = m.t0[k];
        const after = dir > 0 ? t > tRef || (t === tRef && k > from && from >= 0) : t < tRef || (t === tRef && k < from);
        if (!after) continue;
        if (best < 0 || (dir > 0 ? t < m.t0[best] : t > m.t0[best])) best = k;
      }
    }
    if (best < 0) { useUi.getState().set({ flash: dir > 0 ? 'No later mark on this row' : 'No earlier mark on this row' }); return; }
    st.set({ focusMark: best });
    const t = m.t0[best];
    if (t < p.view.t0 || t > p.view.t1) {
      const half = (p.view.t1 - p.view.t0) / 2;
      setDomain([t - half, t + half]);
    }
    if (m.fileId[best] >= 0) {
      useUi.getState().set({ activeEvent: `${m.fileId[best]}:${m.line[best]}` });
      void gotoLine(m.fileId[best], m.line[best]);
    }
  }, []);
  useTimelineKeys(step);

  // The wheel, as a native non-passive listener: ctrl + wheel must zoom the timeline, not the page.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const onWheel = (e: WheelEvent) => {
      const p = input.current;
      if (!p || e.shiftKey) return; // shift + wheel scrolls the lanes (the browser's own scrolling)
      e.preventDefault();
      const x = e.clientX - c.getBoundingClientRect().left;
      // Lines or pages (some mice, Firefox) count as 40 px steps.
      const unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? 400 : 1;
      if (e.ctrlKey || e.metaKey) zoomTimeline(Math.pow(1.0025, e.deltaY * unit), Math.min(1, Math.max(0, x / p.view.width)));
      else panTimeline(((Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY) * unit) / p.view.width);
    };
    c.addEventListener('wheel', onWheel, { passive: false });
    return () => c.removeEventListener('wheel', onWheel);
  }, [hasData]);

  // A tooltip belongs to the mark under the pointer at the time: zooming or panning moves the marks away.
  useEffect(() => setHover(null), [view?.t0, view?.t1]);

  // The accessible list of visible marks follows the view once it settles.
  const [listView, setListView] = useState<View | null>(null);
  useEffect(() => {
    const id = setTimeout(() => setListView(view), LIST_DELAY_MS);
    return () => clearTimeout(id);
  }, [view?.t0, view?.t1, view?.width]);

  if (!marks || !rows || !view || !endMax || marks.length === 0 || !full) {
    return <section className="timeline empty" data-testid="timeline"><div className="tl-empty dim">{marks ? 'No events to draw yet: the timeline fills in as files are parsed.' : 'Building the timeline…'}</div></section>;
  }

  // The axis: UTC, or the nodes' local time when they all share one known offset.
  const laneOffsets = rows.lanes.map((l) => offsets.get(l.node.toLowerCase()) ?? null);
  const common = laneOffsets.length > 0 && laneOffsets.every((o) => o !== null && o === laneOffsets[0]) ? laneOffsets[0] : null;
  const local = timeMode === 'local' && common !== null;
  const shiftMs = local ? common! * 60_000 : 0;
  const scale = scaleUtc().domain([view.t0 + shiftMs, view.t1 + shiftMs]).range([0, view.width]);
  const ticks = scale.ticks(Math.max(2, Math.floor(view.width / 130)));
  const spanMs = view.t1 - view.t0;
  const fmt = utcFormat(spanMs < 10_000 ? '%H:%M:%S.%L' : spanMs < 20 * 60_000 ? '%H:%M:%S' : spanMs < 2 * 86_400_000 ? '%H:%M' : '%m-%d %H:%M');
  const axisName = local ? `local ${fmtOffset(common!)}` : timeMode === 'local' ? 'UTC (node offsets differ or are unknown)' : 'UTC';

  const localXY = (e: React.MouseEvent | React.WheelEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top + scrollTop.current };
  };
  const onDown = (e: React.MouseEvent) => {
    if (e.button !== 0) return;
    const { x } = localXY(e);
    drag.current = { x, t: tOf(view, x), pan: e.shiftKey, moved: false };
  };
  const onMove = (e: React.MouseEvent) => {
    const { x, y } = localXY(e);
    pointerAt.fraction = Math.min(1, Math.max(0, x / view.width));
    const d = drag.current;
    if (d) {
      if (Math.abs(x - d.x) > 3) d.moved = true;
      if (d.moved && d.pan) {
        const dt = tOf(view, d.x) - tOf(view, x);
        setDomain([view.t0 + dt, view.t1 + dt]);
        d.x = x;
      } else if (d.moved) setSel([Math.min(d.t, tOf(view, x)), Math.max(d.t, tOf(view, x))]);
      return;
    }
    const k = hitTest(marks, rows, endMax, mask, view, x, y);
    setHover(k >= 0 ? { k, x, y: y - scrollTop.current } : null);
  };
  const onUp = (e: React.MouseEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    const { x, y } = localXY(e);
    if (d.moved && !d.pan && sel) {
      // A dragged range filters the raw-log view to that time.
      useUi.getState().set({ from: Math.round(sel[0]), to: Math.round(sel[1]) });
      setSel(null);
      return;
    }
    if (d.moved) return;
    const k = hitTest(marks, rows, endMax, mask, view, x, y);
    if (k < 0) {
      const label = rows.labels.find((l) => y >= l.y && y < l.y + ROW_H);
      if (label) tl.set({ focusRow: label.key, focusMark: -1 });
      return;
    }
    const label = rows.labels.find((l) => l.row === marks.row[k]) ?? rows.labels.find((l) => l.y === rows.y[marks.row[k]]);
    tl.set({ focusMark: k, focusRow: label?.key ?? null });
    if (marks.fileId[k] >= 0) {
      useUi.getState().set({ activeEvent: `${marks.fileId[k]}:${marks.line[k]}` });
      void gotoLine(marks.fileId[k], marks.line[k]);
    }
  };
  const onScroll = () => {
    scrollTop.current = body.current?.scrollTop ?? 0;
    setHover(null);
    schedule();
  };

  const hiddenLanes = rows.order.filter((n) => tl.hiddenLanes.includes(n.toLowerCase()));
  const canvasH = Math.min(viewportH, rows.height);

  return (
    <section className="timeline" data-testid="timeline" ref={box} data-t0={view.t0} data-t1={view.t1} data-cursor={cursor ?? ''} data-hover={tl.hoverT ?? ''} data-axis={axisName}>
      <div className="tl-toolbar">
        <span className="tl-title">Timeline</span>
        <span className="tl-tracks" role="group" aria-label="Tracks shown">
          {LANE_TRACKS.map((t) => (
            <label key={t} className="tl-chip" data-testid={`track-toggle-${t}`}>
              <input type="checkbox" checked={!tl.hiddenTracks.includes(t)} onChange={() => toggleTrackHidden(t)} />
              {t}
            </label>
          ))}
        </span>
        {hiddenLanes.length > 0 && (
          <span className="tl-hidden dim">
            hidden:{' '}
            {hiddenLanes.map((n) => (
              <button key={n} type="button" className="btn btn-ghost tl-unhide" title={`Show ${n} again`} onClick={() => toggleLaneHidden(n)}>{n} ↺</button>
            ))}
          </span>
        )}
        {filteredOut.size > 0 && <span className="tl-hidden dim" title="The node or file filters leave these nodes out">filtered out: {[...filteredOut].join(', ')}</span>}
        {mask && <span className="tl-hidden dim" title="The events panel's family and name filters apply to the timeline too">marks filtered by the events panel</span>}
        <span className="tl-spacer" />
        <span className="tl-span dim mono" data-testid="timeline-span">{fmtSpan(spanMs)} shown</span>
        <button type="button" className="btn btn-ghost" title="Keys and mouse (?)" aria-expanded={tl.helpOpen} onClick={() => tl.set({ helpOpen: !tl.helpOpen })}>?</button>
      </div>
      <div className="tl-head">
        <span className="tl-keys dim" style={{ width: LABEL_W }}>overview</span>
        <Overview marks={marks} full={full} domain={[view.t0, view.t1]} width={view.width} density={overviewDensity} colors={colorOf} />
      </div>
      <div className="tl-head">
        <span className="tl-keys dim" style={{ width: LABEL_W }} data-testid="timeline-axis-name">{axisName}</span>
        <div className="tl-axis" style={{ height: AXIS_H, width: view.width }}>
          {ticks.map((t) => (
            <span key={+t} className="tl-tick" style={{ left: scale(t) }}>{fmt(t)}</span>
          ))}
        </div>
      </div>
      <div className="tl-body" ref={body} onScroll={onScroll}>
        <Labels rows={rows} colorOf={colorOf} offsets={offsets} focus={tl.focusRow} />
        <div className="tl-canvas-box" style={{ height: rows.height, width: view.width }}>
          <canvas
            ref={canvas}
            data-testid="timeline-canvas"
            style={{ position: 'sticky', top: 0, height: canvasH }}
            onMouseDown={onDown}
            onMouseMove={onMove}
            onMouseUp={onUp}
            onMouseLeave={() => { setHover(null); drag.current = null; setSel(null); pointerAt.fraction = null; }}
          />
        </div>
      </div>
      {hover && <MarkTooltip marks={marks} k={hover.k} x={hover.x + LABEL_W} y={hover.y + (body.current?.offsetTop ?? 0)} width={view.width + LABEL_W} offsets={offsets} />}
      <TimelineLegend />
      {tl.helpOpen && <TimelineHelp onClose={() => tl.set({ helpOpen: false })} />}
      <MarkList marks={marks} rows={rows} endMax={endMax} mask={mask} view={listView} />
    </section>
  );
}

/** The accessible list of the visible, unaggregated marks (capped); tests read what is drawn from it. */
const MarkList = memo(function MarkList({ marks, rows, endMax, mask, view }: { marks: TimelineMarks; rows: RowLayout; endMax: Float64Array; mask: Uint8Array | null; view: View | null }) {
  const visible = view ? visibleMarks(marks, rows, endMax, mask, view) : [];
  return (
      <ul className="sr-only" data-testid="timeline-marks" aria-label="Visible timeline marks">
        {visible.map((k) => (
          <li
            key={k}
            data-node={marks.lanes[marks.rows[marks.row[k]].lane]?.node}
            data-track={marks.rows[marks.row[k]].track}
            data-row={marks.rows[marks.row[k]].label}
            data-parent={marks.rows[marks.row[k]].parent >= 0 ? marks.rows[marks.rows[marks.row[k]].parent].label : undefined}
            data-to-node={marks.row2[k] >= 0 ? marks.lanes[marks.rows[marks.row2[k]].lane]?.node : undefined}
            data-kind={STYLE_NAMES[marks.style[k]]}
            data-family={MARK_FAMILIES[marks.family[k]]}
            data-point={POINT_STYLES.has(marks.style[k]) ? 'true' : 'false'}
            data-t0={marks.t0[k]}
            data-t1={marks.t1[k]}
            data-x={Math.round(xOf(view!, marks.t0[k]))}
            data-y={Math.round(rows.y[marks.row[k]] + ROW_H / 2)}
            data-file-id={marks.fileId[k]}
            data-line={marks.line[k]}
          >
            {marks.labels[marks.label[k]]}
          </li>
        ))}
      </ul>
  );
});

/** The visible, unaggregated marks (those on shown rows, in the domain, passing the filters), capped. */
function visibleMarks(m: TimelineMarks, rows: RowLayout, endMax: Float64Array, mask: Uint8Array | null, v: View): number[] {
  const out: number[] = [];
  for (const l of rows.labels) {
    const ids = l.row >= 0 ? [l.row] : [];
    for (const r of ids) {
      const [k0, k1] = visibleRange(m, endMax, r, v);
      for (let k = k0; k < k1 && out.length < LIST_CAP; k++) if ((!mask || mask[k] === 1) && m.t1[k] >= v.t0) out.push(k);
    }
    if (out.length >= LIST_CAP) break;
  }
  return out;
}

const Labels = memo(function Labels({ rows, colorOf, offsets, focus }: { rows: RowLayout; colorOf: Map<string, string>; offsets: Map<string, number | null>; focus: string | null }) {
  const tl = useTimelineUi.getState();
  const order = rows.lanes.map((l) => l.node);
  return (
    <div className="tl-labels" style={{ width: LABEL_W, height: rows.height }}>
      {rows.lanes.map((l) => {
        const off = offsets.get(l.node.toLowerCase());
        return (
          <div key={l.node} className="tl-lane" data-testid="timeline-lane" data-node={l.node} style={{ top: l.y, height: LANE_HEAD - 2 }}>
            <button type="button" className="tl-tog" aria-expanded={!l.collapsed} title={l.collapsed ? 'Expand this lane' : 'Collapse this lane to one row'} onClick={() => toggleLaneCollapsed(l.node)}>{l.collapsed ? '▸' : '▾'}</button>
            <span className="tl-lane-name" style={{ color: colorOf.get(l.node.toLowerCase()) ?? 'inherit' }}>{l.node}</span>
            <span className="tl-lane-off dim" title="The node's UTC offset (from its log)">{off === undefined || off === null ? '' : fmtOffset(off)}</span>
            <span className="tl-lane-btns">
              <button type="button" className="tl-tog" title="Move this lane up" disabled={order[0] === l.node} onClick={() => moveLane(rows.order.filter((n) => order.includes(n)), l.node, -1)}>↑</button>
              <button type="button" className="tl-tog" title="Move this lane down" disabled={order[order.length - 1] === l.node} onClick={() => moveLane(rows.order.filter((n) => order.includes(n)), l.node, 1)}>↓</button>
              <button type="button" className="tl-tog" title="Hide this lane" data-testid="lane-hide" onClick={() => toggleLaneHidden(l.node)}>×</button>
            </span>
          </div>
        );
      })}
      {rows.lanes.filter((l) => l.densityY >= 0).map((l) => (
        <div key={`d-${l.node}`} className="tl-row tl-density-label" style={{ top: l.densityY, height: 22 }} title="Lines per time bucket, stacked by severity (derived severity for event-channel lines)">
          <span className="tl-track">density</span><span className="tl-row-label dim">lines by severity</span>
        </div>
      ))}
      {rows.labels.map((r) => (
        <div
          key={r.key}
          className={`tl-row${focus === r.key ? ' focus' : ''}${r.sub ? ' sub' : ''}`}
          data-track={r.track}
          data-row-label={r.label}
          data-node={r.node}
          style={{ top: r.y }}
          title={r.summary ? `${r.track}: ${r.label} drawn on one row` : r.label}
          onClick={() => tl.set({ focusRow: r.key, focusMark: -1 })}
        >
          {r.first ? (
            <button type="button" className="tl-track" title={r.summary ? 'Expand this track' : 'Collapse this track to one row'} onClick={(e) => { e.stopPropagation(); if (r.track === 'all') toggleLaneCollapsed(r.node); else toggleTrackCollapsed(r.node, r.track); }}>
              {r.summary ? '▸' : '▾'} {r.track}
            </button>
          ) : <span className="tl-track" />}
          {r.children > 0 && (
            <button type="button" className="tl-tog" data-testid="group-expand" aria-expanded={r.expanded} title={r.expanded ? 'Hide the resources' : `Show its ${r.children} resources`} onClick={(e) => { e.stopPropagation(); toggleGroupExpanded(r.node, r.label); }}>
              {r.expanded ? '▾' : '▸'}
            </button>
          )}
          <span className="tl-row-label">{r.label}</span>
        </div>
      ))}
    </div>
  );
});

export function fmtOffset(min: number): string {
  const s = min < 0 ? '−' : '+';
  const a = Math.abs(min);
  return `UTC${s}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function fmtSpan(ms: number): string {
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 2 * 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 2 * 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}
