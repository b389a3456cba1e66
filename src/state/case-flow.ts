// The case file in the app (issue 12): "Save case file" writes the loaded inputs and the view
// (its notes included) into one .zip the browser downloads; dropping or opening a case file
// replaces what is loaded with its inputs and restores its view. Nothing is uploaded: the zip is
// built in this tab and handed to the browser's download.

import type { InputFile } from '../engine/api.ts';
import { CaseFileError, isCaseFile, readCaseFile, writeCaseFile } from '../share/case-file.ts';
import { formatBytes } from '../base/bytes.ts';
import { getEngine, openFiles } from './controller.ts';
import { copyLink, openView } from './link-flow.ts';
import { MAX_LINK_CHARS } from '../share/permalink.ts';
import { currentLinkState } from './share.ts';
import { useSnap } from './snapshot-store.ts';
import { useUi } from './ui-state.ts';

let saving = false;

/** The case file's name: the nodes and the time it was written (local), e.g. clusterlens-SQLN1-SQLN2-20261207-0950.zip. */
export function caseFileName(nodes: readonly string[], now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
  const who = nodes.slice(0, 4).map((n) => n.replace(/[^\w.-]+/g, '_')).join('-');
  return `clusterlens-${who ? `${who}-` : ''}${stamp}.zip`;
}

/** Writes the case file of what is loaded and the view, and hands it to the browser's download. */
export async function saveCaseFile(): Promise<void> {
  if (saving) return;
  const snap = useSnap.getState().snap;
  if (snap.files.length === 0) return;
  if (snap.loading) {
    useUi.getState().set({ flash: 'Wait for the files to finish loading: the case file carries them whole' });
    return;
  }
  saving = true;
  const ui = useUi.getState();
  try {
    const sources = new Map((await getEngine().getSources()).map((s) => [s.id, s]));
    const files = snap.files.filter((f) => sources.has(f.id));
    const view = currentLinkState(files);
    const total = files.reduce((a, f) => a + f.facts.size, 0);
    ui.set({ flash: `Writing the case file (${formatBytes(total)} of inputs)…` });
    let shown = 0;
    const blob = await writeCaseFile(
      files.map((f) => ({ name: f.facts.name, path: sources.get(f.id)!.path, data: sources.get(f.id)!.file, hash: f.facts.contentHash })),
      view,
      {
        onProgress: (done, all) => {
          const pct = Math.floor((100 * done) / Math.max(1, all));
          if (pct >= shown + 10) {
            shown = pct;
            useUi.getState().set({ flash: `Writing the case file… ${pct} %` });
          }
        },
      },
    );
    const name = caseFileName(snap.nodes.map((n) => n.name));
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    useUi.getState().set({ flash: `Case file saved as ${name} (${formatBytes(blob.size)}: ${files.length} input${files.length === 1 ? '' : 's'}, the view and its notes)` });
  } catch (e) {
    const full = e instanceof DOMException && e.name === 'QuotaExceededError';
    useUi.getState().set({ notice: `The case file could not be written: ${full ? 'the browser ran out of storage' : (e as Error).message}.` });
  } finally {
    saving = false;
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
    openView(c.manifest.view, `the case file ${caseFile.file.name}`);
    openFiles(c.inputs, { replace: true });
    const left = others.length ? ` Not opened with it: ${others.map((o) => o.path).join(', ')} (a case file holds a whole view; add them after it).` : '';
    const red = c.manifest.redaction ? ' Its inputs were redacted: names and addresses are tokens.' : '';
    useUi.getState().set({ flash: `Opening the case file ${caseFile.file.name}: ${c.inputs.length} input${c.inputs.length === 1 ? '' : 's'} and its view` });
    if (left || red) useUi.getState().set({ notice: `${caseFile.file.name}:${red}${left}` });
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
      action: { label: 'Save case file', run: () => { useUi.getState().set({ notice: null }); void saveCaseFile(); } },
    },
  });
}
