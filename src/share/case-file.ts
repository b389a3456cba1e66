// The case file (issue 12): one .zip that carries a view to a colleague who does not have the
// files. It holds a manifest (clusterlens-case.json: the view state of the permalink's schema,
// its notes included, and what each input is) and the input files themselves, each under its own
// numbered folder with its original relative path (a node named by a folder stays named).
// Dropping it into ClusterLens, or giving it to the CLI, opens those inputs and that view.
// Reading one is defensive, like a link: the manifest is untrusted input, checked field by
// field, and every input it names must be in the zip with its size. Pure: app and CLI.

import { entryBlob, listZip, ZipError, type ZipEntry } from '../sources/zip.ts';
import { readState, type LinkState } from './permalink.ts';
import { writeZip } from './zip-write.ts';

export const CASE_MANIFEST = 'clusterlens-case.json';
export const CASE_FORMAT = 'clusterlens-case';
export const CASE_VERSION = 1;
/** Largest manifest read (a view with 200 notes of 4000 characters is under 1 MB). */
const MAX_MANIFEST_BYTES = 4 << 20;

/** An input as the case file lists it. */
export interface CaseFileEntry {
  /** Its entry in the zip. */
  entry: string;
  name: string;
  /** The relative path it was opened with (its folders may name its node). */
  path: string;
  size: number;
  /** Content fingerprint (base/content-hash.ts), when it was known. */
  hash: string | null;
}

export interface CaseManifest {
  format: typeof CASE_FORMAT;
  version: number;
  /** When it was written (ISO 8601, UTC). */
  created: string;
  /** What this file is, for whoever unzips it by hand. */
  about: string;
  files: CaseFileEntry[];
  /** The view, in the permalink's schema (docs/permalink.md): `files` lists the same inputs in the same order. */
  view: LinkState;
  /** What was masked, when the inputs were redacted (null: they are as they were dropped). */
  redaction: { categories: string[]; patterns: number; tokens: number } | null;
}

export interface CaseInput {
  name: string;
  path: string;
  data: Blob;
  hash: string | null;
}

export class CaseFileError extends Error {}

/** An entry's folder-safe path: no drive, no leading slashes, no '..' (a zip tool must not write outside its folder). */
function safePath(path: string): string {
  const parts = path.replace(/\\/g, '/').replace(/^[a-zA-Z]:/, '').split('/').filter((p) => p && p !== '.' && p !== '..');
  return parts.join('/') || 'input';
}

/** The case file's zip: the manifest first, then the inputs (deflated). */
export async function writeCaseFile(
  inputs: readonly CaseInput[], view: LinkState,
  opts: { created?: Date; redaction?: CaseManifest['redaction']; onProgress?: (done: number, total: number) => void } = {},
): Promise<Blob> {
  if (view.files.length !== inputs.length) throw new CaseFileError(`the view names ${view.files.length} inputs, ${inputs.length} were given`);
  const created = opts.created ?? new Date();
  const width = String(inputs.length).length;
  const files: CaseFileEntry[] = inputs.map((f, i) => ({
    entry: `inputs/${String(i + 1).padStart(width, '0')}/${safePath(f.path)}`, name: f.name, path: f.path, size: f.data.size, hash: f.hash,
  }));
  const manifest: CaseManifest = {
    format: CASE_FORMAT, version: CASE_VERSION, created: created.toISOString(),
    about: 'A ClusterLens case file: drop it into ClusterLens (or give it to its CLI) to open these inputs with this view and its notes.',
    files, view, redaction: opts.redaction ?? null,
  };
  return writeZip([
    { name: CASE_MANIFEST, data: new Blob([JSON.stringify(manifest, null, 1)], { type: 'application/json' }), deflate: true },
    ...inputs.map((f, i) => ({ name: files[i].entry, data: f.data, deflate: true })),
  ], { modified: created, onProgress: opts.onProgress });
}

/** Whether a zip's entries make a case file (its manifest at the root). */
export function isCaseEntries(entries: readonly ZipEntry[]): boolean {
  return entries.some((e) => e.name === CASE_MANIFEST);
}

/** Whether `file` is a case file: a zip with the manifest at its root. False for anything else (not an error). */
export async function isCaseFile(file: Blob & { name?: string }): Promise<boolean> {
  if (file.size < 22) return false;
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head[0] !== 0x50 || head[1] !== 0x4b) return false;
  try {
    return isCaseEntries(await listZip(file));
  } catch {
    return false;
  }
}

export interface OpenedCase {
  manifest: CaseManifest;
  /** The inputs, in the view's order, with the paths they were opened with. */
  inputs: { file: File; path: string }[];
  /** The view's version was older (upgraded), or null. */
  upgradedFrom: number | null;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads a case file; throws CaseFileError saying what is wrong (`label` names the file). */
export async function readCaseFile(zip: Blob, label: string): Promise<OpenedCase> {
  let entries: ZipEntry[];
  try {
    entries = await listZip(zip);
  } catch (e) {
    throw new CaseFileError(`${label}: ${e instanceof ZipError ? e.message : 'not a zip'}`);
  }
  const me = entries.find((e) => e.name === CASE_MANIFEST);
  if (!me) throw new CaseFileError(`${label}: not a ClusterLens case file (no ${CASE_MANIFEST} in it)`);
  if (me.size > MAX_MANIFEST_BYTES) throw new CaseFileError(`${label}: its manifest is ${me.size} bytes, more than a case file's may have`);
  let raw: unknown;
  try {
    raw = JSON.parse(await (await entryBlob(zip, me)).text());
  } catch {
    throw new CaseFileError(`${label}: its manifest is not JSON (was the zip changed?)`);
  }
  if (!isObj(raw) || raw.format !== CASE_FORMAT) throw new CaseFileError(`${label}: its manifest is not a ClusterLens case file's`);
  if (typeof raw.version !== 'number' || raw.version > CASE_VERSION) throw new CaseFileError(`${label}: made by a newer ClusterLens (case file version ${String(raw.version)}; this one reads up to ${CASE_VERSION})`);
  const d = readState(raw.view);
  if (!d.ok) throw new CaseFileError(`${label}: its view cannot be opened: ${d.why.replace(/^the link's /, 'the ')}`);
  const files = raw.files;
  if (!Array.isArray(files) || files.length !== d.state.files.length) throw new CaseFileError(`${label}: its manifest does not list the view's ${d.state.files.length} inputs`);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const inputs: OpenedCase['inputs'] = [];
  for (let i = 0; i < files.length; i++) {
    const f: unknown = files[i];
    if (!isObj(f) || typeof f.entry !== 'string' || typeof f.name !== 'string' || typeof f.path !== 'string' || typeof f.size !== 'number') {
      throw new CaseFileError(`${label}: input ${i + 1} of its manifest is not described (entry, name, path, size)`);
    }
    const e = byName.get(f.entry);
    if (!e) throw new CaseFileError(`${label}: ${f.path} is listed but not in the zip (${f.entry})`);
    if (e.size !== f.size) throw new CaseFileError(`${label}: ${f.path} is ${e.size} bytes in the zip, its manifest says ${f.size}`);
    if (e.encrypted) throw new CaseFileError(`${label}: ${f.path} is encrypted in the zip`);
    inputs.push({ file: new File([await entryBlob(zip, e)], f.name), path: f.path });
  }
  const manifest: CaseManifest = {
    format: CASE_FORMAT, version: raw.version, created: typeof raw.created === 'string' ? raw.created : '', about: typeof raw.about === 'string' ? raw.about : '',
    files: files as CaseFileEntry[], view: d.state,
    redaction: isObj(raw.redaction) ? (raw.redaction as CaseManifest['redaction']) : null,
  };
  return { manifest, inputs, upgradedFrom: d.upgradedFrom };
}
