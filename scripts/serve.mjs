#!/usr/bin/env node
// Serves the built app (dist/) on 127.0.0.1 for the browser tests and the benchmark.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : 4173;
const { preview } = await import('vite');
await preview({ root, logLevel: 'warn', preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
console.log(`serving dist/ at http://127.0.0.1:${port}/`);
