// The timeline: a lane per node, tracks and rows inside it, one time axis. Marks are drawn on a
// canvas by painter.ts (one animation frame at a time, outside React); React renders the axis,
// the lane and row labels, and an accessible list of the visible marks (which tests read).

import { useEffect, useMemo, useRef, useState } from 'react';
import { scaleUtc, utcFormat } from 'd3';
import type { TimelineMarks } from '../../timeline/marks.ts';
import { POINT_STYLES } from '../../timeline/marks.ts';
import { useSnap } from '../../app/snapshot-store.ts';
import { useUi } from '../../app/ui-state.ts';
import { getEngine, gotoLine } from '../../app/controller.ts';
import { panTimeline, setDomain, zoomTimeline } from '../../app/timeline-nav.ts';
import { hitTest, paint, sortMarks, STYLE_NAMES, tOf, xOf, type View } from './painter.ts';
import { layoutRows } from './rows.ts';

const LABEL_W = 190;
const AXIS_H = 20;
/** The accessible list of visible marks is capped (a screen reader cannot use more). */
const LIST_CAP = 400;

function useMarks(): TimelineMarks | null {
  const version = useSnap((s) => s.snap.events.timelineVersion);
  const [marks, setMarks] = useState<TimelineMarks | null>(null);
  useEffect(() => {
    let live = true;
    void getEngine().getTimeline().then((m) => {
      if (!live) return;
      setMarks(m);
      if (m && m.length > 0) {
        const pad = Math.max(1000, (m.tMax - m.tMin) * 0.02);
        useUi.getState().set({ tlFull: [m.tMin - pad, m.tMax + pad] });
      }
    });
    return () => { live = false; };
  }, [version]);
  return marks;
}

/** The UTC time of the selected raw line (the timeline's cursor). */
function useCursor(): number | null {
  const sel = useUi((s) => s.selected);
  const viewVersion = useSnap((s) => s.snap.viewVersion);
  const [t, setT] = useState<number | null>(null);
  useEffect(() => {
    if (!sel) { setT(null); return; }
    let live = true;
    void getEngine().getRows(sel.pos, 1).then(([r]) => { if (live) setT(r && Number.isFinite(r.utcMs) ? r.utcMs : null); });
    return () => { live = false; };
  }, [sel, viewVersion]);
  return t;
}

export function TimelineView() {
  const marks = useMarks();
  const cursor = useCursor();
  const domain = useUi((s) => s.tlDomain ?? s.tlFull);
  const colors = useSnap((s) => s.snap.nodes);
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const drag = useRef<{ x: number; t: number; pan: boolean; moved: boolean } | null>(null);
  const [sel, setSel] = useState<[number, number] | null>(null);

  const rows = useMemo(() => (marks ? layoutRows(marks) : null), [marks]);
  const sorted = useMemo(() => (marks ? sortMarks(marks) : null), [marks]);
  const view: View | null = domain ? { t0: domain[0], t1: domain[1], width } : null;

  // The section mounts when the marks arrive: observe its width from then on.
  const hasData = !!marks && marks.length > 0;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(100, el.clientWidth - LABEL_W - 2));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [hasData]);

  // One animation frame owner: whatever changed, the canvas repaints once per frame.
  const frame = useRef(0);
  useEffect(() => {
    if (!marks || !rows || !sorted || !view || !canvas.current) return;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const c = canvas.current;
      if (!c) return;
      const dpr = window.devicePixelRatio || 1;
      c.width = Math.round(view.width * dpr);
      c.height = Math.round(rows.height * dpr);
      c.style.width = `${view.width}px`;
      c.style.height = `${rows.height}px`;
      const ctx = c.getContext('2d');
      if (ctx) paint(ctx, marks, rows, sorted, view, cursor, dpr);
    });
  }, [marks, rows, sorted, view?.t0, view?.t1, view?.width, cursor]);

  if (!marks || !rows || !view || marks.length === 0) {
    return <section className="timeline empty" data-testid="timeline"><div className="tl-empty dim">{marks ? 'No events to draw yet.' : 'Building the timeline…'}</div></section>;
  }

  const scale = scaleUtc().domain([view.t0, view.t1]).range([0, view.width]);
  const ticks = scale.ticks(Math.max(2, Math.floor(view.width / 130)));
  // 24-hour UTC labels, with seconds (and milliseconds) when zoomed in.
  const spanMs = view.t1 - view.t0;
  const fmt = utcFormat(spanMs < 10_000 ? '%H:%M:%S.%L' : spanMs < 20 * 60_000 ? '%H:%M:%S' : spanMs < 2 * 86_400_000 ? '%H:%M' : '%m-%d %H:%M');
  const colorOf = new Map(colors.map((n) => [n.name.toLowerCase(), n.color]));

  const local = (e: React.MouseEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onWheel = (e: React.WheelEvent) => {
    const { x } = local(e);
    if (e.ctrlKey || e.metaKey) zoomTimeline(e.deltaY > 0 ? 1.25 : 0.8, Math.min(1, Math.max(0, x / view.width)));
    else if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) panTimeline((e.deltaX || e.deltaY) / view.width);
    else return;
    e.preventDefault();
  };
  const onDown = (e: React.MouseEvent) => {
    const { x } = local(e);
    drag.current = { x, t: tOf(view, x), pan: e.shiftKey, moved: false };
  };
  const onMove = (e: React.MouseEvent) => {
    const { x, y } = local(e);
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
    const i = hitTest(marks, rows, sorted!, view, x, y);
    setHover(i >= 0 ? { i, x, y } : null);
  };
  const onUp = (e: React.MouseEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    const { x, y } = local(e);
    if (d.moved && !d.pan && sel) {
      // A dragged range filters the raw-log view to that time.
      useUi.getState().set({ from: Math.round(sel[0]), to: Math.round(sel[1]) });
      setSel(null);
      return;
    }
    if (d.moved) return;
    const i = hitTest(marks, rows, sorted!, view, x, y);
    if (i >= 0 && marks.fileId[i] >= 0) {
      useUi.getState().set({ activeEvent: `${marks.fileId[i]}:${marks.line[i]}` });
      void gotoLine(marks.fileId[i], marks.line[i]);
    }
  };

  // Visible marks for screen readers and tests (points and spans that overlap the domain).
  const visible: number[] = [];
  for (let i = 0; i < marks.length && visible.length < LIST_CAP; i++) if (marks.t1[i] >= view.t0 && marks.t0[i] <= view.t1) visible.push(i);

  return (
    <section className="timeline" data-testid="timeline" ref={box} data-t0={view.t0} data-t1={view.t1} data-cursor={cursor ?? ''}>
      <div className="tl-head">
        <span className="tl-keys dim" style={{ width: LABEL_W }} title="W / S or ctrl+wheel: zoom · A / D or horizontal wheel: pan · drag: select a time range (filters the raw log) · shift+drag: pan · F: fit the selection (or everything) · click a mark: its line in the raw log">
          UTC · keys W S A D F (?)
        </span>
        <div className="tl-axis" style={{ height: AXIS_H, width: view.width }}>
          {ticks.map((t) => (
            <span key={+t} className="tl-tick" style={{ left: scale(t) }}>{fmt(t)}</span>
          ))}
        </div>
      </div>
      <div className="tl-body">
        <div className="tl-labels" style={{ width: LABEL_W, height: rows.height }}>
          {rows.lanes.map((l) => (
            <div key={l.node} className="tl-lane" data-testid="timeline-lane" data-node={l.node} style={{ top: l.y, color: colorOf.get(l.node.toLowerCase()) ?? 'inherit' }}>{l.node}</div>
          ))}
          {rows.order.map((r) => (
            <div key={r.row} className="tl-row" data-track={r.track} style={{ top: r.y }} title={r.label}>
              {r.first ? <span className="tl-track">{r.track}</span> : null}
              <span className="tl-row-label">{r.label}</span>
            </div>
          ))}
        </div>
        <div className="tl-canvas-box">
          <canvas
            ref={canvas}
            data-testid="timeline-canvas"
            onWheel={onWheel}
            onMouseDown={onDown}
            onMouseMove={onMove}
            onMouseUp={onUp}
            onMouseLeave={() => { setHover(null); drag.current = null; setSel(null); }}
          />
          {sel && <div className="tl-sel" style={{ left: xOf(view, sel[0]), width: xOf(view, sel[1]) - xOf(view, sel[0]), height: rows.height }} />}
          {hover && (
            <div className="tl-tip" role="tooltip" style={{ left: Math.min(hover.x + 12, view.width - 320), top: hover.y + 14 }}>
              <div className="mono dim">{new Date(marks.t0[hover.i]).toISOString().replace('T', ' ').slice(0, 23)}{marks.t1[hover.i] > marks.t0[hover.i] ? ` → ${new Date(marks.t1[hover.i]).toISOString().slice(11, 23)}` : ''} UTC</div>
              <div>{marks.labels[marks.label[hover.i]]}</div>
              <div className="dim">{rowText(marks, hover.i)}{marks.fileId[hover.i] >= 0 ? ` · click for line ${marks.line[hover.i] + 1}` : ''}</div>
            </div>
          )}
        </div>
      </div>
      <ul className="sr-only" data-testid="timeline-marks" aria-label="Visible timeline marks">
        {visible.map((i) => (
          <li
            key={i}
            data-node={marks.lanes[marks.rows[marks.row[i]].lane]?.node}
            data-track={marks.rows[marks.row[i]].track}
            data-row={marks.rows[marks.row[i]].label}
            data-to-node={marks.row2[i] >= 0 ? marks.lanes[marks.rows[marks.row2[i]].lane]?.node : undefined}
            data-kind={STYLE_NAMES[marks.style[i]]}
            data-point={POINT_STYLES.has(marks.style[i]) ? 'true' : 'false'}
            data-t0={marks.t0[i]}
            data-t1={marks.t1[i]}
            data-x={Math.round(xOf(view, marks.t0[i]))}
            data-y={Math.round((rows.y[marks.row[i]] ?? 0) + 7)}
            data-file-id={marks.fileId[i]}
            data-line={marks.line[i]}
          >
            {marks.labels[marks.label[i]]}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where a mark sits: node · track · row. */
function rowText(marks: TimelineMarks, i: number): string {
  const r = marks.rows[marks.row[i]];
  return `${marks.lanes[r.lane]?.node ?? ''} · ${r.track} · ${r.label}`;
}
