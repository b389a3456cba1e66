// "Export": the events the events panel shows, the timeline's spans, or the raw view's rows, in
// a format another tool opens; redacted with the tab's redaction when it is on.
import { EXPORT_FORMATS, PICTURE_FORMATS, runExport, useExportDialog, type ExportFormat, type PictureFormat } from '../state/export-flow.ts';
import { svgToPng, timelineSvg } from './timeline/timeline-image.ts';

/** The timeline's picture, its text masked by `mask` (the redaction) before it is drawn or written. */
async function picture(format: PictureFormat, mask: (svg: string) => string): Promise<Blob | null> {
  const s = timelineSvg();
  if (!s) return null;
  const svg = mask(s.svg);
  return format === 'timeline-svg' ? new Blob([svg], { type: 'image/svg+xml' }) : svgToPng({ ...s, svg });
}
import { useSnap } from '../state/snapshot-store.ts';
import { MaskedTable, RedactionChoices } from './RedactionChoices.tsx';
import { useRedaction } from '../state/redaction.ts';

export function ExportDialog() {
  const d = useExportDialog();
  const redact = useRedaction((s) => s.on);
  const events = useSnap((s) => s.snap.events.shown);
  const rows = useSnap((s) => s.snap.viewRows);
  if (!d.open) return null;
  const close = () => d.set({ open: false, problem: null });
  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget && !d.busy) close(); }}>
      <div className="modal case-dialog" role="dialog" aria-modal="true" aria-label="Export" data-testid="export-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape' && !d.busy) close(); }}>
        <h2 className="modal-title">Export</h2>
        <p className="dim">
          What the views show now: the {events.toLocaleString('en-US')} events of the events panel (its filter applied), with the timeline&apos;s spans for a trace,
          or the {rows.toLocaleString('en-US')} rows of the raw view (its filters applied). Written in this tab and downloaded; nothing is uploaded.
        </p>
        <div className="export-formats" role="radiogroup" aria-label="Format">
          {[...(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((f) => [f, EXPORT_FORMATS[f]] as const), ...(Object.keys(PICTURE_FORMATS) as PictureFormat[]).map((f) => [f, PICTURE_FORMATS[f]] as const)].map(([f, x]) => (
            <label key={f} className="case-opt">
              <input type="radio" name="export-format" value={f} checked={d.format === f} disabled={!!d.busy} onChange={() => d.set({ format: f })} data-testid={`export-${f}`} />
              {x.label} <span className="dim">.{x.ext}</span>
            </label>
          ))}
        </div>
        <RedactionChoices disabled={!!d.busy}>
          <button type="button" className="btn" data-testid="export-preview" disabled={!!d.busy}
            onClick={() => void runExport((mask) => picture(d.format as PictureFormat, mask), 'preview')}>Preview what gets masked</button>
        </RedactionChoices>
        {redact && d.prepared && <MaskedTable masked={d.prepared.masked} />}
        {d.problem && <div className="warn-text" role="alert">{d.problem}</div>}
        <div className="modal-buttons">
          <span className="dim">{d.busy ?? ''}</span>
          <span className="spacer" />
          <button type="button" className="btn" disabled={!!d.busy} onClick={close}>Cancel</button>
          <button type="button" className="btn btn-active" data-testid="export-save" disabled={!!d.busy || (redact && !d.prepared)} title={redact && !d.prepared ? 'Preview what gets masked first' : undefined}
            onClick={() => void runExport((mask) => picture(d.format as PictureFormat, mask))}>{redact ? 'Save redacted export' : 'Export'}</button>
        </div>
      </div>
    </div>
  );
}
