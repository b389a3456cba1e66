// The case file in the app (issue 12): "Save case file" writes the loaded inputs and the view
// (its notes included) into one .zip the browser downloads; dropping or opening a case file
// replaces what is loaded with its inputs and restores its view. Nothing is uploaded: the zip is
// built in this tab and handed to the browser's download.

import type { InputFile } from '../engine/api.ts';
import { create } from 'zustand';
import { CaseFileError, isCaseFile, readCaseFile, writeCaseFile, type CaseInput, type CaseManifest } from '../share/case-file.ts';
import type { LinkState } from '../share/permalink.ts';
import { REDACT_CATEGORIES, type Masked, type Redactor } from '../share/redact.ts';
import { sessionRedactor, useRedaction } from './redaction.ts';
import { redactableEncoding, redactInput, redactState } from '../share/redact-input.ts';
import { formatBytes } from '../base/bytes.ts';
import { getEngine, openFiles } from './controller.ts';
import { copyLink, openView } from './link-flow.ts';
import { MAX_LINK_CHARS } from '../share/permalink.ts';
import { currentLinkState } from './share.ts';
import { useSnap } from './snapshot-store.ts';
import { downloadBlob, fileStamp } from './download.ts';
import { useUi } from './ui-state.ts';

/** The case file's name: the nodes and the time it was written (local), e.g. clusterlens-SQLN1-SQLN2-20261207-0950.zip. */
export function caseFileName(nodes: readonly string[], now = new Date()): string {
  const stamp = fileStamp(now);
  const who = nodes.slice(0, 4).map((n) => n.replace(/[^\w.-]+/g, '_')).join('-');
  return `clusterlens-${who ? `${who}-` : ''}${stamp}.zip`;
}

/** What the case file will hold: the inputs (masked, when redaction was chosen) and the view. */
export interface PreparedCase {
  inputs: CaseInput[];
  view: LinkState;
  redaction: CaseManifest['redaction'];
  /** What was masked (empty without redaction). */
  masked: Masked[];
  /** Inputs left out, with why (a code page redaction cannot read safely). */
  leftOut: string[];
}

/** The "Save case file" dialog: its choices and, once previewed, what would be written. */
interface CaseDialogState {
  open: boolean;
  busy: string | null;
  preview: PreparedCase | null;
  problem: string | null;
  set: (p: Partial<CaseDialogState>) => void;
}

export const useCaseDialog = create<CaseDialogState>()((set) => ({
  open: false,
  busy: null,
  preview: null,
  problem: null,
  set: (p) => set(p),
}));

// Any change of the redaction makes the preview stale: it is what will be written.
useRedaction.subscribe(() => useCaseDialog.setState({ preview: null, problem: null }));

/** Lets the page paint between slices of a long job on this thread. */
const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

/** The loaded inputs and the view, as the case file would hold them (masked if `redact` is given). */
async function prepare(r: Redactor | null, progress: (text: string) => void): Promise<PreparedCase> {
  const snap = useSnap.getState().snap;
  const sources = new Map((await getEngine().getSources()).map((x) => [x.id, x]));
  const files = snap.files.filter((f) => sources.has(f.id));
  const view = currentLinkState(files);
  const plain = files.map((f): CaseInput => ({ name: f.facts.name, path: sources.get(f.id)!.path, data: sources.get(f.id)!.file, hash: f.facts.contentHash }));
  if (!r) return { inputs: plain, view, redaction: null, masked: [], leftOut: [] };
  const total = files.reduce((a, f) => a + f.facts.size, 0);
  let before = 0;
  const inputs: CaseInput[] = [];
  const kept: number[] = [];
  const leftOut: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const why = redactableEncoding(f.facts.encoding);
    if (why) {
      leftOut.push(`${plain[i].path}: ${why}`);
      continue;
    }
    const out = await redactInput(plain[i].data, f.facts.encoding, r, async (done) => {
      progress(`Masking… ${Math.floor((100 * (before + done)) / Math.max(1, total))} %`);
      await yieldToPage();
    });
    before += f.facts.size;
    inputs.push({ name: r.text(plain[i].name), path: r.text(plain[i].path), data: out.blob, hash: out.hash });
    kept.push(i);
  }
  const masked = redactState({ ...view, files: kept.map((i) => view.files[i]) }, r);
  // The view's file references follow the inputs kept.
  const index = new Map(kept.map((old, k) => [old, k]));
  const re = (k: number) => index.get(k);
  const state: LinkState = {
    ...masked,
    files: masked.files.map((f, k) => ({ ...f, size: inputs[k].data.size, hash: inputs[k].hash ?? undefined })),
    view: { ...masked.view, hiddenFiles: view.view.hiddenFiles.map(re).filter((k): k is number => k !== undefined) },
    selected: view.selected && re(view.selected.file) !== undefined ? { ...view.selected, file: re(view.selected.file)! } : null,
    notes: masked.notes.flatMap((n) => (n.file === undefined ? [n] : re(n.file) === undefined ? [] : [{ ...n, file: re(n.file)! }])),
  };
  const counts = r.counts();
  return {
    inputs, view: state, masked: r.masked(), leftOut,
    redaction: { categories: REDACT_CATEGORIES.filter((c) => r.opts.categories.includes(c)), patterns: r.opts.patterns.length, tokens: Object.values(counts).reduce((a, b) => a + b, 0) },
  };
}

/** Runs the redaction (the dialog shows what gets masked before anything is written). */
export async function previewCase(): Promise<void> {
  const d = useCaseDialog.getState();
  if (d.busy) return;
  try {
    const r = sessionRedactor();
    d.set({ busy: 'Masking…', problem: null });
    const p = await prepare(r, (text) => useCaseDialog.getState().set({ busy: text }));
    useCaseDialog.getState().set({ busy: null, preview: p });
  } catch (e) {
    useCaseDialog.getState().set({ busy: null, problem: (e as Error).message });
  }
}

/** Writes the case file (the previewed one when redacting) and hands it to the browser's download. */
export async function saveCaseFile(): Promise<void> {
  const d = useCaseDialog.getState();
  const snap = useSnap.getState().snap;
  if (d.busy || snap.files.length === 0) return;
  if (snap.loading) {
    d.set({ problem: 'Wait for the files to finish loading: the case file carries them whole' });
    return;
  }
  if (useRedaction.getState().on && !d.preview) {
    d.set({ problem: 'Preview what gets masked first: nothing is written before you have seen it' });
    return;
  }
  try {
    d.set({ busy: 'Writing the case file…', problem: null });
    const p = d.preview ?? (await prepare(null, () => {}));
    const total = p.inputs.reduce((a, f) => a + f.data.size, 0);
    let shown = 0;
    const blob = await writeCaseFile(p.inputs, p.view, {
      redaction: p.redaction,
      onProgress: (done, all) => {
        const pct = Math.floor((100 * done) / Math.max(1, all));
        if (pct >= shown + 5) {
          shown = pct;
          useCaseDialog.getState().set({ busy: `Writing the case file (${formatBytes(total)})… ${pct} %` });
        }
      },
    });
    const name = caseFileName(p.redaction ? [] : snap.nodes.map((n) => n.name));
    downloadBlob(blob, name);
    useCaseDialog.getState().set({ busy: null, open: false, preview: null });
    useUi.getState().set({ flash: `Case file saved as ${name} (${formatBytes(blob.size)}: ${p.inputs.length} input${p.inputs.length === 1 ? '' : 's'}, the view and its notes${p.redaction ? ', redacted' : ''})` });
  } catch (e) {
    const full = e instanceof DOMException && e.name === 'QuotaExceededError';
    useCaseDialog.getState().set({ busy: null, problem: `The case file could not be written: ${full ? 'the browser ran out of memory or storage' : (e as Error).message}` });
  }
}

/**
 * Opens what the user dropped or picked: a case file replaces what is loaded with its inputs and
 * view (one at a time; other inputs of the same drop are left, and said so); anything else opens
 * as files.
 */
export async function openInputs(inputs: InputFile[]): Promise<void> {
  const zips = inputs.filter((i) => /\.zip$/i.test(i.file.name));
  let caseFile: InputFile | null = null;
  for (const z of zips) {
    if (await isCaseFile(z.file)) {
      caseFile = z;
      break;
    }
  }
  if (!caseFile) {
    openFiles(inputs);
    return;
  }
  const others = inputs.filter((i) => i !== caseFile);
  try {
    const c = await readCaseFile(caseFile.file, caseFile.path);
    const left = others.length ? ` Not opened with it: ${others.map((o) => o.path).join(', ')} (a case file holds a whole view; add them after it).` : '';
    const red = c.manifest.redaction ? ' Its inputs were redacted: names and addresses are tokens (HOST-1, 198.18.0.1, …), the same in every file.' : '';
    openView(c.manifest.view, `the case file ${caseFile.file.name}`, left || red ? `${caseFile.file.name}:${red}${left}` : null);
    openFiles(c.inputs, { replace: true });
    useUi.getState().set({ flash: `Opening the case file ${caseFile.file.name}: ${c.inputs.length} input${c.inputs.length === 1 ? '' : 's'} and its view` });
  } catch (e) {
    useUi.getState().set({ notice: e instanceof CaseFileError ? `This case file cannot be opened: ${e.message}.` : `This case file cannot be opened: ${String(e)}.` });
    if (others.length) openFiles(others);
  }
}

/** Copy link; when the notes make the link too long, says so and offers the case file. */
export async function shareLink(): Promise<void> {
  const long = await copyLink();
  if (long === null) return;
  useUi.getState().set({
    notice: {
      text: `This view's link would be ${long.toLocaleString('en-US')} characters long, more than the ${MAX_LINK_CHARS.toLocaleString('en-US')} a link may have: its notes make it long. Shorten them, or share the view as a case file (the inputs, the view and its notes in one .zip).`,
      action: { label: 'Save case file…', run: () => { useUi.getState().set({ notice: null }); useCaseDialog.getState().set({ open: true }); } },
    },
  });
}

export { REDACT_CATEGORIES } from '../share/redact.ts';
