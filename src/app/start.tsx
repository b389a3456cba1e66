// The composition root's one function: bind the UI state to an engine, mount the views, load
// the demo. The app's page (main.tsx) calls it with the worker engine; the fake engine's
// development page (test/doubles/fake-app.tsx) with its in-memory stand-in.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { EngineClient } from '../engine/api.ts';
import { bindEngine } from '../state/controller.ts';
import { loadDemo } from '../state/files.ts';
import { watchHistory, watchLink } from '../state/link-flow.ts';
import { watchSessions } from '../state/session-flow.ts';
import { watchSrc } from '../state/src-flow.ts';
import { useUi } from '../state/ui-state.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { pruneNotes } from '../state/notes.ts';
import { App } from '../views/App.tsx';

export interface StartOptions {
  /** The engine runs on this thread (an in-memory engine) and may mutate its snapshots. */
  inProcess?: boolean;
  /** URL of the demo folder (its manifest.json and files); relative to the page by default. */
  demoBase?: string;
}

export function startApp(engine: EngineClient, opts: StartOptions = {}): void {
  bindEngine(engine, { inProcess: opts.inProcess ?? false });

  const rootEl = document.getElementById('root');
  if (!rootEl) throw new Error('#root missing from the page');
  createRoot(rootEl).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

  // A link's view waits for its files (the demo, or the ones the user drops).
  watchLink();
  watchHistory();
  watchSessions();
  watchSrc();
  // Notes on lines of files that are gone go with them.
  useSnap.subscribe((s, prev) => {
    if (s.snap.files !== prev.snap.files) pruneNotes(new Set(s.snap.files.map((f) => f.id)));
  });
  void loadDemo(engine, opts.demoBase)
    // (a notice already shown, such as a link's, stays)
    .then((r) => useUi.getState().set({ startup: 'ready', ...(r.problem ? { notice: r.problem } : {}) }))
    .catch((e: unknown) => useUi.getState().set({ startup: 'ready', notice: `The demo incident could not be loaded: ${String(e)}` }));
}
