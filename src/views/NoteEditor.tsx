// The note card: what a note is pinned to, and its text to write or read. One card for every
// way a note is made or opened (the timeline's notes row, the selected line, a note beside its
// line). Ctrl+Enter saves, Esc closes; an emptied note is deleted. The text is shown as text.
import { useEffect, useRef, useState } from 'react';
import { NOTE_MAX_CHARS, pinLabel, useNotes } from '../state/notes.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { useUi } from '../state/ui-state.ts';
import { gotoLine, jumpToTime } from '../state/controller.ts';
import { fmtTime } from './format.ts';

export function NoteEditor() {
  const editing = useNotes((s) => s.editing);
  const { save, cancel, remove } = useNotes.getState();
  const files = useSnap((s) => s.snap.files);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    setText(editing?.text ?? '');
    setProblem(null);
    if (editing) requestAnimationFrame(() => area.current?.focus());
  }, [editing]);
  if (!editing) return null;
  const pin = editing.pin;
  const name = (id: number) => files.find((f) => f.id === id)?.facts.path ?? `file ${id}`;
  const where = pinLabel(pin, name, (t) => `${fmtTime(t)} UTC`);
  const commit = () => setProblem(save(text));
  const go = () => {
    if (pin.kind === 'line') void gotoLine(pin.fileId, pin.line);
    else {
      void jumpToTime(pin.kind === 'time' ? pin.t : pin.t0);
      if (pin.kind === 'range') useUi.getState().set({ tlDomain: [pin.t0 - (pin.t1 - pin.t0) * 0.1, pin.t1 + (pin.t1 - pin.t0) * 0.1] });
    }
  };
  return (
    <div className="note-card" role="dialog" aria-label="Note" data-testid="note-card"
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.stopPropagation(); cancel(); }
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); commit(); }
      }}>
      <div className="note-card-head">
        <b>{editing.id === null ? 'New note' : 'Note'}</b>
        <button type="button" className="btn btn-ghost btn-small note-where" title="Go there" onClick={go}>{where}</button>
      </div>
      <textarea ref={area} value={text} maxLength={NOTE_MAX_CHARS} rows={4} aria-label="Note text" data-testid="note-text"
        placeholder="What happened here (your own words; they travel with the link and the case file)" onChange={(e) => setText(e.target.value)} />
      {problem && <div className="warn-text">{problem}</div>}
      <div className="note-card-actions">
        <span className="dim">{text.length} / {NOTE_MAX_CHARS} · Ctrl+Enter saves · Esc closes</span>
        <span className="spacer" />
        {editing.id !== null && <button type="button" className="btn" onClick={() => remove(editing.id!)}>Delete</button>}
        <button type="button" className="btn" onClick={cancel}>Cancel</button>
        <button type="button" className="btn btn-active" data-testid="note-save" onClick={commit}>Save</button>
      </div>
    </div>
  );
}
