// The notes' row of the timeline, under the axis, shown once there is a note: each note is a flag
// at its time (a band for a range) with the start of its text; a click opens it (and goes to its
// line), a double click on the row or on the axis pins a new note at that time. The toolbar's
// "+ note" pins one to the time range the raw view is limited to, else to the selected line's
// time, else to the middle of the view. The flags follow pans and zooms (few elements; the marks
// stay on the canvas).
import { useUi } from '../../state/ui-state.ts';
import { noteSpan, useNotes, type Note, type NotePin } from '../../state/notes.ts';
import { gotoLine } from '../../state/controller.ts';
import { currentDomain } from '../../state/timeline-nav.ts';
import { tOf, xOf } from './view-coords.ts';
import { LABEL_W } from './timeline-size.ts';

/** Characters of a note shown on its flag (the whole text is in its title and its card). */
const FLAG_CHARS = 40;

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0];
  return line.length > FLAG_CHARS ? `${line.slice(0, FLAG_CHARS - 1)}…` : line;
}

/** Where a new note goes from the "+ note" button. */
function pinForButton(cursor: number | null): NotePin | null {
  const ui = useUi.getState();
  if (ui.from !== null && ui.to !== null) return { kind: 'range', t0: ui.from, t1: ui.to };
  if (cursor !== null) return { kind: 'time', t: cursor };
  const d = currentDomain();
  return d ? { kind: 'time', t: Math.round((d[0] + d[1]) / 2) } : null;
}

/** The toolbar's button. `cursor`: the selected line's time (UTC ms), if any. */
export function AddNoteButton({ cursor }: { cursor: number | null }) {
  return (
    <button type="button" className="btn btn-ghost" data-testid="add-note"
      title="Pin a note to the raw view's time range, else to the selected line's time, else to the middle of the view (or double-click the time axis)"
      onClick={() => { const p = pinForButton(cursor); if (p) useNotes.getState().begin(p); }}>+ note</button>
  );
}

/** Pins a new note at the time under a double click at `x` px of a strip as wide as the view. */
export function noteAtX(x: number, width: number): void {
  const d = currentDomain();
  if (d) useNotes.getState().begin({ kind: 'time', t: Math.round(tOf({ t0: d[0], t1: d[1], width }, x)) });
}

export function NotesStrip({ width }: { width: number }) {
  // The strip re-renders on a pan or zoom: it has a handful of flags, the canvas has the marks.
  const domain = useUi((s) => s.tlDomain ?? s.tlFull);
  const notes = useNotes((s) => s.notes);
  const edit = useNotes((s) => s.edit);
  if (!domain || notes.length === 0) return null;
  const v = { t0: domain[0], t1: domain[1], width };
  const open = (n: Note) => {
    edit(n.id);
    if (n.pin.kind === 'line') void gotoLine(n.pin.fileId, n.pin.line);
  };
  return (
    <div className="tl-head tl-notes-row">
      <span className="tl-keys dim tl-notes-key" style={{ width: LABEL_W }}>notes</span>
      <div className="tl-notes" style={{ width }} data-testid="timeline-notes" title="Double-click to pin a note at this time"
        onDoubleClick={(e) => {
          if (e.target === e.currentTarget) noteAtX(e.clientX - e.currentTarget.getBoundingClientRect().left, width);
        }}>
        {notes.map((n) => {
          const span = noteSpan(n.pin);
          if (!span || span[1] < v.t0 || span[0] > v.t1) return null;
          const a = Math.max(0, xOf(v, span[0]));
          const b = Math.min(width, xOf(v, span[1]));
          return (
            <button key={n.id} type="button" className={`tl-note${span[1] > span[0] ? ' tl-note-range' : ''}`} data-testid="timeline-note"
              style={{ left: a, ...(span[1] > span[0] ? { width: Math.max(2, b - a) } : {}) }} title={n.text} onClick={() => open(n)}>
              {firstLine(n.text)}
            </button>
          );
        })}
      </div>
    </div>
  );
}
