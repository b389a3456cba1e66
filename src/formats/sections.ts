// Sections of a Windows Server 2016+ Get-ClusterLog file (formats.md A.6.2).
// Unknown future sections are tolerated: they are classified by their name.

export type SectionKind = 'header' | 'table' | 'channel' | 'log' | 'other';

export interface SectionRule {
  /** Matches the text between `[===` and `===]`. */
  test: RegExp;
  kind: SectionKind;
  /** An example marker line, checked by a unit test. */
  example: string;
}

export const SECTION_RULES: SectionRule[] = [
  { test: /^Cluster$/i, kind: 'header', example: '[=== Cluster ===]' },
  { test: /^Cluster Logs$/i, kind: 'log', example: '[=== Cluster Logs ===]' },
  { test: /^System$/i, kind: 'channel', example: '[=== System ===]' },
  { test: /\/Operational logs?$/i, kind: 'channel', example: '[=== Microsoft-Windows-FailoverClustering/Operational logs ===]' },
  { test: /\/DiagnosticVerbose$/i, kind: 'channel', example: '[=== Microsoft-Windows-FailoverClustering/DiagnosticVerbose ===]' },
  { test: /\/Admin logs?$/i, kind: 'channel', example: '[=== Microsoft-Windows-ClusterAwareUpdating/Admin logs ===]' },
  { test: /\blogs?$/i, kind: 'channel', example: '[=== Microsoft-Windows-Health/Operational logs ===]' },
  {
    test: /^(Resources|Groups|Group Sets|Resource Types|Affinity Rules|Nodes|Networks|Network Interfaces|Volumes|Volume Logs|SBL Disks|Certificates|Performance)$/i,
    kind: 'table',
    example: '[=== Network Interfaces ===]',
  },
];

export const RE_SECTION = /^\[===\s*(\S(?:.*?\S)?)\s*===\]\s*$/;

export function sectionKind(name: string): SectionKind {
  for (const r of SECTION_RULES) if (r.test.test(name)) return r.kind;
  // Unknown sections hold object dumps far more often than timestamped lines;
  // their records still parse as records (a record line is recognized in any section).
  return 'other';
}
