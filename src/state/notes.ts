// Notes (issue 12): the user's own words pinned to a time, a time range, an event or a line.
// They show on the timeline (a flag or a band) and beside their line in the raw log, travel in
// the permalink and the case file, and appear for the recipient. A note's text is the user's
// text: it is always rendered as text, never as HTML.

import { create } from 'zustand';
import type { FileId } from '../engine/api.ts';

/** Longest note (a paragraph or two; the case file carries longer write-ups as notes too). */
export const NOTE_MAX_CHARS = 4000;
/** Most notes a view holds. */
export const NOTES_MAX = 200;

export type NotePin =
  /** A moment (UTC ms). */
  | { kind: 'time'; t: number }
  /** A stretch of time (UTC ms). */
  | { kind: 'range'; t0: number; t1: number }
  /**
   * A line of a file; `event` names the catalogue event the line is (a note on an event). `t` is
   * the line's UTC time when pinned (null before a file's first record), to draw it on the
   * timeline without asking the engine.
   */
  | { kind: 'line'; fileId: FileId; line: number; t: number | null; event?: string };

export interface Note {
  id: number;
  text: string;
  pin: NotePin;
}

/** What the editor has open: a note being written (id null: new) or read. */
export interface NoteEditing {
  id: number | null;
  pin: NotePin;
  text: string;
}

interface NotesState {
  notes: Note[];
  editing: NoteEditing | null;
  /** Opens the editor on a new note pinned there. */
  begin: (pin: NotePin) => void;
  /** Opens the editor on a note. */
  edit: (id: number) => void;
  /** Saves the editor's note (an empty text deletes it); says why not when it cannot. */
  save: (text: string) => string | null;
  remove: (id: number) => void;
  cancel: () => void;
  /** Replaces every note (a link or a case file restored; the files were replaced). */
  setAll: (notes: Omit<Note, 'id'>[]) => void;
}

let nextId = 1;

export const useNotes = create<NotesState>()((set, get) => ({
  notes: [],
  editing: null,
  begin: (pin) => set({ editing: { id: null, pin, text: '' } }),
  edit: (id) => {
    const n = get().notes.find((x) => x.id === id);
    if (n) set({ editing: { id, pin: n.pin, text: n.text } });
  },
  save: (raw) => {
    const ed = get().editing;
    if (!ed) return null;
    const text = raw.replace(/\r\n?/g, '\n').trim();
    if (text.length > NOTE_MAX_CHARS) return `A note holds at most ${NOTE_MAX_CHARS} characters (this one has ${text.length})`;
    if (!text) {
      set({ editing: null, notes: ed.id === null ? get().notes : get().notes.filter((n) => n.id !== ed.id) });
      return null;
    }
    if (ed.id === null) {
      if (get().notes.length >= NOTES_MAX) return `A view holds at most ${NOTES_MAX} notes`;
      set({ editing: null, notes: [...get().notes, { id: nextId++, text, pin: ed.pin }] });
    } else set({ editing: null, notes: get().notes.map((n) => (n.id === ed.id ? { ...n, text } : n)) });
    return null;
  },
  remove: (id) => set({ notes: get().notes.filter((n) => n.id !== id), editing: get().editing?.id === id ? null : get().editing }),
  cancel: () => set({ editing: null }),
  setAll: (notes) => set({ notes: notes.slice(0, NOTES_MAX).map((n) => ({ ...n, id: nextId++ })), editing: null }),
}));

/** The time a note covers (UTC ms), null when it has none (a line before its file's first record). */
export function noteSpan(pin: NotePin): [number, number] | null {
  if (pin.kind === 'time') return [pin.t, pin.t];
  if (pin.kind === 'range') return [pin.t0, pin.t1];
  return pin.t === null ? null : [pin.t, pin.t];
}

/** What a note is pinned to, in words (its card and tooltips). */
export function pinLabel(pin: NotePin, fileName: (id: FileId) => string, fmt: (t: number) => string): string {
  if (pin.kind === 'time') return `at ${fmt(pin.t)}`;
  if (pin.kind === 'range') return `from ${fmt(pin.t0)} to ${fmt(pin.t1)}`;
  const where = `${fileName(pin.fileId)} line ${(pin.line + 1).toLocaleString('en-US')}`;
  return pin.event ? `on the ${pin.event} event, ${where}` : `on ${where}`;
}

/** Notes pinned to a line of a file, by `fileId:line` (the raw log shows them beside their line). */
export function notesByLine(notes: readonly Note[]): Map<string, Note[]> {
  const out = new Map<string, Note[]>();
  for (const n of notes) {
    if (n.pin.kind !== 'line') continue;
    const k = `${n.pin.fileId}:${n.pin.line}`;
    const list = out.get(k);
    if (list) list.push(n);
    else out.set(k, [n]);
  }
  return out;
}

/**
 * Notes on lines of files no longer loaded (removed, or replaced by other files) go with them.
 * `fileIds`: the ids loaded now. A file id is never reused, so a note is never moved to another file.
 */
export function pruneNotes(fileIds: ReadonlySet<FileId>): void {
  const st = useNotes.getState();
  const keep = st.notes.filter((n) => n.pin.kind !== 'line' || fileIds.has(n.pin.fileId));
  if (keep.length !== st.notes.length) useNotes.setState({ notes: keep });
}
