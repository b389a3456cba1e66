#!/usr/bin/env node
// Installs what is missing (node_modules) before a command runs, so that `npm start`
// and `npm test` work on a fresh clone. Never downloads a browser.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`ClusterLens needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}

function missing() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
  const absent = names.filter((n) => !existsSync(join(root, 'node_modules', n, 'package.json')));
  if (absent.length) return absent;
  // package-lock.json newer than the installed tree: dependencies changed since the last install.
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(lock) && existsSync(stamp) && statSync(lock).mtimeMs > statSync(stamp).mtimeMs + 1000) {
    const a = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
    const b = JSON.parse(readFileSync(stamp, 'utf8')).packages ?? {};
    const changed = Object.keys(a).filter((k) => k && a[k].version !== b[k]?.version && !a[k].optional);
    if (changed.length) return changed;
  }
  return [];
}

const need = missing();
if (need.length) {
  if (!quiet) console.log(`Installing dependencies (${need.length} missing or changed, e.g. ${need.slice(0, 3).join(', ')})…`);
  const npm = (verb) =>
    spawnSync('npm', [verb, '--no-audit', '--no-fund'], {
      cwd: root,
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
      shell: process.platform === 'win32',
    });
  // `npm ci` installs exactly the lock file; some npm versions judge a lock file written by
  // another version "out of sync" (optional platform packages), and then `npm install` does it.
  let r = existsSync(join(root, 'package-lock.json')) ? npm('ci') : { status: 1 };
  if (r.status !== 0) r = npm('install');
  if (r.status !== 0) {
    console.error('Installing dependencies failed (see above).');
    process.exit(r.status ?? 1);
  }
}
