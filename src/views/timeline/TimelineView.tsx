// The timeline: a lane per node, a density row and tracks inside it, one time axis, an overview
// strip with a brush. Marks are drawn on a viewport-sized canvas by painter.ts, by one animation
// frame owner outside React (here, with the mouse handlers); React renders the toolbar
// (TimelineToolbar), the axis and overview canvases (canvases.ts), the lane and row labels
// (RowLabels), the tooltip (HoverTip), and an accessible list of the visible marks (MarkList,
// which tests read).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSnap } from '../../state/snapshot-store.ts';
import { useUi } from '../../state/ui-state.ts';
import { gotoLine } from '../../state/controller.ts';
import { currentDomain, panTimeline, setDomain, zoomTimeline } from '../../state/timeline-nav.ts';
import { useTimelineUi } from '../../state/timeline-state.ts';
import { paint } from './painter.ts';
import type { PaintInput } from './paint-input.ts';
import { hitTest, marksNear } from './hit-test.ts';
import { tOf, type View } from './view-coords.ts';
import { endMaxOf } from './visible-range.ts';
import { legendShownOf, usePrefs } from '../../state/prefs.ts';
import { layoutRows, ROW_H } from './rows.ts';
import { recordFrame } from './frame-stats.ts';
import { pointerAt, useTimelineKeys } from './keys.ts';
import { useCursor, useDensity, useFilteredNodes, useLaneOffsets, useMarks, useMask, useViewDensity } from './data.ts';
import { Overview } from './Overview.tsx';
import { TimelineHelp, TimelineLegend } from './Legend.tsx';
import { axisBaseOf, fmtOffset, type AxisBase, type AxisStyle } from './axis.ts';
import { AXIS_H, opaqueColor, paintAxisCanvas, paintOverviewWindow, sizedContext } from './canvases.ts';
import { MarkPicker, type Pick } from './MarkPicker.tsx';
import { HoverTip, setTip, useTip } from './HoverTip.tsx';
import { MarkList } from './MarkList.tsx';
import { RowLabels } from './RowLabels.tsx';
import { TimelineToolbar } from './TimelineToolbar.tsx';
import { NotesStrip, noteAtX } from './NotesStrip.tsx';
import { FindingsStrip, FINDINGS_ROW_H } from './FindingsStrip.tsx';
import { findingSpan, useInsights } from '../../state/insights.ts';
import { setTimelineSource } from './timeline-image.ts';
import { noteSpan, useNotes } from '../../state/notes.ts';
import { LABEL_W } from './timeline-size.ts';

/** How long the view must be still before data that came after its frame is drawn on its own. */
const DATA_CALM_MS = 100;
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
  // The captures' legend only when a capture is drawn (it takes a line from the lanes otherwise).
  const hasCaptures = useMemo(() => !!marks && marks.rows.some((r) => r.track === 'captures'), [marks]);
  const cursor = useCursor();
  const full = useUi((s) => s.tlFull);
  // Not the domain itself: a pan or zoom must not re-render this component (the frame owner
  // reads the domain from the store and repaints; only small parts follow it in React).
  const hasDomain = useUi((s) => (s.tlDomain ?? s.tlFull) !== null);
  const timeMode = useUi((s) => s.timeMode);
  const eventFilter = useUi((s) => s.eventFilter);
  const rangeFrom = useUi((s) => s.from);
  const rangeTo = useUi((s) => s.to);
  const lanesSnap = useSnap((s) => s.snap.nodes);
  const tl = useTimelineUi();
  const filteredOut = useFilteredNodes();
  const heightPref = usePrefs((s) => s.timelineHeight);
  const legendShown = usePrefs(legendShownOf);
  // The findings' row adds its height to the default one, so the lanes keep the room they fit in.
  const findingsRow = useInsights((s) => (s.insights?.findings.length ? FINDINGS_ROW_H : 0));
  const sectionStyle = heightPref ? { height: heightPref } : findingsRow ? { height: `calc(56% + ${findingsRow}px)` } : undefined;
  const offsets = useLaneOffsets();
  const mask = useMask(marks, eventFilter);
  const notes = useNotes((s) => s.notes);
  const noteSpans = useMemo(() => notes.map((n) => noteSpan(n.pin)).filter((x): x is [number, number] => x !== null), [notes]);
  // The picked finding: its span, and the marks that rest on the lines it cites (one scan per pick).
  const picked = useInsights((s) => (s.active === null ? null : s.insights?.findings[s.active] ?? null));
  const finding = useMemo(() => {
    if (!picked) return null;
    const span = findingSpan(picked);
    if (!span) return null;
    const cited = new Set(picked.evidence.map((e) => `${e.fileId}:${e.line - 1}`));
    const hit: number[] = [];
    if (marks) for (let k = 0; k < marks.length; k++) if (marks.line[k] >= 0 && cited.has(`${marks.fileId[k]}:${marks.line[k]}`)) hit.push(k);
    return { span, marks: Int32Array.from(hit) };
  }, [picked, marks]);

  const canvas = useRef<HTMLCanvasElement>(null);
  const axisCanvas = useRef<HTMLCanvasElement>(null);
  /** The axis's time base: labels shifted to local time or not, and its name. */
  const axisInput = useRef<AxisBase>({ shiftMs: 0, name: 'UTC' });
  const axisStyle = useRef<AxisStyle | null>(null);
  const overviewWindow = useRef<HTMLCanvasElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(800);
  const [viewportH, setViewportH] = useState(300);
  const scrollTop = useRef(0);
  const drag = useRef<Drag | null>(null);
  /** The pointer over the canvas (x, and y from the canvas's top: what is under it changes when
   *  the lanes scroll), to find the mark under it again after a zoom or a scroll. */
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const tipStale = useRef(false);
  const bodyTop = useRef(0);
  const [sel, setSel] = useState<[number, number] | null>(null);
  /** Marks that share the clicked place, offered to choose from. */
  const [pick, setPick] = useState<Pick | null>(null);
  // A new set of marks: the indexes may point elsewhere.
  useEffect(() => setPick(null), [marks]);

  // The lanes fit the viewport's height: tracks the user has not opened are collapsed as needed.
  const rows = useMemo(() => (marks ? layoutRows(marks, { ...tl, filteredOut, fitHeight: viewportH }) : null),
    [marks, tl.laneOrder, tl.hiddenLanes, tl.collapsedLanes, tl.hiddenTracks, tl.collapsedTracks, tl.expandedTracks, tl.expandedGroups, filteredOut, viewportH]);
  const endMax = useMemo(() => (marks ? endMaxOf(marks) : null), [marks]);
  const widthNow = useRef(width);
  widthNow.current = width;
  /** The view as it is now (the store's domain at the canvas's width), for handlers and the frame owner. */
  const viewNow = useCallback((): View | null => {
    const d = currentDomain();
    return d ? { t0: d[0], t1: d[1], width: widthNow.current } : null;
  }, []);
  const densityOn = !tl.hiddenTracks.includes('density');
  const overviewDensity = useDensity(marks, full, width, true);
  const colorOf = useMemo(() => new Map(lanesSnap.map((n) => [n.name.toLowerCase(), n.color])), [lanesSnap]);
  const focusRow = useMemo(() => (rows && tl.focusRow ? rows.labels.find((l) => l.key === tl.focusRow)?.row ?? -1 : -1), [rows, tl.focusRow]);

  // The section mounts when the marks arrive: observe its size from then on.
  const hasData = !!marks && marks.length > 0 && !!rows && hasDomain && !!full;
  useEffect(() => {
    const el = box.current;
    const b = body.current;
    if (!el || !b) return;
    const measure = () => {
      setWidth(Math.max(100, el.clientWidth - LABEL_W - 2));
      setViewportH(Math.max(40, b.clientHeight));
      bodyTop.current = b.offsetTop;
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    ro.observe(b);
    return () => ro.disconnect();
  }, [hasData]);

  // One animation-frame owner: whatever changed (React state, scroll), the canvas repaints once per frame.
  const input = useRef<Omit<PaintInput, 'view' | 'scrollTop' | 'density'> | null>(null);
  /** The canvas's opaque ground (undefined: not read yet; null: the background is not opaque). */
  const ground = useRef<string | null | undefined>(undefined);
  const frame = useRef(0);
  const schedule = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      // This frame draws whatever data has arrived: no need for the calm-time repaint.
      clearTimeout(dataTimer.current);
      lastPaint.current = performance.now();
      const c = canvas.current;
      const p = input.current;
      const v = viewNow();
      if (!c || !p || !v) return;
      const start = performance.now();
      const dpr = p.dpr;
      // The canvas is opaque, filled with the section's background (read once): the compositor
      // then draws it without blending, at about half the cost in software.
      ground.current ??= opaqueColor(box.current ? getComputedStyle(box.current).backgroundColor : '');
      const ctx = sizedContext(c, v.width, p.height, dpr, ground.current === null);
      if (!ctx) return;
      const s = paint(ctx, { ...p, view: v, scrollTop: scrollTop.current, density: density.current, ground: ground.current });
      const a = axisCanvas.current;
      if (a) paintAxisCanvas(a, v, dpr, axisInput.current, axisStyle);
      const o = overviewWindow.current;
      const full = useUi.getState().tlFull;
      if (o && full) paintOverviewWindow(o, full, v, dpr);
      // After a zoom or pan, a tooltip stays while its mark is still under the pointer (zooming
      // at it); otherwise it closes, and the next pointer move finds what is there now.
      const tip = tipStale.current ? useTip.getState().tip : null;
      tipStale.current = false;
      if (tip) {
        const ptr = pointer.current;
        if (!ptr || drag.current || hitTest(p.marks, p.rows, p.endMax, p.mask, v, ptr.x, ptr.y + scrollTop.current) !== tip.k) setTip(null);
        else setTip({ ...tip, others: marksNear(p.marks, p.endMax, p.mask, v, tip.k) });
      }
      // The visible range, on the section for tests and tools (attributes no style depends on).
      const sec = box.current;
      if (sec) {
        sec.dataset.t0 = String(v.t0);
        sec.dataset.t1 = String(v.t1);
      }
      recordFrame({ at: start, scriptMs: performance.now() - start, visited: s.visited, draws: s.draws });
    });
  }, []);
  useEffect(() => () => { cancelAnimationFrame(frame.current); frame.current = 0; }, []);
  // Data that arrives after its frame (the density answer comes back from the worker after the
  // pan's frame was drawn) is drawn by the next frame of the gesture, or once the view has been
  // calm for DATA_CALM_MS: one paint per step of a pan, not two.
  const dataTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastPaint = useRef(0);
  const scheduleData = useCallback(() => {
    if (frame.current) return;
    clearTimeout(dataTimer.current);
    const calm = performance.now() - lastPaint.current;
    if (calm >= DATA_CALM_MS) schedule();
    else dataTimer.current = setTimeout(schedule, DATA_CALM_MS - calm);
  }, [schedule]);
  useEffect(() => () => clearTimeout(dataTimer.current), []);
  const density = useViewDensity(marks, width, densityOn, scheduleData);

  // The picture export (timeline-image.ts) draws what this frame draws.
  const frameExtras = useRef({ colorOf: new Map<string, string>(), captures: false });
  frameExtras.current = { colorOf, captures: hasCaptures };
  useEffect(() => {
    setTimelineSource(() => {
      const p = input.current;
      const v = viewNow();
      return p && v ? { input: p, view: v, density: density.current, axis: axisInput.current, ...frameExtras.current } : null;
    });
    return () => setTimelineSource(null);
  }, [viewNow, density]);

  if (marks && rows && endMax) {
    input.current = {
      marks, rows, height: Math.min(viewportH, Math.max(rows.height, 1)), mask, endMax,
      cursor, hoverT: tl.hoverT, focusRow, focusMark: tl.focusMark,
      selection: sel ?? (rangeFrom !== null && rangeTo !== null ? [rangeFrom, rangeTo] : null),
      notes: noteSpans,
      finding,
      dpr: window.devicePixelRatio || 1,
    };
  }
  useEffect(schedule);

  // The accessible list of visible marks follows the view once it settles, not every frame.
  const [listView, setListView] = useState<View | null>(null);
  const listTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queueList = useCallback(() => {
    clearTimeout(listTimer.current);
    listTimer.current = setTimeout(() => setListView(viewNow()), LIST_DELAY_MS);
  }, [viewNow]);
  useEffect(() => { queueList(); return () => clearTimeout(listTimer.current); }, [queueList, width, hasData]);

  // A pan or zoom: repaint, find the tooltip's mark again, and let the list follow.
  useEffect(() => useUi.subscribe((s, prev) => {
    if ((s.tlDomain ?? s.tlFull) === (prev.tlDomain ?? prev.tlFull)) return;
    tipStale.current = true;
    schedule();
    queueList();
  }), [schedule, queueList]);

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
    const vNow = viewNow();
    if (!vNow) return;
    const tRef = from >= 0 ? m.t0[from] : (p.cursor ?? (dir > 0 ? vNow.t0 - 1 : vNow.t1 + 1));
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
    const v = viewNow();
    if (v && (t < v.t0 || t > v.t1)) {
      const half = (v.t1 - v.t0) / 2;
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
      const w = widthNow.current;
      if (!input.current || e.shiftKey) return; // shift + wheel scrolls the lanes (the browser's own scrolling)
      e.preventDefault();
      const x = e.clientX - c.getBoundingClientRect().left;
      // Lines or pages (some mice, Firefox) count as 40 px steps.
      const unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? 400 : 1;
      if (e.ctrlKey || e.metaKey) zoomTimeline(Math.pow(1.0025, e.deltaY * unit), Math.min(1, Math.max(0, x / w)));
      else panTimeline(((Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY) * unit) / w);
    };
    c.addEventListener('wheel', onWheel, { passive: false });
    return () => c.removeEventListener('wheel', onWheel);
  }, [hasData]);

  const view = viewNow();
  if (!marks || !rows || !view || !endMax || marks.length === 0 || !full) {
    return <section className="timeline empty" data-testid="timeline" style={sectionStyle}><div className="tl-empty dim">{marks ? 'No events to draw yet: the timeline fills in as files are parsed.' : 'Building the timeline…'}</div></section>;
  }

  // The axis: as the log view (UTC, or the nodes' common local time), UTC, or a node's local time.
  const laneBases = rows.lanes.map((l) => ({ node: l.node, offset: offsets.get(l.node.toLowerCase()) ?? null }));
  const base = axisBaseOf(tl.axis, timeMode, laneBases);
  const axisName = base.name;
  axisInput.current = base;

  /** The pointer in canvas x and lane (content) y. The scroll is read live: a pointer event can
   *  come in the frame before its scroll event (input is dispatched first). */
  const localXY = (e: React.MouseEvent | React.WheelEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    syncScroll();
    return { x: e.clientX - r.left, y: e.clientY - r.top + scrollTop.current, top: e.clientY - r.top };
  };
  const onDown = (e: React.MouseEvent) => {
    const v = viewNow();
    if (e.button !== 0 || !v) return;
    const { x } = localXY(e);
    drag.current = { x, t: tOf(v, x), pan: e.shiftKey, moved: false };
  };
  const onMove = (e: React.MouseEvent) => {
    const v = viewNow();
    if (!v) return;
    const { x, y, top } = localXY(e);
    pointer.current = { x, y: top };
    pointerAt.fraction = Math.min(1, Math.max(0, x / v.width));
    const d = drag.current;
    if (d) {
      if (Math.abs(x - d.x) > 3) d.moved = true;
      if (d.moved && d.pan) {
        const dt = tOf(v, d.x) - tOf(v, x);
        setDomain([v.t0 + dt, v.t1 + dt]);
        d.x = x;
      } else if (d.moved) setSel([Math.min(d.t, tOf(v, x)), Math.max(d.t, tOf(v, x))]);
      return;
    }
    const k = hitTest(marks, rows, endMax, mask, v, x, y);
    setTip(k >= 0 ? { k, x: x + LABEL_W, y: y - scrollTop.current + bodyTop.current, others: marksNear(marks, endMax, mask, v, k) } : null);
  };
  const onUp = (e: React.MouseEvent) => {
    const d = drag.current;
    drag.current = null;
    const v = viewNow();
    if (!d || !v) return;
    const { x, y } = localXY(e);
    if (d.moved && !d.pan && sel) {
      // A dragged range filters the raw-log view to that time.
      useUi.getState().set({ from: Math.round(sel[0]), to: Math.round(sel[1]) });
      setSel(null);
      return;
    }
    if (d.moved) return;
    const k = hitTest(marks, rows, endMax, mask, v, x, y);
    if (k < 0) {
      const label = rows.labels.find((l) => y >= l.y && y < l.y + ROW_H);
      if (label) tl.set({ focusRow: label.key, focusMark: -1 });
      return;
    }
    // Marks sharing the place (same millisecond, or within 3 px): the click offers them all.
    const others = marksNear(marks, endMax, mask, v, k);
    if (others.length > 0) {
      setTip(null);
      setPick({ ks: [k, ...others], x: x + LABEL_W, y: y - scrollTop.current + bodyTop.current });
      return;
    }
    chooseMark(k);
  };
  const chooseMark = (k: number) => {
    const label = rows.labels.find((l) => l.row === marks.row[k]) ?? rows.labels.find((l) => l.y === rows.y[marks.row[k]]);
    tl.set({ focusMark: k, focusRow: label?.key ?? null });
    if (marks.fileId[k] >= 0) {
      useUi.getState().set({ activeEvent: `${marks.fileId[k]}:${marks.line[k]}` });
      void gotoLine(marks.fileId[k], marks.line[k]);
    }
  };
  /** Takes the lanes' scroll position; when it moved, the frame repaints and checks the tooltip. */
  const syncScroll = () => {
    const top = body.current?.scrollTop ?? 0;
    if (top === scrollTop.current) return;
    scrollTop.current = top;
    tipStale.current = true;
    schedule();
  };

  const canvasH = Math.min(viewportH, rows.height);

  return (
    <section className="timeline" data-testid="timeline" style={sectionStyle} ref={box} data-cursor={cursor ?? ''} data-hover={tl.hoverT ?? ''} data-axis={axisName}>
      <TimelineToolbar rows={rows} filteredOut={filteredOut} masked={!!mask} captures={hasCaptures} cursor={cursor} />
      <div className="tl-head">
        <span className="tl-keys dim" style={{ width: LABEL_W }}>overview</span>
        <Overview marks={marks} full={full} width={width} density={overviewDensity} colors={colorOf} windowCanvas={overviewWindow} />
      </div>
      <div className="tl-head">
        <span className="tl-keys dim tl-axis-base" style={{ width: LABEL_W }}>
          <select data-testid="timeline-axis-base" aria-label="Time axis" title={`Time axis: ${axisName}`} value={tl.axis} onChange={(e) => tl.set({ axis: e.target.value })}>
            <option value="">{`${axisBaseOf('', timeMode, laneBases).name} (as the log)`}</option>
            <option value="utc">UTC</option>
            {laneBases.filter((l) => l.offset !== null).map((l) => (
              <option key={l.node} value={l.node.toLowerCase()}>{`${l.node} local ${fmtOffset(l.offset!)}`}</option>
            ))}
          </select>
        </span>
        <canvas ref={axisCanvas} className="tl-axis" data-testid="timeline-axis" role="img" style={{ height: AXIS_H, width }} title="Double-click to pin a note at this time"
          onDoubleClick={(e) => noteAtX(e.clientX - e.currentTarget.getBoundingClientRect().left, width)} />
      </div>
      <NotesStrip width={width} />
      <FindingsStrip width={width} />
      <div className="tl-body" ref={body} onScroll={syncScroll}>
        <RowLabels rows={rows} colorOf={colorOf} offsets={offsets} focus={tl.focusRow} />
        <div className="tl-canvas-box" style={{ height: rows.height, width }}>
          <canvas
            ref={canvas}
            data-testid="timeline-canvas"
            style={{ position: 'sticky', top: 0, height: canvasH }}
            onMouseDown={onDown}
            onMouseMove={onMove}
            onMouseUp={onUp}
            onMouseLeave={() => { setTip(null); pointer.current = null; drag.current = null; setSel(null); pointerAt.fraction = null; }}
          />
        </div>
      </div>
      <HoverTip marks={marks} width={width + LABEL_W} offsets={offsets} />
      {pick && <MarkPicker marks={marks} pick={pick} width={width + LABEL_W} onChoose={(k) => { setPick(null); chooseMark(k); }} onClose={() => setPick(null)} />}
      {legendShown && <TimelineLegend captures={hasCaptures} />}
      {tl.helpOpen && <TimelineHelp onClose={() => tl.set({ helpOpen: false })} />}
      <MarkList marks={marks} rows={rows} endMax={endMax} mask={mask} view={listView} />
    </section>
  );
}

