// Node-only: writes one `<node>_cluster.log` per node plus manifest.json. Kept apart from the
// rest of the generator so that everything else stays browser-safe.

import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildScenario } from './scenario.ts';
import { renderNodeBatches } from './render.ts';
import { encodeLineBatches } from './encode.ts';
import { summarizeScenario, type ScenarioSummary } from './summary.ts';
import { defaultStartFor, type NodeFileOptions, type WriteOptions } from './presets.ts';
import type { GenDialect } from './model.ts';
import { yearMonth } from './clock.ts';
import { captureTruth, renderCaptures, type CaptureTruth, type GeneratedCaptureKind } from './captures.ts';

export interface ManifestFile {
  /** File name relative to the manifest. */
  name: string;
  node: string;
  nodeId: number;
  dialect: GenDialect;
  pasted: boolean;
  localTime: boolean;
  encoding: string;
  bom: boolean;
  eol: string;
  bytes: number;
  lines: number;
  /** NT4 logs carry only the day of month: the `YYYY-MM` a reader must be given. */
  month?: string;
}

export interface ManifestCapture {
  name: string;
  node: string;
  kind: GeneratedCaptureKind;
  rows: number;
  bytes: number;
  /** What its alignment must come out as (the node's offset and clock, the rows' latency to their log lines). */
  truth: CaptureTruth;
}

export interface Manifest {
  generator: { name: 'clusterlens-generator'; version: 1 };
  scenario: ScenarioSummary;
  files: ManifestFile[];
  captures?: ManifestCapture[];
}

export function fileOptionsFor(opts: WriteOptions, index: number): NodeFileOptions {
  return { ...opts.file, ...(opts.perNode?.[index] ?? {}) };
}

export async function writeScenario(
  opts: WriteOptions, outDir: string, onFile?: (f: ManifestFile) => void,
): Promise<Manifest> {
  const firstDialect = fileOptionsFor(opts, 0).dialect;
  const scenario = buildScenario({ start: defaultStartFor(firstDialect), ...opts.scenario });
  await mkdir(outDir, { recursive: true });
  const files: ManifestFile[] = [];
  for (let i = 0; i < scenario.nodes.length; i++) {
    const node = scenario.nodes[i];
    const f = fileOptionsFor(opts, i);
    const name = (opts.namePattern ?? '{node}_cluster.log').replaceAll('{node}', node.name);
    let lines = 0;
    const texts = function* (): Generator<string[]> {
      for (const batch of renderNodeBatches(scenario, i, { ...f, targetBytes: scenario.targetBytesPerNode })) {
        lines += batch.length;
        yield batch.map((l) => l.text);
      }
    };
    const fh = await open(join(outDir, name), 'w');
    let bytes = 0;
    try {
      for (const chunk of encodeLineBatches(texts(), f)) {
        await fh.write(chunk);
        bytes += chunk.length;
      }
    } finally {
      await fh.close();
    }
    const entry: ManifestFile = {
      name, node: node.name, nodeId: node.id, dialect: f.dialect, pasted: f.pasted ?? false, localTime: f.localTime ?? false,
      encoding: f.encoding, bom: f.bom && f.encoding !== 'windows-1252', eol: f.eol, bytes, lines,
      ...(f.dialect === 'nt4' ? { month: yearMonth(scenario.start + node.clockOffsetMs) } : {}),
    };
    files.push(entry);
    onFile?.(entry);
  }
  const captures: ManifestCapture[] = [];
  if (opts.captures) {
    for (let i = 0; i < scenario.nodes.length; i++) {
      for (const c of renderCaptures(scenario, i, fileOptionsFor(opts, i).dialect)) {
        const bytes = Buffer.from(c.text, 'utf8');
        await writeFile(join(outDir, c.name), bytes);
        captures.push({ name: c.name, node: scenario.nodes[i].name, kind: c.kind, rows: c.rows, bytes: bytes.length, truth: captureTruth(scenario, i) });
      }
    }
  }
  const manifest: Manifest = { generator: { name: 'clusterlens-generator', version: 1 }, scenario: summarizeScenario(scenario), files, ...(opts.captures ? { captures } : {}) };
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
