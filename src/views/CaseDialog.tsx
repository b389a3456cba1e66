// "Save case file": what the case file will hold (the inputs, the view, its notes), and the
// choice to redact it. Redacting shows what gets masked (each value, its token, how often)
// before anything is written; the values are shown as text.
import { useCaseDialog, previewCase, saveCaseFile } from '../state/case-flow.ts';
import { useRedaction } from '../state/redaction.ts';
import { MaskedTable, RedactionChoices } from './RedactionChoices.tsx';
import { useSnap } from '../state/snapshot-store.ts';
import { useNotes } from '../state/notes.ts';
import { formatBytes } from '../base/bytes.ts';

export function CaseDialog() {
  const d = useCaseDialog();
  const redact = useRedaction((s) => s.on);
  const files = useSnap((s) => s.snap.files);
  const notes = useNotes((s) => s.notes.length);
  if (!d.open) return null;
  const total = files.reduce((a, f) => a + f.facts.size, 0);
  const p = d.preview;
  const close = () => d.set({ open: false, preview: null, problem: null });
  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget && !d.busy) close(); }}>
      <div className="modal case-dialog" role="dialog" aria-modal="true" aria-label="Save case file" data-testid="case-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape' && !d.busy) close(); }}>
        <h2 className="modal-title">Save case file</h2>
        <p className="dim">
          One .zip with the {files.length} input{files.length === 1 ? '' : 's'} ({formatBytes(total)}), this view and its {notes} note{notes === 1 ? '' : 's'}, for a colleague
          who does not have the files: dropping it into ClusterLens restores the view. It is written in this tab; nothing is uploaded.
        </p>
        <RedactionChoices disabled={!!d.busy}>
          <button type="button" className="btn" data-testid="case-preview" disabled={!!d.busy} onClick={() => void previewCase()}>Preview what gets masked</button>
        </RedactionChoices>
        {p && p.redaction && (
          <MaskedTable masked={p.masked} extra={p.leftOut.length > 0 && <div className="warn-text">Left out of the case file: {p.leftOut.join('; ')}</div>} />
        )}
        {d.problem && <div className="warn-text" role="alert">{d.problem}</div>}
        <div className="modal-buttons">
          <span className="dim">{d.busy ?? ''}</span>
          <span className="spacer" />
          <button type="button" className="btn" disabled={!!d.busy} onClick={close}>Cancel</button>
          <button type="button" className="btn btn-active" data-testid="case-save" disabled={!!d.busy || (redact && !p)} onClick={() => void saveCaseFile()}
            title={redact && !p ? 'Preview what gets masked first' : undefined}>
            {redact ? 'Save redacted case file' : 'Save case file'}
          </button>
        </div>
      </div>
    </div>
  );
}
