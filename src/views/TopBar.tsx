import { openInputs, shareLink, useCaseDialog } from '../state/case-flow.ts';
import { useExportDialog } from '../state/export-flow.ts';
import { useSessions } from '../state/session-flow.ts';
import type { FileState } from '../engine/api.ts';
import { usePrefs } from '../state/prefs.ts';
import { useUi } from '../state/ui-state.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { filesFromInput } from '../state/files.ts';

/** The two hidden file inputs; rendered once (the buttons anywhere open them). */
export function FileInputs() {
  const setFolderAttr = (el: HTMLInputElement | null) => {
    // `webkitdirectory` is not in React's attribute list; set it on the element.
    if (el) el.setAttribute('webkitdirectory', '');
  };
  return (
    <>
      <input
        type="file"
        multiple
        hidden
        data-testid="file-input"
        aria-label="Open files"
        onChange={(e) => { void openInputs(filesFromInput(e.currentTarget.files)); e.currentTarget.value = ''; }}
      />
      <input
        ref={setFolderAttr}
        type="file"
        multiple
        hidden
        data-testid="folder-input"
        aria-label="Open folder"
        onChange={(e) => { void openInputs(filesFromInput(e.currentTarget.files)); e.currentTarget.value = ''; }}
      />
    </>
  );
}

function pick(which: 'file-input' | 'folder-input') {
  document.querySelector<HTMLInputElement>(`[data-testid="${which}"]`)?.click();
}

/** "Open files…" and "Open folder…" buttons (top bar and empty state). */
export function OpenButtons({ big = false }: { big?: boolean }) {
  return (
    <>
      <button type="button" className={big ? 'btn btn-primary btn-big' : 'btn'} title="Open one or more cluster.log files" onClick={() => pick('file-input')}>
        Open files…
      </button>
      <button type="button" className={big ? 'btn btn-big' : 'btn'} title="Open a folder (e.g. the output of Get-ClusterLog); sub-folders are read too" onClick={() => pick('folder-input')}>
        Open folder…
      </button>
    </>
  );
}

export function TopBar() {
  const demo = useSnap((s) => s.snap.demo);
  const anyFiles = useSnap((s) => s.snap.files.length > 0);
  const panelOpen = useUi((s) => s.panelOpen);
  const eventsOpen = useUi((s) => s.eventsOpen);
  const timelineOpen = useUi((s) => s.timelineOpen);
  const eventCount = useSnap((s) => s.snap.events.total);
  const timeMode = useUi((s) => s.timeMode);
  const set = useUi((s) => s.set);
  // Nodes whose local time is not known: in Node local mode their times show as written (marked *).
  const noLocal = useSnap((s) => unknownLocalNodes(s.snap.files));
  const cardNotes = useSnap((s) => s.snap.files.reduce((n, f) => n + f.facts.warnings.length + f.facts.errors.length, 0));
  return (
    <header className="topbar">
      {anyFiles && (
        <button
          type="button"
          className="btn btn-icon"
          aria-pressed={panelOpen}
          aria-label={panelOpen ? 'Hide file panel' : 'Show file panel'}
          title={panelOpen ? 'Hide file panel' : 'Show file panel'}
          onClick={() => { set({ panelOpen: !panelOpen }); usePrefs.getState().set({ filesPanel: !panelOpen }); }}
        >
          ☰
          {/* Folded, the cards still say that something needs the user: their warnings and errors. */}
          {!panelOpen && cardNotes > 0 && <span className="badge badge-warn" data-testid="files-notes" aria-label={`${cardNotes} warnings or errors on the file cards`}>{cardNotes}</span>}
        </button>
      )}
      <div className="brand" aria-label="ClusterLens">
        <span className="brand-mark" aria-hidden="true">◎</span> ClusterLens
      </div>
      {demo && (
        <span className="badge badge-demo" data-testid="demo-badge" title="A bundled example incident. Drop your own cluster.log files or a folder to replace it.">
          Demo incident
        </span>
      )}
      <div className="topbar-actions">
        <OpenButtons />
        <FileInputs />
      </div>
      <div className="spacer" />
      {anyFiles && (
        <div className="seg" role="group" aria-label="Time display">
          <button type="button" className="seg-btn" aria-pressed={timeMode === 'utc'} title="Show times in UTC" onClick={() => set({ timeMode: 'utc' })}>
            UTC
          </button>
          <button
            type="button"
            className="seg-btn"
            aria-pressed={timeMode === 'local'}
            title={noLocal ? `Show each line in its node's local time. Not known for ${noLocal}: their times are shown as written (UTC), marked *; set the offset on their cards.` : "Show each line in its node's local time"}
            onClick={() => set({ timeMode: 'local' })}
          >
            Node local{noLocal && <span className="warn-text" data-testid="local-unknown" aria-label={`local time unknown for ${noLocal}`}> *</span>}
          </button>
        </div>
      )}
      {anyFiles && (
        <button type="button" className="btn" data-testid="copy-link" title="Copy a link to this view (Ctrl+Shift+L): the view travels in the link, the files do not; nothing is sent anywhere"
          onClick={() => void shareLink()}>
          Copy link
        </button>
      )}
      {anyFiles && (
        <button type="button" className="btn" data-testid="save-case" title="Save a case file: the inputs, this view and its notes in one .zip, for a colleague who does not have the files (written here, nothing is uploaded)"
          onClick={() => useCaseDialog.getState().set({ open: true })}>
          Save case file…
        </button>
      )}
      <button type="button" className="btn" data-testid="sessions" title="The sets of files this browser remembers (copies in its own storage, never uploaded)"
        onClick={() => useSessions.getState().set({ open: true })}>
        Sessions
      </button>
      {anyFiles && (
        <button type="button" className="btn" data-testid="export" title="Export the events, the timeline's spans or the raw view's rows as CSV, JSON lines, Timesketch JSONL, a Perfetto trace or text"
          onClick={() => useExportDialog.getState().set({ open: true })}>
          Export…
        </button>
      )}
      {anyFiles && (
        <button type="button" className="btn" aria-pressed={timelineOpen} data-testid="timeline-toggle" title={timelineOpen ? 'Hide the timeline' : 'Show the timeline: a lane per node'} onClick={() => set({ timelineOpen: !timelineOpen })}>
          Timeline
        </button>
      )}
      {anyFiles && (
        <button
          type="button"
          className="btn"
          aria-pressed={eventsOpen}
          data-testid="events-toggle"
          title={eventsOpen ? 'Hide the events panel' : 'Show the events panel: joins, membership, routes, resources, groups, quorum, service'}
          onClick={() => { set({ eventsOpen: !eventsOpen }); usePrefs.getState().set({ eventsPanel: !eventsOpen }); }}
        >
          Events {eventCount > 0 ? `(${eventCount.toLocaleString('en-US')})` : ''}
        </button>
      )}
      <span className="privacy" title="Files are read by this page only. Nothing is uploaded or sent anywhere.">
        local only · nothing uploaded
      </span>
    </header>
  );
}

/** The names of the nodes whose local time is unknown, as one string ('' when none): a stable value for the store selector. */
function unknownLocalNodes(files: readonly FileState[]): string {
  const names = new Set<string>();
  for (const f of files) {
    const tb = f.facts.timeBase;
    if (f.facts.status !== 'error' && f.facts.lines > 0 && tb.utcOffsetMinutes === null && tb.base !== 'local') names.add(f.facts.nodeLabel);
  }
  return [...names].join(', ');
}
