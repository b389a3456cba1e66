// A .zip of logs (TSS, SDP, Get-ClusterDiagnosticInfo output, or any zip) opened where it was
// dropped: its central directory is read from the end of the file, and each entry becomes a
// File of its own — a stored entry is a slice of the zip (no copy), a deflated one is inflated
// by the platform's DecompressionStream('deflate-raw') — so that it flows through the same
// engine as a dropped file. Which entries are read is decided from their first bytes, like any
// input; the rest is listed with why. ZIP64 sizes and offsets are read. Pure web platform
// (Blob, DecompressionStream): runs in a worker, in Node, in tests.

import { sniffBinary, sniffEncoding } from '../formats/encoding.ts';
import { sniffCapture, SNIFF_BYTES } from '../captures/sniff.ts';

export interface ZipEntry {
  /** Path inside the zip, '/'-separated. */
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of its local header in the zip. */
  offset: number;
  encrypted: boolean;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function bytes(blob: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await blob.slice(start, end).arrayBuffer());
}

const u64 = (v: DataView, at: number) => v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;

/** The entries of a zip (files only, in directory order). Throws ZipError naming what is wrong. */
export async function listZip(blob: Blob): Promise<ZipEntry[]> {
  // The end record is in the last 22 + 65535 (comment) bytes.
  const tailStart = Math.max(0, blob.size - (22 + 65_535));
  const tail = await bytes(blob, tailStart, blob.size);
  let at = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError('no end of central directory (the zip is cut short or not a zip)');
  let count = tail.getUint16(at + 10, true);
  let dirSize = tail.getUint32(at + 12, true);
  let dirStart = tail.getUint32(at + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirStart === 0xffffffff) {
    const loc = at - 20;
    if (loc < 0 || tail.getUint32(loc, true) !== EOCD64_LOCATOR) throw new ZipError('a ZIP64 archive without its locator');
    const rec = u64(tail, loc + 8);
    const r = await bytes(blob, rec, rec + 56);
    if (r.getUint32(0, true) !== EOCD64) throw new ZipError('a ZIP64 end record that is not where its locator says');
    count = u64(r, 32);
    dirSize = u64(r, 40);
    dirStart = u64(r, 48);
  }
  if (dirStart + dirSize > blob.size) throw new ZipError(`its directory runs past its end (${dirStart + dirSize} > ${blob.size} bytes: the zip is cut short)`);
  const dir = await bytes(blob, dirStart, dirStart + dirSize);
  const out: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > dir.byteLength || dir.getUint32(p, true) !== CENTRAL) throw new ZipError(`directory entry ${k + 1} of ${count} is damaged`);
    const flags = dir.getUint16(p + 8, true);
    const method = dir.getUint16(p + 10, true);
    let compressedSize = dir.getUint32(p + 20, true);
    let size = dir.getUint32(p + 24, true);
    const nameLen = dir.getUint16(p + 28, true);
    const extraLen = dir.getUint16(p + 30, true);
    const commentLen = dir.getUint16(p + 32, true);
    let offset = dir.getUint32(p + 42, true);
    const raw = new Uint8Array(dir.buffer, dir.byteOffset + p + 46, nameLen);
    // Bit 11: UTF-8 names; older tools write the OEM code page, read here as Windows-1252 (the letters most names use).
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'windows-1252').decode(raw);
    // ZIP64 extra field: the 64-bit values of the fields that hold 0xffffffff, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dir.getUint16(e, true);
      const len = dir.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) { size = u64(dir, q); q += 8; }
        if (compressedSize === 0xffffffff) { compressedSize = u64(dir, q); q += 8; }
        if (offset === 0xffffffff) offset = u64(dir, q);
      }
      e += 4 + len;
    }
    if (!name.endsWith('/')) out.push({ name, method, compressedSize, size, offset, encrypted: (flags & 1) !== 0 });
    p = extraEnd + commentLen;
  }
  return out;
}

/** An entry's content as a Blob: a slice of the zip when stored, inflated when deflated. */
export async function entryBlob(zip: Blob, e: ZipEntry): Promise<Blob> {
  if (e.encrypted) throw new ZipError('it is encrypted');
  const h = await bytes(zip, e.offset, e.offset + 30);
  if (h.getUint32(0, true) !== LOCAL) throw new ZipError('its local header is not where the directory says');
  const start = e.offset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
  const data = zip.slice(start, start + e.compressedSize);
  if (e.method === 0) return data;
  if (e.method !== 8) throw new ZipError(`it is compressed with method ${e.method} (only stored and deflated entries are read)`);
  const out = await new Response(data.stream().pipeThrough(new DecompressionStream('deflate-raw'))).blob();
  if (out.size !== e.size) throw new ZipError(`it inflates to ${out.size} bytes, not the ${e.size} its directory says`);
  return out;
}

export interface ZipOpened {
  /** Entries to load, as files, their path `<zip path>/<entry path>` (so a folder inside names a node). */
  files: { file: File; path: string }[];
  /** Entries not loaded, with why. */
  skipped: { path: string; size: number; why: string }[];
}

/** The name of a cluster log as the tools write it (Get-ClusterLog, TSS, SDP). */
const LOG_NAME = /(?:^|[\\/_.-])cluster(?:\s*\(\d+\))?\.(?:log|txt)$/i;
/** A cluster.log record stamp near a line start (any era: `::2024/08/08-06:50:05.236`). */
const LOG_STAMP = /\d{4}\/\d{2}\/\d{2}-\d{2}:\d{2}:\d{2}\.\d{3}/;

/** Why an entry is not read (null: read it). */
export function entryVerdict(name: string, head: Uint8Array): string | null {
  if (head.length === 0) return 'it is empty';
  const capture = sniffCapture(head);
  if (capture) return null;
  const enc = sniffEncoding(head);
  const binary = sniffBinary(head, enc.encoding);
  if (binary) return /\.evtx$/i.test(name) ? 'an event log in its binary form (.evtx): save it as CSV to read it' : `${binary.replace(/ \(.*\)$/, '')}`;
  const text = new TextDecoder(enc.encoding).decode(head.subarray(enc.bomLength));
  if (LOG_NAME.test(name) || LOG_STAMP.test(text)) return null;
  return 'neither a cluster.log nor a capture export ClusterLens reads';
}

/** Opens a zip: the entries ClusterLens reads as files, the others with why. Throws ZipError for a zip it cannot read at all. */
export async function openZip(zip: Blob, zipPath: string): Promise<ZipOpened> {
  const entries = await listZip(zip);
  const files: ZipOpened['files'] = [];
  const skipped: ZipOpened['skipped'] = [];
  for (const e of entries) {
    const path = `${zipPath}/${e.name}`;
    const base = e.name.split('/').pop() ?? e.name;
    if (/\.zip$/i.test(base)) {
      skipped.push({ path, size: e.size, why: 'a zip inside the zip (open it on its own)' });
      continue;
    }
    let blob: Blob;
    try {
      blob = await entryBlob(zip, e);
    } catch (err) {
      skipped.push({ path, size: e.size, why: err instanceof ZipError ? err.message : `it could not be read (${(err as Error).message})` });
      continue;
    }
    const why = entryVerdict(base, new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()));
    if (why) skipped.push({ path, size: e.size, why });
    else files.push({ file: new File([blob], base), path });
  }
  return { files, skipped };
}

/** Whether the first bytes are a zip's (a local file header). */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}
