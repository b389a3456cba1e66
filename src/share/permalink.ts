// The permalink's codec (issue 12, first piece): the whole view as a versioned state, JSON,
// deflated (CompressionStream 'deflate-raw') and written as base64url after a format marker, for
// the URL fragment (never sent to a server). Reading one is defensive: a link is untrusted
// input. It is refused, with a message saying why, when it is too long, not base64url, does not
// inflate, inflates past a cap, is not JSON, or does not have the schema's shape. An older
// version is brought up to date one step at a time (UPGRADERS), so that links made today still
// open after later issues add to the state. The schema is docs/permalink.md. Pure: no DOM.

import { concatBytes, readAll } from '../base/streams.ts';
import type { EventFilter } from '../engine/api.ts';
import type { CaptureAlignment } from '../ingest/types.ts';

export const LINK_VERSION = 2;
/** What starts an encoded state: the codec (deflate-raw + base64url), not the schema version (that is inside). */
export const LINK_MARKER = 'cl1.';
/** Longest fragment read (a chat or a ticket takes a few thousand characters; notes may need the case file). */
export const MAX_LINK_CHARS = 16_384;
/** Most bytes a link may inflate to (a deflate bomb stops here). */
export const MAX_STATE_BYTES = 512 * 1024;

/** An input the view needs: how it is recognized, and the per-file choices the view rests on. */
export interface LinkFile {
  name: string;
  size: number;
  /** Content hash computed while parsing (later piece of issue 12); absent until then. */
  hash?: string;
  node?: string;
  timeBase?: { base: 'utc' | 'local'; utcOffsetMinutes: number | null };
  alignment?: CaptureAlignment;
  /** A log's clock correction in ms (the skew estimate's, applied by the user). */
  clockMs?: number;
}

export interface LinkStateV1 {
  v: 1;
  files: LinkFile[];
  /** The raw view's filters; `hiddenFiles` are indexes into `files`. */
  view: { minLevel: number; components: string[]; from: number | null; to: number | null; onlyHits: boolean; context: number; expandAll: boolean; hiddenFiles: number[] };
  search: { text: string; regex: boolean; caseSensitive: boolean } | null;
  timeMode: 'utc' | 'local';
  /** The timeline's visible window (UTC ms), null: everything. */
  domain: [number, number] | null;
  events: EventFilter;
  timeline: {
    open: boolean; axis: string; laneOrder: string[]; hiddenLanes: string[]; collapsedLanes: string[];
    hiddenTracks: string[]; collapsedTracks: string[]; expandedTracks: string[]; expandedGroups: string[];
  };
  /** The selected line: file index and 0-based line. */
  selected: { file: number; line: number } | null;
}

/**
 * A note as a link holds it: `t` the moment or a range's start (UTC ms; null: a line before its
 * file's first record), `t1` a range's end, `file`/`line` the line it is pinned to (a file index),
 * `event` the catalogue event that line is.
 */
export interface LinkNote {
  text: string;
  t: number | null;
  t1?: number;
  file?: number;
  line?: number;
  event?: string;
}

/** Version 2 (notes): version 1 and the view's notes. */
export interface LinkStateV2 extends Omit<LinkStateV1, 'v'> {
  v: 2;
  notes: LinkNote[];
}

export type LinkState = LinkStateV2;

/** One step up: from the version of its key to the next. */
export type Upgraders = Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
export const UPGRADERS: Upgraders = {
  /** Version 1 had no notes. */
  1: (old) => ({ ...old, notes: [] }),
};

export type Decoded = { ok: true; state: LinkState; upgradedFrom: number | null } | { ok: false; why: string };

// ---- base64url ----

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

// ---- deflate ----

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, cap = Infinity): Promise<Uint8Array> {
  const got = await readAll(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream), cap);
  if (!got) throw new RangeError(`it inflates past ${cap} bytes`);
  return concatBytes(got.parts, got.bytes);
}

/** The fragment text for a state (without the `#`). */
export async function encodeState(state: LinkState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return LINK_MARKER + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** Reads a fragment (with or without its `#`, or a whole URL): the state, or why not. */
export async function decodeState(text: string, upgraders: Upgraders = UPGRADERS): Promise<Decoded> {
  let frag = text.trim();
  const hash = frag.indexOf('#');
  if (hash >= 0) frag = frag.slice(hash + 1);
  if (frag.length > MAX_LINK_CHARS) return { ok: false, why: `the link is ${frag.length} characters long, more than the ${MAX_LINK_CHARS} a link may have (a view with notes travels as a case file)` };
  if (!frag.startsWith(LINK_MARKER)) return { ok: false, why: 'the link holds no ClusterLens view (it does not start with cl1.)' };
  const bytes = fromBase64Url(frag.slice(LINK_MARKER.length));
  if (!bytes) return { ok: false, why: 'the link is damaged: it is not base64url text (was it cut or edited?)' };
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_STATE_BYTES));
  } catch (e) {
    return { ok: false, why: e instanceof RangeError ? `the link is refused: ${e.message}` : 'the link is damaged: its data does not inflate (was it cut or edited?)' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, why: 'the link is damaged: its data is not JSON' };
  }
  return readState(raw, upgraders);
}

/**
 * A view state read from JSON (a link's, or a case file's manifest): brought up to the current
 * version step by step, then checked field by field. The state, or why not.
 */
export function readState(raw: unknown, upgraders: Upgraders = UPGRADERS): Decoded {
  if (!isObject(raw) || typeof raw.v !== 'number' || !Number.isInteger(raw.v)) return { ok: false, why: 'the link has no version' };
  const from = raw.v;
  if (from > LINK_VERSION) return { ok: false, why: `the link was made by a newer ClusterLens (view version ${from}; this one reads up to ${LINK_VERSION})` };
  let cur: Record<string, unknown> = raw;
  for (let v = from; v < LINK_VERSION; v++) {
    const step = upgraders[v];
    if (!step) return { ok: false, why: `the link's view version ${from} can no longer be read` };
    cur = { ...step(cur), v: v + 1 };
  }
  const problem = checkState(cur);
  if (problem) return { ok: false, why: `the link's view is not valid: ${problem}` };
  return { ok: true, state: cur as unknown as LinkState, upgradedFrom: from === LINK_VERSION ? null : from };
}

// ---- the schema, checked field by field (a link is untrusted input) ----

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

type Check = (x: unknown, at: string) => string | null;
const num: Check = (x, at) => (typeof x === 'number' && Number.isFinite(x) ? null : `${at} is not a number`);
const int: Check = (x, at) => (Number.isInteger(x) && (x as number) >= 0 ? null : `${at} is not a whole number`);
const bool: Check = (x, at) => (typeof x === 'boolean' ? null : `${at} is not true or false`);
const str = (max = 4096): Check => (x, at) => (typeof x === 'string' && x.length <= max ? null : `${at} is not a text (of at most ${max} characters)`);
const nullable = (c: Check): Check => (x, at) => (x === null ? null : c(x, at));
const optional = (c: Check): Check => (x, at) => (x === undefined ? null : c(x, at));
const oneOf = (...vs: readonly string[]): Check => (x, at) => (typeof x === 'string' && vs.includes(x) ? null : `${at} is not one of ${vs.join(', ')}`);
const list = (c: Check, max = 10_000): Check => (x, at) => {
  if (!Array.isArray(x) || x.length > max) return `${at} is not a list (of at most ${max})`;
  for (let i = 0; i < x.length; i++) {
    const p = c(x[i], `${at}[${i}]`);
    if (p) return p;
  }
  return null;
};
const obj = (shape: Record<string, Check>): Check => (x, at) => {
  if (!isObject(x)) return `${at} is not an object`;
  for (const [k, c] of Object.entries(shape)) {
    const p = c(x[k], at ? `${at}.${k}` : k);
    if (p) return p;
  }
  for (const k of Object.keys(x)) if (!(k in shape)) return `${at ? `${at}.` : ''}${k} is not part of the view`;
  return null;
};
const pair: Check = (x, at) => (Array.isArray(x) && x.length === 2 && !num(x[0], at) && !num(x[1], at) && (x[0] as number) <= (x[1] as number) ? null : `${at} is not a time range`);

const SHAPE_V1: Record<string, Check> = {
  v: (x, at) => (x === 1 ? null : `${at} is not 1`),
  files: list(obj({
    name: str(1024), size: int, hash: optional(str(128)), node: optional(str(256)),
    timeBase: optional(obj({ base: oneOf('utc', 'local'), utcOffsetMinutes: nullable(num) })),
    alignment: optional(obj({ date: optional(nullable(str(32))), utcOffsetMinutes: optional(nullable(num)), fineMs: optional(num), raw: optional(bool) })),
    clockMs: optional(num),
  }), 1000),
  view: obj({
    minLevel: int, components: list(str(256), 1000), from: nullable(num), to: nullable(num), onlyHits: bool, context: int, expandAll: bool,
    hiddenFiles: list(int, 1000),
  }),
  search: nullable(obj({ text: str(4096), regex: bool, caseSensitive: bool })),
  timeMode: oneOf('utc', 'local'),
  domain: nullable(pair),
  events: obj({ families: list(str(64), 64), kinds: list(str(64), 512), nodes: list(str(256), 1000), name: str(1024), verifiedOnly: bool, minSeverity: int }),
  timeline: obj({
    open: bool, axis: str(256), laneOrder: list(str(256), 1000), hiddenLanes: list(str(256), 1000), collapsedLanes: list(str(256), 1000),
    hiddenTracks: list(str(64), 64), collapsedTracks: list(str(512), 10_000), expandedTracks: list(str(512), 10_000), expandedGroups: list(str(1024), 10_000),
  }),
  selected: nullable(obj({ file: int, line: int })),
};

const checkV2 = obj({
  ...SHAPE_V1,
  v: (x, at) => (x === 2 ? null : `${at} is not 2`),
  notes: list(obj({ text: str(4000), t: nullable(num), t1: optional(num), file: optional(int), line: optional(int), event: optional(str(64)) }), 200),
});

/** Whether `state` has the schema's shape (null) or what is wrong with it. */
export function checkState(state: unknown): string | null {
  const p = checkV2(state, '');
  if (p) return p;
  const s = state as LinkStateV2;
  // What refers to a file refers to one of the link's.
  const bad = (k: number | undefined) => k !== undefined && k >= s.files.length;
  if (s.selected && bad(s.selected.file)) return 'selected.file is not one of the link\'s files';
  for (let i = 0; i < s.notes.length; i++) {
    const n = s.notes[i];
    if (bad(n.file)) return `notes[${i}].file is not one of the link's files`;
    if ((n.file === undefined) !== (n.line === undefined)) return `notes[${i}] has a file without a line, or a line without a file`;
    if (n.t1 !== undefined && (n.t === null || n.t1 < n.t)) return `notes[${i}] is not a time range`;
    if (n.file === undefined && n.t === null) return `notes[${i}] is pinned to nothing`;
  }
  return null;
}
