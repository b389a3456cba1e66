// Where a log's own node name comes from (formats.md A.9, issue #2 section 4):
// the `Current node:` header, then a folder named after the node, then the file name,
// then in-file evidence. Never from peer names in [SV]/[HM]/[CONNECT] lines.

/** `Local node name = NODE1.` (2000/2003, R14). */
export const RE_LOCAL_NODE_NAME = /\[NM\] Local node name = ([^\s.]+(?:\.[^\s.]+)*?)\.?\s*$/;
export const LOCAL_NODE_NAME_EXAMPLE = '378.380::1999/06/09-18:00:19.429 [NM] Local node name = NODE1.';

/** StartupConfig block: `<StartupConfig localNodeId='1' ...` then `<Node name='2012R2Node1' id='1'/>` (S1). */
export const RE_STARTUP_LOCAL_ID = /<StartupConfig\b[^>]*\blocalNodeId=['‘’](\d+)['‘’]/;
export const RE_STARTUP_NODE = /<Node name=['‘’]([^'‘’]+)['‘’] id=['‘’](\d+)['‘’]\s*\/>/;
export const STARTUP_EXAMPLES = [
  "<StartupConfig localNodeId='1' testMode='false' newCluster='true'",
  "<Node name='2012R2Node1' id='1'/>",
];

const GENERIC_NAMES = /^(cluster|reports|logs?|clusterlogs|temp|tmp|downloads|desktop|documents|sdp|tss|output|collect(ed|ion)?|data|files?)$/i;
const LOG_FILE = /^cluster(?:\s*\(\d+\))?\.log$/i;

/** Node name from a file name: `<node>_cluster.log`, `<node>.<domain>_cluster.log`, `<node>-cluster.log`. */
export function nodeFromFileName(name: string): string | null {
  const m = /^(.+?)[_-]cluster(?:\s*\(\d+\))?\.(?:log|txt)$/i.exec(name);
  if (!m) return null;
  const host = m[1].split('.')[0];
  return host && !GENERIC_NAMES.test(host) ? host : null;
}

/**
 * Node name from the folder that holds a plain `Cluster.log`: `NODE1/Cluster.log`,
 * `NODE1/Reports/Cluster.log` (the Windows folder layout), `NODE1/Windows/Cluster/Reports/Cluster.log`.
 */
export function nodeFromFolder(path: string): string | null {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  if (parts.length < 2) return null;
  const file = parts[parts.length - 1];
  if (!LOG_FILE.test(file)) return null;
  for (let i = parts.length - 2; i >= 0; i--) {
    const p = parts[i];
    if (GENERIC_NAMES.test(p) || /^(windows|winnt|c\$?|[a-z]:)$/i.test(p)) continue;
    return p.split('.')[0];
  }
  return null;
}

export const PATH_EXAMPLES: { path: string; node: string | null; from: 'folder' | 'file-name' }[] = [
  { path: 'NODE1/Cluster.log', node: 'NODE1', from: 'folder' },
  { path: 'case123/SQLNODE2/Reports/Cluster.log', node: 'SQLNODE2', from: 'folder' },
  { path: 'ClusterLogs/NODE3_cluster.log', node: 'NODE3', from: 'file-name' },
  { path: 'node1.contoso.com_cluster.log', node: 'node1', from: 'file-name' },
  { path: 'cluster.log', node: null, from: 'folder' },
];

/** A capture named for its node: `NODE1_procmon.csv`, `node1.contoso.com-netmon.tsv`, `NODE2_System.csv`. */
const CAPTURE_FILE = /^(.+?)[_-](?:procmon|process ?monitor|logfile\d*|netmon|capture|network|wireshark|trace|system|application|events?|eventlog|evtx)\b[^\\/]*\.(?:csv|tsv|txt|xml)$/i;
const CAPTURE_EXT = /\.(?:csv|tsv|txt|xml)$/i;

/** The node a capture's path names: its file name's prefix, else the folder that holds it. */
export function nodeFromCapturePath(path: string): { node: string; from: 'folder' | 'file-name' } | null {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  const file = parts[parts.length - 1] ?? '';
  const m = CAPTURE_FILE.exec(file);
  if (m) {
    const host = m[1].split('.')[0];
    if (host && !GENERIC_NAMES.test(host)) return { node: host, from: 'file-name' };
  }
  if (!CAPTURE_EXT.test(file)) return null;
  for (let i = parts.length - 2; i >= 0; i--) {
    const p = parts[i];
    if (GENERIC_NAMES.test(p) || /^(windows|winnt|c\$?|[a-z]:|procmon|netmon|captures?|traces?|events?|wireshark)$/i.test(p)) continue;
    return { node: p.split('.')[0], from: 'folder' };
  }
  return null;
}

export const CAPTURE_PATH_EXAMPLES: { path: string; node: string | null }[] = [
  { path: 'SQLNODE1_procmon.csv', node: 'SQLNODE1' },
  { path: 'node2.contoso.com-netmon.tsv', node: 'node2' },
  { path: 'case42/SVR12/Logfile.CSV', node: 'SVR12' },
  { path: 'case42/SVR12/procmon/Logfile.CSV', node: 'SVR12' },
  { path: 'Logfile.CSV', node: null },
];
