// Node identity precedence (brief + formats.md A.6.1, A.9): Current node header > folder named
// after the node > file name (<node>_cluster.log, <node>.<domain>_cluster.log) > in-file
// evidence ([NM] Local node name, StartupConfig). Compared case-insensitively, shown as
// written; disagreement fills nodeConflicts; opts.node overrides everything.
import { describe, expect, it } from 'vitest';
import { indexBytes } from '../../src/ingest/index.ts';
import { fixtureText, utf8 } from '../helpers/clusterlog.ts';

const noEvidence = utf8(fixtureText('w2012r2.log')); // no in-file node evidence
const w2016 = utf8(fixtureText('w2016.log')); // Current node: name (ze-2016-v1) id (2)
const w2000 = utf8(fixtureText('w2000.log')); // [NM] Local node name = NODE1.
const startup = utf8(fixtureText('w2012r2-startup.log')); // localNodeId='1' + <Node name='2012R2Node1' id='1'/>

function node(bytes: Uint8Array, path?: string, extra: { node?: string } = {}) {
  const name = path ? path.split('/').pop()! : undefined;
  return indexBytes(bytes, { name, path, ...extra }).facts;
}

describe('node identity', () => {
  it('no evidence at all: node null, no conflicts', () => {
    const f = node(noEvidence, 'w2012r2.log');
    expect(f.node).toBeNull();
    expect(f.nodeSource).toBeNull();
    expect(f.nodeConflicts).toEqual([]);
  });

  it('folder named after the node: NODE1/Cluster.log', () => {
    const f = node(noEvidence, 'NODE1/Cluster.log');
    expect(f.node).toBe('NODE1');
    expect(f.nodeSource).toBe('folder');
  });

  it('folder in a longer dropped path: case1/SQLNODE02/cluster.log', () => {
    expect(node(noEvidence, 'case1/SQLNODE02/cluster.log').node).toBe('SQLNODE02');
  });

  it('TSS layout ClusterLogs/NODE1_cluster.log: node from the file name, not the ClusterLogs folder', () => {
    const f = node(noEvidence, 'ClusterLogs/NODE1_cluster.log');
    expect(f.node).toBe('NODE1');
  });

  it('<node>_cluster.log (Get-ClusterLog -Destination)', () => {
    const f = node(noEvidence, 'node1_cluster.log');
    expect(f.node).toBe('node1');
    expect(f.nodeSource).toBe('file-name');
  });

  it('<node>.<domain>_cluster.log (FQDN prefix, AGDiag) gives the short name', () => {
    expect(node(noEvidence, 'SQLNODE01.contoso.local_cluster.log').node).toBe('SQLNODE01');
  });

  it('file name only (no path given): name is used', () => {
    const f = indexBytes(noEvidence, { name: 'node2_cluster.log' }).facts;
    expect(f.node).toBe('node2');
  });

  it('in-file evidence: [NM] Local node name = NODE1. (W2000)', () => {
    const f = node(w2000, 'w2000.log');
    expect(f.node).toBe('NODE1');
    expect(f.nodeSource).toBe('in-file');
  });

  it('in-file evidence: StartupConfig localNodeId + <Node name id> (2012 R2)', () => {
    const f = node(startup, 'w2012r2-startup.log');
    expect(f.node).toBe('2012R2Node1');
    expect(f.nodeSource).toBe('in-file');
  });

  it('header wins over the file name; disagreement is a conflict', () => {
    const f = node(w2016, 'ze-2016-v2_cluster.log');
    expect(f.node).toBe('ze-2016-v1');
    expect(f.nodeSource).toBe('header');
    expect(f.nodeId).toBe(2);
    expect(f.nodeConflicts.length).toBeGreaterThan(0);
    const sources = f.nodeEvidence.map((e) => e.source);
    expect(sources).toContain('header');
    expect(sources).toContain('file-name');
  });

  it('header wins over a folder; disagreement is a conflict', () => {
    const f = node(w2016, 'OTHERNODE/Cluster.log');
    expect(f.node).toBe('ze-2016-v1');
    expect(f.nodeConflicts.length).toBeGreaterThan(0);
  });

  it('agreement is case-insensitive: no conflict, the winner is shown as written', () => {
    const f = node(w2016, 'ZE-2016-V1_cluster.log');
    expect(f.node).toBe('ze-2016-v1');
    expect(f.nodeConflicts).toEqual([]);
  });

  it('folder beats in-file evidence; same name in another case is no conflict', () => {
    const f = node(w2000, 'node1/cluster.log');
    expect(f.node).toBe('node1');
    expect(f.nodeSource).toBe('folder');
    expect(f.nodeConflicts).toEqual([]);
  });

  it('folder and in-file evidence disagree: folder wins, conflict reported', () => {
    const f = node(w2000, 'NODE2/cluster.log');
    expect(f.node).toBe('NODE2');
    expect(f.nodeConflicts.length).toBeGreaterThan(0);
  });

  it('file name and StartupConfig evidence disagree: file name wins, conflict reported', () => {
    const f = node(startup, '2012R2Node2_cluster.log');
    expect(f.node).toBe('2012R2Node2');
    expect(f.nodeConflicts.length).toBeGreaterThan(0);
  });

  it('opts.node overrides the header', () => {
    const f = node(w2016, 'ze-2016-v1_cluster.log', { node: 'MYNODE' });
    expect(f.node).toBe('MYNODE');
    expect(f.nodeSource).toBe('user');
  });
});
