// Remembered sessions (issue 12): the sets of files the user opened are kept as copies in the
// browser's origin-private file system (OPFS), because a dropped file leaves no handle that
// survives a reload. A reload, or a link to a view of those files, then opens them from there in
// seconds, without dropping them again. Sessions are listed with their size and can be
// forgotten; a storage budget is kept (the least recently opened go first) and shown; a full
// disk is said, and the partial copy removed. Nothing leaves the browser: OPFS is this origin's
// own storage on this machine. The demo is never remembered.

import { create } from 'zustand';
import { formatBytes } from '../base/bytes.ts';
import type { FileState, SourceFile } from '../engine/api.ts';
import type { LinkFile, LinkState } from '../share/permalink.ts';

const ROOT = 'clusterlens-sessions';
const META = 'session.json';
/** The most the sessions may take: this, or half of what the browser grants the origin, whichever is less. */
export const SESSION_BUDGET_BYTES = 4 * 1024 ** 3;

export interface SessionFile {
  name: string;
  path: string;
  size: number;
  hash: string | null;
  /** Its copy in the session's folder. */
  entry: string;
}

export interface SessionInfo {
  id: string;
  /** When it was remembered, and last opened (ISO). */
  created: string;
  opened: string;
  files: SessionFile[];
  bytes: number;
  /** The view when it was last used (a link's state), if any. */
  view: LinkState | null;
}

interface SessionsState {
  /** OPFS is there (a secure context of a browser that has it). */
  available: boolean;
  list: SessionInfo[];
  used: number;
  budget: number;
  /** What the last remembering said (a full disk, a set over the budget), null when all is well. */
  problem: string | null;
  /** A session being written (its copies), for the status line. */
  writing: string | null;
  open: boolean;
  set: (p: Partial<Omit<SessionsState, 'set'>>) => void;
}

export const useSessions = create<SessionsState>()((set) => ({
  available: false, list: [], used: 0, budget: SESSION_BUDGET_BYTES, problem: null, writing: null, open: false,
  set: (p) => set(p),
}));

async function root(): Promise<FileSystemDirectoryHandle | null> {
  try {
    if (!navigator.storage?.getDirectory) return null;
    const top = await navigator.storage.getDirectory();
    return await top.getDirectoryHandle(ROOT, { create: true });
  } catch {
    return null;
  }
}

/** The set's key: its files by name, size and fingerprint (order does not matter). */
function setKey(files: readonly { name: string; size: number; hash: string | null | undefined }[]): string {
  return files.map((f) => `${f.name}\u0000${f.size}\u0000${f.hash ?? ''}`).sort().join('\u0001');
}

async function readMeta(dir: FileSystemDirectoryHandle): Promise<SessionInfo | null> {
  try {
    const text = await (await (await dir.getFileHandle(META)).getFile()).text();
    const s = JSON.parse(text) as SessionInfo;
    return typeof s.id === 'string' && Array.isArray(s.files) ? s : null;
  } catch {
    return null;
  }
}

async function writeMeta(dir: FileSystemDirectoryHandle, s: SessionInfo): Promise<void> {
  const w = await (await dir.getFileHandle(META, { create: true })).createWritable();
  await w.write(JSON.stringify(s));
  await w.close();
}

/** Reads the list, the storage use and the budget into the store. */
export async function refreshSessions(): Promise<SessionInfo[]> {
  const r = await root();
  if (!r) {
    useSessions.getState().set({ available: false, list: [] });
    return [];
  }
  const list: SessionInfo[] = [];
  for await (const [name, h] of (r as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
    if (h.kind !== 'directory') continue;
    const s = await readMeta(h as FileSystemDirectoryHandle);
    // A folder without its description is a copy that did not finish: it goes.
    if (s) list.push(s);
    else await r.removeEntry(name, { recursive: true }).catch(() => {});
  }
  list.sort((a, b) => b.opened.localeCompare(a.opened));
  const est = await navigator.storage.estimate().catch(() => ({ usage: 0, quota: 0 }));
  const budget = Math.min(SESSION_BUDGET_BYTES, Math.max(0, (est.quota ?? 0) / 2));
  useSessions.getState().set({ available: true, list, used: list.reduce((a, s) => a + s.bytes, 0), budget });
  return list;
}

export async function forgetSession(id: string): Promise<void> {
  const r = await root();
  await r?.removeEntry(id, { recursive: true }).catch(() => {});
  await refreshSessions();
}

export async function forgetAllSessions(): Promise<void> {
  const r = await root();
  for (const s of useSessions.getState().list) await r?.removeEntry(s.id, { recursive: true }).catch(() => {});
  await refreshSessions();
}

let lastKey = '';

/**
 * Remembers the loaded set (copies into OPFS, in the background), or, when it is remembered
 * already, marks it opened and keeps its view. Older sessions go to keep the budget.
 */
export async function rememberSession(files: readonly FileState[], sources: readonly SourceFile[], view: LinkState | null): Promise<void> {
  const r = await root();
  if (!r) return;
  const byId = new Map(sources.map((s) => [s.id, s]));
  const set = files.filter((f) => byId.has(f.id) && f.facts.status !== 'error');
  if (set.length === 0) return;
  const key = setKey(set.map((f) => ({ name: f.facts.name, size: f.facts.size, hash: f.facts.contentHash })));
  const now = new Date().toISOString();
  const list = await refreshSessions();
  const known = list.find((s) => setKey(s.files) === key);
  if (known) {
    const dir = await r.getDirectoryHandle(known.id);
    await writeMeta(dir, { ...known, opened: now, view: view ?? known.view }).catch(() => {});
    lastKey = key;
    await refreshSessions();
    return;
  }
  if (key === lastKey) return;
  lastKey = key;
  const bytes = set.reduce((a, f) => a + f.facts.size, 0);
  const { budget } = useSessions.getState();
  if (bytes > budget) {
    useSessions.getState().set({ problem: `Not remembered: these files take ${formatBytes(bytes)}, more than the ${formatBytes(budget)} the sessions may use in this browser.` });
    return;
  }
  // Make room: the least recently opened go first.
  let used = list.reduce((a, s) => a + s.bytes, 0);
  for (const old of [...list].reverse()) {
    if (used + bytes <= budget) break;
    await r.removeEntry(old.id, { recursive: true }).catch(() => {});
    used -= old.bytes;
  }
  const id = `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const dir = await r.getDirectoryHandle(id, { create: true });
  useSessions.getState().set({ writing: `Remembering ${set.length} file${set.length === 1 ? '' : 's'} (${formatBytes(bytes)}) in this browser…`, problem: null });
  try {
    const out: SessionFile[] = [];
    for (let i = 0; i < set.length; i++) {
      const f = set[i];
      const entry = `${i + 1}`;
      const w = await (await dir.getFileHandle(entry, { create: true })).createWritable();
      await byId.get(f.id)!.file.stream().pipeTo(w);
      out.push({ name: f.facts.name, path: byId.get(f.id)!.path, size: f.facts.size, hash: f.facts.contentHash, entry });
    }
    // The description last: a session without it is an unfinished copy (removed when listed).
    await writeMeta(dir, { id, created: now, opened: now, files: out, bytes, view });
    useSessions.getState().set({ writing: null });
  } catch (e) {
    await r.removeEntry(id, { recursive: true }).catch(() => {});
    const full = e instanceof DOMException && e.name === 'QuotaExceededError';
    useSessions.getState().set({
      writing: null,
      problem: full
        ? `Not remembered: the browser's storage for this page is full (forget a session, or free disk space). The files stay open in this tab.`
        : `Not remembered: ${(e as Error).message}. The files stay open in this tab.`,
    });
  }
  await refreshSessions();
}

/** The remembered session that holds every file a link names (by name, size and fingerprint), the most recent first. */
export async function sessionFor(link: readonly LinkFile[]): Promise<SessionInfo | null> {
  if (link.length === 0) return null;
  const list = await refreshSessions();
  return list.find((s) => link.every((l) => s.files.some((f) => f.name === l.name && f.size === l.size && (!l.hash || !f.hash || f.hash === l.hash)))) ?? null;
}

/** A session's files, opened from their copies (disk-backed Files: nothing is read yet). */
export async function sessionFiles(s: SessionInfo): Promise<{ file: File; path: string }[]> {
  const r = await root();
  if (!r) throw new Error('this browser keeps no sessions');
  const dir = await r.getDirectoryHandle(s.id);
  const out: { file: File; path: string }[] = [];
  for (const f of s.files) {
    const blob = await (await dir.getFileHandle(f.entry)).getFile();
    out.push({ file: new File([blob], f.name, { lastModified: blob.lastModified }), path: f.path });
  }
  return out;
}
