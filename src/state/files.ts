// Getting File objects into the engine: the bundled demo, dropped files and folders, file inputs.

import type { EngineClient, InputFile } from '../engine/api.ts';

/** OS litter that folder drops pick up; never a log. */
const JUNK = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

function keep(name: string): boolean {
  return !JUNK.has(name.toLowerCase());
}

export interface DemoResult {
  loaded: boolean;
  /** Why the demo could not be loaded (shown as a notice), null when simply absent. */
  problem: string | null;
}

let userOpened = false;
let demoAdded = false;
/**
 * The user opened files: a demo still being fetched must not be shown over them. Returns
 * { demo: the demo was handed to the engine and is to be replaced, first: first user open }.
 * (Tracked here, not read from the snapshot: a drop can come before the engine's first
 * snapshot of the demo, when `snap.demo` is still false.)
 */
export function markUserOpened(): { demo: boolean; first: boolean } {
  const r = { demo: demoAdded, first: !userOpened };
  userOpened = true;
  demoAdded = false;
  return r;
}

/**
 * Fetch `demo/manifest.json` and the files it lists, and hand them to the engine. `base` is the
 * demo folder's URL (relative to the page by default: the app's index.html sits beside demo/).
 */
export async function loadDemo(engine: EngineClient, base = 'demo/'): Promise<DemoResult> {
  let manifest: unknown;
  try {
    const res = await fetch(`${base}manifest.json`, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
    // Dev servers answer unknown paths with index.html: treat anything but JSON as absent.
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return { loaded: false, problem: null };
    manifest = await res.json();
  } catch {
    return { loaded: false, problem: null };
  }
  const list = (manifest as { files?: unknown }).files;
  if (!Array.isArray(list)) return { loaded: false, problem: 'demo/manifest.json has no "files" list.' };
  const names = list
    .map((f) => (f && typeof f === 'object' ? (f as { name?: unknown }).name : undefined))
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
  const results = await Promise.all(names.map(async (name) => {
    try {
      const res = await fetch(`${base}${name.split('/').map(encodeURIComponent).join('/')}`, { headers: { Accept: 'text/plain, application/octet-stream' } });
      if (!res.ok || (res.headers.get('content-type') ?? '').includes('text/html')) return { name, file: null as File | null };
      const blob = await res.blob();
      return { name, file: new File([blob], name) };
    } catch {
      return { name, file: null as File | null };
    }
  }));
  const files = results.filter((r) => r.file).map((r) => r.file as File);
  const missing = results.filter((r) => !r.file).map((r) => r.name);
  if (files.length === 0) return { loaded: false, problem: names.length ? `The demo files could not be fetched (${missing.join(', ')}).` : null };
  if (userOpened) return { loaded: false, problem: null };
  engine.addFiles(files.map((f) => ({ file: f, path: f.name })), { replace: true, demo: true });
  demoAdded = true;
  return { loaded: true, problem: missing.length ? `Demo files missing: ${missing.join(', ')}.` : null };
}

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries returns batches (Chromium: 100) until an empty one.
    const next = () => reader.readEntries((batch) => {
      if (batch.length === 0) { resolve(out); return; }
      out.push(...batch);
      next();
    }, reject);
    next();
  });
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: InputFile[], problems: string[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
  if (entry.isFile) {
    if (!keep(entry.name)) return;
    try {
      out.push({ file: await entryFile(entry as FileSystemFileEntry), path });
    } catch (e) {
      problems.push(`${path}: could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
  } else if (entry.isDirectory) {
    try {
      const children = await readAllEntries(entry as FileSystemDirectoryEntry);
      for (const c of children) await walk(c, out, problems);
    } catch (e) {
      problems.push(`${path}/: folder could not be listed (${e instanceof Error ? e.message : String(e)})`);
    }
  }
}

/** Files of a drop, folders walked recursively, with their relative paths (`NODE1/Cluster.log`). */
export async function filesFromDrop(dt: DataTransfer): Promise<{ files: InputFile[]; problems: string[] }> {
  const out: InputFile[] = [];
  const problems: string[] = [];
  // Entries must be taken synchronously, before the first await: the list dies after the event.
  const entries: FileSystemEntry[] = [];
  const plain: File[] = [];
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) plain.push(f);
    }
  }
  if (entries.length === 0 && plain.length === 0) plain.push(...Array.from(dt.files ?? []));
  for (const e of entries) await walk(e, out, problems);
  for (const f of plain) if (keep(f.name)) out.push({ file: f, path: f.name });
  return { files: out, problems };
}

/** Files of an `<input type=file>` (folder inputs carry `webkitRelativePath`). */
export function filesFromInput(list: FileList | null): InputFile[] {
  return Array.from(list ?? [])
    .filter((f) => keep(f.name))
    .map((f) => ({ file: f, path: f.webkitRelativePath || f.name }));
}
