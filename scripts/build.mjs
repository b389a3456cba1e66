#!/usr/bin/env node
// Builds the app into dist/. With --if-stale, only when a source file is newer than the build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (spawnSync(process.execPath, [join(root, 'scripts/ensure-deps.mjs'), '--quiet'], { stdio: 'inherit' }).status !== 0) process.exit(1);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stamp = join(root, 'dist', 'index.html');
if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const src = Math.max(newest(join(root, 'src')), newest(join(root, 'public')), statSync(join(root, 'index.html')).mtimeMs, statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (src <= statSync(stamp).mtimeMs) process.exit(0);
}
const { build } = await import('vite');
await build({ root, logLevel: 'warn' });
console.log('Built the app into dist/.');
