// Named option sets. `demo` is the bundled example in public/demo/.

import type { GenDialect, ScenarioOptions } from './model.ts';
import type { EncodingName, Eol } from './encode.ts';

export interface NodeFileOptions {
  dialect: GenDialect;
  pasted?: boolean;
  encoding: EncodingName;
  bom: boolean;
  eol: Eol;
  /** Prefix timestamps in local time (w2016/w2008). */
  localTime?: boolean;
}

export interface WriteOptions {
  scenario: ScenarioOptions;
  /** Defaults for every node's file. */
  file: NodeFileOptions;
  /** Per-node overrides (index = node index). */
  perNode?: Array<Partial<NodeFileOptions> | undefined>;
  /** File name; `{node}` is replaced by the node name. Default `{node}_cluster.log` (Get-ClusterLog -Destination). */
  namePattern?: string;
  /** Also write each node's captures (Procmon CSV, Wireshark CSV, Netmon TSV, System event log CSV): generator/captures.ts. */
  captures?: boolean;
}

/** A start date that fits the era, so that dialect detection by year (A.9) works. */
export function defaultStartFor(dialect: GenDialect): string {
  switch (dialect) {
    case 'w2016': return '2024-08-08T06:50:00Z';
    case 'w2008': return '2014-06-10T07:30:00Z';
    case 'w2003': return '2006-03-14T18:00:00Z';
    case 'w2000': return '2001-06-09T18:00:00Z';
    case 'nt4': return '1999-06-09T18:00:00Z';
  }
}

export const PRESETS = ['demo'] as const;
export type PresetName = (typeof PRESETS)[number];

/**
 * demo: a 3-node AG cluster on WS2019 where SQLNODE2 drops off the network and its AG fails over
 * to SQLNODE1. Node 1 is UTF-16LE with BOM (what Get-ClusterLog writes), the others UTF-8;
 * SQLNODE3's clock runs 350 ms ahead.
 */
export function demoPreset(): WriteOptions {
  return {
    scenario: {
      seed: 20240808, clusterName: 'SQLCLUSTER', nodes: 3, clockOffsetsMs: [0, 0, 350], utcOffsetMinutes: -420,
      start: '2024-08-08T06:50:00Z', steadyStateMs: 9 * 60_000, noiseRate: 2.5,
    },
    file: { dialect: 'w2016', encoding: 'utf-8', bom: false, eol: 'crlf' },
    perNode: [{ encoding: 'utf-16le', bom: true }],
  };
}

export function presetOptions(name: PresetName): WriteOptions {
  switch (name) {
    case 'demo': return demoPreset();
  }
}
