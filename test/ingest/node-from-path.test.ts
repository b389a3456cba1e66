// While a file loads, its lane and chip already carry the node its path names (the header, read
// later, still wins); a bare Cluster.log names none.
import { describe, expect, it } from 'vitest';
import { FileIndexer } from '../../src/ingest/indexer.ts';

describe('the node a path names, before the first byte', () => {
  it('from a <node>_cluster.log name or a node folder; none from a bare Cluster.log; a user name first', () => {
    const at = (path: string, node?: string) => new FileIndexer(1000, { name: path.split('/').pop(), path, node }).facts;
    expect([at('SQLNODE2_cluster.log').node, at('SQLNODE2_cluster.log').nodeSource, at('SQLNODE2_cluster.log').nodeLabel]).toEqual(['SQLNODE2', 'file-name', 'SQLNODE2']);
    expect([at('case/NODE7/Reports/Cluster.log').node, at('case/NODE7/Reports/Cluster.log').nodeSource]).toEqual(['NODE7', 'folder']);
    expect(at('Cluster.log').node).toBeNull();
    expect([at('SQLNODE2_cluster.log', 'MINE').node, at('SQLNODE2_cluster.log', 'MINE').nodeSource]).toEqual(['MINE', 'user']);
  });
});
