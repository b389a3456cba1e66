// The case file's zip writer: what it writes, the app's zip reader (sources/zip.ts) and Node's
// zlib read back byte for byte, stored or deflated, with UTF-8 names; its CRC-32 is zlib's.
import { crc32 as zlibCrc, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { entryBlob, listZip } from '../../src/sources/zip.ts';
import { crc32, writeZip } from '../../src/share/zip-write.ts';

function text(n: number, seed: number): Uint8Array<ArrayBuffer> {
  const lines: string[] = [];
  let len = 0;
  for (let i = 0; len < n; i++) {
    const l = `00000a8c.00001234::2020/05/12-01:17:${String(i % 60).padStart(2, '0')}.${seed} INFO [RCM] line ${i} of ${seed}\n`;
    lines.push(l);
    len += l.length;
  }
  return new TextEncoder().encode(lines.join('').slice(0, n));
}

describe('zip writer', () => {
  it('computes the CRC-32 that zlib computes, over any split of the bytes', () => {
    const b = text(100_003, 1);
    expect(crc32(b)).toBe(zlibCrc(b));
    expect(crc32(b.subarray(37), crc32(b.subarray(0, 37)))).toBe(zlibCrc(b));
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('writes entries the reader lists and reads back, stored and deflated, UTF-8 names kept', async () => {
    const a = text(9_000_123, 2); // more than one read slice
    const b = text(4321, 3);
    const zip = await writeZip([
      { name: 'clusterlens-case.json', data: new Blob(['{"x":1}']), deflate: false },
      { name: 'files/1/Cluster.log', data: new Blob([a]), deflate: true },
      { name: 'files/2/Überwachung.csv', data: new Blob([b]), deflate: false },
    ], { modified: new Date(2026, 11, 7, 9, 30) });
    const entries = await listZip(zip);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['clusterlens-case.json', 0, 7], ['files/1/Cluster.log', 8, a.length], ['files/2/Überwachung.csv', 0, b.length],
    ]);
    expect(entries[1].compressedSize).toBeLessThan(a.length / 5);
    const back = async (i: number) => new Uint8Array(await (await entryBlob(zip, entries[i])).arrayBuffer());
    // (Buffer.equals: a deep equality of 9 MB element by element takes minutes)
    expect(Buffer.from(await back(1)).equals(a)).toBe(true);
    expect(Buffer.from(await back(2)).equals(b)).toBe(true);
    // Node's own inflate agrees with the bytes at the local header's data offset.
    const all = new Uint8Array(await zip.arrayBuffer());
    const dv = new DataView(all.buffer);
    const at = entries[1].offset;
    const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
    expect(inflateRawSync(all.subarray(start, start + entries[1].compressedSize)).equals(a)).toBe(true);
    expect(dv.getUint32(at + 14, true)).toBe(zlibCrc(a));
  });

  it('reports its progress in input bytes', async () => {
    const seen: number[] = [];
    await writeZip([{ name: 'a', data: new Blob([text(20_000, 4)]), deflate: true }], { onProgress: (d, t) => seen.push(d / t) });
    expect(seen.at(-1)).toBe(1);
  });
});
