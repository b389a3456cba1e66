// Entry of the fake engine's development page (fake-app.html): the app's composition root on
// the in-memory fake engine. ?data=synthetic | 2m picks its data (see fake-engine.ts).

import { startApp } from '../../src/app/start.tsx';
import { createFakeEngine, type FakeData } from './fake-engine.ts';

const asked = new URLSearchParams(location.search).get('data');
const data: FakeData = asked === 'synthetic' || asked === '2m' ? asked : 'empty';
// The demo folder is served at the root (public/demo), not beside this page.
startApp(createFakeEngine({ data }), { inProcess: true, demoBase: '/demo/' });
