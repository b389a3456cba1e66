// The merged raw log: a virtualized list over `snapshot.viewRows` rows.
//
// Scrolling model: the logical position is `ui.scrollRow` (fractional rows). The native
// scrollbar is only a proxy: its spacer is capped at MAX_PX (browsers clamp element heights
// near 33.5M px), and scrollTop maps proportionally onto the logical position. Wheel and
// keyboard steps change scrollRow directly, so they stay exact at any view size.

import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Row } from '../engine/api.ts';
import { useUi, type ColumnWidths, type TimeMode } from '../state/ui-state.ts';
import { usePrefs } from '../state/prefs.ts';
import { useShallow } from 'zustand/react/shallow';
import { COLUMN_KEYS, COLUMN_LABELS, fitColumns, type ColumnKey, type ColumnLayout } from './log-columns.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { useTimelineUi } from '../state/timeline-state.ts';
import { notesByLine, useNotes, type Note } from '../state/notes.ts';
import { ensureVisible, flash, getEngine, noteVisibleRows, scrollBy, scrollTo, selectPos, toggleEntry } from '../state/controller.ts';
import { AS_WRITTEN_TIP, fmtClock, fmtInt, fmtPidTid, fmtSubMs, fmtTime, HIGHLIGHT_BUDGET_MS, levelClass, levelName, onHighlightBudget, searchMatcher, shownTime, splitMatches } from './format.ts';

export const ROW_H = 18;
/** Lines per row when long lines wrap. */
const WRAP_LINES = 3;
const MAX_PX = 15_000_000;
const OVERSCAN = 30;
/** While files load: rows newly added to the screen per frame (see the row loop in LogView). */
const NEW_ROWS_PER_FRAME = 16;
/** Characters of a line rendered in a row (the details strip shows all of it). */
const ROW_TEXT_MAX = 2000;
/** Characters of a note shown beside its line (its tooltip and its card have all of it). */
const NOTE_CHARS_IN_ROW = 48;
/** Characters of a line in its cell's tooltip (the whole line when the cell cuts it). */
const TITLE_MAX = 4000;

interface RowProps {
  r: Row;
  top: number;
  selected: boolean;
  color: string;
  timeMode: TimeMode;
  matcher: RegExp | null;
  /** The time column shows the time of day only (the message needs the room); the date is in its tooltip. */
  timeShort: boolean;
  /** The notes pinned to this line (shown before its message). */
  notes: readonly Note[] | undefined;
}

function Message({ text, matcher }: { text: string; matcher: RegExp | null }) {
  const t = text.length > ROW_TEXT_MAX ? text.slice(0, ROW_TEXT_MAX) : text;
  const parts = splitMatches(t, matcher);
  if (parts.length === 1) return <>{t}</>;
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark key={i} className="hl">{p}</mark> : p))}</>;
}

const BACKWARDS_TIP = 'Time went backwards: this line is earlier than the line before it in the same file. It is kept in file order, not moved.';

/** Rows come back from the engine as new objects on every read: compare them by value (flat fields). */
function sameRow(a: Row, b: Row): boolean {
  if (a === b) return true;
  for (const k in a) {
    if (!Object.is(a[k as keyof Row], b[k as keyof Row])) return false;
  }
  return true;
}

function sameRowProps(a: RowProps, b: RowProps): boolean {
  return a.top === b.top && a.selected === b.selected && a.color === b.color && a.timeMode === b.timeMode
    && a.matcher === b.matcher && a.timeShort === b.timeShort && a.notes === b.notes && sameRow(a.r, b.r);
}

const LogRow = memo(function LogRow({ r, top, selected, color, timeMode, matcher, timeShort, notes }: RowProps) {
  const { t, asWritten } = shownTime(timeMode, r.utcMs, r.localMs, r.writtenMs);
  const sevDiffers = r.severity !== r.level && r.severity > 0 && !(r.level === 0 && r.severity === 2);
  const cls = [
    'row',
    `lv-${levelClass(sevDiffers ? r.severity : r.level)}`,
    `b-${r.bucket}`,
    r.member ? 'member' : '',
    r.hit ? 'hit' : '',
    selected ? 'sel' : '',
  ].join(' ');
  return (
    <div className={cls} data-pos={r.pos} style={{ top }} role="row" aria-rowindex={r.pos + 1} aria-selected={selected}>
      <span role="gridcell" className="c c-gut">
        {r.backwards && <span className="ico ico-back" title={BACKWARDS_TIP}>↶</span>}
        {r.bucket === 'unparsed' && <span className="ico ico-unp" title="Unparsed: not recognized as a record, kept and shown as is">?</span>}
        {r.oversized && <span className="ico ico-big" title="Line longer than 1 MB: shown cut">✂</span>}
      </span>
      <span role="gridcell" className={`c c-time${asWritten ? ' as-written' : ''}`} title={asWritten ? AS_WRITTEN_TIP : Number.isFinite(t) ? (timeShort ? fmtTime(t) : undefined) : 'No time yet (before the first record of the file)'}>
        {timeShort ? fmtClock(t) : fmtTime(t)}{r.nsInMs >= 0 && Number.isFinite(t) && <span className="sub-ms">{fmtSubMs(r.nsInMs)}</span>}{asWritten && <span className="as-written-mark" aria-label="as written, UTC">*</span>}
      </span>
      <span role="gridcell" className="c c-node" title={r.node}>
        <i className="node-bar" style={{ background: color }} />
        {r.node}
      </span>
      <span role="gridcell" className={`c c-lvl lvl lvl-${levelClass(r.level)}`}>
        {levelName(r.level)}
        {sevDiffers && (
          <span
            className={`sev sev-${levelClass(r.severity)}`}
            title={`Severity ${levelName(r.severity)}: derived from the event text (logged as ${levelName(r.level) || 'no level'})`}
          >
            {levelName(r.severity)}
          </span>
        )}
      </span>
      <span role="gridcell" className="c c-comp" title={r.component || undefined}>{r.component}</span>
      <span role="gridcell" className="c c-tid">{fmtPidTid(r.pid, r.tid, r.idRadix)}</span>
      <span role="gridcell" className="c c-msg" title={r.text.length > 40 ? (r.text.length > TITLE_MAX ? `${r.text.slice(0, TITLE_MAX)}…` : r.text) : undefined}>
        {r.memberCount > 0 && (
          <button
            type="button"
            className="entry-tog"
            data-toggle="1"
            tabIndex={-1}
            aria-expanded={r.expanded}
            title={r.expanded ? 'Collapse this entry' : `Expand this entry (${r.memberCount} more lines)`}
          >
            {r.expanded ? '▾' : '▸'} +{r.memberCount}
          </button>
        )}
        {notes?.map((n) => (
          <span key={n.id} className="note-pin" data-note={n.id} title={`Note: ${n.text}`}>✎ {n.text.split('\n', 1)[0].slice(0, NOTE_CHARS_IN_ROW)}</span>
        ))}
        {r.channel && <span className="chan" title={`Written in the ${r.channel} event channel`}>{r.channel}</span>}
        {/* The message only: pid.tid, time, level and component have their columns; the details strip and copy give the whole line. */}
        <Message text={r.msgStart > 0 ? r.text.slice(r.msgStart) : r.text} matcher={matcher} />
        {r.oversized && <span className="note-big"> [line cut: longer than 1 MB]</span>}
      </span>
    </div>
  );
}, sameRowProps);

/** The columns shown, and why some gave way: the user hides or keeps each, or resets them all. */
function ColumnMenu({ layout }: { layout: ColumnLayout }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => { if (box.current && !box.current.contains(e.target as Node)) setOpen(false); };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [open]);
  const toggle = (k: ColumnKey) => {
    const p = usePrefs.getState();
    const shown = !layout.hidden.has(k);
    p.set(shown
      ? { hiddenColumns: [...new Set([...p.hiddenColumns, k])], shownColumns: p.shownColumns.filter((x) => x !== k) }
      : { hiddenColumns: p.hiddenColumns.filter((x) => x !== k), shownColumns: [...new Set([...p.shownColumns, k])] });
  };
  return (
    <span className="col-menu" ref={box}>
      <button type="button" className="col-menu-btn" aria-label="Columns" aria-expanded={open} title="Columns: show, hide, reset" data-testid="column-menu" onClick={() => setOpen(!open)}>⋮</button>
      {open && (
        <span className="col-menu-pop" role="menu" onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); setOpen(false); } }}>
          {COLUMN_KEYS.map((k) => (
            <label key={k} className="check" role="menuitemcheckbox" aria-checked={!layout.hidden.has(k)}>
              <input type="checkbox" checked={!layout.hidden.has(k)} onChange={() => toggle(k)} /> {COLUMN_LABELS[k]}
            </label>
          ))}
          {layout.squeezed.length > 0 && <span className="dim col-menu-note">So that the line keeps half the width: {layout.squeezed.join(', ')}.</span>}
          <button type="button" className="btn btn-small" onClick={() => { usePrefs.getState().set({ columnWidths: {}, hiddenColumns: [], shownColumns: [] }); setOpen(false); }}>Reset columns</button>
        </span>
      )}
    </span>
  );
}

const Header = memo(function Header({ layout, timeMode }: { layout: ColumnLayout; timeMode: TimeMode }) {
  const columns = layout.widths;
  const startDrag = (col: keyof ColumnWidths) => (e: React.PointerEvent) => {
    e.preventDefault();
    const x0 = e.clientX;
    const w0 = columns[col];
    const prefs = usePrefs.getState();
    const move = (ev: PointerEvent) => {
      const w = Math.max(24, Math.min(600, w0 + ev.clientX - x0));
      // Remembered once, when the drag ends.
      prefs.set({ columnWidths: { ...usePrefs.getState().columnWidths, [col]: w } }, false);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      usePrefs.getState().set({});
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const h = (col: keyof ColumnWidths, label: string, title: string) => (
    <span className={`c c-${col === 'level' ? 'lvl' : col}`} title={title} role="columnheader">
      {label}
      <span className="col-resize" aria-hidden="true" onPointerDown={startDrag(col)} />
    </span>
  );
  return (
    <div className="log-header" role="row">
      <span className="c c-gut" role="columnheader"><ColumnMenu layout={layout} /></span>
      {h('time', timeMode === 'utc' ? 'Time (UTC)' : 'Time (node local)', timeMode === 'utc' ? 'UTC, under each file’s time base' : 'Wall-clock time of each node')}
      {h('node', 'Node', 'Node the line was logged on')}
      {h('level', 'Level', 'Level as logged; a second tag shows a severity derived from the event text')}
      {h('comp', 'Component', 'Component in [brackets]')}
      {h('tid', 'PID.TID', 'Process and thread id (hex)')}
      <span className="c c-msg" role="columnheader">Line</span>
    </div>
  );
});

export function LogView() {
  const viewRows = useSnap((s) => s.snap.viewRows);
  const viewVersion = useSnap((s) => s.snap.viewVersion);
  const searchSpec = useSnap((s) => s.snap.search.spec);
  const colorKey = useSnap((s) => s.snap.files.map((f) => `${f.id}=${f.color}`).join('|'));
  const scrollRow = useUi((s) => s.scrollRow);
  const selected = useUi((s) => s.selected);
  const timeMode = useUi((s) => s.timeMode);
  const notes = useNotes((s) => s.notes);
  const lineNotes = useMemo(() => notesByLine(notes), [notes]);
  // Wrapped lines: rows three lines tall (a fixed height keeps the scrolling exact); longer
  // lines end in an ellipsis, and their tooltip and the details strip give all of them.
  const wrap = usePrefs((s) => s.wrapLines);
  const rowH = wrap ? ROW_H * WRAP_LINES : ROW_H;
  const rowHRef = useRef(rowH);
  rowHRef.current = rowH;
  const colPrefs = usePrefs(useShallow((s) => ({ widths: s.columnWidths, hidden: s.hiddenColumns, shown: s.shownColumns })));
  const [logW, setLogW] = useState(1000);
  const [charW, setCharW] = useState(7.2);
  const probeRef = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const w = probeRef.current?.getBoundingClientRect().width;
    if (w) setCharW(w / 20);
  }, []);
  // Rows of a capture that writes 100 ns show 4 more digits.
  const fineDigits = useSnap((s) => (s.snap.files.some((f) => f.facts.capture !== null) ? 4 : 0));
  const layout = useMemo(() => fitColumns(logW, charW, colPrefs, fineDigits), [logW, charW, colPrefs, fineDigits]);
  const columns = layout.widths;
  const loading = useSnap((s) => s.snap.loading);

  const colors = useMemo(() => {
    const m = new Map<number, string>();
    for (const kv of colorKey.split('|')) {
      const i = kv.indexOf('=');
      if (i > 0) m.set(Number(kv.slice(0, i)), kv.slice(i + 1));
    }
    return m;
  }, [colorKey]);
  const matcher = useMemo(() => searchMatcher(searchSpec), [searchSpec?.text, searchSpec?.regex, searchSpec?.caseSensitive]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    onHighlightBudget((re) => flash(`Highlighting stopped: /${re.source}/ took over ${HIGHLIGHT_BUDGET_MS} ms on the rows shown (the search itself goes on)`));
    return () => onHighlightBudget(null);
  }, []);

  const scrollerRef = useRef<HTMLDivElement>(null);
  const [H, setH] = useState(0);
  // Wrapping changes how many rows the viewport holds.
  useEffect(() => { if (H > 0) useUi.getState().set({ viewportRows: H / rowH }); }, [H, rowH]);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = () => {
      const h = el.clientHeight;
      setH(h);
      setLogW(el.clientWidth);
      useUi.getState().set({ viewportRows: h / rowHRef.current });
      // When the viewport shrinks (the timeline opens above it), keep the selected row in sight.
      const sel = useUi.getState().selected;
      if (sel) ensureVisible(sel.pos);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Geometry.
  const totalPx = viewRows * rowH;
  const maxTopPx = Math.max(0, totalPx - H);
  const spacerPx = Math.min(totalPx, MAX_PX);
  const maxScroll = Math.max(0, spacerPx - H);
  const topPx = Math.min(Math.max(0, scrollRow * rowH), maxTopPx);
  const first = Math.floor(topPx / rowH);
  const offPx = topPx - first * rowH;
  const count = Math.ceil(H / rowH) + 1;
  const geo = useRef({ maxTopPx, maxScroll });
  geo.current = { maxTopPx, maxScroll };

  // Logical position -> scrollbar.
  const lastSet = useRef(-1);
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const want = maxTopPx > 0 ? (topPx / maxTopPx) * maxScroll : 0;
    // Compare with what we last wrote (not el.scrollTop: reading it right after a write forces layout).
    if (Math.abs(lastSet.current - want) > 0.5) {
      el.scrollTop = want;
      lastSet.current = want;
    }
  }, [topPx, maxTopPx, maxScroll]);

  // Scrollbar (drag, click in track) -> logical position.
  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    // Our own writes come back as scroll events (rounded to device pixels): ignore them.
    if (!el || Math.abs(el.scrollTop - lastSet.current) < 1.5) return;
    lastSet.current = el.scrollTop;
    const { maxTopPx: mt, maxScroll: ms } = geo.current;
    scrollTo(ms > 0 ? ((el.scrollTop / ms) * mt) / rowHRef.current : 0);
  }, []);

  // Wheel: exact steps in logical rows.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      let dy = e.deltaY;
      if (e.deltaMode === 1) dy *= rowHRef.current;
      else if (e.deltaMode === 2) dy *= el.clientHeight;
      scrollBy(dy / rowHRef.current);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  // Rows of the visible window (+ overscan). Responses older than the one shown are dropped.
  // A response for a view version that has meanwhile changed is still shown (then re-read):
  // while files load the version moves faster than a round trip, and dropping those would
  // leave the view blank until loading ends.
  const [win, setWin] = useState<{ ver: number; start: number; rows: Row[] }>({ ver: -1, start: 0, rows: [] });
  const reqSeq = useRef(0);
  const shownSeq = useRef(0);
  useEffect(() => {
    const need0 = first;
    const need1 = Math.min(viewRows, first + count);
    if (win.ver === viewVersion && win.start <= need0 && win.start + win.rows.length >= need1) return;
    const start = Math.max(0, first - OVERSCAN);
    const n = count + 2 * OVERSCAN;
    const seq = ++reqSeq.current;
    const ver = viewVersion;
    getEngine().getRows(start, n).then((rows) => {
      if (seq < shownSeq.current) return;
      shownSeq.current = seq;
      setWin({ ver, start, rows });
    }, () => { /* engine disposed or view gone: keep what is shown */ });
  }, [first, count, viewVersion, viewRows, win]);

  useEffect(() => { noteVisibleRows(win.ver, win.rows); }, [win]);

  /** Positions of the rows rendered by the last commit (see the row loop below). */
  const shownRows = useRef<Set<number>>(new Set());
  const [, addMoreRows] = useState(0);

  // Click: select, or expand/collapse via the ▸ toggle; double-click toggles entries too.
  const onMouseDown = useCallback((e: React.MouseEvent) => {
    if (e.button !== 0) return;
    const target = e.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[data-pos]');
    if (!rowEl) return;
    const pos = Number(rowEl.dataset.pos);
    const note = target.closest<HTMLElement>('[data-note]');
    if (note) useNotes.getState().edit(Number(note.dataset.note));
    if (target.closest('[data-toggle]')) {
      e.preventDefault();
      toggleEntry(pos);
    }
    selectPos(pos);
    scrollerRef.current?.focus({ preventScroll: true });
  }, []);
  // Hover: the row's time becomes a dashed cursor on the timeline (only while it is open).
  const winRef = useRef(win);
  winRef.current = win;
  const onMouseMove = useCallback((e: React.MouseEvent) => {
    if (!useUi.getState().timelineOpen) return;
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('[data-pos]');
    const pos = rowEl ? Number(rowEl.dataset.pos) : -1;
    const w = winRef.current;
    const r = pos >= 0 ? w.rows[pos - w.start] : undefined;
    const t = r && Number.isFinite(r.utcMs) ? r.utcMs : null;
    if (useTimelineUi.getState().hoverT !== t) useTimelineUi.getState().set({ hoverT: t });
  }, []);
  const onMouseLeave = useCallback(() => {
    if (useTimelineUi.getState().hoverT !== null) useTimelineUi.getState().set({ hoverT: null });
  }, []);
  const onDoubleClick = useCallback((e: React.MouseEvent) => {
    const target = e.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[data-pos]');
    if (!rowEl || target.closest('[data-toggle]')) return;
    if (rowEl.querySelector('[data-toggle]')) toggleEntry(Number(rowEl.dataset.pos));
  }, []);

  // Render the visible rows we have. Rows sit at fixed offsets from the window start, so
  // scrolling inside a window only moves the container (memoized rows do not re-render).
  //
  // While files load, the workers take the CPU cores and a frame that builds a whole screen
  // of new rows (style, layout and paint of some 400 elements) can stall the page for
  // longer than 50 ms. Then rows not on screen in the previous frame are added at most
  // NEW_ROWS_PER_FRAME at a time, from the top, over the next frames (rows already shown
  // update at once). When nothing loads, a screen is built in one frame as before.
  const base = win.start;
  const rowEls: React.ReactNode[] = [];
  const shownPos: number[] = [];
  let budget = loading ? NEW_ROWS_PER_FRAME : Infinity;
  let deferred = false;
  for (let i = 0; i < win.rows.length; i++) {
    const r = win.rows[i];
    if (r.pos < first - 2 || r.pos >= first + count + 2 || r.pos >= viewRows) continue;
    if (!shownRows.current.has(r.pos)) {
      if (budget <= 0) { deferred = true; continue; }
      budget--;
    }
    shownPos.push(r.pos);
    const isSel = selected !== null && (selected.fileId >= 0 ? selected.fileId === r.fileId && selected.line === r.line : selected.pos === r.pos);
    rowEls.push(
      <LogRow
        key={r.pos}
        r={r}
        top={(r.pos - base) * rowH}
        selected={isSel}
        color={colors.get(r.fileId) ?? 'transparent'}
        timeMode={timeMode}
        matcher={matcher}
        timeShort={layout.timeShort}
        notes={lineNotes.get(`${r.fileId}:${r.line}`)}
      />,
    );
  }
  const shift = (base - first) * rowH - offPx;
  useLayoutEffect(() => { shownRows.current = new Set(shownPos); });
  useEffect(() => {
    if (!deferred) return;
    const id = requestAnimationFrame(() => addMoreRows((n) => n + 1));
    return () => cancelAnimationFrame(id);
  });

  const colVars = {
    '--w-time': `${columns.time}px`, '--w-node': `${columns.node}px`, '--w-level': `${columns.level}px`,
    '--w-comp': `${columns.comp}px`, '--w-tid': `${columns.tid}px`,
  } as React.CSSProperties;

  return (
    <section className={['log-view', wrap ? 'wrap' : '', ...[...layout.hidden].map((k) => `hide-${k}`)].join(' ')} data-testid="log-view" aria-label="Merged log" style={colVars}>
      <Header layout={layout} timeMode={timeMode} />
      <span className="char-probe" ref={probeRef} aria-hidden="true">00000000000000000000</span>
      <div
        className="log-scroller"
        ref={scrollerRef}
        tabIndex={0}
        role="grid"
        aria-rowcount={viewRows}
        aria-label={`Log lines, ${fmtInt(viewRows)} rows`}
        data-first-row={first}
        onScroll={onScroll}
      >
        <div className="log-layer" style={{ height: H }} onMouseDown={onMouseDown} onMouseMove={onMouseMove} onMouseLeave={onMouseLeave} onDoubleClick={onDoubleClick}>
          <div className="log-rows" style={{ transform: `translateY(${shift}px)` }}>{rowEls}</div>
          {viewRows === 0 && (
            <div className="log-empty">
              {loading ? 'Reading files…' : 'No lines match the current filters.'}
            </div>
          )}
          {viewRows > 0 && rowEls.length === 0 && (
            <div className="log-empty" role="status">
              <span className="spinner" aria-hidden="true" />
              Fetching lines {fmtInt(first + 1)}–{fmtInt(Math.min(viewRows, first + count))}…{loading ? ' (files are still being read)' : ''}
            </div>
          )}
        </div>
        <div className="log-spacer" style={{ height: Math.max(0, spacerPx - H) }} />
      </div>
    </section>
  );
}
