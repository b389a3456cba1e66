// Glue between UI state and the engine: pushes the view and search specs, keeps the
// selection and scroll position anchored to file lines across view changes, and offers the
// navigation actions the views call. No log parsing here.

import type { EngineClient, EngineSnapshot, FileState, InputFile, Row, ViewSpec } from '../engine/api.ts';
import { useUi, type UiState } from './ui-state.ts';
import { connectSnapshots, useSnap } from './snapshot-store.ts';
import { markUserOpened } from './files.ts';
import { toUtcShift } from '../ingest/timebase.ts';

let engine: EngineClient | null = null;

export function getEngine(): EngineClient {
  if (!engine) throw new Error('engine not bound');
  return engine;
}

/** The rows the log view shows right now (for instant keyboard selection and anchoring). */
let visibleRows: { version: number; rows: Row[] } = { version: -1, rows: [] };

export function noteVisibleRows(version: number, rows: Row[]): void {
  visibleRows = { version, rows };
}

function knownRow(pos: number): Row | undefined {
  if (visibleRows.version !== useSnap.getState().snap.viewVersion) return undefined;
  const r = visibleRows.rows;
  if (r.length === 0) return undefined;
  const i = pos - r[0].pos;
  return i >= 0 && i < r.length ? r[i] : undefined;
}

export function buildViewSpec(ui: UiState, files: FileState[]): ViewSpec {
  let fileIds: number[] = [];
  if (ui.hiddenFiles.length > 0) {
    const hidden = new Set(ui.hiddenFiles);
    fileIds = files.filter((f) => !hidden.has(f.id)).map((f) => f.id);
    if (fileIds.length === 0) fileIds = [-1]; // everything hidden: match no file
  }
  return {
    fileIds,
    minLevel: ui.minLevel,
    components: ui.components,
    from: ui.from,
    to: ui.to,
    onlyHits: ui.onlyHits,
    context: ui.context,
    expandAll: ui.expandAll,
  };
}

/** A push to the engine that sends only when the value differs (by content) from the last one sent. */
function whenChanged<T>(get: () => T, send: (v: T) => void): () => void {
  let last = '';
  return () => {
    const v = get();
    const key = JSON.stringify(v);
    if (key === last) return;
    last = key;
    send(v);
  };
}

/** `inProcess`: the engine runs on this thread (the fake engine) and may mutate its snapshots. */
export function bindEngine(e: EngineClient, opts: { inProcess?: boolean } = {}): () => void {
  engine = e;
  const offSnap = connectSnapshots(e, opts.inProcess ?? false);

  const pushView = whenChanged(() => buildViewSpec(useUi.getState(), useSnap.getState().snap.files), (spec) => e.setView(spec));
  const pushSearch = whenChanged(() => {
    const ui = useUi.getState();
    return ui.searchApplied ? { text: ui.searchApplied, regex: ui.regex, caseSensitive: ui.caseSensitive } : null;
  }, (spec) => e.search(spec));
  const pushEvents = whenChanged(() => useUi.getState().eventFilter, (f) => e.setEventFilter(f));
  pushView();
  const offUi = useUi.subscribe(() => { pushView(); pushSearch(); pushEvents(); });
  const offFiles = useSnap.subscribe((s, prev) => {
    if (s.snap.files !== prev.snap.files) followTimeBases(prev.snap.files, s.snap.files);
    if (s.snap.files !== prev.snap.files && useUi.getState().hiddenFiles.length > 0) pushView();
    if (s.snap.viewVersion !== prev.snap.viewVersion) void reanchor();
    if (s.snap.viewRows !== prev.snap.viewRows) clampScroll();
  });
  // Every engine snapshot (not the frame-coalesced ones). The files the skip waits for are
  // known by their ids (new files get higher ones), not by a loading -> loaded transition: a
  // fast load (the demo from a warm cache) can start and end within one snapshot.
  const offLoad = e.subscribe((snap) => {
    if (skipFrom === null || snap.loading) return;
    const waited = snap.files.filter((f) => f.id >= skipFrom!);
    if (waited.length > 0 && waited.every((f) => f.progress.finishedAt !== null)) {
      skipFrom = null;
      void skipHeaders(snap);
    }
  });
  return () => { offSnap(); offUi(); offFiles(); offLoad(); engine = null; };
}

/**
 * A time range is drawn over the data as it was placed: when files move (a time base set by the
 * user or read from a line), the range moves with them if every file in it moved by the same
 * amount, else it is cleared, and a notice says why. A range never silently empties the views.
 */
export function followTimeBases(before: readonly FileState[], after: readonly FileState[]): void {
  const ui = useUi.getState();
  if (ui.from === null && ui.to === null) return;
  const was = new Map(before.map((f) => [f.id, toUtcShift(f.facts.timeBase)]));
  const moved: { name: string; by: number }[] = [];
  for (const f of after) {
    const a = was.get(f.id);
    if (a === undefined || f.facts.status === 'error') continue;
    const b = toUtcShift(f.facts.timeBase);
    if (a !== b) moved.push({ name: f.facts.nodeLabel, by: b - a });
  }
  if (moved.length === 0) return;
  const unmoved = after.filter((f) => was.has(f.id) && f.facts.status !== 'error').length - moved.length;
  const by = moved[0].by;
  const names = [...new Set(moved.map((m) => m.name))].join(', ');
  if (unmoved === 0 && moved.every((m) => m.by === by)) {
    ui.set({ from: ui.from === null ? null : ui.from + by, to: ui.to === null ? null : ui.to + by });
    flash(`The time range moved with its data: the time base of ${names} changed`);
  } else {
    ui.set({ from: null, to: null, notice: `The time range was cleared: the time base of ${names} changed, so its lines moved against the range (and the other files').` });
  }
}

let anchorSeq = 0;

/** After the view changed, find the selected line (and the top line) again. */
async function reanchor(): Promise<void> {
  const e = getEngine();
  const seq = ++anchorSeq;
  const ui = useUi.getState();
  const sel = ui.selected;
  const top = visibleRows.rows.find((r) => r.pos >= Math.floor(ui.scrollRow));
  const frac = ui.scrollRow - Math.floor(ui.scrollRow);
  if (sel && sel.fileId >= 0) {
    const offset = sel.pos - ui.scrollRow;
    const wasVisible = offset >= 0 && offset < ui.viewportRows;
    const p = await e.positionOf(sel.fileId, sel.line);
    if (seq !== anchorSeq) return;
    if (p < 0) {
      useUi.getState().set({ selected: null });
    } else {
      useUi.getState().set({ selected: { ...sel, pos: p } });
      if (wasVisible) { scrollTo(p - offset); return; }
    }
  }
  if (ui.scrollRow > 0 && top) {
    const p = await e.positionOf(top.fileId, top.line);
    if (seq !== anchorSeq) return;
    if (p >= 0) scrollTo(p + frac);
  }
}

/**
 * After a load, start at the first timestamped record rather than on the header and object
 * tables (which sort first: they have no time). Only when the user has not moved yet.
 */
/** The skip waits for the files with ids from this one on (null: none waited for); 0: the demo at startup. */
let skipFrom: number | null = 0;

async function skipHeaders(snap: EngineSnapshot): Promise<void> {
  const ui = useUi.getState();
  if (snap.timeMin === null || ui.scrollRow !== 0 || ui.selected) return;
  const p = await getEngine().positionAtTime(snap.timeMin);
  // The scroll is clamped to the rows the views know: wait until they have this snapshot
  // (they get it a frame or a throttle period later), or p would be clamped to 0.
  await untilSnap((s) => s.version >= snap.version);
  const now = useUi.getState();
  if (p > 0 && now.scrollRow === 0 && !now.selected) scrollTo(p);
}

function untilSnap(ok: (s: EngineSnapshot) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ok(useSnap.getState().snap)) return resolve();
    const off = useSnap.subscribe((st) => {
      if (ok(st.snap)) {
        off();
        resolve();
      }
    });
  });
}

function maxScrollRow(): number {
  const total = useSnap.getState().snap.viewRows;
  return Math.max(0, total - useUi.getState().viewportRows);
}

function clampScroll(): void {
  const ui = useUi.getState();
  const m = maxScrollRow();
  if (ui.scrollRow > m) ui.set({ scrollRow: m });
}

export function scrollTo(row: number): void {
  const r = Math.min(Math.max(0, row), maxScrollRow());
  if (r !== useUi.getState().scrollRow) useUi.getState().set({ scrollRow: r });
}

export function scrollBy(rows: number): void {
  scrollTo(useUi.getState().scrollRow + rows);
}

/** Scroll so `pos` is visible; `center` puts it mid-screen when it was off screen. */
export function ensureVisible(pos: number, center = false): void {
  const ui = useUi.getState();
  const page = Math.max(1, Math.floor(ui.viewportRows));
  // Centred means centred, with its context above and below, even when it was already on screen
  // (at the last row, say): a click-through must show what led to the line and what followed.
  if (center) {
    const top = pos - Math.floor(page / 2);
    if (Math.abs(top - ui.scrollRow) >= 1) scrollTo(top);
    return;
  }
  if (pos >= ui.scrollRow && pos + 1 <= ui.scrollRow + ui.viewportRows) return;
  if (center) scrollTo(pos - Math.floor(page / 2));
  else if (pos < ui.scrollRow) scrollTo(pos);
  else scrollTo(pos + 1 - ui.viewportRows);
}

let selectSeq = 0;

export function selectPos(pos: number, opts: { center?: boolean } = {}): void {
  const total = useSnap.getState().snap.viewRows;
  if (total === 0) return;
  const p = Math.min(Math.max(0, pos), total - 1);
  const seq = ++selectSeq;
  const r = knownRow(p);
  useUi.getState().set({ selected: r ? { pos: p, fileId: r.fileId, line: r.line } : { pos: p, fileId: -1, line: -1 } });
  ensureVisible(p, opts.center);
  if (!r) {
    void getEngine().getRows(p, 1).then((rows) => {
      if (seq !== selectSeq || rows.length === 0) return;
      const row = rows[0];
      useUi.getState().set({ selected: { pos: p, fileId: row.fileId, line: row.line } });
    });
  }
}

export function moveSelection(delta: number): void {
  const ui = useUi.getState();
  const top = Math.ceil(ui.scrollRow);
  const bottom = Math.max(top, Math.floor(ui.scrollRow + ui.viewportRows) - 1);
  const sel = ui.selected;
  // No selection, or it was scrolled out of sight: start from what is on screen.
  if (!sel || sel.pos < top - 1 || sel.pos > bottom + 1) {
    selectPos(delta >= 0 ? top : bottom);
    return;
  }
  selectPos(sel.pos + delta);
}

export function pageRows(): number {
  return Math.max(1, Math.floor(useUi.getState().viewportRows) - 1);
}

export function clearSelection(): void {
  useUi.getState().set({ selected: null });
}

export function flash(text: string): void {
  useUi.getState().set({ flash: text });
  const t = text;
  setTimeout(() => { if (useUi.getState().flash === t) useUi.getState().set({ flash: null }); }, 2500);
}

export async function gotoHit(dir: 1 | -1): Promise<void> {
  const ui = useUi.getState();
  const snap = useSnap.getState().snap;
  if (!snap.search.spec) { flash('No search: type in the search box first (/)'); return; }
  // From the selection when it is on screen, else from the top of the screen.
  const top = Math.floor(ui.scrollRow);
  const sel = ui.selected;
  const selVisible = sel !== null && sel.pos >= top && sel.pos < ui.scrollRow + ui.viewportRows;
  const from = selVisible ? sel.pos : dir === 1 ? top - 1 : top;
  const p = await getEngine().nextHit(from, dir);
  if (p < 0) { flash(dir === 1 ? 'No more hits below' : 'No more hits above'); return; }
  selectPos(p, { center: true });
}

/** Apply the search box now; with `jump`, go to the first hit after/before the selection once the search is done. */
export function applySearch(text: string, jump: 0 | 1 | -1 = 0): void {
  const ui = useUi.getState();
  const changed = ui.searchApplied !== text;
  if (changed) ui.set({ searchApplied: text });
  if (!jump || !text) return;
  const done = (s: { snap: EngineSnapshot }) => {
    const st = s.snap.search;
    return st.spec !== null && st.spec.text === text && !st.running;
  };
  if (!changed && done(useSnap.getState())) { void gotoHit(jump); return; }
  let off = () => {};
  const timer = setTimeout(() => off(), 60_000);
  off = useSnap.subscribe((s) => {
    if (done(s)) { off(); clearTimeout(timer); void gotoHit(jump); }
  });
}

export function toggleEntry(pos: number): void {
  getEngine().toggleEntry(pos);
}

/**
 * Opens files. Over the demo they replace it; over files the user opened, the user says once
 * (per tab) whether new files add to them or replace them (answerOpen). A file already loaded
 * is not loaded twice either way (the engine compares size and bytes, and says what it skipped).
 */
export function openFiles(inputs: InputFile[], opts: { replace?: boolean } = {}): void {
  if (inputs.length === 0) return;
  const ui = useUi.getState();
  const snapNow = useSnap.getState().snap;
  const userFiles = !snapNow.demo && snapNow.files.length > 0;
  if (userFiles && ui.openChoice === null && !opts.replace) {
    ui.set({ pendingOpen: inputs });
    return;
  }
  const opened = markUserOpened();
  const snap = useSnap.getState().snap;
  // A stale `snap.demo` after a first drop must not make a second drop replace the first.
  const replace = !!opts.replace || opened.demo || (snap.demo && opened.first) || (userFiles && ui.openChoice === 'replace');
  if (replace) useUi.getState().set({ selected: null, scrollRow: 0, hiddenFiles: [], components: [], from: null, to: null, notice: null });
  if (replace || snap.files.length === 0) skipFrom = snap.files.reduce((m, f) => Math.max(m, f.id + 1), 0);
  getEngine().addFiles(inputs, { replace });
}

/** The answer to "add or replace?": remembered for the tab; the waiting files are opened with it (or dropped on cancel). */
export function answerOpen(choice: 'add' | 'replace' | 'cancel'): void {
  const ui = useUi.getState();
  const pending = ui.pendingOpen;
  ui.set({ pendingOpen: null, ...(choice === 'cancel' ? {} : { openChoice: choice }) });
  if (pending && choice !== 'cancel') openFiles(pending);
}

export function removeFile(id: number): void {
  const ui = useUi.getState();
  if (ui.selected?.fileId === id) ui.set({ selected: null });
  if (ui.hiddenFiles.includes(id)) ui.set({ hiddenFiles: ui.hiddenFiles.filter((x) => x !== id) });
  getEngine().removeFile(id);
}

/**
 * Click-through from an event (or any mark) to its raw line: select it, centred, with the
 * lines around it. When the raw view's filters hide the line, the nearest line before it is
 * selected and the status bar says so.
 */
export async function gotoLine(fileId: number, line: number): Promise<void> {
  const e = getEngine();
  const p = await e.positionOf(fileId, line);
  if (p < 0) { flash('That line is hidden by the current filters (files, level, components, time or "only matching")'); return; }
  selectPos(p, { center: true });
  const [row] = await e.getRows(p, 1);
  if (row && (row.fileId !== fileId || row.line !== line)) flash(`Line ${line + 1} is hidden by the current filters: showing the nearest line before it`);
}

export async function jumpToTime(utcMs: number): Promise<void> {
  const p = await getEngine().positionAtTime(utcMs);
  if (p >= 0) selectPos(p, { center: true });
}
