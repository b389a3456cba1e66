// State and status codes as data (formats.md A.4 and B.8): the numbers cluster.log writes in
// `state 129, status 997`, `status (10060)`, `error 5`, `(status 0x80070490)`. Each entry says
// how well formats.md verified it. A state number means nothing without its object type: the
// same 2 is Online for a resource and Failed for a group.

import type { Verification } from './messages/types.ts';

export type StateObject = 'resource' | 'group' | 'node' | 'network' | 'interface';

export interface CodeInfo {
  code: number;
  /** Symbol (`ERROR_IO_PENDING`, `ClusterResourceOnlinePending`), or `Win32 error N` / `state N` when unknown. */
  name: string;
  /** One line for tooltips. */
  meaning: string;
  verified: Verification;
  /** formats.md section and sources. */
  ref: string;
  /** false when the number is not in the tables. */
  known: boolean;
}

const c = (code: number, name: string, meaning: string, verified: Verification, ref: string): CodeInfo =>
  ({ code, name, meaning, verified, ref, known: true });

const A4 = 'A.4 (R12 KB 286052, R16 clusapi)';

/** State codes per object type (formats.md A.4). */
export const STATE_CODES: Readonly<Record<StateObject, readonly CodeInfo[]>> = {
  resource: [
    c(-1, 'ClusterResourceStateUnknown', 'state unknown (the operation failed)', 'V-doc', A4),
    c(0, 'ClusterResourceInherited', 'inherited', 'V-doc', A4),
    c(1, 'ClusterResourceInitializing', 'initializing', 'V-doc', A4),
    c(2, 'ClusterResourceOnline', 'online', 'V-doc', A4),
    c(3, 'ClusterResourceOffline', 'offline (also when the DLL reports it cannot come online on this node)', 'V-doc', A4),
    c(4, 'ClusterResourceFailed', 'failed (also when the DLL reports it cannot come online on any node)', 'V-doc', A4),
    c(128, 'ClusterResourcePending', 'online or offline pending', 'V-doc', A4),
    c(129, 'ClusterResourceOnlinePending', 'coming online', 'V-doc', A4),
    c(130, 'ClusterResourceOfflinePending', 'going offline', 'V-doc', A4),
  ],
  group: [
    c(-1, 'ClusterGroupStateUnknown', 'state unknown', 'V-doc', A4),
    // The current clusapi page renders ClusterGroupOnline = 206; KB 286052 and ClusResGroup.State say 0.
    c(0, 'ClusterGroupOnline', 'online', 'V-doc', A4),
    c(1, 'ClusterGroupOffline', 'offline', 'V-doc', A4),
    c(2, 'ClusterGroupFailed', 'failed', 'V-doc', A4),
    c(3, 'ClusterGroupPartialOnline', 'partially online (some resources are not online)', 'V-doc', A4),
    c(4, 'ClusterGroupPending', 'pending (coming online or going offline)', 'V-doc', 'A.4 (R16 ClusResGroup.State; not in R12)'),
  ],
  node: [
    c(-1, 'ClusterNodeStateUnknown', 'state unknown', 'V-doc', A4),
    c(0, 'ClusterNodeUp', 'up', 'V-doc', A4),
    c(1, 'ClusterNodeDown', 'down', 'V-doc', A4),
    c(2, 'ClusterNodePaused', 'paused', 'V-doc', A4),
    c(3, 'ClusterNodeJoining', 'joining', 'V-doc', A4),
  ],
  network: [
    c(-1, 'ClusterNetworkStateUnknown', 'state unknown', 'V-doc', A4),
    c(0, 'ClusterNetworkUnavailable', 'unavailable: the nodes of all its interfaces are down', 'V-doc', A4),
    c(1, 'ClusterNetworkDown', 'down: no node can communicate on it', 'V-doc', A4),
    c(2, 'ClusterNetworkPartitioned', 'partitioned: two or more nodes cannot communicate (path-specific problem)', 'V-doc', A4),
    c(3, 'ClusterNetworkUp', 'up', 'V-doc', A4),
  ],
  interface: [
    c(-1, 'ClusterNetInterfaceStateUnknown', 'state unknown', 'V-doc', A4),
    c(0, 'ClusterNetInterfaceUnavailable', 'unavailable: its node is down', 'V-doc', A4),
    c(1, 'ClusterNetInterfaceFailed', 'failed: cannot talk to any other interface', 'V-doc', A4),
    c(2, 'ClusterNetInterfaceUnreachable', 'unreachable: cannot talk to at least one other live interface', 'V-doc', A4),
    c(3, 'ClusterNetInterfaceUp', 'up', 'V-doc', A4),
  ],
};

const R26 = 'B.8 (R26 winerror.h)';
const WELL_KNOWN = 'B.8 (well-known Win32/Winsock code, not checked in a formats.md source)';

/** Status / error codes (formats.md B.8): Win32, cluster (5000-5999), Winsock, SSPI. */
export const STATUS_CODES: readonly CodeInfo[] = [
  c(0, 'ERROR_SUCCESS', 'The operation completed successfully.', 'I', WELL_KNOWN),
  c(2, 'ERROR_FILE_NOT_FOUND', 'The system cannot find the file specified.', 'I', WELL_KNOWN),
  c(5, 'ERROR_ACCESS_DENIED', 'Access is denied.', 'V-doc', 'B.8 (S2 net helpmsg 5)'),
  c(87, 'ERROR_INVALID_PARAMETER', 'The parameter is incorrect.', 'I', WELL_KNOWN),
  c(203, 'ERROR_ENVVAR_NOT_FOUND', 'The system could not find the environment option that was entered.', 'I', WELL_KNOWN),
  c(234, 'ERROR_MORE_DATA', 'More data is available (seen when a WS2003 MNS resource could not be created).', 'I', 'B.8 (R13; meaning per winerror)'),
  c(997, 'ERROR_IO_PENDING', 'Overlapped I/O operation is in progress (normal for a pending online/offline).', 'V', R26),
  c(1168, 'ERROR_NOT_FOUND', 'Element not found (logged as HRESULT 0x80070490 -- ERROR_NOT_FOUND).', 'V', 'B.8 (R1, R26)'),
  c(1225, 'ERROR_CONNECTION_REFUSED', 'The remote computer refused the network connection.', 'I', WELL_KNOWN),
  c(1226, 'ERROR_GRACEFUL_DISCONNECT', 'The network connection was gracefully closed.', 'V', R26),
  c(1460, 'ERROR_TIMEOUT', 'This operation returned because the timeout period expired.', 'V', R26),
  c(1722, 'RPC_S_SERVER_UNAVAILABLE', 'The RPC server is unavailable.', 'V-doc', 'B.8 (R14)'),
  c(5023, 'ERROR_INVALID_STATE', 'The group or resource is not in the correct state to perform the requested operation.', 'V', R26),
  c(5035, 'ERROR_NETWORK_NOT_AVAILABLE', 'A cluster network is not available for this operation.', 'V', R26),
  c(5036, 'ERROR_NODE_NOT_AVAILABLE', 'The cluster node is not available for this operation.', 'V', R26),
  c(5037, 'ERROR_ALL_NODES_NOT_AVAILABLE', 'All cluster nodes must be running to perform this operation.', 'V', R26),
  c(5038, 'ERROR_RESOURCE_FAILED', 'A cluster resource failed.', 'V', R26),
  c(5050, 'ERROR_CLUSTER_NODE_DOWN', 'The cluster node is down (symbol verified; message text not retrieved).', 'V', R26),
  c(5051, 'ERROR_CLUSTER_NODE_UNREACHABLE', 'The cluster node is not reachable.', 'V', R26),
  c(5052, 'ERROR_CLUSTER_NODE_NOT_MEMBER', 'The cluster node is not a member of the cluster.', 'V', R26),
  c(5073, 'ERROR_CLUSTER_NODE_SHUTTING_DOWN', 'The cluster node is shutting down.', 'V', R26),
  c(5074, 'ERROR_CLUSTER_JOIN_ABORTED', 'The cluster join operation was aborted.', 'V', R26),
  c(5075, 'ERROR_CLUSTER_INCOMPATIBLE_VERSIONS', 'The join failed: the software versions of the joining node and its sponsor are incompatible.', 'V', R26),
  c(5083, 'ERROR_CLUSTER_DATABASE_SEQMISMATCH', 'The cluster database sequence number changed or is incompatible with the locker node.', 'V', R26),
  c(5890, 'ERROR_CLUSTER_MEMBERSHIP_INVALID_STATE', 'An operation is incompatible with the current membership state of the node.', 'V', R26),
  c(5892, 'ERROR_CLUSTER_MEMBERSHIP_HALT', 'The membership engine requested shutdown of the cluster service on this node.', 'V', R26),
  c(5925, 'ERROR_CLUSTER_NO_QUORUM', 'No quorum of cluster nodes (the service stops: `lost quorum (status = 5925)`; message text not retrieved).', 'V', 'B.8 (R26 windows-sys)'),
  c(10054, 'WSAECONNRESET', 'An existing connection was forcibly closed by the remote host.', 'I', WELL_KNOWN),
  c(10060, 'WSAETIMEDOUT', 'A connection attempt timed out (the peer did not answer).', 'I', 'B.8 (well-known Winsock code)'),
  c(10061, 'WSAECONNREFUSED', 'The connection was refused by the target machine.', 'I', WELL_KNOWN),
  c(590610, 'SEC_I_CONTINUE_NEEDED', 'SSPI: the security handshake needs another round trip (0x90312; a normal Kerberos step).', 'I', 'B.8 (S1 line; meaning inferred)'),
];

const BY_STATUS = new Map<number, CodeInfo>(STATUS_CODES.map((e) => [e.code, e]));
const BY_STATE: Readonly<Record<StateObject, Map<number, CodeInfo>>> = {
  resource: new Map(STATE_CODES.resource.map((e) => [e.code, e])),
  group: new Map(STATE_CODES.group.map((e) => [e.code, e])),
  node: new Map(STATE_CODES.node.map((e) => [e.code, e])),
  network: new Map(STATE_CODES.network.map((e) => [e.code, e])),
  interface: new Map(STATE_CODES.interface.map((e) => [e.code, e])),
};

const hex32 = (u: number): string => `0x${u.toString(16).padStart(8, '0')}`;

/**
 * Decodes a status / error number. HRESULTs wrapping a Win32 error (0x8007xxxx, also written
 * as a negative 32-bit number) decode to the Win32 entry with the HRESULT noted in the name.
 */
export function statusCode(n: number): CodeInfo {
  const known = BY_STATUS.get(n);
  if (known) return known;
  if (Number.isInteger(n) && n >= -0x80000000 && n <= 0xffffffff) {
    const u = n >>> 0;
    if (u >= 0x80000000) {
      const h = hex32(u);
      if ((u & 0xffff0000) >>> 0 === 0x80070000) {
        const w = BY_STATUS.get(u & 0xffff);
        if (w) return { ...w, code: n, name: `${w.name} (HRESULT ${h})` };
        return { code: n, name: `HRESULT ${h} (Win32 error ${u & 0xffff})`, meaning: 'not in the table', verified: 'U', ref: 'B.8', known: false };
      }
      return { code: n, name: `HRESULT ${h}`, meaning: 'not in the table', verified: 'U', ref: 'B.8', known: false };
    }
  }
  return { code: n, name: `Win32 error ${n}`, meaning: 'not in the table', verified: 'U', ref: 'B.8', known: false };
}

/** The API symbols' object prefix (`ClusterResource` + `OnlinePending`). */
const STATE_PREFIX: Record<StateObject, string> = {
  resource: 'ClusterResource', group: 'ClusterGroup', node: 'ClusterNode', network: 'ClusterNetwork', interface: 'ClusterNetInterface',
};

/**
 * A state number as the state word the later eras' lines write (`129` of a resource is
 * `OnlinePending`, as in `[RCM] ... OnlinePending-->Online`); `state N` when not in the table.
 */
export function stateWord(obj: StateObject, n: number): string {
  const info = stateCode(obj, n);
  const prefix = STATE_PREFIX[obj];
  return info.known && info.name.startsWith(prefix) ? info.name.slice(prefix.length) : info.name;
}

/** Decodes a state number for its object type (formats.md A.4). */
export function stateCode(obj: StateObject, n: number): CodeInfo {
  return BY_STATE[obj].get(n) ?? { code: n, name: `state ${n}`, meaning: 'not in the table', verified: 'U', ref: 'A.4', known: false };
}
