// Sessions in the app: a set of files the user opened is remembered once it is loaded (in the
// background), its view kept when the page is left; a link whose files are not here opens them
// from a remembered session that has them all; the Sessions dialog opens or forgets one.

import { formatBytes } from '../base/bytes.ts';
import { getEngine, openFiles } from './controller.ts';
import { openView } from './link-flow.ts';
import { refreshSessions, rememberSession, sessionFiles, useSessions, type SessionInfo } from './sessions.ts';
import { currentLinkState } from './share.ts';
import { useSnap } from './snapshot-store.ts';
import { useUi } from './ui-state.ts';

/** The loaded set is the user's and complete (not the demo, nothing loading, nothing failed). */
function settledUserSet(): boolean {
  const snap = useSnap.getState().snap;
  return !snap.demo && !snap.loading && snap.files.length > 0 && snap.files.every((f) => f.facts.status === 'done' || f.facts.status === 'needs-month');
}

async function rememberNow(): Promise<void> {
  const snap = useSnap.getState().snap;
  const sources = await getEngine().getSources();
  await rememberSession(snap.files, sources, currentLinkState(snap.files));
}

/** Remembers each settled set of the user's files; keeps the view when the page is left. Returns the unsubscribe. */
export function watchSessions(): () => void {
  void refreshSessions();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = useSnap.subscribe((s, prev) => {
    if (s.snap.files === prev.snap.files && s.snap.loading === prev.snap.loading) return;
    if (timer) clearTimeout(timer);
    // Once the set has settled (a second with no change): a drop of many files is one set.
    timer = setTimeout(() => { if (settledUserSet()) void rememberNow(); }, 1000);
  });
  const onHide = () => { if (document.visibilityState === 'hidden' && settledUserSet()) void rememberNow(); };
  document.addEventListener('visibilitychange', onHide);
  return () => {
    off();
    if (timer) clearTimeout(timer);
    document.removeEventListener('visibilitychange', onHide);
  };
}

/** Opens a remembered session's files (replacing what is loaded) and its last view. */
export async function openSession(s: SessionInfo): Promise<void> {
  try {
    const files = await sessionFiles(s);
    if (s.view) openView(s.view, 'the remembered session');
    openFiles(files, { replace: true });
    useUi.getState().set({ flash: `Opening the session remembered ${new Date(s.created).toLocaleString()} (${s.files.length} file${s.files.length === 1 ? '' : 's'}, ${formatBytes(s.bytes)})` });
  } catch (e) {
    useUi.getState().set({ notice: `The remembered session could not be opened: ${(e as Error).message}. Forget it in Sessions, and drop the files again.` });
  }
}

export { useSessions, refreshSessions };
