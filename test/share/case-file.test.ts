// The case file: the inputs and the view go into one zip and come back the same (paths, bytes,
// view, notes); a damaged or foreign one is refused saying what is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_FILTER } from '../../src/engine/api.ts';
import { contentHash } from '../../src/base/content-hash.ts';
import { CASE_MANIFEST, CaseFileError, isCaseFile, readCaseFile, writeCaseFile, type CaseInput } from '../../src/share/case-file.ts';
import type { LinkState } from '../../src/share/permalink.ts';
import { writeZip } from '../../src/share/zip-write.ts';
import { listZip } from '../../src/sources/zip.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'incident-2node');
const bytes = (d: string) => new Uint8Array(readFileSync(join(FIX, d, 'Cluster.log')));
const a = bytes('first');
const b = bytes('second');
const inputs: CaseInput[] = [
  { name: 'Cluster.log', path: 'incident/first/Cluster.log', data: new Blob([a]), hash: contentHash(a) },
  { name: 'Cluster.log', path: 'C:\\..\\..\\second/Cluster.log', data: new Blob([b]), hash: contentHash(b) },
];
const view: LinkState = {
  v: 2,
  files: [{ name: 'Cluster.log', size: a.length, hash: contentHash(a) }, { name: 'Cluster.log', size: b.length, hash: contentHash(b), node: 'SVR13' }],
  view: { minLevel: 3, components: [], from: null, to: null, onlyHits: false, context: 0, expandAll: false, hiddenFiles: [] },
  search: null, timeMode: 'utc', domain: [Date.UTC(2020, 4, 12, 1, 17), Date.UTC(2020, 4, 12, 1, 18)], events: { ...DEFAULT_EVENT_FILTER },
  timeline: { open: true, axis: '', laneOrder: [], hiddenLanes: [], collapsedLanes: [], hiddenTracks: [], collapsedTracks: [], expandedTracks: [], expandedGroups: [] },
  selected: { file: 1, line: 9 },
  notes: [{ text: 'quorum <lost>', t: Date.UTC(2020, 4, 12, 1, 17, 51, 909), file: 1, line: 9 }],
};

describe('case file', () => {
  it('carries the inputs (paths, bytes) and the view with its notes, and reads back the same', async () => {
    const zip = await writeCaseFile(inputs, view, { created: new Date(Date.UTC(2026, 11, 7, 10)) });
    expect(await isCaseFile(zip)).toBe(true);
    const names = (await listZip(zip)).map((e) => e.name);
    // The manifest first; each input in its own folder; no entry can climb out of the folder it is unzipped in.
    expect(names).toEqual([CASE_MANIFEST, 'inputs/1/incident/first/Cluster.log', 'inputs/2/second/Cluster.log']);
    const c = await readCaseFile(zip, 'case.zip');
    expect(c.manifest.view).toEqual(view);
    expect(c.manifest.created).toBe('2026-12-07T10:00:00.000Z');
    expect(c.manifest.redaction).toBeNull();
    expect(c.inputs.map((i) => [i.file.name, i.path])).toEqual([['Cluster.log', 'incident/first/Cluster.log'], ['Cluster.log', 'C:\\..\\..\\second/Cluster.log']]);
    expect(new Uint8Array(await c.inputs[1].file.arrayBuffer())).toEqual(b);
  });

  it('is not mistaken for a zip of logs, nor a zip of logs for it', async () => {
    expect(await isCaseFile(await writeZip([{ name: 'SQLN1/Cluster.log', data: new Blob([a]), deflate: true }]))).toBe(false);
    expect(await isCaseFile(new Blob([a]))).toBe(false);
  });

  it('refuses a damaged or foreign one, saying what is wrong', async () => {
    const refused = async (zip: Blob) => {
      const e = await readCaseFile(zip, 'case.zip').then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(CaseFileError);
      return (e as Error).message;
    };
    const good = await writeCaseFile(inputs, view);
    const manifest = JSON.parse(await (await import('../../src/sources/zip.ts')).entryBlob(good, (await listZip(good))[0]).then((x) => x.text()));
    const zipWith = (m: unknown, files = [{ name: manifest.files[0].entry, data: new Blob([a]) }, { name: manifest.files[1].entry, data: new Blob([b]) }]) =>
      writeZip([{ name: CASE_MANIFEST, data: new Blob([typeof m === 'string' ? m : JSON.stringify(m)]), deflate: false }, ...files.map((f) => ({ ...f, deflate: false }))]);
    expect(await refused(await zipWith('{'))).toBe('case.zip: its manifest is not JSON (was the zip changed?)');
    expect(await refused(await zipWith({ ...manifest, format: 'other' }))).toBe("case.zip: its manifest is not a ClusterLens case file's");
    expect(await refused(await zipWith({ ...manifest, version: 7 }))).toMatch(/newer ClusterLens \(case file version 7/);
    expect(await refused(await zipWith({ ...manifest, view: { ...view, script: 1 } }))).toBe('case.zip: its view cannot be opened: the view is not valid: script is not part of the view');
    expect(await refused(await zipWith(manifest, [{ name: manifest.files[0].entry, data: new Blob([a]) }]))).toBe('case.zip: C:\\..\\..\\second/Cluster.log is listed but not in the zip (inputs/2/second/Cluster.log)');
    expect(await refused(await zipWith(manifest, [{ name: manifest.files[0].entry, data: new Blob([a]) }, { name: manifest.files[1].entry, data: new Blob([b.subarray(1)]) }])))
      .toBe(`case.zip: C:\\..\\..\\second/Cluster.log is ${b.length - 1} bytes in the zip, its manifest says ${b.length}`);
    expect(await refused(await writeZip([{ name: 'x.log', data: new Blob([a]), deflate: false }]))).toBe('case.zip: not a ClusterLens case file (no clusterlens-case.json in it)');
    expect(await refused(new Blob([a]))).toMatch(/^case\.zip: no end of central directory/);
  });
});

describe('the CLI reads a case file', () => {
  it('as its inputs, with the view\'s node choices: the same lines and summaries as the loose files', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = join(import.meta.dirname, '..', '..');
    const dir = mkdtempSync(join(tmpdir(), 'clusterlens-case-'));
    try {
      // The view names the logs' nodes (the user's choices): the CLI applies them as --node would.
      const zip = await writeCaseFile(inputs, { ...view, files: [{ ...view.files[0], node: 'SVR12' }, { ...view.files[1], node: 'WITNESS13' }] });
      const path = join(dir, 'case.zip');
      writeFileSync(path, new Uint8Array(await zip.arrayBuffer()));
      const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
      const fromCase = cli('lines', path);
      expect(fromCase.status).toBe(0);
      expect(fromCase.stderr).toBe('clusterlens: ' + path + ': case file of 2 inputs, written ' + (fromCase.stderr.match(/written (\S+?),/)?.[1] ?? '?') + ', 1 note\n');
      const loose = cli('lines', join(FIX, 'first', 'Cluster.log'), join(FIX, 'second', 'Cluster.log'), '--node', 'SVR12', '--node', 'WITNESS13');
      expect(fromCase.stdout).toBe(loose.stdout);
      expect(fromCase.stdout).toContain('\tWITNESS13\t');
      const summary = JSON.parse(cli('summary', path).stdout) as { file: string; node: string }[];
      expect(summary.map((s) => [s.file, s.node])).toEqual([['incident/first/Cluster.log', 'SVR12'], ['C:\\..\\..\\second/Cluster.log', 'WITNESS13']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
