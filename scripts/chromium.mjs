// Finds a system Chromium for the browser tests and the benchmark. Never downloads one.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env) return existsSync(env) ? env : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const NO_CHROMIUM = `No Chromium found for the browser tests.
  Debian/Ubuntu:  apt-get update && apt-get install -y chromium
  elsewhere:      npx playwright install chromium   (then set CHROMIUM_PATH to the browser it installed)
  or point CHROMIUM_PATH at any Chromium/Chrome binary.`;

export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
