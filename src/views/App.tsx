import { openInputs, shareLink } from '../state/case-flow.ts';
import { useEffect } from 'react';
import { useUi } from '../state/ui-state.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { pickFinding, useInsights } from '../state/insights.ts';
import {
  clearSelection, gotoHit, moveSelection, pageRows, selectPos, flash,
} from '../state/controller.ts';
import { filesFromDrop } from '../state/files.ts';
import { TopBar } from './TopBar.tsx';
import { FilterBar } from './FilterBar.tsx';
import { FilePanel } from './FilePanel.tsx';
import { LogView } from './LogView.tsx';
import { NoteEditor } from './NoteEditor.tsx';
import { CaseDialog } from './CaseDialog.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { SessionsDialog } from './SessionsDialog.tsx';
import { DetailsStrip } from './DetailsStrip.tsx';
import { StatusBar } from './StatusBar.tsx';
import { EmptyState } from './EmptyState.tsx';
import { EventsPanel } from './EventsPanel.tsx';
import { TimelineView } from './timeline/TimelineView.tsx';
import { Splitter } from './Splitter.tsx';
import { usePrefs } from '../state/prefs.ts';
import { OpenChoice, useSkippedNotice } from './OpenChoice.tsx';

function isTyping(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || t.isContentEditable;
}

/** Picks the finding after (or before) the picked one; the first (or last) when none is picked. */
function stepFinding(by: 1 | -1): void {
  const { insights, active } = useInsights.getState();
  const n = insights?.findings.length ?? 0;
  if (!n) return;
  pickFinding(active === null ? (by > 0 ? 0 : n - 1) : Math.min(n - 1, Math.max(0, active + by)));
}

function useKeyboard() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Ctrl+Shift+L: a link to this view (the files stay here).
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.key === 'L' || e.key === 'l')) {
        e.preventDefault();
        void shareLink();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (isTyping(e.target)) { (e.target as HTMLElement).blur(); return; }
        clearSelection();
        return;
      }
      if (isTyping(e.target)) return;
      const total = useSnap.getState().snap.viewRows;
      switch (e.key) {
        case 'ArrowDown': moveSelection(1); break;
        case 'ArrowUp': moveSelection(-1); break;
        case 'PageDown': moveSelection(pageRows()); break;
        case 'PageUp': moveSelection(-pageRows()); break;
        case 'Home': selectPos(0); break;
        case 'End': selectPos(total - 1); break;
        case 'n': void gotoHit(1); break;
        case 'N': void gotoHit(-1); break;
        // ] and [: the next and previous finding of "What happened" (framed, its marks ringed, its line selected).
        case ']': stepFinding(1); break;
        case '[': stepFinding(-1); break;
        // The timeline's keys (W S A D F ← → ?) are its own (timeline/keys.ts), active while it is shown.
        case '/': {
          const box = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
          box?.focus();
          box?.select();
          break;
        }
        default: return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

function useDropAnywhere() {
  useEffect(() => {
    let depth = 0;
    const set = useUi.getState().set;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      set({ dragging: true });
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) set({ dragging: false });
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      depth = 0;
      set({ dragging: false });
      void filesFromDrop(e.dataTransfer).then(({ files, problems }) => {
        if (problems.length) set({ notice: problems.join(' · ') });
        if (files.length === 0) { flash('Nothing to open in that drop'); return; }
        void openInputs(files);
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
}

function DropOverlay() {
  const dragging = useUi((s) => s.dragging);
  const demo = useSnap((s) => s.snap.demo);
  const anyFiles = useSnap((s) => s.snap.files.length > 0);
  if (!dragging) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-box">
        <div className="drop-overlay-title">Drop to open</div>
        <div className="drop-overlay-sub">
          {demo ? 'Replaces the demo incident' : anyFiles ? 'Adds to the files already open' : 'Files or whole folders'}
          {' · read in this browser, nothing is uploaded'}
        </div>
      </div>
    </div>
  );
}

function Notice() {
  const notice = useUi((s) => s.notice);
  if (!notice) return null;
  const action = typeof notice === 'string' ? null : notice.action;
  return (
    <div className="notice" role="alert">
      <span>{typeof notice === 'string' ? notice : notice.text}</span>
      {action && <button type="button" className="btn" onClick={() => action.run()}>{action.label}</button>}
      <button type="button" className="btn btn-ghost" title="Dismiss" aria-label="Dismiss notice" onClick={() => useUi.getState().set({ notice: null })}>×</button>
    </div>
  );
}

/** Between the timeline and the raw log: the timeline's height, remembered by the browser. */
function TimelineSplitter() {
  const height = usePrefs((s) => s.timelineHeight);
  const set = usePrefs((s) => s.set);
  return (
    <Splitter
      height={height}
      minAbove={TIMELINE_MIN_H}
      minBelow={LOG_MIN_H}
      label="Timeline height"
      testId="timeline-splitter"
      onResize={(px, done) => set({ timelineHeight: px }, done)}
      onReset={() => set({ timelineHeight: null })}
    />
  );
}
const TIMELINE_MIN_H = 160;
/** The raw log's least room under the bar: rows, plus the details strip (92 px, app.css .details). */
const LOG_MIN_H = 140 + 92;

export function App() {
  useKeyboard();
  useDropAnywhere();
  useSkippedNotice();
  const anyFiles = useSnap((s) => s.snap.files.length > 0);
  const startup = useUi((s) => s.startup);
  const panelOpen = useUi((s) => s.panelOpen);
  const eventsOpen = useUi((s) => s.eventsOpen);
  const timelineOpen = useUi((s) => s.timelineOpen);

  return (
    <div className="app">
      <TopBar />
      {anyFiles && <FilterBar />}
      <Notice />
      <div className="body">
        {anyFiles && panelOpen && <FilePanel />}
        <main className="main">
          {anyFiles ? (
            <>
              {timelineOpen && <TimelineView />}
              {timelineOpen && <TimelineSplitter />}
              <LogView />
              <DetailsStrip />
            </>
          ) : startup === 'loading-demo' ? (
            <div className="startup" role="status">Loading the demo incident…</div>
          ) : (
            <EmptyState />
          )}
        </main>
        {anyFiles && eventsOpen && <EventsPanel />}
      </div>
      <StatusBar />
      <DropOverlay />
      <OpenChoice />
      <NoteEditor />
      <CaseDialog />
      <ExportDialog />
      <SessionsDialog />
    </div>
  );
}
