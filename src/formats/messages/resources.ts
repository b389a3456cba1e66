// Resources and groups (formats.md B.4, the 1069/1146/1205 texts of B.7, and the
// Windows 2000/2003 FM/RM/resource-DLL lines of A.2-A.4).
// `[RCM] TransitionToState(X)` names a resource OR a group (an AG role and its resource often
// share a name), so that entry captures `object`, never `resource`.

import { NQ, Q, type Recognizer } from './types.ts';

/**
 * The head of a resource-DLL line up to the text: `[RES] Type <Name>: ` (2008+; the `<Name>` is
 * sometimes missing and a blank may precede the colon) or the 2000/2003 `Type <Name>: ` right
 * after the prefix (level word optional).
 * Linear on any line: the type is words separated by blanks and every blank run has one owner
 * (no two quantifiers can share the same spaces), and the 2000/2003 start is the fixed-width
 * `::date-time ` of the prefix, not an open `::\S+` that every `::` would restart.
 */
const RES_HEAD = String.raw`(?:\[RES\]\s*|(?:^|::\d{4}\/\d\d\/\d\d-\d\d:\d\d:\d\d\.\d+\s+)(?:(?:INFO|WARN|ERR|DBG|CRIT)\s+)?)(?<resourceType>[A-Za-z][^<>\[\]:\s]*(?:\s+[^<>\[\]:\s]+)*)\s*(?:<(?<resource>[^>]*)>\s*)?:\s*`;

export const RESOURCES: Recognizer[] = [
  // ---- RCM state machine (B.4.1) ----
  {
    id: 'resource.rcm-state', family: 'resource', kind: 'resource-state', comp: 'RCM', anchor: '[RCM] Res ',
    re: /\[RCM\] Res (?<resource>.+?):\s+(?<from>\w+)\s+->\s+(?<to>\w+)(?:\(\s*(?:(?<why>[^)\s]+(?:\s+[^)\s]+)*)\s*)?\))?/,
    verified: 'V', ref: 'B.4.1 (R1, R5)',
    example: '00001214.00001884::2017/10/23-21:52:24.532 INFO  [RCM] Res ag1023: Online -> WaitingToGoOffline( StateUnknown )',
    expect: { resource: 'ag1023', from: 'Online', to: 'WaitingToGoOffline', why: 'StateUnknown' },
    meaning: 'RCM moved a resource between its internal states (the parenthesis says why).',
  },
  {
    id: 'resource.rcm-transition', family: 'resource', kind: 'resource-transition', comp: 'RCM', anchor: 'TransitionToState(',
    re: /\[RCM\] TransitionToState\((?<object>.+?)\)\s+(?<from>\w+)-->(?<to>\w+)\./,
    verified: 'V', ref: 'B.4.1 (R1, R3, R5)',
    example: '000011d0.00000f80::2011/08/05-13:47:42.496 INFO  [RCM] TransitionToState(ag) Online-->OfflineCallIssued.',
    expect: { object: 'ag', from: 'Online', to: 'OfflineCallIssued' },
    meaning: 'RCM state change of a resource or a group (same line for both; names can collide), so the object is not claimed to be a resource.',
  },
  {
    id: 'resource.op-state', family: 'resource', kind: 'resource-state', comp: null, anchor: 'has transitioned from state',
    re: new RegExp(String.raw`Cluster resource ${Q}(?<resource>${NQ}+)${Q} in clustered role ${Q}(?<group>${NQ}+)${Q} has transitioned from state (?<from>\w+) to state (?<to>\w+)\.`),
    verified: 'V', ref: 'B.4.1 (R5 Operational)',
    example: "Cluster resource 'Cluster IP Address' in clustered role 'Cluster Group' has transitioned from state Offline to state OnlineCallIssued.",
    expect: { resource: 'Cluster IP Address', group: 'Cluster Group', from: 'Offline', to: 'OnlineCallIssued' },
    meaning: 'Operational channel: a resource of a clustered role changed state.',
  },
  {
    id: 'resource.rcm-issue', family: 'resource', kind: 'resource-call', comp: 'RCM', anchor: ') to RHS.',
    re: /\[RCM\] Issuing (?<call>\w+)\((?<resource>.+?)\) to RHS\./,
    verified: 'V', ref: 'B.4.3 (R1)',
    example: '21:17:42.347 INFO  [RCM] Issuing Online(File Share Witness) to RHS.',
    expect: { call: 'Online', resource: 'File Share Witness' },
    meaning: 'RCM asks RHS to run an entry point (Online, Offline, Arbitrate...) of a resource.',
  },
  {
    id: 'resource.monitor-reply', family: 'resource', kind: 'monitor-reply', comp: 'RCM', anchor: 'HandleMonitorReply: ',
    re: new RegExp(String.raw`\[RCM\] HandleMonitorReply: (?<call>[A-Z_]+) for ${Q}(?<resource>${NQ}+)${Q}(?:, gen\((?<gen>\d+)\) result (?<result>-?\d+\/-?\d+))?`),
    verified: 'V', ref: 'B.4.3 (R2, R9)',
    example: "00001278.00002ed8::2021/02/24-02:50:02.453 INFO [RCM] HandleMonitorReply: FAILURENOTIFICATION for 'AG', gen(0) result 1/0.",
    expect: { call: 'FAILURENOTIFICATION', resource: 'AG', gen: 0, result: '1/0' },
    meaning: 'RCM handles what RHS reported for a resource (FAILURENOTIFICATION = the resource failed; OFFLINERESOURCE... = a call completed).',
  },
  // ---- RHS (B.4.3) ----
  {
    id: 'resource.health-check-failed', family: 'resource', kind: 'health-check-failed', comp: 'RHS', anchor: 'has indicated failure',
    re: /\[RHS\] Resource (?<resource>.+?) (?<check>IsAlive|LooksAlive) has indicated failure\./,
    verified: 'V', ref: 'B.4.3 (R2; the LooksAlive variant [I])',
    example: '00001898.0000185c::2023/02/27-13:27:41.121 WARN [RHS] Resource ag IsAlive has indicated failure.',
    expect: { resource: 'ag', check: 'IsAlive' },
    meaning: 'A resource failed its IsAlive (or LooksAlive) health check; RCM then handles the failure.',
  },
  {
    id: 'resource.rhs-reported', family: 'resource', kind: 'resource-reported', comp: 'RHS', anchor: 'has come o',
    re: /\[RHS\] Resource (?<resource>.+?) has come (?<to>offline|online)\./,
    verified: 'V', ref: 'B.4.3 (R3; "online" [I])',
    example: '00000c40.00000a34::2011/08/10-18:42:29.498 INFO  [RHS] Resource ag has come offline. RHS is about to report resource status to RCM.',
    expect: { resource: 'ag', to: 'offline' },
    meaning: 'RHS saw a resource finish going offline (or online) and reports it to RCM.',
  },
  {
    id: 'resource.deadlock-timeout', family: 'resource', kind: 'rhs-deadlock', comp: 'RHS', anchor: 'DeadlockMonitor',
    re: new RegExp(String.raw`\[RHS\] RhsCall::DeadlockMonitor: Call (?<call>[A-Z_]+) timed out for resource ${Q}(?<resource>${NQ}+)${Q}`),
    verified: 'V', ref: 'B.4.3 (R17)',
    example: "00001894.000018a4::2013/03/08-08:13:01.001 ERR [RHS] RhsCall::DeadlockMonitor: Call ONLINERESOURCE timed out for resource 'TSM-Server-TSM1'.",
    expect: { call: 'ONLINERESOURCE', resource: 'TSM-Server-TSM1' },
    meaning: 'A resource call did not return within the RHS deadlock timeout (5 minutes by default).',
  },
  {
    id: 'resource.deadlock-handling', family: 'resource', kind: 'rhs-deadlock', comp: 'RHS', anchor: 'handling deadlock',
    re: /\[RHS\] Resource (?<resource>.+?) handling deadlock\./,
    verified: 'V', ref: 'B.4.3 (R17)',
    example: '00001894.000018a4::2013/03/08-08:13:01.001 ERR [RHS] Resource TSM-Server-TSM1 handling deadlock. Cleaning current operation.',
    expect: { resource: 'TSM-Server-TSM1' },
    meaning: 'RHS handles a deadlocked resource call; RHS is usually terminated and restarted next (event 1146).',
  },
  {
    id: 'resource.rhs-terminating', family: 'resource', kind: 'rhs-terminated', comp: 'RHS', anchor: 'Terminating resource',
    re: /\[RHS\] Terminating resource (?<resource>.+?) \(state is (?<current>\w+)\)\./,
    verified: 'V', ref: 'B.4.3 (R5)',
    example: '00001084.00001088::2017/10/23-21:53:54.600 INFO  [RHS] Terminating resource ag1023 (state is Online).',
    expect: { resource: 'ag1023', current: 'Online' },
    meaning: 'RHS terminates a resource (in the state given), e.g. when the service or the RHS process goes away.',
  },
  {
    id: 'resource.rhs-terminated-1146', family: 'resource', kind: 'rhs-terminated', comp: null, anchor: 'Resource Hosting Subsystem (RHS) process was terminated',
    re: /Resource Hosting Subsystem \(RHS\) process was terminated and will be restarted/,
    verified: 'V', ref: 'B.7 1146 (R27, R5 System)',
    example: '[System] 00000844.00001680::2017/10/23-21:20:11.579 DBG   The cluster Resource Hosting Subsystem (RHS) process was terminated and will be restarted. This is typically associated with cluster health detection and recovery of a resource. Refer to the System event log to determine which resource and resource DLL is causing the issue.',
    expect: {},
    meaning: 'Event 1146: an RHS process was terminated (deadlock or crash recovery) and is restarted.',
  },
  // ---- event 1069 (B.7) ----
  {
    id: 'resource.failed-1069', family: 'resource', kind: 'resource-failed', comp: null, anchor: 'Cluster resource ',
    re: new RegExp(String.raw`Cluster resource ${Q}(?<resource>${NQ}+)${Q}(?: of type ${Q}(?<resourceType>${NQ}+)${Q})? in clustered (?:role|service or application) ${Q}(?<group>${NQ}+)${Q} failed\.(?:\s*The error code was ${Q}(?<code>${NQ}+)${Q}\s*\(${Q}(?<codeText>.*?)${Q}\))?`),
    verified: 'V-doc', ref: 'B.7 1069 (R27; WS2008 wording per R5)',
    example: "Cluster resource 'IPv4 Static Address 1 (Cluster Group)' in clustered service or application 'Cluster Group' failed.",
    expect: { resource: 'IPv4 Static Address 1 (Cluster Group)', group: 'Cluster Group' },
    meaning: 'Event 1069: a resource failed (type and error code in the 2012+ wording; policy may restart it or fail the role over).',
  },
  // ---- SQL Server resource DLLs (B.4.3; [RES] lines) ----
  {
    id: 'resource.hadrag-alive-result', family: 'resource', kind: 'resource-health', comp: 'RES', anchor: 'Resource Alive result',
    re: new RegExp(String.raw`${RES_HEAD}\[(?<dll>hadrag)\]\s+(?<message>Resource Alive result -?\d+)`),
    verified: 'V', ref: 'B.4.3 (R2)',
    example: '00001334.00002ef4::2019/06/24-18:24:36.153 ERR [RES] SQL Server Availability Group : [hadrag] Resource Alive result 0.',
    expect: { resourceType: 'SQL Server Availability Group', dll: 'hadrag', message: 'Resource Alive result 0' },
    meaning: 'The AG resource DLL answered the health check: result 0 = not alive (the resource fails).',
  },
  {
    id: 'resource.hadrag-service-down', family: 'resource', kind: 'resource-health', comp: 'RES', anchor: '[hadrag] ',
    re: new RegExp(String.raw`${RES_HEAD}\[(?<dll>hadrag)\]\s+(?<message>SQL server service is not alive|QueryServiceStatusEx returned a process id 0)`),
    verified: 'V', ref: 'B.4.3 (R2, R5, R6)',
    example: '0000126c.00001cec::2017/09/14-18:16:27.575 ERR   [RES] SQL Server Availability Group <ag8102017>: [hadrag] SQL server service is not alive',
    expect: { resourceType: 'SQL Server Availability Group', resource: 'ag8102017', message: 'SQL server service is not alive' },
    meaning: 'The AG resource DLL found the SQL Server service not running (unexpected SQL shutdown).',
  },
  {
    id: 'resource.sql-lease', family: 'resource', kind: 'resource-health', comp: 'RES', anchor: 'ease ',
    re: new RegExp(String.raw`${RES_HEAD}\[(?<dll>hadrag|sqsrvres)\]\s+(?<message>Availability Group lease is no longer valid|Lease timeout detected|Lease Thread terminated)`),
    verified: 'V', ref: 'B.4.3, A.5.2 (R2, R6; the [sqsrvres] form per R6 [I])',
    example: '[RES] SQL Server Availability Group: [hadrag] Lease timeout detected, logging perf counter data collected so far',
    expect: { resourceType: 'SQL Server Availability Group', dll: 'hadrag', message: 'Lease timeout detected' },
    meaning: 'The SQL Server lease between the resource DLL and the instance expired or ended (the AG or FCI goes down).',
  },
  {
    id: 'resource.sql-heartbeat-lost', family: 'resource', kind: 'resource-health', comp: 'RES', anchor: 'diagnostics heartbeat is lost',
    re: new RegExp(String.raw`${RES_HEAD}\[(?<dll>hadrag|sqsrvres)\]\s+(?<message>Failure detected, diagnostics heartbeat is lost)`),
    verified: 'V', ref: 'B.4.3 (R2, R6)',
    example: '[RES] SQL Server Availability Group <ag>: [hadrag] Failure detected, diagnostics heartbeat is lost',
    expect: { resourceType: 'SQL Server Availability Group', resource: 'ag', dll: 'hadrag', message: 'Failure detected, diagnostics heartbeat is lost' },
    meaning: 'SQL Server sent no health diagnostics within HealthCheckTimeout (health check timeout).',
  },
  {
    id: 'resource.hadrag-not-healthy', family: 'resource', kind: 'resource-health', comp: 'RES', anchor: 'is not healthy with given HealthCheckTimeout',
    re: new RegExp(String.raw`${RES_HEAD}\[(?<dll>hadrag)\]\s+(?<message>Availability Group is not healthy with given HealthCheckTimeout and FailureConditionLevel)`),
    verified: 'V', ref: 'B.4.3 (R2, R6)',
    example: '[RES] SQL Server Availability Group <ag>: [hadrag] Availability Group is not healthy with given HealthCheckTimeout and FailureConditionLevel',
    expect: { resourceType: 'SQL Server Availability Group', resource: 'ag', dll: 'hadrag', message: 'Availability Group is not healthy with given HealthCheckTimeout and FailureConditionLevel' },
    meaning: 'The AG reached its FailureConditionLevel: the resource DLL reports it unhealthy and the AG resource fails.',
  },
  {
    id: 'resource.sqsrvres-online-error', family: 'resource', kind: 'resource-health', comp: 'RES', anchor: '[sqsrvres] OnlineThread: Error',
    re: new RegExp(String.raw`${RES_HEAD}\[(?<dll>sqsrvres)\]\s+(?<message>OnlineThread: Error\b(?:.*[^.\s])?)\.?\s*$`),
    verified: 'V', ref: 'A.3, B.4.3 (R20 KB 883732)',
    example: '00000644.00000944::2003/11/30-18:11:30.360 SQL Server <SQLServer>: [sqsrvres] OnlineThread: Error d bringing resource online.',
    expect: { resourceType: 'SQL Server', resource: 'SQLServer', dll: 'sqsrvres', message: 'OnlineThread: Error d bringing resource online' },
    meaning: 'The SQL Server (FCI) resource DLL could not bring the instance online.',
  },
  // ---- Windows 2000/2003 (S2, R13) ----
  {
    id: 'resource.w2k-rm-returning', family: 'resource', kind: 'resource-state', comp: 'FM', anchor: 'Resource: Returning. Resource ',
    re: /\[FM\] FmpRm(?<call>\w+?)Resource: Returning\. Resource (?<resource>[^,\s]+), state (?<state>-?\d+), status (?<status>\d+)/,
    stateOf: 'resource', verified: 'V', ref: 'B.4.3, A.4 (S2)',
    example: '388.398::1999/06/09-18:07:45.295 [FM] FmpRmOnlineResource: Returning. Resource 254ef0e8-1937-11d3-b3fe-00a0c986aa14, state 129, status 997.',
    expect: { call: 'Online', resource: '254ef0e8-1937-11d3-b3fe-00a0c986aa14', state: 129, status: 997 },
    meaning: 'Windows 2000/2003: the resource monitor answered a call for a resource (GUID) with a state code and a status (129/997 = online pending).',
  },
  {
    id: 'resource.w2k3-rm-create-failed', family: 'resource', kind: 'resource-create-failed', comp: 'RM', anchor: 'Failed creating resource',
    re: /\[RM\] Failed creating resource (?<resource>[^,\s]+), error (?<code>\d+)/,
    verified: 'V', ref: 'A.3 (R13 KB 813554)',
    example: 'ERR [RM] Failed creating resource d98b79b2-70e8-4762-a836-215b13ef2965, error 234.',
    expect: { resource: 'd98b79b2-70e8-4762-a836-215b13ef2965', code: 234 },
    meaning: 'Windows 2003: the resource monitor could not create a resource (its DLL failed to load or open).',
  },
  {
    id: 'resource.w2k3-fm-create-failed', family: 'resource', kind: 'resource-create-failed', comp: 'FM', anchor: 'unable to create resource',
    re: /\[FM\] FmpRmCreateResource: unable to create resource (?<resource>[^\s.]+)/,
    verified: 'V', ref: 'A.3 (R13 KB 813554)',
    example: 'INFO [FM] FmpRmCreateResource: unable to create resource d98b79b2-70e8-4762-a836-215b13ef2965',
    expect: { resource: 'd98b79b2-70e8-4762-a836-215b13ef2965' },
    meaning: 'Windows 2003: the failover manager could not create a resource in the resource monitor.',
  },

  // ---- Groups: state (B.4.1, B.4.2) ----
  {
    id: 'group.op-state', family: 'group', kind: 'group-state', comp: null, anchor: 'has transitioned from state',
    re: new RegExp(String.raw`(?:^|\s)Group ${Q}(?<group>${NQ}+)${Q} has transitioned from state ${Q}(?<from>\w+)${Q} to state ${Q}(?<to>\w+)${Q}`),
    verified: 'V', ref: 'B.4.1 (R5 Operational)',
    example: "Group 'ag1023' has transitioned from state 'Pending' to state 'Online'.",
    expect: { group: 'ag1023', from: 'Pending', to: 'Online' },
    meaning: 'Operational channel: a group (clustered role) changed state.',
  },
  {
    id: 'group.op-online', family: 'group', kind: 'group-state', comp: null, anchor: 'successfully brought the clustered role',
    re: new RegExp(String.raw`The Cluster service successfully brought the clustered role ${Q}(?<group>${NQ}+)${Q} online`),
    fixed: { to: 'Online' }, verified: 'V', ref: 'B.4.2 (R5 Operational)',
    example: "The Cluster service successfully brought the clustered role 'ag1023' online.",
    expect: { group: 'ag1023', to: 'Online' },
    meaning: 'Operational channel: a clustered role came online on this node.',
  },
  {
    id: 'group.role-failed-1205', family: 'group', kind: 'role-failed', comp: null, anchor: 'completely online or offline',
    re: new RegExp(String.raw`The Cluster service failed to bring clustered role ${Q}(?<group>${NQ}+)${Q} completely online or offline`),
    verified: 'V', ref: 'B.4.3, B.7 1205 (R5 System)',
    example: "[System] 00000844.00001278::2017/10/23-21:01:11.623 ERR   The Cluster service failed to bring clustered role 'ag1023' completely online or offline. One or more resources may be in a failed state. This may impact the availability of the clustered role.",
    expect: { group: 'ag1023' },
    meaning: 'Event 1205: a clustered role could not be brought fully online or offline (some resource failed).',
  },
  // ---- Groups: moves and failover (B.4.2) ----
  {
    id: 'group.move', family: 'group', kind: 'group-move', comp: 'RCM', anchor: 'move of group ',
    re: /\[RCM\] move of group (?<group>.+?) from (?<fromName>\S+?)\((?<fromId>\d+)\) to (?<toName>\S+?)\((?<toId>\d+)\) of type MoveType::(?<moveType>\w+) is about to succeed(?:,\s*failoverCount=(?<failoverCount>\d+))?(?:,\s*lastFailoverTime=(?<lastFailoverTime>\S+))?(?:\s+targeted=(?<targeted>true|false))?/,
    // R5: lastFailoverTime=2017/10/23-14:01:11.621 names the failure logged at 21:01:11.623 UTC (PDT) [V, derived].
    times: { lastFailoverTime: 'local' },
    subject: 'toName', verified: 'V', ref: 'B.4.2 (R1, R5, R7)',
    example: '21:17:42.347 INFO  [RCM] move of group Cluster Group from SVR13(2) to SVR13(2) of type MoveType::NodeDown is about to succeed, failoverCount=0, lastFailoverTime=1601/01/01-00:00:00.000 targeted=false',
    expect: {
      group: 'Cluster Group', fromName: 'SVR13', fromId: 2, toName: 'SVR13', toId: 2, moveType: 'NodeDown',
      failoverCount: 0, lastFailoverTime: '1601/01/01-00:00:00.000', targeted: false,
    },
    meaning: 'RCM completes a group move between nodes (a NodeDown move may write the surviving node twice); lastFailoverTime is local time.',
  },
  {
    id: 'group.op-moving', family: 'group', kind: 'group-move', comp: null, anchor: 'is moving from cluster node',
    re: new RegExp(String.raw`Clustered role ${Q}(?<group>${NQ}+)${Q} is moving from cluster node ${Q}(?<fromName>${NQ}+)${Q} to cluster node ${Q}(?<toName>${NQ}+)${Q}`),
    subject: 'toName', verified: 'V', ref: 'B.4.2 (R5 Operational)',
    example: "Clustered role 'ag1023' is moving from cluster node 'ze-2016-v1' to cluster node 'ze-2016-v2'.",
    expect: { group: 'ag1023', fromName: 'ze-2016-v1', toName: 'ze-2016-v2' },
    meaning: 'Operational channel: a clustered role is being moved between nodes.',
  },
  {
    id: 'group.op-failover', family: 'group', kind: 'failover-attempt', comp: null, anchor: 'is attempting to fail over the clustered role',
    re: new RegExp(String.raw`The Cluster service is attempting to fail over the clustered role ${Q}(?<group>${NQ}+)${Q} from node ${Q}(?<fromName>${NQ}+)${Q} to node ${Q}(?<toName>${NQ}+)${Q}`),
    subject: 'toName', verified: 'V', ref: 'B.4.2 (R5 Operational)',
    example: "The Cluster service is attempting to fail over the clustered role 'ag1023' from node 'ze-2016-v1' to node 'ze-2016-v2'.",
    expect: { group: 'ag1023', fromName: 'ze-2016-v1', toName: 'ze-2016-v2' },
    meaning: 'Operational channel: the cluster starts failing a clustered role over to another node.',
  },
  {
    id: 'group.move-api', family: 'group', kind: 'group-move-request', comp: 'RCM', anchor: 'rcm::RcmApi::MoveGroup: (',
    re: /\[RCM\] rcm::RcmApi::MoveGroup: \((?!Group:)(?<group>.+?),\s*(?<dest>-?\d+)\)/,
    subject: 'dest', verified: 'V', ref: 'B.4.2 (R3)',
    example: '000011d0.00000f80::2011/08/05-13:47:42.465 INFO  [RCM] rcm::RcmApi::MoveGroup: (ag, 2)',
    expect: { group: 'ag', dest: 2 },
    meaning: 'A move of a group to a node was requested through the cluster API (2012-era form).',
  },
  {
    id: 'group.move-api-detail', family: 'group', kind: 'group-move-request', comp: 'RCM', anchor: 'rcm::RcmApi::MoveGroup: (Group:',
    re: /\[RCM\] rcm::RcmApi::MoveGroup: \(Group:(?<group>.*?\S)\s+Dest:(?<dest>-?\d+)(?:\s+Flags:(?<flags>\S+))?(?:\s+MoveType:MoveType::(?<moveType>\w+))?(?:\s+Cur\.State:(?<current>\w+))?/,
    subject: 'dest', verified: 'V', ref: 'B.4.2 (R5)',
    example: '00001214.00001884::2017/10/23-21:52:24.531 INFO  [RCM] rcm::RcmApi::MoveGroup: (Group:ag1023 Dest:-1 Flags:0 MoveType:MoveType::Manual Cur.State:Online, ContextSize:0)',
    expect: { group: 'ag1023', dest: -1, flags: '0', moveType: 'Manual', current: 'Online' },
    meaning: 'A group move was requested through the cluster API (Dest -1 = no node named, the cluster picks one [I]).',
  },
  {
    id: 'group.move-start', family: 'group', kind: 'group-move-request', comp: 'RCM', anchor: 'rcm::RcmGroup::Move: (',
    re: /\[RCM\] rcm::RcmGroup::Move: \((?<group>.+?),\s*(?<dest>-?\d+),\s*MoveType::(?<moveType>\w+)\)/,
    subject: 'dest', verified: 'V', ref: 'B.4.2 (R5)',
    example: '00001214.00001884::2017/10/23-21:52:24.532 INFO  [RCM] rcm::RcmGroup::Move: (ag1023, 2, MoveType::Manual)',
    expect: { group: 'ag1023', dest: 2, moveType: 'Manual' },
    meaning: 'RCM starts moving a group to the node id given.',
  },
  {
    id: 'group.move-offline-first', family: 'group', kind: 'group-move-request', comp: 'RCM', anchor: 'offline first',
    re: new RegExp(String.raw`\[RCM\] rcm::RcmGroup::Move: Bringing group ${Q}(?<group>${NQ}+)${Q} offline first`),
    verified: 'V', ref: 'B.4.2 (R3, R5)',
    example: "000011d0.00000f80::2011/08/05-13:47:42.480 INFO  [RCM] rcm::RcmGroup::Move: Bringing group 'ag' offline first...",
    expect: { group: 'ag' },
    meaning: 'A group move begins by taking the group offline on its current node.',
  },
  {
    id: 'group.failover-refused', family: 'group', kind: 'failover-refused', comp: 'RCM', anchor: 'Not failing over group',
    re: /Not failing over group (?<group>[^,]*[^,\s.])\.?\s*(?=,|$)(?:,\s*failoverCount\s*(?<failoverCount>\d+))?(?:,\s*failoverThresholdSetting\s*(?<threshold>\d+))?(?:,\s*computedFailoverThreshold\s*(?<computedThreshold>\d+))?/,
    verified: 'U', ref: 'B.4.2 (R6 AGDiag string; values and [RCM] tag assumed from the Microsoft SQL docs template)',
    example: '[RCM] Not failing over group ag, failoverCount 3, failoverThresholdSetting 4294967295, computedFailoverThreshold 2.',
    expect: { group: 'ag', failoverCount: 3, threshold: 4294967295, computedThreshold: 2 },
    meaning: 'The failover policy refused to fail a group over: too many failovers in the period (the role stays failed).',
  },
];
