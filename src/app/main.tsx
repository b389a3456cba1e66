// Composition root: create the engine, bind UI state to it, mount the views, load the demo.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngine } from '../engine/client.ts';
import { bindEngine } from '../state/controller.ts';
import { loadDemo } from '../state/files.ts';
import { useUi } from '../state/ui-state.ts';
import { App } from '../views/App.tsx';

// `?fake=synthetic` / `?fake=2m` swap in the in-memory fake engine (UI development and UI
// tests); it is a separate lazily loaded chunk, absent from normal startup.
const fake = new URLSearchParams(location.search).get('fake');
const engine = fake ? (await import('../engine/fake-engine.ts')).createFakeEngine() : createEngine();
bindEngine(engine, { inProcess: !!fake });

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root missing from index.html');
createRoot(rootEl).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void loadDemo(engine)
  .then((r) => useUi.getState().set({ startup: 'ready', notice: r.problem }))
  .catch((e: unknown) => useUi.getState().set({ startup: 'ready', notice: `The demo incident could not be loaded: ${String(e)}` }));
