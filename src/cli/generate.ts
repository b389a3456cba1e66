// `clusterlens generate`: writes a generated multi-node incident (one cluster.log per node and a
// manifest.json). Also runnable on its own: npx tsx src/cli/generate.ts --out DIR [...]

import { pathToFileURL } from 'node:url';
import { writeScenario, type ManifestFile } from '../generator/node-writer.ts';
import { GEN_DIALECTS, INCIDENT_KINDS, type GenDialect, type IncidentKind } from '../generator/model.ts';
import { ENCODINGS, EOLS, type EncodingName, type Eol } from '../generator/encode.ts';
import { PRESETS, defaultStartFor, presetOptions, type PresetName, type WriteOptions } from '../generator/presets.ts';

const USAGE = `usage: clusterlens generate --out DIR [options]
  --out DIR                 output folder (required); writes <node>_cluster.log files and manifest.json
  --preset demo             the bundled demo (3 nodes, w2016, node 1 UTF-16LE); other options override it
  --seed N                  random seed (same options + seed = same bytes)
  --nodes N                 number of nodes (default 3)
  --names A,B,C             node names (sets the number of nodes)
  --incident KIND           network-isolation (default) | resource-failure | rhs-deadlock | clussvc-hang
                            | join-blocked | none (a healthy cluster); resource-failure, rhs-deadlock and
                            join-blocked need w2016/w2008; clussvc-hang on w2000/w2003 writes ClusNet's
                            1228 and its aftermath into the System event log (with --captures)
  --isolated N              id of the node the incident is about (default 2)
  --dialect w2016|w2008|w2003|w2000|nt4
  --pasted                  text as pasted from a viewer/blog (line numbers, curly quotes)
  --encoding utf-8|utf-16le|utf-16be|windows-1252
  --bom / --no-bom          write a byte order mark (default: yes for UTF-16)
  --eol crlf|lf|cr          line endings (default crlf)
  --size 300MB              approximate size of each node's file (B, KB, MB, GB; 1 KB = 1024 B)
  --clock-offsets 0,350,-1200   per-node clock error in ms
  --local-time -420         write local time; the value is local minus UTC in minutes (w2016/w2008)
  --utc-offset -420         the nodes' time zone (local minus UTC, minutes) without writing local time
  --start 2024-08-08T06:50:00Z  first service start (UTC)
  --localized               German object names with non-ASCII letters (default with windows-1252)
  --name-pattern P          file name pattern, {node} = node name (default {node}_cluster.log)
  --captures                also write each node's captures: <node>_procmon.csv, <node>_wireshark.csv,
                            <node>_netmon.txt and <node>_System.csv, in the node's local time`;

class UsageError extends Error {}

const VALUE_OPTIONS = new Set([
  'out', 'preset', 'seed', 'nodes', 'names', 'isolated', 'incident', 'dialect', 'encoding', 'eol', 'size', 'clock-offsets',
  'local-time', 'utc-offset', 'start', 'name-pattern',
]);
const FLAG_OPTIONS = new Set(['pasted', 'bom', 'no-bom', 'localized', 'help', 'captures']);

function parse(argv: string[]): { values: Map<string, string>; flags: Set<string> } {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument '${a}'`);
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (VALUE_OPTIONS.has(name)) {
      // Values may start with '-' (negative offsets), so the next word is always the value.
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      values.set(name, v);
    } else if (FLAG_OPTIONS.has(name)) flags.add(name);
    else throw new UsageError(`unknown option --${name}`);
  }
  return { values, flags };
}

function int(name: string, v: string): number {
  if (!/^[+-]?\d+$/.test(v.trim())) throw new UsageError(`--${name} expects an integer, got '${v}'`);
  return Number(v);
}

function oneOf<T extends string>(name: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return v as T;
}

export function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KIB|MIB|GIB)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`--size expects e.g. 300MB, got '${v}'`);
  const unit = (m[2] ?? 'B').toUpperCase().replace('I', '');
  const mult = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[unit] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

function defaultEncoding(d: GenDialect): EncodingName {
  // Get-ClusterLog (2016+) writes UTF-16LE; pre-2008 logs were ANSI text (formats.md A.0).
  return d === 'w2016' ? 'utf-16le' : d === 'w2008' ? 'utf-8' : 'windows-1252';
}

/** Builds the write options from command-line arguments. */
export function optionsFromArgs(values: Map<string, string>, flags: Set<string>): WriteOptions {
  const preset = values.get('preset');
  const base: WriteOptions = preset
    ? presetOptions(oneOf('preset', preset, PRESETS) as PresetName)
    : { scenario: {}, file: { dialect: 'w2016', encoding: 'utf-16le', bom: true, eol: 'crlf' } };
  const scenario = { ...base.scenario };
  const file = { ...base.file };
  let perNode = base.perNode;

  const dialect = values.get('dialect');
  if (dialect) {
    file.dialect = oneOf('dialect', dialect, GEN_DIALECTS);
    if (!values.has('encoding')) file.encoding = defaultEncoding(file.dialect);
    file.bom = file.encoding.startsWith('utf-16');
    if (!values.has('start')) scenario.start = defaultStartFor(file.dialect);
  }
  const encoding = values.get('encoding');
  if (encoding) {
    file.encoding = oneOf('encoding', encoding, ENCODINGS);
    file.bom = file.encoding.startsWith('utf-16');
  }
  // Explicit file options apply to every node, replacing per-node preset overrides.
  if (dialect || encoding || flags.has('bom') || flags.has('no-bom')) perNode = undefined;
  if (flags.has('bom')) file.bom = true;
  if (flags.has('no-bom')) file.bom = false;
  const eol = values.get('eol');
  if (eol) file.eol = oneOf('eol', eol, EOLS) as Eol;
  if (flags.has('pasted')) file.pasted = true;

  if (values.has('seed')) scenario.seed = int('seed', values.get('seed')!);
  if (values.has('nodes')) scenario.nodes = int('nodes', values.get('nodes')!);
  if (values.has('names')) scenario.nodeNames = values.get('names')!.split(',').map((s) => s.trim()).filter(Boolean);
  if (values.has('incident')) {
    scenario.incident = oneOf('incident', values.get('incident')!, INCIDENT_KINDS) as IncidentKind;
    const legacyOk = scenario.incident === 'network-isolation' || scenario.incident === 'none' || scenario.incident === 'clussvc-hang';
    if (!legacyOk && file.dialect !== 'w2016' && file.dialect !== 'w2008') {
      throw new UsageError(`--incident ${scenario.incident} is written for --dialect w2016 or w2008`);
    }
    if (scenario.incident === 'clussvc-hang' && file.dialect === 'nt4') throw new UsageError('--incident clussvc-hang is written for w2000 and later');
  }
  if (values.has('isolated')) scenario.isolatedNodeId = int('isolated', values.get('isolated')!);
  if (values.has('size')) scenario.targetBytesPerNode = parseSize(values.get('size')!);
  if (values.has('clock-offsets')) scenario.clockOffsetsMs = values.get('clock-offsets')!.split(',').map((s) => int('clock-offsets', s));
  if (values.has('utc-offset')) scenario.utcOffsetMinutes = int('utc-offset', values.get('utc-offset')!);
  if (values.has('local-time')) {
    scenario.utcOffsetMinutes = int('local-time', values.get('local-time')!);
    file.localTime = true;
    if (file.dialect !== 'w2016' && file.dialect !== 'w2008') throw new UsageError('--local-time needs --dialect w2016 or w2008');
  }
  if (values.has('start')) {
    const start = values.get('start')!;
    if (!Number.isFinite(Date.parse(start))) throw new UsageError(`--start expects an ISO time, got '${start}'`);
    scenario.start = start;
  }
  if (flags.has('localized') || file.encoding === 'windows-1252') scenario.localizedNames = true;
  const namePattern = values.get('name-pattern') ?? base.namePattern;
  return { scenario, file, perNode, ...(namePattern ? { namePattern } : {}), ...(flags.has('captures') ? { captures: true } : {}) };
}

function describe(f: ManifestFile): string {
  const enc = f.encoding + (f.bom ? '+BOM' : '');
  const variant = [f.dialect, f.pasted ? 'pasted' : '', f.localTime ? 'local-time' : ''].filter(Boolean).join(' ');
  return `${f.name}\t${f.node}\t${variant}\t${enc}\t${f.eol}\t${f.bytes.toLocaleString('en-US')} bytes\t${f.lines.toLocaleString('en-US')} lines`;
}

export async function runGenerate(argv: string[]): Promise<number> {
  try {
    const { values, flags } = parse(argv);
    if (flags.has('help')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const out = values.get('out');
    if (!out) throw new UsageError('--out DIR is required');
    const opts = optionsFromArgs(values, flags);
    const started = Date.now();
    const manifest = await writeScenario(opts, out, (f) => process.stdout.write(describe(f) + '\n'));
    const s = manifest.scenario;
    process.stderr.write(
      `generated ${manifest.files.length} files in ${out} (${((Date.now() - started) / 1000).toFixed(1)} s): ` +
        `${s.incident.kind === 'none' ? 'a healthy cluster' : s.incident.kind === 'network-isolation' ? `${s.incident.isolatedNode} loses its network at ${s.incident.networkLostAt}` : `${s.incident.kind} on ${s.incident.isolatedNode} at ${s.incident.networkLostAt}`}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`clusterlens generate: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof Error && /isolated node id|at least 2 nodes|invalid start/.test(e.message)) {
      process.stderr.write(`clusterlens generate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

// Run directly: npx tsx src/cli/generate.ts --out DIR ...
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runGenerate(process.argv.slice(2)).then((code) => process.exit(code));
}
