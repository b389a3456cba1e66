// The log side of a capture's alignment (formats.md C.4.3): lines that name what a capture row
// also names. A cluster process's start (LOG BEGIN, the service start, `[RHS] Initializing.`)
// by its PID, and the ephemeral port of a connection to or from 3343 (`[SV] New real route:
// local (A:~e~)`, `[ACCEPT] … from remote endpoint B:~e~`), each the first of its node.

import type { LogAnchor, LogHost } from '../ingest/types.ts';
import type { ClusterEvent } from './types.ts';

const STARTS = new Set(['log-begin', 'service-start', 'rhs-start']);
const PORT = /:~(\d{1,5})~$/;
const CLUSTER_PORT = 3343;

export function logAnchors(events: readonly ClusterEvent[]): LogAnchor[] {
  const out: LogAnchor[] = [];
  const seen = new Set<string>();
  const add = (e: ClusterEvent, kind: 'pid' | 'port', key: number, what: string) => {
    const k = `${e.node.toLowerCase()}\u0000${kind}\u0000${key}`;
    if (seen.has(k) || !(e.t === e.t)) return;
    seen.add(k);
    out.push({ node: e.node, kind, key, t: e.t, fileId: e.ref.fileId, line: e.ref.line, what });
  };
  for (const e of events) {
    if (STARTS.has(e.kind) && e.pid >= 0) add(e, 'pid', e.pid, `${e.kind} line of PID ${e.pid}`);
    const port = e.kind === 'route-added' ? PORT.exec(String(e.fields.local ?? '')) : e.kind === 'tcp-connection' && e.fields.direction === 'accepted' ? PORT.exec(String(e.fields.remote ?? '')) : null;
    if (port) {
      const p = Number(port[1]);
      if (p !== CLUSTER_PORT && p > 0) add(e, 'port', p, `${e.kind === 'route-added' ? '[SV] New real route' : '[ACCEPT]'} line of port ${p}`);
    }
  }
  return out;
}

/**
 * The names and addresses the logs give their nodes: each node's name, and the local address of
 * its routes (`[SV] New real route: local (10.10.10.23:~56450~)`, NetFT routes' `local`).
 */
export function logHosts(events: readonly ClusterEvent[], nodes: readonly string[]): LogHost[] {
  const out: LogHost[] = nodes.map((n) => ({ name: n, node: n, what: 'its node name' }));
  const seen = new Set(out.map((h) => h.name.toLowerCase()));
  for (const e of events) {
    if (e.kind !== 'route-added' && e.kind !== 'route-up') continue;
    const ip = /^(.*):~\d+~$/.exec(String(e.fields.local ?? ''))?.[1];
    if (!ip || seen.has(ip.toLowerCase()) || ip === '0.0.0.0') continue;
    seen.add(ip.toLowerCase());
    out.push({ name: ip, node: e.node, what: `${e.node}'s route line ${e.ref.line + 1}` });
  }
  return out;
}
