// Hand-built events and files for the unit tests: a line per call, refs counted per node's file.

import type { Fields } from '../../src/formats/messages/types.ts';
import type { ClusterEvent, CoverageFile, EventFamily } from '../../src/events/correlate/types.ts';

const FAMILY_OF: Record<string, EventFamily> = {
  'join-stage': 'join', 'join-failed': 'join', 'join-progress': 'join', 'join-succeeded': 'join', 'join-attempt': 'join', 'join-connect': 'join',
  'view-change': 'membership', 'view-proposed': 'membership', 'node-removed': 'membership',
  'route-added': 'network', 'route-up': 'network', 'route-down': 'network', 'heartbeat-missed': 'network', 'connection-lost': 'network',
  'resource-state': 'resource', 'resource-transition': 'resource', 'rhs-terminated': 'resource', 'resource-failed': 'resource',
  'group-state': 'group', 'group-move': 'group', 'failover-attempt': 'group',
  'quorum-lost': 'quorum',
  'service-start': 'service', 'log-begin': 'service', 'service-stop': 'service', 'service-fatal': 'service', 'service-terminated': 'service', 'rhs-start': 'service',
};

export const FILE_IDS: Record<string, number> = {};

export class Lines {
  private readonly next = new Map<string, number>();

  ev(t: number, node: string, kind: string, fields: Fields = {}, extra: Partial<ClusterEvent> = {}): ClusterEvent {
    const fileId = (FILE_IDS[node] ??= Object.keys(FILE_IDS).length);
    const line = this.next.get(node) ?? 0;
    this.next.set(node, line + 1);
    return {
      t, node, family: FAMILY_OF[kind] ?? 'service', kind, rec: `test.${kind}`, verified: true,
      ref: { fileId, file: `${node}_cluster.log`, line }, pid: 100, channel: '', severity: 2, fields, codes: [], times: [],
      ...extra,
    };
  }
}

/** A file whose lines are written every `stepMs` from `from` to `to` (UTC = written), with optional silences. */
export function evenFile(node: string, from: number, to: number, stepMs = 1000, silences: Array<[number, number]> = []): CoverageFile {
  const ts: number[] = [];
  for (let t = from; t <= to; t += stepMs) if (!silences.some(([a, b]) => t > a && t < b)) ts.push(t);
  const fileId = (FILE_IDS[node] ??= Object.keys(FILE_IDS).length);
  return { fileId, path: `${node}_cluster.log`, node, ts: Float64Array.from(ts), shift: 0, lines: ts.length };
}
