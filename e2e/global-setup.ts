// Generates the browser tests' inputs at run time (nothing big is committed), with the
// project's scenario generator, plus a few bad files.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INPUTS } from './paths.ts';

function generate(out: string, args: string[]): void {
  if (existsSync(join(out, 'manifest.json'))) return;
  mkdirSync(out, { recursive: true });
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'generate', '--out', out, ...args], { stdio: 'inherit' });
}

export default function globalSetup(): void {
  mkdirSync(INPUTS, { recursive: true });
  // A 3-node 2016+ incident, as Get-ClusterLog writes it (UTF-16LE with BOM).
  generate(join(INPUTS, 'incident'), ['--seed', '11', '--nodes', '3', '--names', 'SQLN1,SQLN2,SQLN3', '--dialect', 'w2016', '--encoding', 'utf-16le', '--size', '1MB', '--clock-offsets', '0,250,-400']);
  // Older eras.
  generate(join(INPUTS, 'w2008'), ['--seed', '12', '--nodes', '2', '--names', 'OLD1,OLD2', '--dialect', 'w2008', '--encoding', 'utf-8', '--size', '300KB']);
  generate(join(INPUTS, 'w2003'), ['--seed', '13', '--nodes', '2', '--names', 'MUC1,MUC2', '--dialect', 'w2003', '--encoding', 'windows-1252', '--eol', 'lf']);
  // About 2.1 million lines in two files, for scrolling to the very end.
  generate(join(INPUTS, 'big'), ['--seed', '14', '--nodes', '2', '--names', 'BIG1,BIG2', '--dialect', 'w2008', '--encoding', 'utf-8', '--size', '135MB']);
  generate(join(INPUTS, 'nt4'), ['--seed', '15', '--nodes', '2', '--names', 'NT1,NT2', '--dialect', 'nt4']);
  // A 2003 cluster whose service hangs, with each node's System event log (ClusNet 1228 and its aftermath).
  generate(join(INPUTS, 'starved2003'), ['--seed', '7', '--names', 'A1,A2,A3', '--dialect', 'w2003', '--incident', 'clussvc-hang', '--size', '150KB', '--captures']);
  // One node's log collected twice, overlapping in the middle (re-collected logs).
  const twice = join(INPUTS, 'twice');
  if (!existsSync(join(twice, 'b', 'OLD1_cluster.log'))) {
    const text = readFileSync(join(INPUTS, 'w2008', 'OLD1_cluster.log'), 'latin1');
    const lines = text.split('\r\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const a = lines.slice(0, Math.floor(lines.length * 0.6));
    const b = lines.slice(Math.floor(lines.length * 0.4));
    mkdirSync(join(twice, 'a'), { recursive: true });
    mkdirSync(join(twice, 'b'), { recursive: true });
    writeFileSync(join(twice, 'a', 'OLD1_cluster.log'), a.join('\r\n') + '\r\n', 'latin1');
    writeFileSync(join(twice, 'b', 'OLD1_cluster.log'), b.join('\r\n') + '\r\n', 'latin1');
  }
  const bad = join(INPUTS, 'bad');
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(bad, 'empty_cluster.log'), '');
  writeFileSync(join(bad, 'screenshot.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(64).fill(7)]));
  writeFileSync(join(bad, 'notes.txt'), 'Call with the customer at 10:00.\nThe cluster failed over twice.\nNext steps: collect logs.\n');
}
