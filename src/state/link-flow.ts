// The permalink in the app (issue 12): "Copy link" writes the view into the URL fragment and the
// clipboard; a page opened with a link's fragment decodes it (refusing a bad one with why),
// says which files it needs, and restores the view as soon as they are loaded (dropped, or
// already there). Nothing is sent anywhere: the fragment stays in the browser.

import { decodeState, encodeState, type LinkState } from './permalink.ts';
import { applyLinkState, currentLinkState } from './share.ts';
import { getEngine, gotoLine } from './controller.ts';
import { useSnap } from './snapshot-store.ts';
import { useUi } from './ui-state.ts';
import { formatBytes as fmtBytes } from '../base/bytes.ts';

let pending: LinkState | null = null;

/** Writes the view into the address bar's fragment and the clipboard; says which happened. */
export async function copyLink(): Promise<void> {
  const frag = await encodeState(currentLinkState(useSnap.getState().snap.files));
  history.replaceState(history.state, '', `#${frag}`);
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    useUi.getState().set({ flash: `Link copied (${url.length} characters): it holds the view, not the files` });
  } catch {
    useUi.getState().set({ flash: 'The link is in the address bar (the clipboard was not available)' });
  }
}

/** Applies the pending link once its files are loaded; otherwise says what it waits for. */
function tryApply(): void {
  const s = pending;
  if (!s) return;
  const snap = useSnap.getState().snap;
  if (snap.loading || snap.files.some((f) => f.facts.status === 'loading')) return;
  const missing = applyLinkState(
    s, snap.files,
    (id, f) => getEngine().setFileOptions(id, {
      ...(f.node ? { node: f.node } : {}), ...(f.timeBase ? { timeBase: f.timeBase } : {}), ...(f.alignment ? { alignment: f.alignment } : {}),
    }),
    (fileId, line) => void gotoLine(fileId, line),
  );
  if (missing.length === 0) {
    pending = null;
    useUi.getState().set({ notice: null, flash: 'The linked view is restored' });
    return;
  }
  useUi.getState().set({ notice: `This link shows a view of ${s.files.length} file${s.files.length === 1 ? '' : 's'}. Drop them to see it; missing: ${missing.map((f) => `${f.name} (${fmtBytes(f.size)})`).join(', ')}.` });
}

/** Reads the fragment now and on every change of it; returns the unsubscribe. */
export function watchLink(): () => void {
  const read = async () => {
    if (!location.hash.startsWith('#cl1.')) return;
    const d = await decodeState(location.hash);
    if (!d.ok) {
      pending = null;
      useUi.getState().set({ notice: `This link cannot be opened: ${d.why}.` });
      return;
    }
    pending = d.state;
    tryApply();
  };
  const onHash = () => void read();
  window.addEventListener('hashchange', onHash);
  const off = useSnap.subscribe((s, prev) => {
    if (pending && (s.snap.files !== prev.snap.files || s.snap.loading !== prev.snap.loading)) tryApply();
  });
  void read();
  return () => {
    window.removeEventListener('hashchange', onHash);
    off();
  };
}
