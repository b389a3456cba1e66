// The app's page entry: the worker engine, handed to the composition root (start.tsx).

import { createEngine } from '../engine/client.ts';
import { startApp } from './start.tsx';

startApp(createEngine());
