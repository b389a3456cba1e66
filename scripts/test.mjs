#!/usr/bin/env node
// `npm test`: install what is missing, type-check, check the layers (scripts/check-layers.mjs),
// run the unit tests (vitest, under a non-UTC time zone), build the app, run the browser tests (Playwright with the system Chromium), and print one
// summary line `N passed, N failed` over all suites.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, NO_CHROMIUM } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--e2e') ? 'e2e' : 'all';
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, cargs, env = {}) => spawnSync(cmd, cargs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });

if (run(process.execPath, [join(root, 'scripts/ensure-deps.mjs')]).status !== 0) process.exit(1);
const out = join(root, '.cache');
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
let crashed = [];

if (only !== 'e2e') {
  // Types first: strict TypeScript over src, tests, e2e, bench and scripts.
  console.log('Type-checking…');
  if (run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']).status !== 0) crashed.push('typecheck (tsc --noEmit)');
  // Layers: no import of product code runs back up the table of scripts/check-layers.mjs.
  console.log('Checking the layers…');
  if (run(process.execPath, [join(root, 'scripts/check-layers.mjs')]).status !== 0) crashed.push('layer check (node scripts/check-layers.mjs: an import goes up the layers, see above)');
  const json = join(out, 'vitest.json');
  rmSync(json, { force: true });
  // America/Los_Angeles: local-time bugs show up as 7-8 hour shifts.
  const r = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], { TZ: 'America/Los_Angeles' });
  if (existsSync(json)) {
    const j = JSON.parse(readFileSync(json, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    if (r.status !== 0 && j.numFailedTests === 0) crashed.push('unit tests (a suite failed to run)');
  } else if (r.status !== 0) crashed.push('unit tests');
}

if (only !== 'unit') {
  const chromium = findChromium();
  if (!chromium) {
    console.error(`\n${NO_CHROMIUM}\n`);
    crashed.push('browser tests (no Chromium)');
  } else {
    if (run(process.execPath, [join(root, 'scripts/build.mjs')]).status !== 0) crashed.push('build');
    else {
      const json = join(out, 'playwright.json');
      rmSync(json, { force: true });
      const r = run(bin('playwright'), ['test'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: json, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' });
      if (existsSync(json)) {
        const s = JSON.parse(readFileSync(json, 'utf8')).stats ?? {};
        passed += (s.expected ?? 0) + (s.flaky ?? 0);
        failed += s.unexpected ?? 0;
        skipped += s.skipped ?? 0;
        if (r.status !== 0 && !s.unexpected) crashed.push('browser tests (the run failed)');
      } else if (r.status !== 0) crashed.push('browser tests');
    }
  }
}

for (const c of crashed) console.error(`FAILED: ${c}`);
const total = failed + crashed.length;
console.log(`\n${passed} passed, ${total} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(total > 0 ? 1 : 0);
