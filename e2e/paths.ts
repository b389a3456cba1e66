import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Generated at run time by global-setup.ts (git-ignored). */
export const INPUTS = join(ROOT, '.cache', 'e2e-inputs');
export const SHARED = join(ROOT, '..', 'shared');
