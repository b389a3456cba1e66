// Redaction applied to what leaves the tab: an input's bytes (in its own encoding, slice by
// slice, whole lines at a time, so a line is never cut between two masks) and a view state (its
// file names, nodes, lanes, groups, filters, search and notes), with one Redactor so that the
// same value gets the same token in all of them.

import { ContentHasher, joinHash } from '../base/content-hash.ts';
import type { LinkState } from './permalink.ts';
import type { Redactor } from './redact.ts';

/** Code pages whose multi-byte characters can hold ASCII bytes: their bytes cannot be read as characters one by one. */
const MULTIBYTE = /^(shift_jis|gbk|gb18030|big5|euc-kr|euc-jp|iso-2022-jp)$/i;
const SLICE = 4 << 20;

export class RedactError extends Error {}

/** Whether an input in this encoding can be redacted (null) or why not. */
export function redactableEncoding(encoding: string): string | null {
  return MULTIBYTE.test(encoding) ? `its code page (${encoding}) has multi-byte characters that can hold ASCII bytes: it is left out, not sent unmasked` : null;
}

/** Bytes as a string of the same length, one character per byte (ASCII stays ASCII; the rest comes back unchanged). */
function bytesToChars(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return s;
}

function charsToBytes(s: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function utf16Bytes(s: string, bigEndian: boolean): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(s.length * 2);
  const v = new DataView(out.buffer);
  for (let i = 0; i < s.length; i++) v.setUint16(i * 2, s.charCodeAt(i), !bigEndian);
  return out;
}

/**
 * The input with every match masked, in its own encoding (a UTF-16 file stays UTF-16 with its
 * BOM; UTF-8 and single-byte code pages are read byte for byte, so their other characters come
 * back unchanged). `step` runs between slices (the app yields to the page there).
 */
export async function redactBlob(blob: Blob, encoding: string, r: Redactor, step?: (done: number) => Promise<void>): Promise<Blob> {
  return (await redactInput(blob, encoding, r, step)).blob;
}

/** As redactBlob, with the masked bytes' content fingerprint. */
export async function redactInput(blob: Blob, encoding: string, r: Redactor, step?: (done: number) => Promise<void>): Promise<{ blob: Blob; hash: string }> {
  const why = redactableEncoding(encoding);
  if (why) throw new RedactError(why);
  const enc = encoding.toLowerCase();
  const wide = enc === 'utf-16le' || enc === 'utf-16be';
  const decoder = wide ? new TextDecoder(enc, { ignoreBOM: true }) : null;
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const hasher = new ContentHasher();
  let size = 0;
  let carry = '';
  const emit = (text: string) => {
    const masked = r.text(text);
    const b = wide ? utf16Bytes(masked, enc === 'utf-16be') : charsToBytes(masked);
    hasher.push(b);
    size += b.length;
    parts.push(b);
  };
  for (let o = 0; o < blob.size; o += SLICE) {
    const bytes = new Uint8Array(await blob.slice(o, Math.min(blob.size, o + SLICE)).arrayBuffer());
    const last = o + SLICE >= blob.size;
    const text = carry + (decoder ? decoder.decode(bytes, { stream: !last }) : bytesToChars(bytes));
    // Whole lines only: the rest waits for the next slice.
    const cut = last ? text.length : text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    if (cut > 0) emit(text.slice(0, cut));
    await step?.(Math.min(blob.size, o + SLICE));
  }
  if (carry) emit(carry);
  return { blob: new Blob(parts), hash: joinHash([hasher.part()], size)! };
}

/** A text of the view: masked; a lower-cased key (lanes, tracks) stays lower-cased. */
function viewText(r: Redactor, s: string): string {
  const m = r.text(s);
  return s === s.toLowerCase() ? m.toLowerCase() : m;
}

/** The view with its names masked like the inputs (`files` gets the masked inputs' names and sizes by the caller). */
export function redactState(v: LinkState, r: Redactor): LinkState {
  const t = (s: string) => viewText(r, s);
  // Keys join a node and a track or group with U+0000: each part is masked.
  const key = (s: string) => s.split('\u0000').map(t).join('\u0000');
  return {
    ...v,
    files: v.files.map((f) => ({ ...f, name: r.text(f.name), ...(f.node ? { node: r.text(f.node) } : {}) })),
    view: { ...v.view, components: [...v.view.components] },
    // (a regex too: a name in it would leak; a mask may change what it matches, the recipient sees it)
    search: v.search ? { ...v.search, text: r.text(v.search.text) } : null,
    events: { ...v.events, nodes: v.events.nodes.map(t), name: r.text(v.events.name) },
    timeline: {
      ...v.timeline, axis: t(v.timeline.axis), laneOrder: v.timeline.laneOrder.map(t), hiddenLanes: v.timeline.hiddenLanes.map(t), collapsedLanes: v.timeline.collapsedLanes.map(t),
      collapsedTracks: v.timeline.collapsedTracks.map(key), expandedTracks: v.timeline.expandedTracks.map(key), expandedGroups: v.timeline.expandedGroups.map(key),
    },
    notes: v.notes.map((n) => ({ ...n, text: r.text(n.text) })),
  };
}
