// Severity of event-channel lines. `[System]` lines log Critical events such as 1135
// and 1177 with the level word DBG (formats.md A.6.3), so the severity shown and
// filtered on comes from the event text. Each rule carries a real example (B.7).

import { Level } from '../base/levels.ts';

export interface SeverityRule {
  /** Event ID when known; null when the text's ID is not verified. */
  eventId: number | null;
  re: RegExp;
  severity: Level;
  label: string;
  example: string;
  verified: 'V' | 'V-doc' | 'I';
}

export const SEVERITY_RULES: SeverityRule[] = [
  {
    eventId: 1135, severity: Level.CRIT, label: 'node removed from membership', verified: 'V',
    re: /Cluster node '[^']+' was removed from the active failover cluster membership/,
    example: "Cluster node 'ze-2016-v1' was removed from the active failover cluster membership. The Cluster service on this node may have stopped.",
  },
  {
    eventId: 1177, severity: Level.CRIT, label: 'quorum lost', verified: 'V',
    re: /The Cluster service is shutting down because quorum was lost/,
    example: 'The Cluster service is shutting down because quorum was lost. This could be due to the loss of network connectivity between some or all nodes in the cluster, or a failover of the witness disk.',
  },
  {
    eventId: 1006, severity: Level.CRIT, label: 'service halted', verified: 'V-doc',
    re: /Cluster service was halted due to incomplete connectivity with other cluster nodes/,
    example: 'Cluster service was halted due to incomplete connectivity with other cluster nodes.',
  },
  {
    eventId: 1000, severity: Level.CRIT, label: 'service fatal error', verified: 'V-doc',
    re: /Cluster service suffered an unexpected fatal error/,
    example: 'Cluster service suffered an unexpected fatal error at line 1234 of source module cluster. The error code was 5.',
  },
  {
    eventId: null, severity: Level.CRIT, label: 'service shut down on error', verified: 'V',
    re: /The cluster service encountered an unexpected problem and will be shut down/i,
    example: "The cluster service encountered an unexpected problem and will be shut down. The error code was '5050'.",
  },
  {
    eventId: 1073, severity: Level.CRIT, label: 'service halted (inconsistency)', verified: 'V-doc',
    re: /The Cluster service was halted to prevent an inconsistency/,
    example: "The Cluster service was halted to prevent an inconsistency within the failover cluster. The error code was '5'.",
  },
  {
    eventId: 1069, severity: Level.ERR, label: 'resource failed', verified: 'V-doc',
    re: /Cluster resource '[^']+' (?:of type '[^']*' )?in clustered (?:role|service or application) '[^']+' failed/,
    example: "Cluster resource 'ag1023' of type 'SQL Server Availability Group' in clustered role 'ag1023' failed.",
  },
  {
    eventId: 1205, severity: Level.ERR, label: 'role failed to come online/offline', verified: 'V',
    re: /The Cluster service failed to bring clustered role '[^']+' completely online or offline/,
    example: "The Cluster service failed to bring clustered role 'ag1023' completely online or offline. One or more resources may be in a failed state. This may impact the availability of the clustered role.",
  },
  {
    eventId: 1146, severity: Level.ERR, label: 'RHS terminated', verified: 'V-doc',
    re: /Resource Hosting Subsystem \(RHS\) process was terminated/,
    example: 'The cluster Resource Hosting Subsystem (RHS) process was terminated and will be restarted. This is typically associated with cluster health detection and recovery of a resource.',
  },
  {
    eventId: 1070, severity: Level.ERR, label: 'join failed', verified: 'V',
    re: /failed to join (?:the )?(?:failover )?cluster/,
    example: "Cluster node 'ze-2016-v1' failed to join the cluster. A TCP connection using the Microsoft Failover Cluster Virtual Adapter could not be established to node(s) 'ze-2016-v3'.",
  },
  {
    eventId: null, severity: Level.ERR, label: 'node quarantined', verified: 'V',
    re: /has been quarantined/,
    example: "Cluster node 'ze-2016-v2' has been quarantined.  The node experienced '3' consecutive failures within a short amount of time and has been removed from the cluster to avoid further disruptions.",
  },
  {
    eventId: 1127, severity: Level.ERR, label: 'network interface failed', verified: 'V-doc',
    re: /Cluster network interface '[^']+' for cluster node '[^']+' on network '[^']+' failed/,
    example: "Cluster network interface 'NODE1 - Ethernet' for cluster node 'NODE1' on network 'Cluster Network 1' failed.",
  },
  {
    eventId: 1126, severity: Level.WARN, label: 'network interface unreachable', verified: 'V-doc',
    re: /Cluster network interface '[^']+' for cluster node '[^']+' on network '[^']+' is unreachable/,
    example: "Cluster network interface 'NODE1 - Ethernet' for cluster node 'NODE1' on network 'Cluster Network 1' is unreachable by at least one other cluster node attached to the network.",
  },
];

/** Severity derived from an event-channel message, or undefined when no rule matches. */
export function severityFromText(message: string): Level | undefined {
  for (const r of SEVERITY_RULES) if (r.re.test(message)) return r.severity;
  return undefined;
}
