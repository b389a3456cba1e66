// Cluster service start / stop / crash markers (formats.md B.6, B.7 1000/1006/1063/1073, and the
// 2000/2003 start lines of A.2.1 and A.3). A new clussvc PID also marks a new service session.

import { Q, type Recognizer } from './types.ts';

export const SERVICE: Recognizer[] = [
  // ---- Start ----
  {
    id: 'service.log-begin', family: 'service', kind: 'log-begin', comp: null, anchor: 'LOG BEGIN',
    re: /[-\u2012\u2013\u2014]\s*\+\s*LOG BEGIN\s*\+\s*[-\u2012\u2013\u2014]/,
    verified: 'V', ref: 'B.6 (R9; S1 prints it with typographic dashes)',
    example: '00003948.00003a38::2024/08/08-06:50:05.236 INFO  ---+ LOG BEGIN +---',
    expect: {},
    meaning: 'A new logging session of the Cluster service begins (the service started).',
  },
  {
    id: 'service.cs-start', family: 'service', kind: 'service-start', comp: 'CS', anchor: '[CS] ',
    re: /\[CS\] (?<step>Starting clussvc as a service|Cluster Service started|Reporting to SCM that cluster service has started|Service Starting)(?:\.{3}|\u2026|\.)?\s*$/,
    verified: 'V', ref: 'B.6, A.2.1, A.3 (S1, R6, R13, R14)',
    example: 'INFO [CS] Starting clussvc as a service',
    expect: { step: 'Starting clussvc as a service' },
    meaning: 'A step of the Cluster service start (2000/2003: `Service Starting...`; 2012 R2+: start, started, reported to SCM).',
  },
  {
    id: 'service.w2k-started', family: 'service', kind: 'service-start', comp: null, anchor: 'Cluster Service started - Cluster ',
    re: /Cluster Service started - Cluster (?:Node )?Version (?<version>\d+(?:\.\d+)*)/,
    fixed: { step: 'Cluster Service started' }, verified: 'V', ref: 'B.6, A.2.1 (S2, R14; NT4 form R15)',
    example: '378.32c::1999/06/09-18:00:18.874 Cluster Service started - Cluster Node Version 3.2051',
    expect: { version: '3.2051', step: 'Cluster Service started' },
    meaning: 'Windows NT4/2000/2003: the Cluster service started (first line of its log session, with its version).',
  },
  {
    id: 'service.w2k3-local-time', family: 'service', kind: 'local-time', comp: null, anchor: 'Local Time is ',
    re: /\bLocal Time is (?<localTime>\d{4}\/\d{2}\/\d{2}-\d{2}:\d{2}:\d{2}\.\d{3})/,
    times: { localTime: 'local' },
    verified: 'V', ref: 'A.3, A.8 (R13)',
    example: 'INFO Local Time is 2002/06/08-15:49:47.375',
    expect: { localTime: '2002/06/08-15:49:47.375' },
    meaning: 'Windows 2003: the local time at service start; compared with the line time it gives the UTC offset of the log.',
  },
  {
    id: 'service.rhs-start', family: 'service', kind: 'rhs-start', comp: 'RHS', anchor: '[RHS] Initializing.',
    re: /\[RHS\] Initializing\.\s*$/,
    verified: 'V', ref: 'B.4.3, B.6, C.4.3 (S1)',
    example: '00000c20.00000c24::2018/10/18-19:17:46.804 INFO [RHS] Initializing.',
    expect: {},
    meaning: "A new Resource Hosting Subsystem (rhs.exe) process starts; its PID is the line's PID.",
  },
  {
    id: 'service.watchdog-heartbeat', family: 'service', kind: 'watchdog-config', comp: 'RCM', anchor: 'Clussvc heartbeat Timeout=',
    re: /\[RCM\] Clussvc heartbeat Timeout=(?<secs>\d+) seconds Action=(?<action>\w+(?: +\w+)*)\.?\s*$/,
    verified: 'V', ref: 'B.6 (S1)',
    example: '00000b50.00000ae8::2018/10/18-19:17:42.199 DBG [RCM] Clussvc heartbeat Timeout=60 seconds Action=BugCheck Node.',
    expect: { secs: 60, action: 'BugCheck Node' },
    meaning: 'Hang detection of clussvc: if the service stops heartbeating for this long, the action (e.g. a bugcheck) is taken.',
  },
  {
    id: 'service.watchdog-deadlock', family: 'service', kind: 'watchdog-config', comp: 'CORE', anchor: 'Updating user mode deadlock recovery values',
    re: /\[CORE\] Updating user mode deadlock recovery values\. Action: (?:UserModeActionType::)?(?<action>\w+), Timeout: (?<secs>\d+)/,
    verified: 'V', ref: 'B.6 (S1)',
    example: '00000b50.00000ae8::2018/10/18-19:17:42.199 INFO [CORE] Updating user mode deadlock recovery values. Action: UserModeActionType::TerminateProcess, Timeout: 60.',
    expect: { action: 'TerminateProcess', secs: 60 },
    meaning: 'User-mode deadlock recovery: what happens (and after how many seconds) when the service deadlocks.',
  },

  // ---- Stop ----
  {
    id: 'service.cs-stop', family: 'service', kind: 'service-stop', comp: 'CS', anchor: '[CS] ',
    re: /\[CS\] (?<step>Service Stopping|Service Stopped|About to exit service)(?:\.{1,3}|\u2026)?\s*$/,
    verified: 'V', ref: 'B.6 (R9, R1)',
    example: 'INFO  [CS] Service Stopping...',
    expect: { step: 'Service Stopping' },
    meaning: 'A step of the Cluster service stop (stopping, stopped, about to exit).',
  },
  {
    id: 'service.graceful-shutdown', family: 'service', kind: 'service-stop', comp: 'CORE', anchor: 'Graceful shutdown reported by node',
    re: /\[CORE\] Graceful shutdown reported by node (?<node>[^\s,]+),? reason (?:ServiceStopReason::)?(?<reason>\w+), nodeIsUp (?<nodeIsUp>true|false)(?: \(payload (?<payload>\d+)\))?/,
    subject: 'node', verified: 'V', ref: 'B.6 (R9)',
    example: 'INFO  [CORE] Graceful shutdown reported by node sqlnode02, reason ServiceStopReason::ServiceShutdown, nodeIsUp false (payload 327682)',
    expect: { node: 'sqlnode02', reason: 'ServiceShutdown', nodeIsUp: false, payload: 327682 },
    meaning: 'A node reported that its Cluster service is shutting down gracefully, with the stop reason.',
  },
  {
    id: 'service.net-shutting-down', family: 'service', kind: 'service-stop', comp: 'NETWORK', anchor: 'Local node is shutting down',
    re: /\[NETWORK\] Local node is shutting down/,
    fixed: { step: 'Local node is shutting down' }, verified: 'V', ref: 'B.6 (R9, WS2022)',
    example: 'INFO  [NETWORK] Local node is shutting down, disconnecting from other nodes',
    expect: { step: 'Local node is shutting down' },
    meaning: 'WS2022: this node is shutting down and disconnects from the other nodes.',
  },
  {
    id: 'service.rcm-shutdown', family: 'service', kind: 'service-stop', comp: 'RCM', anchor: 'Rcm shutting down due to reason',
    re: /\[RCM\] rcm::RcmGroup::ShutdownAllGroups: \[Shutdown\] Rcm shutting down due to reason:\s*(?:ServiceStopReason::)?(?<reason>\w+)/,
    fixed: { step: 'ShutdownAllGroups' }, verified: 'V', ref: 'B.6 (S1)',
    example: '[RCM] rcm::RcmGroup::ShutdownAllGroups: [Shutdown] Rcm shutting down due to reason:ServiceStopReason::Other.',
    expect: { reason: 'Other', step: 'ShutdownAllGroups' },
    meaning: 'RCM shuts down all groups because the service is stopping (with the stop reason).',
  },
  {
    id: 'service.op-stopped-1063', family: 'service', kind: 'service-stop', comp: null, anchor: 'The Cluster service was successfully stopped',
    re: /The Cluster service was successfully stopped/,
    fixed: { step: 'Service stopped' }, verified: 'V', ref: 'B.6, B.7 1063 (R5 Operational)',
    example: '[Operational] 0000084c.000009f4::2017/10/23-21:32:49.637 INFO  The Cluster service was successfully stopped.',
    expect: { step: 'Service stopped' },
    meaning: 'Event 1063: the Cluster service stopped cleanly.',
  },
  {
    id: 'service.op-cleanup-disabled', family: 'service', kind: 'service-stop', comp: null, anchor: 'stopped and set as disabled',
    re: /The cluster service has been stopped and set as disabled as part of cluster node cleanup/i,
    fixed: { step: 'Node cleanup' }, verified: 'V', ref: 'B.6 (R9 Operational)',
    example: 'The cluster service has been stopped and set as disabled as part of cluster node cleanup.',
    expect: { step: 'Node cleanup' },
    meaning: 'The Cluster service was stopped and disabled because the node was cleaned up (evicted / removed from the cluster).',
  },

  // ---- Termination ----
  {
    id: 'service.rhs-cs-terminated', family: 'service', kind: 'service-terminated', comp: 'RHS', anchor: 'Cluster service has terminated.',
    re: /\[RHS\] Cluster service has terminated\./,
    verified: 'V', ref: 'B.6 (R1, R2, R5; R9 ends at `terminated.`)',
    example: '[Verbose] 0000107c.00001080::2017/10/23-21:53:54.600 WARN  [RHS] Cluster service has terminated. Cluster.Service.Running.Event got signaled.',
    expect: {},
    meaning: 'An RHS process saw the Cluster service terminate; it closes its resources.',
  },
  {
    id: 'service.netft-preterminate', family: 'service', kind: 'service-terminated', comp: 'NETFT', anchor: 'Cluster Service preterminate succeeded',
    re: /\[NETFT\] Cluster Service preterminate succeeded/,
    verified: 'V', ref: 'B.6 (R1, R2, R5)',
    example: '[Verbose] 000008c8.00000c80::2017/10/23-21:53:54.600 INFO  [NETFT] Cluster Service preterminate succeeded.',
    expect: {},
    meaning: 'The Cluster service is about to terminate (NetFT pre-termination done); typically right after quorum loss.',
  },

  // ---- Fatal errors and halts (B.7) ----
  {
    id: 'service.fatal-1000', family: 'service', kind: 'service-fatal', comp: null, anchor: 'suffered an unexpected fatal error',
    re: new RegExp(String.raw`Cluster service suffered an unexpected fatal error at line (?<srcLine>\d+) of source module (?<module>.+?)\. The error code was ${Q}?(?<code>\d+)${Q}?`),
    verified: 'V-doc', ref: "B.6, B.7 1000 (R27 message text; the example's values are illustrative)",
    example: 'Cluster service suffered an unexpected fatal error at line 1234 of source module clussvc. The error code was 5050.',
    expect: { srcLine: 1234, module: 'clussvc', code: 5050 },
    meaning: 'Event 1000: the Cluster service crashed on an internal fatal error (source line, module and error code).',
  },
  {
    id: 'service.fatal-unexpected', family: 'service', kind: 'service-fatal', comp: null, anchor: 'encountered an unexpected problem and will be shut down',
    re: new RegExp(String.raw`encountered an unexpected problem and will be shut down\.(?: The error code was ${Q}?(?<code>\d+)${Q}?)?`),
    verified: 'V', ref: 'B.6 (R5 System)',
    example: "[System] 00000844.00001cc4::2017/10/23-21:20:11.441 DBG   The cluster service encountered an unexpected problem and will be shut down. The error code was '5050'.",
    expect: { code: 5050 },
    meaning: 'The Cluster service hit an unexpected problem and shuts down (5050 = ERROR_CLUSTER_NODE_DOWN).',
  },
  {
    id: 'service.halted-1006', family: 'service', kind: 'service-fatal', comp: null, anchor: 'halted due to incomplete connectivity',
    re: /Cluster service was halted due to incomplete connectivity with other cluster nodes/,
    verified: 'V-doc', ref: 'B.7 1006 (R27, R5 FailoverDetector)',
    example: 'Cluster service was halted due to incomplete connectivity with other cluster nodes.',
    expect: {},
    meaning: 'Event 1006: the Cluster service halted because it could not reach all the other nodes.',
  },
  {
    id: 'service.halted-1073', family: 'service', kind: 'service-fatal', comp: null, anchor: 'halted to prevent an inconsistency',
    re: new RegExp(String.raw`The Cluster service was halted to prevent an inconsistency within the failover cluster\.(?: The error code was ${Q}?(?<code>\d+)${Q}?)?`),
    verified: 'V-doc', ref: "B.7 1073 (R27 message text; the example's code is illustrative)",
    example: "The Cluster service was halted to prevent an inconsistency within the failover cluster. The error code was '5050'.",
    expect: { code: 5050 },
    meaning: 'Event 1073: the Cluster service halted itself to keep the cluster consistent (error code given).',
  },
];
