// Names from the 2016+ object tables (`[=== Nodes ===]`, `[=== Resources ===]`, `[=== Groups ===]`).
// formats.md A.6.2 marks the table format [U]: "reported to be a comma-separated header row
// followed by rows". So columns are found by header name, case-insensitively, and a table
// whose header lacks them names nothing (the rows stay visible as raw lines).

import type { Verification } from './types.ts';

export interface TableNameRule {
  section: string;
  kind: 'node' | 'resource' | 'group';
  verified: Verification;
  /** A header row and a data row, run by the tests. */
  example: { header: string; row: string; expect: { name: string; id: string | null; group: string | null } };
  read(cols: string[], cells: string[]): { name: string; id: string | null; group: string | null } | null;
}

function cell(cols: string[], cells: string[], ...names: string[]): string | null {
  for (const n of names) {
    const k = cols.indexOf(n);
    if (k >= 0 && k < cells.length && cells[k].trim() !== '') return cells[k].trim();
  }
  return null;
}

export const TABLE_NAME_RULES: TableNameRule[] = [
  {
    section: 'Nodes', kind: 'node', verified: 'U',
    example: { header: 'Name,Id,State,NodeWeight,DynamicWeight', row: 'SQLNODE1,1,Up,1,1', expect: { name: 'SQLNODE1', id: '1', group: null } },
    read(cols, cells) {
      const name = cell(cols, cells, 'name', 'nodename');
      const id = cell(cols, cells, 'id', 'nodeid');
      return name && id && /^\d+$/.test(id) ? { name, id, group: null } : null;
    },
  },
  {
    section: 'Resources', kind: 'resource', verified: 'U',
    example: {
      header: 'Name,State,OwnerGroup,ResourceType,Id', row: 'Cluster IP Address,Online,Cluster Group,IP Address,254ef0e5-1937-11d3-b3fe-00a0c986aa14',
      expect: { name: 'Cluster IP Address', id: '254ef0e5-1937-11d3-b3fe-00a0c986aa14', group: 'Cluster Group' },
    },
    read(cols, cells) {
      const name = cell(cols, cells, 'name');
      return name ? { name, id: cell(cols, cells, 'id'), group: cell(cols, cells, 'ownergroup', 'group') } : null;
    },
  },
  {
    section: 'Groups', kind: 'group', verified: 'U',
    example: { header: 'Name,State,OwnerNode,FailoverCount', row: 'Cluster Group,Online,SQLNODE1,0', expect: { name: 'Cluster Group', id: null, group: null } },
    read(cols, cells) {
      const name = cell(cols, cells, 'name');
      return name ? { name, id: cell(cols, cells, 'id'), group: null } : null;
    },
  },
];
