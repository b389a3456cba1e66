import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FileState, LineLink, Row } from '../engine/api.ts';
import { useUi } from '../state/ui-state.ts';
import { useNotes } from '../state/notes.ts';
import { redactOutgoing, useRedaction } from '../state/redaction.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { getEngine, gotoLine } from '../state/controller.ts';
import { fmtInt, fmtOffset, fmtPidTid, fmtSubMs, fmtTime, levelClass, levelName } from './format.ts';

const DETAIL_TEXT_MAX = 200_000;

function fileInfo(files: FileState[], id: number | undefined) {
  const f = id === undefined ? undefined : files.find((x) => x.id === id);
  return f
    ? { found: true, path: f.facts.path as string | undefined, color: f.color as string | undefined, utcOffsetMinutes: f.facts.timeBase.utcOffsetMinutes }
    : { found: false, path: undefined, color: undefined, utcOffsetMinutes: null };
}

/** The selected line's notes, and a button to pin one (to the event the line is, if it is one). */
function LineNotes({ row }: { row: Row }) {
  const notes = useNotes((s) => s.notes);
  const mine = notes.filter((n) => n.pin.kind === 'line' && n.pin.fileId === row.fileId && n.pin.line === row.line);
  const { begin, edit } = useNotes.getState();
  const add = async () => {
    const ev = await getEngine().getEventAt(row.fileId, row.line).catch(() => null);
    begin({ kind: 'line', fileId: row.fileId, line: row.line, t: Number.isFinite(row.utcMs) ? row.utcMs : null, ...(ev ? { event: ev.kind } : {}) });
  };
  return (
    <span className="dm line-notes">
      {mine.map((n) => (
        <button key={n.id} type="button" className="btn btn-small note-chip" title={n.text} onClick={() => edit(n.id)}>✎ {n.text.split('\n', 1)[0].slice(0, 30)}</button>
      ))}
      <button type="button" className="btn btn-small" data-testid="note-line" title="Pin a note to this line" onClick={() => void add()}>+ note</button>
    </span>
  );
}

export function DetailsStrip() {
  const sel = useUi((s) => s.selected);
  const viewVersion = useSnap((s) => s.snap.viewVersion);
  const [row, setRow] = useState<Row | null>(null);
  // Only the two files this strip can name (not the whole list: it changes with every
  // progress update while files load).
  const selFile = useSnap(useShallow((s) => fileInfo(s.snap.files, sel?.fileId)));
  const rowFile = useSnap(useShallow((s) => fileInfo(s.snap.files, row?.fileId)));

  const pos = sel?.pos ?? -1;
  useEffect(() => {
    if (pos < 0) { setRow(null); return; }
    let live = true;
    void getEngine().getRows(pos, 1).then((rows) => { if (live) setRow(rows[0] ?? null); }, () => {});
    return () => { live = false; };
  }, [pos, viewVersion]);

  // Lines of other inputs that name the same process or connection (a capture row ↔ a log line).
  const [links, setLinks] = useState<LineLink[]>([]);
  useEffect(() => {
    setLinks([]);
    if (!row) return;
    let live = true;
    void getEngine().getLinks(row.fileId, row.line, row.pid, row.text).then((l) => { if (live) setLinks(l); }, () => {});
    return () => { live = false; };
  }, [row]);

  // Ctrl+C with a line selected (and no text marked) copies the whole original line, prefix
  // included: the Line column shows only the message.
  useEffect(() => {
    if (!row) return;
    const onCopy = (e: ClipboardEvent) => {
      const marked = document.getSelection()?.toString() ?? '';
      const t = e.target as HTMLElement | null;
      if (!e.clipboardData || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA'))) return;
      // Copied text leaves the tab: masked when redaction is on (the same tokens as the case file's).
      if (marked) {
        if (!useRedaction.getState().on) return;
        e.clipboardData.setData('text/plain', redactOutgoing(marked));
      } else e.clipboardData.setData('text/plain', redactOutgoing(row.text));
      e.preventDefault();
    };
    document.addEventListener('copy', onCopy);
    return () => document.removeEventListener('copy', onCopy);
  }, [row]);

  if (!sel || !row) {
    return (
      <div className="details details-empty" data-testid="details">
        <span className="dim">Click a line to see its details · ↑ ↓ PgUp PgDn Home End move · n / N next / previous hit · ] / [ next / previous finding · / search · Ctrl+C copies the selected line · Esc clears</span>
      </div>
    );
  }
  if (sel.fileId >= 0 && (row.fileId !== sel.fileId || row.line !== sel.line)) {
    const f = selFile;
    return (
      <div className="details details-empty" data-testid="details">
        <span className="warn-text">
          The selected line ({f.path ?? `file ${sel.fileId}`}, line {fmtInt(sel.line + 1)}) is hidden by the current filters.
        </span>
      </div>
    );
  }
  const file = rowFile;
  const offset = file.found ? fmtOffset(file.utcOffsetMinutes) : '';
  const text = row.text.length > DETAIL_TEXT_MAX ? row.text.slice(0, DETAIL_TEXT_MAX) : row.text;
  return (
    <div className="details" data-testid="details" aria-label="Selected line">
      <div className="details-meta">
        <span className="dm" title={file.path}>
          <i className="node-bar" style={{ background: file.color ?? 'transparent' }} />
          <b>{file.path ?? `file ${row.fileId}`}</b>
        </span>
        <span className="dm">line <b className="mono">{fmtInt(row.line + 1)}</b></span>
        <span className="dm">node <b>{row.node || '—'}</b></span>
        <span className="dm">UTC <b className="mono">{fmtTime(row.utcMs) || '—'}{Number.isFinite(row.utcMs) ? fmtSubMs(row.nsInMs) : ''}</b></span>
        <span className="dm">local <b className="mono">{fmtTime(row.localMs) || '—'}{Number.isFinite(row.localMs) ? fmtSubMs(row.nsInMs) : ''}</b> <span className="dim">({offset})</span></span>
        <span className="dm" title="The time as the file writes it, before any time base is applied">written <b className="mono">{fmtTime(row.writtenMs) || '—'}{Number.isFinite(row.writtenMs) ? fmtSubMs(row.nsInMs) : ''}</b></span>
        <span className="dm">level <b className={`lvl lvl-${levelClass(row.level)}`}>{levelName(row.level) || '—'}</b>
          {row.severity !== row.level && row.severity > 0 && (
            <> → <b className={`lvl lvl-${levelClass(row.severity)}`} title="Severity derived from the event text">{levelName(row.severity)}</b></>
          )}
        </span>
        {row.component && <span className="dm">component <b className="mono">{row.component}</b></span>}
        {row.pid >= 0 && <span className="dm">pid.tid <b className="mono">{fmtPidTid(row.pid, row.tid, row.idRadix)}</b></span>}
        <span className="dm">bucket <b>{row.bucket}</b></span>
        {row.channel && <span className="dm">channel <b>{row.channel}</b></span>}
        {row.memberCount > 0 && <span className="dm">entry of <b>{row.memberCount + 1}</b> lines</span>}
        {row.backwards && <span className="dm warn-text">↶ time went backwards</span>}
        {row.oversized && <span className="dm warn-text">line cut at 1 MB</span>}
        {links.length > 0 && (
          <span className="dm links" data-testid="line-links">linked
            {links.map((l) => (
              <button key={`${l.fileId}:${l.line}`} type="button" className="btn btn-small link-btn" data-testid="line-link"
                title={`${l.what} — go to ${l.path} line ${l.line + 1}`} onClick={() => void gotoLine(l.fileId, l.line)}>
                {l.path.split(/[\\/]/).pop()} {fmtInt(l.line + 1)} · {l.what}
              </button>
            ))}
          </span>
        )}
        <LineNotes row={row} />
        <span className="spacer" />
        <span className="dim mono">row {fmtInt(row.pos + 1)}</span>
      </div>
      <pre className="details-text" tabIndex={0} aria-label="Full text of the line">{text}{text.length < row.text.length ? `\n… (${fmtInt(row.text.length - text.length)} more characters)` : ''}</pre>
    </div>
  );
}
