// Exports in the app (issue 12): the events the events panel shows (its filter applied), the
// timeline's spans, or the raw view's rows (its filters applied), written in a format another
// tool opens (share/exports.ts) and handed to the browser's download. With redaction on, every
// field is masked with the tab's one Redactor (the same tokens as the case file and copies).

import { create } from 'zustand';
import { formatBytes } from '../base/bytes.ts';
import { LEVEL_NAMES } from '../base/levels.ts';
import { EXPORT_FORMATS, exportChunks, exportEvent, spansOfMarks, type ExportEvent, type ExportFormat, type ExportRow, type ExportSpan } from '../share/exports.ts';
import type { Masked, Redactor } from '../share/redact.ts';
import { getEngine } from './controller.ts';
import { sessionRedactor, useRedaction } from './redaction.ts';
import { useSnap } from './snapshot-store.ts';
import { downloadBlob, fileStamp } from './download.ts';
import { useUi } from './ui-state.ts';

/** The timeline as a picture (drawn by the view: views/timeline/timeline-image.ts). */
export const PICTURE_FORMATS = {
  'timeline-png': { ext: 'png', mime: 'image/png', label: 'The visible timeline, PNG (lanes, axis, legend)' },
  'timeline-svg': { ext: 'svg', mime: 'image/svg+xml', label: 'The visible timeline, SVG (vectors and text)' },
} as const;
export type PictureFormat = keyof typeof PICTURE_FORMATS;

interface ExportDialogState {
  open: boolean;
  format: ExportFormat | PictureFormat;
  busy: string | null;
  problem: string | null;
  /** Built with redaction, waiting to be saved once the user has seen what was masked. */
  prepared: PreparedExport | null;
  set: (p: Partial<Omit<ExportDialogState, 'set'>>) => void;
}

export const useExportDialog = create<ExportDialogState>()((set) => ({
  open: false,
  format: 'events-csv',
  busy: null,
  problem: null,
  prepared: null,
  // Another format makes the preview stale.
  set: (p) => set({ ...p, ...('format' in p ? { prepared: null } : {}) }),
}));

// So does another redaction.
useRedaction.subscribe(() => useExportDialog.setState({ prepared: null }));

export { EXPORT_FORMATS, type ExportFormat };

/** Rows read from the engine per request. */
const ROWS_PER_READ = 5000;

function maskEvent(e: ExportEvent, r: Redactor): ExportEvent {
  const fields = e.fields ? Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, typeof v === 'string' ? r.text(v) : v])) : undefined;
  return { ...e, node: r.text(e.node), summary: r.text(e.summary), file: r.text(e.file), ...(e.subject ? { subject: r.text(e.subject) } : {}), ...(fields ? { fields } : {}) };
}

function maskSpan(s: ExportSpan, r: Redactor): ExportSpan {
  return { ...s, node: r.text(s.node), row: r.text(s.row), label: r.text(s.label), ...(s.file ? { file: r.text(s.file) } : {}) };
}

function maskRow(x: ExportRow, r: Redactor): ExportRow {
  return { ...x, node: r.text(x.node), file: r.text(x.file), text: r.text(x.text) };
}

/** The file's name: what, when (local), and its extension. */
export function exportFileName(format: ExportFormat | PictureFormat, now = new Date()): string {
  const f = format in PICTURE_FORMATS ? PICTURE_FORMATS[format as PictureFormat] : EXPORT_FORMATS[format as ExportFormat];
  return `clusterlens-${format}-${fileStamp(now)}.${f.ext}`;
}

/** An export built and not yet saved: with redaction on, it waits for the user to see what was masked. */
export interface PreparedExport {
  blob: Blob;
  name: string;
  /** What the status line says once it is saved. */
  said: string;
  masked: Masked[];
}

/**
 * Builds the chosen export. Without redaction it is downloaded at once; with it, `preview` builds
 * it and shows what was masked, and saving downloads what was previewed (nothing masked is
 * written before the user has seen it).
 */
export async function runExport(picture?: (mask: (svg: string) => string) => Promise<Blob | null>, mode: 'preview' | 'save' = 'save'): Promise<void> {
  const d = useExportDialog.getState();
  if (d.busy) return;
  let r: Redactor | null;
  try {
    r = sessionRedactor();
  } catch (err) {
    d.set({ problem: (err as Error).message });
    return;
  }
  if (mode === 'save' && r) {
    if (!d.prepared) {
      d.set({ problem: 'Preview what gets masked first: nothing is written before you have seen it' });
      return;
    }
    save(d.prepared);
    return;
  }
  try {
    const p = await build(r, picture);
    if (r) useExportDialog.getState().set({ busy: null, prepared: p });
    else save(p);
  } catch (err) {
    useExportDialog.getState().set({ busy: null, problem: `The export could not be written: ${(err as Error).message}` });
  }
}

function save(p: PreparedExport): void {
  downloadBlob(p.blob, p.name);
  useExportDialog.getState().set({ busy: null, open: false, prepared: null });
  useUi.getState().set({ flash: p.said });
}

async function build(r: Redactor | null, picture?: (mask: (svg: string) => string) => Promise<Blob | null>): Promise<PreparedExport> {
  const d = useExportDialog.getState();
  if (d.format in PICTURE_FORMATS) {
    d.set({ busy: 'Drawing…', problem: null });
    const blob = await picture?.((svg) => (r ? r.text(svg) : svg));
    if (!blob) throw new Error('the timeline is not shown (open it first)');
    const name = exportFileName(d.format);
    return { blob, name, said: `Exported the timeline as ${name} (${formatBytes(blob.size)}${r ? ', redacted' : ''})`, masked: r?.masked() ?? [] };
  }
  const fmt = d.format as ExportFormat;
  d.set({ busy: 'Reading…', problem: null });
  const e = getEngine();
  const snap = useSnap.getState().snap;
  const path = new Map(snap.files.map((f) => [f.id, f.facts.path]));
  const parts: string[] = [];
  let count = 0;
  if (EXPORT_FORMATS[fmt].what === 'events') {
    const rows = await e.getEventRows(0, snap.events.shown);
    let events = rows.map((x) => exportEvent(x, x.summary));
    let spans: ExportSpan[] = [];
    if (fmt === 'trace') {
      const m = await e.getTimeline();
      spans = m ? spansOfMarks(m, (id) => path.get(id) ?? '') : [];
    }
    if (r) {
      events = events.map((x) => maskEvent(x, r));
      spans = spans.map((x) => maskSpan(x, r));
    }
    count = events.length;
    for (const c of exportChunks(fmt, { events, spans })) parts.push(c);
  } else {
    for (let start = 0; start < snap.viewRows; start += ROWS_PER_READ) {
      const rows = await e.getRows(start, Math.min(ROWS_PER_READ, snap.viewRows - start));
      const out = rows.map((x): ExportRow => {
        const row: ExportRow = {
          t: x.utcMs, ns: x.nsInMs, node: x.node, file: path.get(x.fileId) ?? '', line: x.line + 1, level: LEVEL_NAMES[x.level] ?? '',
          component: x.component, pid: x.pid >= 0 ? x.pid : null, tid: x.tid >= 0 ? x.tid : null, text: x.text,
        };
        return r ? maskRow(row, r) : row;
      });
      // The header once, then the rows of each read.
      const chunks = [...exportChunks(fmt, { rows: out })];
      parts.push(...(start > 0 && fmt === 'rows-csv' ? chunks.slice(1) : chunks));
      count += rows.length;
      useExportDialog.getState().set({ busy: `Reading rows… ${Math.floor((100 * count) / Math.max(1, snap.viewRows))} %` });
    }
  }
  const blob = new Blob(parts, { type: EXPORT_FORMATS[fmt].mime });
  const name = exportFileName(fmt);
  return { blob, name, said: `Exported ${count.toLocaleString('en-US')} ${EXPORT_FORMATS[fmt].what} as ${name} (${formatBytes(blob.size)}${r ? ', redacted' : ''})`, masked: r?.masked() ?? [] };
}
