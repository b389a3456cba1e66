// Zips: a zip of a generated incident (logs and captures in node folders, plus files it does
// not read) loads like the files themselves; the entries it skips are named with why; a zip
// cut short or with an unknown method says what is wrong; ZIP64 end records are read.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listZip, openZip } from '../../src/sources/zip.ts';
import { generateSilent } from '../helpers/generate-silent.ts';
import { engine } from '../helpers/in-thread-engine.ts';
import { makeZip } from '../helpers/zip-writer.ts';

describe('zips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlens-zip-'));
  let names: string[] = [];
  beforeAll(async () => {
    await generateSilent(dir, ['--nodes', '2', '--seed', '4', '--captures', '--utc-offset', '-300']);
    names = readdirSync(dir).filter((n) => n !== 'manifest.json').sort();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** TSS-like: each node's files in its folder, deflated or stored, with files ClusterLens does not read. */
  const tss = () => new File([makeZip([
    ...names.map((n, i) => ({ name: `TSS_case/${n.split('_')[0]}/${n.replace(/^[^_]+_/, '')}`, data: new Uint8Array(readFileSync(join(dir, n))), deflate: i % 2 === 0 })),
    { name: 'TSS_case/SQLNODE1/System.evtx', data: new Uint8Array([0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0, 1, 2, 3]) },
    { name: 'TSS_case/SQLNODE1/msinfo32.txt', data: new TextEncoder().encode('System Information report written at: 08/08/2024\r\n') },
    { name: 'TSS_case/empty/', data: new Uint8Array(0) },
  ])], 'TSS_case.zip');

  it('loads like the files themselves: same lines, same nodes, captures aligned the same', async () => {
    const loose = engine(1, Infinity);
    const zipped = engine(1, Infinity);
    try {
      loose.store.handle({ t: 'add', files: names.map((n) => ({ file: new File([readFileSync(join(dir, n))], n), path: `x/${n}` })), replace: true, demo: false });
      zipped.store.handle({ t: 'add', files: [{ file: tss(), path: 'TSS_case.zip' }], replace: true, demo: false });
      const ready = (s: { loading: boolean; files: { facts: { status: string; capture: { alignment: unknown } | null } }[] }) =>
        !s.loading && s.files.length === names.length && s.files.every((f) => f.facts.status === 'done' && (!f.facts.capture || f.facts.capture.alignment !== null));
      const a = await loose.until(ready);
      const b = await zipped.until(ready);
      const facts = (s: typeof a) => s.files.map((f) => ({ node: f.facts.node, kind: f.facts.kind, lines: f.facts.lines, tb: f.facts.timeBase.utcOffsetMinutes, skew: f.facts.timeBase.skewMs })).sort((x, y) => `${x.node}${x.kind}${x.lines}`.localeCompare(`${y.node}${y.kind}${y.lines}`));
      expect(facts(b)).toEqual(facts(a));
      expect(b.viewRows).toBe(a.viewRows);
      // Each node from its folder inside the zip.
      expect(b.files.find((f) => f.facts.path === 'TSS_case.zip/TSS_case/SQLNODE2/procmon.csv')?.facts.node).toBe('SQLNODE2');
      expect(b.skipped.items).toEqual([
        { path: 'TSS_case.zip/TSS_case/SQLNODE1/System.evtx', size: 11, why: 'an event log in its binary form (.evtx): save it as CSV to read it' },
        { path: 'TSS_case.zip/TSS_case/SQLNODE1/msinfo32.txt', size: 50, why: 'neither a cluster.log nor a capture export ClusterLens reads' },
      ]);
    } finally {
      loose.close();
      zipped.close();
    }
  }, 60_000);

  it('ZIP64 end records; a zip cut short, or an entry in a method it does not know, says what is wrong', async () => {
    const data = new TextEncoder().encode('00000d18.00000d1c::2020/05/11-21:16:17.902 INFO  [CS] Starting clussvc as a service\r\n');
    const z64 = makeZip([{ name: 'SVR12/Cluster.log', data }], { zip64: true });
    expect((await listZip(new Blob([z64]))).map((e) => [e.name, e.size])).toEqual([['SVR12/Cluster.log', data.length]]);
    const opened = await openZip(new Blob([z64]), 'a.zip');
    expect(opened.files.map((f) => [f.path, f.file.size])).toEqual([['a.zip/SVR12/Cluster.log', data.length]]);
    await expect(listZip(new Blob([z64.slice(0, z64.length - 30)]))).rejects.toThrow(/no end of central directory|cut short/);
    const odd = makeZip([{ name: 'x/Cluster.log', data, deflate: false }]);
    new DataView(odd.buffer).setUint16(odd.length - 22 - 46 - 'x/Cluster.log'.length + 10, 12, true); // method 12 (bzip2) in the directory
    new DataView(odd.buffer).setUint16(8, 12, true);
    const o = await openZip(new Blob([odd]), 'b.zip');
    expect(o.skipped).toEqual([{ path: 'b.zip/x/Cluster.log', size: data.length, why: 'it is compressed with method 12 (only stored and deflated entries are read)' }]);
  });
});
