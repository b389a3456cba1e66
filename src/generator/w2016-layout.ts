// The Get-ClusterLog 2016+ file layout (formats.md A.6.2): `[=== Cluster ===]` header, object
// tables (comma-separated: header row, then rows), event-channel sections, `[=== Cluster Logs ===]` last.

import type { NodeSpec, Scenario } from './model.ts';

export const SECTION = {
  cluster: 'Cluster',
  resources: 'Resources',
  groups: 'Groups',
  resourceTypes: 'Resource Types',
  nodes: 'Nodes',
  networks: 'Networks',
  interfaces: 'Network Interfaces',
  system: 'System',
  operational: 'Microsoft-Windows-FailoverClustering/Operational logs',
  cauManagement: 'Microsoft-Windows-ClusterAwareUpdating-Management/Admin logs',
  cau: 'Microsoft-Windows-ClusterAwareUpdating/Admin logs',
  verbose: 'Microsoft-Windows-FailoverClustering/DiagnosticVerbose',
  clusterLogs: 'Cluster Logs',
} as const;

export const marker = (name: string): string => `[=== ${name} ===]`;

const csv = (cells: Array<string | number>): string =>
  cells.map((c) => (/[",]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');

/** Header lines. The offset printed is minutes to ADD to local time to get UTC (PDT → 420). */
export function clusterHeader(scenario: Scenario, node: NodeSpec, localTime: boolean): string[] {
  const add = -node.utcOffsetMinutes;
  const hours = Number.isInteger(add / 60) ? String(add / 60) : (add / 60).toFixed(2).replace(/0$/, '');
  const lines = [`UTC = localtime + time zone offset; the time zone offset of this machine is ${add} minutes, or ${hours} hours`];
  if (localTime) lines.push('The logs were generated using local time');
  lines.push(`Build Number ${scenario.build}`, `Current node: name (${node.name}) id (${node.id})`);
  return lines;
}

const DLL: Record<string, string> = {
  'IP Address': 'clusres.dll', 'Network Name': 'clusres.dll', 'File Share Witness': 'clusres.dll',
  'Cloud Witness': 'clusres.dll', 'Physical Disk': 'clusres.dll', 'SQL Server Availability Group': 'hadrres.dll',
};

/** Object tables as seen when the log was generated (end of the scenario). */
export function objectTables(scenario: Scenario): Array<{ name: string; rows: string[] }> {
  const nodeName = (id: number): string => scenario.nodes[id - 1].name;
  const types = [...new Set(scenario.resources.map((r) => r.type))];
  return [
    { name: SECTION.resources, rows: [csv(['Name', 'State', 'OwnerGroup', 'ResourceType', 'Id']),
      ...scenario.resources.map((r) => csv([r.name, 'Online', r.group, r.type, r.guid]))] },
    { name: SECTION.groups, rows: [csv(['Name', 'State', 'OwnerNode', 'FailoverCount']),
      ...scenario.groups.map((g) => csv([g.name, 'Online', nodeName(g.finalOwner), g.priorFailovers + (g.finalOwner !== g.initialOwner ? 1 : 0)]))] },
    { name: SECTION.resourceTypes, rows: [csv(['Name', 'DisplayName', 'DllName']), ...types.map((t) => csv([t, t, DLL[t]]))] },
    { name: SECTION.nodes, rows: [csv(['Name', 'Id', 'State', 'NodeWeight', 'DynamicWeight']),
      ...scenario.nodes.map((n) => csv([n.name, n.id, 'Up', 1, 1]))] },
    { name: SECTION.networks, rows: [csv(['Name', 'Id', 'State', 'Role', 'Address']),
      ...scenario.networks.map((n) => csv([n.name, n.id, 'Up', n.role, n.subnet]))] },
    { name: SECTION.interfaces, rows: [csv(['Name', 'Node', 'Network', 'State', 'Address']),
      ...scenario.nodes.map((n) => csv([`${n.name} - Ethernet`, n.name, scenario.networks[0].name, 'Up', n.ip]))] },
  ];
}
