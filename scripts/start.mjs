#!/usr/bin/env node
// `npm start`: install what is missing, build the app if needed, serve it on localhost
// with the bundled demo incident, print the URL, and open a browser only where a display exists.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (run(process.execPath, [join(root, 'scripts/ensure-deps.mjs')]).status !== 0) process.exit(1);
if (run(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale']).status !== 0) process.exit(1);

const { preview } = await import('vite');
const port = Number(process.env.PORT ?? 5173);
const server = await preview({ root, preview: { port, strictPort: false, host: '127.0.0.1', open: false } });
const url = server.resolvedUrls?.local?.[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\n  ClusterLens is running at ${url}\n  (the demo incident is loaded; drop your cluster.log files onto the page — nothing is uploaded)\n  Press Ctrl+C to stop.\n`);

const hasDisplay = process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (hasDisplay && !process.env.CI && !process.argv.includes('--no-open')) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  } catch {
    // No browser opener: the URL above is enough.
  }
}
