// The generator's own message catalogue. Every entry quotes a REAL line (`reference`) from
// formats.md (or, for long event texts that formats.md abridges, from the real excerpt in
// ../shared/corpus/clusterlog/). templates.test.ts renders each template with the values read
// from its reference and checks that the text comes out identical.
// Deliberately independent of the parser (src/ingest, src/formats): the two check each other.

import type { GenDialect, LevelName } from './model.ts';
import { compileTemplate, componentOf, fillTemplate, type CompiledTemplate, type Values } from './template-fill.ts';

export type TemplateFamily =
  | 'service' | 'join' | 'membership' | 'network' | 'quorum' | 'rcm' | 'rhs'
  | 'noise' | 'system' | 'operational' | 'legacy';

export interface MessageTemplate {
  id: string;
  family: TemplateFamily;
  dialects: readonly GenDialect[];
  /** Message text after the level, with `{placeholders}`. */
  template: string;
  level: LevelName;
  /** Tag of the leading `[...]` of the message, null when there is none. */
  component: string | null;
  /** A real line (or message) quoted verbatim from the reference source. */
  reference: string;
  /** Where `reference` is quoted from. */
  source: 'formats.md' | 'corpus';
  /**
   * `verbatim`: the reference renders exactly from the template.
   * `inferred`: formats.md only describes the line (`"Local endpoint: …"`); the template keeps its literal start.
   */
  fidelity: 'verbatim' | 'inferred';
  /** WS2003 writes some lines (resource-DLL lines) without a level word. */
  noLevelWord?: boolean;
}

const MODERN: readonly GenDialect[] = ['w2016', 'w2008'];
const W2016: readonly GenDialect[] = ['w2016'];
const LEGACY: readonly GenDialect[] = ['w2003', 'w2000', 'nt4'];
const W2K_W2K3: readonly GenDialect[] = ['w2003', 'w2000'];
const W2K3: readonly GenDialect[] = ['w2003'];
const NT4: readonly GenDialect[] = ['nt4'];

type Extra = Partial<Pick<MessageTemplate, 'source' | 'fidelity' | 'noLevelWord'>>;

function t(
  id: string, family: TemplateFamily, dialects: readonly GenDialect[], level: LevelName,
  template: string, reference: string, extra: Extra = {},
): MessageTemplate {
  return {
    id, family, dialects, template, level, component: componentOf(template), reference,
    source: extra.source ?? 'formats.md', fidelity: extra.fidelity ?? 'verbatim',
    ...(extra.noLevelWord ? { noLevelWord: true } : {}),
  };
}

const CORPUS: Extra = { source: 'corpus' };
const INFERRED: Extra = { fidelity: 'inferred' };

export const TEMPLATES: readonly MessageTemplate[] = [
  // ---- service start (2012 R2+) ----
  t('log-begin', 'service', MODERN, 'INFO', '---+ LOG BEGIN +---',
    '00003948.00003a38::2024/08/08-06:50:05.236 INFO  ---+ LOG BEGIN +---'),
  t('cs-starting-service', 'service', MODERN, 'INFO', '[CS] Starting clussvc as a service',
    'INFO [CS] Starting clussvc as a service'),
  t('cs-logging-level', 'service', MODERN, 'INFO', '[CS] cluster service logging level is {level}',
    'INFO [CS] cluster service logging level is 5'),
  t('cs-started', 'service', MODERN, 'INFO', '[CS] Cluster Service started', 'INFO [CS] Cluster Service started'),
  t('cs-reporting-scm', 'service', MODERN, 'INFO', '[CS] Reporting to SCM that cluster service has started.',
    'INFO [CS] Reporting to SCM that cluster service has started.'),
  t('cs-watchdog', 'service', MODERN, 'INFO', '[CS] Starting the Watchdog Monitor', 'INFO [CS] Starting the Watchdog Monitor'),
  t('wm-monitoring', 'service', MODERN, 'INFO', '[WM] Monitoring the kernel-mode watchdog.',
    'INFO [WM] Monitoring the kernel-mode watchdog.'),
  t('rcm-heartbeat-timeout', 'service', MODERN, 'DBG', '[RCM] Clussvc heartbeat Timeout={secs} seconds Action={action}.',
    'DBG [RCM] Clussvc heartbeat Timeout=60 seconds Action=BugCheck Node.'),
  t('core-deadlock-values', 'service', MODERN, 'INFO',
    '[CORE] Updating user mode deadlock recovery values. Action: UserModeActionType::{action}, Timeout: {secs}.',
    'INFO [CORE] Updating user mode deadlock recovery values. Action: UserModeActionType::TerminateProcess, Timeout: 60.'),
  t('cs-route-history', 'service', MODERN, 'INFO', '[CS] Setting route history length to {n}.',
    '[CS] Setting route history length to 10.'),
  t('netft-route-history', 'service', MODERN, 'INFO', '[NETFT] Route history length is now: {n}',
    '[NETFT] Route history length is now: 10'),
  t('hm-init', 'service', MODERN, 'INFO', '[HM]: Initializing.', '[HM]: Initializing.'),
  t('cs-starting-jpm', 'service', MODERN, 'INFO', '[CS] Starting JPM (attempting connections to other cluster nodes)',
    '[CS] Starting JPM (attempting connections to other cluster nodes)'),
  t('rhs-init', 'service', MODERN, 'INFO', '[RHS] Initializing.',
    '00000c20.00000c24::2018/10/18-19:17:46.804 INFO [RHS] Initializing.'),
  t('dm-loading-hive', 'service', MODERN, 'INFO', '[DM] Node {n}: Loading DM hive', 'INFO [DM] Node 1: Loading DM hive'),
  t('dm-reading-qconfig', 'service', MODERN, 'INFO', '[DM] Node {n}: Reading quorum config', 'INFO [DM] Node 1: Reading quorum config'),
  t('dm-paxos-read', 'service', MODERN, 'INFO', '[DM] Paxos Tag Read from Hive: {tag}',
    '21:16:18.538 INFO  [DM] Paxos Tag Read from Hive: 86:86:31888'),

  // ---- service stop / termination ----
  t('cs-stopping', 'service', MODERN, 'INFO', '[CS] Service Stopping...', 'INFO  [CS] Service Stopping...'),
  t('cs-stopped', 'service', MODERN, 'INFO', '[CS] Service Stopped...', 'INFO  [CS] Service Stopped...'),
  t('cs-exit', 'service', MODERN, 'INFO', '[CS] About to exit service...', 'INFO  [CS] About to exit service...'),
  t('dm-shutting-down', 'service', MODERN, 'INFO', '[DM]: Shutting down, so unloading the cluster database.',
    '00000fe4.00001628::2022/12/15-14:26:02.654 INFO [DM]: Shutting down, so unloading the cluster database.'),
  t('netft-preterminate', 'service', MODERN, 'INFO', '[NETFT] Cluster Service preterminate succeeded.',
    'INFO  [NETFT] Cluster Service preterminate succeeded.'),
  t('rcm-shutdown-all', 'service', MODERN, 'INFO',
    '[RCM] rcm::RcmGroup::ShutdownAllGroups: [Shutdown] Rcm shutting down due to reason:ServiceStopReason::{reason}.',
    '[RCM] rcm::RcmGroup::ShutdownAllGroups: [Shutdown] Rcm shutting down due to reason:ServiceStopReason::Other.'),
  t('net-shutting-down', 'service', W2016, 'INFO', '[NETWORK] Local node is shutting down, disconnecting from other nodes',
    'INFO  [NETWORK] Local node is shutting down, disconnecting from other nodes'),

  // ---- form / join ----
  t('quorum-coordinator', 'join', MODERN, 'INFO',
    '[QUORUM] Node {n}: I am the form/join coordinator (offline and lowest number node). Launching worker to request quorum config from other nodes',
    '[QUORUM] Node 1: I am the form/join coordinator (offline and lowest number node). Launching worker to request quorum config from other nodes'),
  t('quorum-leader', 'join', MODERN, 'INFO', '[QUORUM] Node {n}: I am the form/join leader (responsible for state xfer to other nodes)',
    '[QUORUM] Node 2: I am the form/join leader (responsible for state xfer to other nodes)'),
  t('quorum-not-lowest', 'join', MODERN, 'INFO', "[QUORUM] Node {n}: offline, but not a lowest number node. Don't do anything",
    "[QUORUM] Node 2: offline, but not a lowest number node. Don't do anything"),
  t('quorum-info-reply', 'join', MODERN, 'INFO',
    "[QUORUM] Node {n}: received request for quorum info. Replying with quorum state <QuorumConfig tag='{tag}' set='({set})' weights='({weights})'/>",
    "21:16:18.436 INFO  [QUORUM] Node 2: received request for quorum info. Replying with quorum state <QuorumConfig tag='85:85:31879' set='(0 1 2)' weights='(0 1 2)'/>"),
  t('quorum-target-weights', 'join', MODERN, 'INFO', '[QUORUM] Node {n}: Target Node Weights are changed from ({from}) to ({to})',
    'INFO [QUORUM] Node 2: Target Node Weights are changed from () to (1 2)'),
  t('quorum-dynamic', 'join', MODERN, 'INFO', '[QUORUM] Node {n}: Dynamic Quorum set to {on}', 'INFO [QUORUM] Node 2: Dynamic Quorum set to true'),
  t('core-form-phase', 'join', MODERN, 'INFO', '[CORE] Node {n}: {phase} {manager}',
    '[CORE] Node 1: Calling form for Global Update Manager'),
  t('join-stage', 'join', MODERN, 'INFO', "[NODE] Node {n}: New join with n{peer}: stage: '{stage}'",
    "21:16:19.717 INFO  [NODE] Node 2: New join with n1: stage: 'Reporting Ready for Form/Join State Transfer'"),
  t('join-stage-failed', 'join', MODERN, 'INFO',
    "[NODE] Node {n}: New join with n{peer}: stage: '{stage}' status ({status}) reason: '{reason}'",
    "000033dc.00003078::2024/08/08-07:55:41.151 INFO  [NODE] Node 2: New join with n1: stage: 'Attempt Initial Connection' status (10060) reason: 'Failed to connect to remote endpoint 10.10.20.18:~3343~'"),
  t('join-farthest', 'join', MODERN, 'INFO',
    '[NODE] Node {n}: Farthest reported progress joining with node {peerName} (id {peer}) is: {stage} at time {time}: status {status} {reason}',
    '[NODE] Node 2: Farthest reported progress joining with node sqlnode01 (id 1) is: Attempt Initial Connection at time 2024/08/08-07:56:41.153: status 10060 Failed to connect to remote endpoint 10.10.20.18:~3343~'),
  t('hm-trying', 'join', MODERN, 'DBG', '[HM] Trying to connect to {peerName} at {ep}',
    '427 00000b50.00000bc4::2018/10/18-19:17:38.723 DBG [HM] Trying to connect to 2012R2Node2 at 10.10.10.24:~3343~'),
  t('connect-established', 'join', MODERN, 'INFO', '[CONNECT] {ep}: Established connection to remote endpoint {ep}.',
    '[CONNECT] 10.10.10.24:~3343~: Established connection to remote endpoint 10.10.10.24:~3343~.'),
  t('accept-inbound', 'join', MODERN, 'INFO', '[ACCEPT] 0.0.0.0:~3343~: Accepted inbound connection from remote endpoint {ep}.',
    '[ACCEPT] 0.0.0.0:~3343~: Accepted inbound connection from remote endpoint XX.X.1.X13:~49183~.'),
  t('sv-new-route', 'join', MODERN, 'INFO', '[SV] New real route: local ({local}) to remote {peerName} ({remote}).',
    '[SV] New real route: local (10.10.10.23:~56450~) to remote 2012R2Node2 (10.10.10.24:~3343~).'),
  t('sv-outgoing', 'join', MODERN, 'INFO', '[SV] Got a new outgoing stream to {peerName} at {ep}',
    '[SV] Got a new outgoing stream to 2012R2Node2 at 10.10.10.24:~3343~'),
  t('sv-auth-ok', 'join', MODERN, 'INFO', '[SV] Authentication and authorization were successful',
    '[SV] Authentication and authorization were successful'),
  t('sv-incoming-secure', 'join', MODERN, 'DBG', '[SV] Incoming (second) connection from {peerName} is secure',
    'DBG [SV] Incoming (second) connection from 2012R2Node2 is secure'),
  t('jpm-dead-node', 'join', MODERN, 'DBG', '[JPM] Node {n}: Dead node mentioned {peerName}', '[JPM] Node 1: Dead node mentioned 2012R2Node2'),
  t('jpm-new-stream', 'join', MODERN, 'INFO', '[JPM] Received a new stream from {peerName}', '[JPM] Received a new stream from 2012R2Node2'),
  t('jpm-all-known', 'join', MODERN, 'DBG', '[JPM] All known connected nodes are in my quorum view.',
    'DBG [JPM] All known connected nodes are in my quorum view.'),
  t('mm-add-stream', 'join', MODERN, 'INFO', '[MM] Node {n}: Adding a stream to existing node {peer}',
    '[MM] Node 1: Adding a stream to existing node 2'),

  // ---- membership views ----
  t('rgp-emit', 'membership', MODERN, 'INFO', '[RGP] node {n}: emit view {view}({members})', '[RGP] node 1: emit view 001(1)'),
  t('rgp-node-conn', 'membership', MODERN, 'INFO', '[RGP] node {n}: Node {ev} {peer} {mask}',
    '[RGP] node 1: Node Connected 2 00000000000000000000000000000000000000000000000000000000000000110'),
  t('gem-pause', 'membership', MODERN, 'INFO',
    '[GEM] Node {n}: Pause (proposedView = {pView}({pMembers}), currentView = {cView}({cMembers}), joiners = ({joiners}), InSteadyState = {steady})',
    '[GEM] Node 1: Pause (proposedView = 201(1 2), currentView = 001(1), joiners = (2), InSteadyState = true)'),
  t('gem-repair', 'membership', MODERN, 'INFO', '[GEM] Node {n}: EnterRepairStage1: Gem agent for node {n}',
    '[GEM] Node 1: EnterRepairStage1: Gem agent for node 1'),
  t('gem-green', 'membership', MODERN, 'INFO', '[GEM] Node {n}: GEM is green', '[GEM] Node 1: GEM is green'),
  t('gem-emit', 'membership', MODERN, 'INFO', '[GEM] Node {n}: Emitting Gem View {view}({members})', '[GEM] Node 1: Emitting Gem View 001(1)'),
  t('view-new', 'membership', MODERN, 'INFO',
    '[CORE] Node {n}: New View is <ViewChanged joiners=({joiners}) downers=({downers}) newView={newView}({newMembers}) oldView={oldView}({oldMembers}) joiner={joiner} form={form}/> (Start Dispatch)',
    '21:17:51.909 INFO  [CORE] Node 1: New View is <ViewChanged joiners=() downers=(2) newView=1301(1) oldView=1101(1 2) joiner=false form=false/> (Start Dispatch)'),
  t('view-proposed', 'membership', MODERN, 'INFO',
    '[CORE] Node {n}: Proposed View is <ViewChanged joiners=({joiners}) downers=({downers}) newView={newView}({newMembers}) oldView={oldView}({oldMembers}) joiner={joiner} form={form}/>',
    '[CORE] Node 1: Proposed View is <ViewChanged joiners=(2) downers=() newView=201(1 2) oldView=001(1) joiner=false form=false/>'),
  t('mrr-process-view', 'membership', MODERN, 'INFO', '[MRR] Node {n}: Process view {view}({members})', '[MRR] Node 2: Process view 1302(2)'),
  t('gum-went-down', 'membership', MODERN, 'INFO', '[GUM] Node {n}: one of the active nodes went down, epoch change is required',
    '21:17:42.347 INFO  [GUM] Node 2: one of the active nodes went down, epoch change is required'),
  t('gum-epoch-needed', 'membership', MODERN, 'INFO', '[GUM] Node {n}: Epoch change is needed.',
    '21:17:48.802 INFO  [GUM] Node 2: Epoch change is needed.'),
  t('core-failed-handlers', 'membership', MODERN, 'INFO', '[CORE] Node {n}: executing node {peer} failed handlers on a dedicated thread',
    '[CORE] Node 8: executing node 12 failed handlers on a dedicated thread'),
  t('node-cleanup', 'membership', MODERN, 'INFO', '[NODE] Node {n}: Cleaning up connections for n{peer}.',
    '[NODE] Node 8: Cleaning up connections for n12.'),
  t('node-closing-conns', 'membership', MODERN, 'INFO', '[NODE] Node {n}: n{peer} node object is closing its connections',
    '[NODE] Node 8: n12 node object is closing its connections'),
  t('node-closing-channels', 'membership', MODERN, 'INFO', '[NODE] Node {n}: closing n{peer} node object channels',
    '[NODE] Node 8: closing n12 node object channels'),
  t('node-eating', 'membership', MODERN, 'DBG', '[NODE] Node {n}: eating message sent to the dead node {peer}',
    '[NODE] Node 1: eating message sent to the dead node 2'),
  t('core-clear-cookie', 'membership', MODERN, 'INFO', '[CORE] Node {n}: Clearing cookie {cookie}',
    '[CORE] Node 2: Clearing cookie d4ed3788-7946-4d2c-b4a4-e9bb88ff9e1f'),
  t('node-conn-broken', 'membership', MODERN, 'INFO',
    "[NODE] Node {n}: Connection to Node {peer} is broken. Reason {reason}({code})' because of '{why}'",
    "[NODE] Node 1: Connection to Node 2 is broken. Reason GracefulClose(1226)' because of 'channel to remote endpoint fe80::9087:71d9:495b:27bd%14:~3343~ is closed'"),
  t('channel-close', 'membership', MODERN, 'INFO', '[CHANNEL {ep}] graceful close, status (of previous failure, may not indicate problem) ({status})',
    '[CHANNEL XX.X.1.X13:~49258~] graceful close, status (of previous failure, may not indicate problem) (0)'),
  t('rcm-downed', 'membership', MODERN, 'INFO', '[RCM] Handling downed nodes ({down}). Nodes in isolated state ({isolated})',
    '[RCM] Handling downed nodes (2). Nodes in isolated state ()'),

  // ---- routes, reachability, heartbeats ----
  t('netft-added-route', 'network', MODERN, 'INFO', '[NETFT] Added route <struct mscs::FaultTolerantRoute>',
    '470 00000b50.00000810::2018/10/18-19:17:38.833 INFO [NETFT] Added route <struct mscs::FaultTolerantRoute>'),
  t('route-real-local', 'network', MODERN, 'INFO', '<realLocal>{ep}</realLocal>',
    '471 00000b50.00000810::2018/10/18-19:17:38.833 INFO <realLocal>10.10.10.23:~3343~</realLocal>'),
  t('route-real-remote', 'network', MODERN, 'INFO', '<realRemote>{ep}</realRemote>',
    '472 00000b50.00000810::2018/10/18-19:17:38.833 INFO <realRemote>10.10.10.24:~3343~</realRemote>'),
  t('route-virtual-local', 'network', MODERN, 'INFO', '<virtualLocal>{ep}</virtualLocal>',
    '473 00000b50.00000810::2018/10/18-19:17:38.833 INFO <virtualLocal>fe80::dc92:4c9d:19f3:af1d:~3343~</virtualLocal>'),
  t('route-virtual-remote', 'network', MODERN, 'INFO', '<virtualRemote>{ep}</virtualRemote>',
    '474 00000b50.00000810::2018/10/18-19:17:38.833 INFO <virtualRemote>fe80::2105:4fc6:807c:c8c:~3343~</virtualRemote>'),
  t('route-delay', 'network', MODERN, 'INFO', '<Delay>{ms}</Delay>', '475 00000b50.00000810::2018/10/18-19:17:38.833 INFO <Delay>1000</Delay>'),
  t('route-threshold', 'network', MODERN, 'INFO', '<Threshold>{n}</Threshold>',
    '476 00000b50.00000810::2018/10/18-19:17:38.833 INFO <Threshold>5</Threshold>'),
  t('route-priority', 'network', MODERN, 'INFO', '<Priority>{n}</Priority>',
    '477 00000b50.00000810::2018/10/18-19:17:38.833 INFO <Priority>99</Priority>'),
  t('route-attributes', 'network', MODERN, 'INFO', '<Attributes>{n}</Attributes>',
    '478 00000b50.00000810::2018/10/18-19:17:38.833 INFO <Attributes>1</Attributes>'),
  t('route-end', 'network', MODERN, 'INFO', '</struct mscs::FaultTolerantRoute>',
    '479 00000b50.00000810::2018/10/18-19:17:38.833 INFO </struct mscs::FaultTolerantRoute>'),
  t('netftevm-handler', 'network', MODERN, 'DBG', '[NETFTEVM] {consumer} NetFT event handler got event: Remote endpoint {remote} {state} from {local}',
    'DBG [NETFTEVM] FTI NetFT event handler got event: Remote endpoint 10.10.10.24:~3343~ reachable from 10.10.10.23:~3343~'),
  t('netftevm-dispatch', 'network', MODERN, 'DBG',
    '[NETFTEVM] {consumer} NetFT event dispatcher pushing event: Remote endpoint {remote} {state} from {local}',
    'DBG [NETFTEVM] TM NetFT event dispatcher pushing event: Remote endpoint 10.10.10.24:~3343~ reachable from 10.10.10.23:~3343~'),
  t('netftapi-signaled', 'network', MODERN, 'DBG', '[NETFTAPI] Signaled {ev} event, local address {local} remote address {remote}',
    'DBG [NETFTAPI] Signaled NetftRemoteUnreachable event, local address 10.135.4.221:3343 remote address 10.135.4.222:3343'),
  t('im-remote-event', 'network', MODERN, 'INFO', '[IM] got event: Remote endpoint {remote} {state} from {local}',
    'INFO [IM] got event: Remote endpoint 10.135.4.222:~3343~ unreachable from 10.135.4.221:~3343~'),
  t('im-mark-route', 'network', MODERN, 'INFO', '[IM] Marking Route from {local} to {remote} as {state}',
    'INFO [IM] Marking Route from 10.xxx.xxx.xxxx:~3343~ to 10.xxx.xx.xxxx:~3343~ as down'),
  t('ndp-all-down', 'network', MODERN, 'WARN', '[NDP] All routes for route (virtual) local {local} to remote {remote} are down',
    'WARN [NDP] All routes for route (virtual) local fe80::38b9:a16d:77b2:d2d:~0~ to remote fe80::9087:71d9:495b:27bd:~0~ are down'),
  t('im-route-history', 'network', MODERN, 'INFO',
    '[IM] Route history {n}: Old: {age}, Message: {msg}, Route sequence: {rseq}, Received sequence: {recv}, Heartbeats counter/threshold: {cnt}/{thr}, Error: {err}, NtStatus: {nt} Timestamp: {ts}, Ticks since last sending: {ticks}',
    'INFO [IM] Route history 1: Old: 05.936, Message: Response, Route sequence: 150415, Received sequence: 150415, Heartbeats counter/threshold: 5/5, Error: Success, NtStatus: 0 Timestamp: 2014/06/10-07:54:28.000, Ticks since last sending: 4'),
  t('im-missed-hb', 'network', MODERN, 'INFO', '[IM] got event: LocalEndpoint {local} has missed {amount} consecutive heartbeats from {remote}',
    '00001214.00000b78::2017/10/23-21:53:35.082 INFO  [IM] got event: LocalEndpoint 10.135.4.221:~3343~ has missed two-fifth consecutive heartbeats from 10.135.4.222:~3343~'),
  t('chm-missed-hb', 'network', MODERN, 'INFO', '[CHM] Received notification for {amount} consecutive missed HBs to the remote endpoint {remote} from {local}',
    '21:17:43.284 INFO  [CHM] Received notification for two consecutive missed HBs to the remote endpoint XX.X.1.X13:~3343~ from XX.X.1.X14:~3343~'),
  t('net-missed-hb', 'network', W2016, 'WARN', "[NETWORK] Missed {pct}% of the heart beats with node '{peerName}' ({peer}) on route {local}->{remote}",
    "00001320.00001724::2024/07/24-07:47:30.789 WARN  [NETWORK] Missed 40% of the heart beats with node 'sqlnode02' (2) on route 10.10.20.18:~3343~->10.10.148.18:~3343~"),
  t('net-lost-connection', 'network', W2016, 'WARN', '[NETWORK] Lost connection to node {peerName}',
    '00001320.00002cf8::2024/07/24-07:56:35.251 WARN  [NETWORK] Lost connection to node sqlnode02'),

  // ---- quorum ----
  t('quorum-one-off', 'quorum', MODERN, 'WARN', '[QUORUM] Node {n}: One off quorum ({members})',
    '21:17:42.347 WARN  [QUORUM] Node 2: One off quorum (2)'),
  t('quorum-owner-died', 'quorum', MODERN, 'INFO', '[QUORUM] Node {n}: quorum resource owner {owner} died',
    '21:17:42.347 INFO  [QUORUM] Node 2: quorum resource owner 1 died'),
  t('death-timer-start', 'quorum', MODERN, 'INFO', '[QUORUM] Node {n}: death timer is started at {utc} and expires in {secs} seconds',
    '21:17:42.347 INFO  [QUORUM] Node 2: death timer is started at 2020/05/12-01:17:42.347 and expires in 90 seconds'),
  t('death-timer-running', 'quorum', MODERN, 'INFO', '[QUORUM] Node {n}: death timer is already running, {left} seconds left.',
    '21:17:44.264 INFO  [QUORUM] Node 2: death timer is already running, 88 seconds left.'),
  t('quorum-arbitrated', 'quorum', MODERN, 'INFO', '[QUORUM] Node {n}: quorum is arbitrated by node {by}',
    '21:17:48.802 INFO  [QUORUM] Node 2: quorum is arbitrated by node 2'),
  t('death-timer-stop', 'quorum', MODERN, 'INFO', '[QUORUM] Node {n}: stopping death timer', '[QUORUM] Node 2: stopping death timer'),
  t('quorum-lost', 'quorum', MODERN, 'ERR', '[QUORUM] Node {n}: Lost quorum ({members})',
    '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)'),
  t('quorum-going-away', 'quorum', MODERN, 'ERR', '[QUORUM] Node {n}: goingAway: {going}, core.IsServiceShutdown: {shutdown}',
    '[QUORUM] Node 8: goingAway: 0, core.IsServiceShutdown: 0'),
  t('quorum-lost-witness', 'quorum', MODERN, 'ERR', 'Quorum lost because failed to update witness epoch after node failure (status = {status})',
    '21:17:51.909 ERR   Quorum lost because failed to update witness epoch after node failure (status = 5925)'),
  t('lost-quorum-onstop', 'quorum', MODERN, 'WARN', 'lost quorum (status = {status}), executing OnStop',
    'WARN lost quorum (status = 5925), executing OnStop'),
  t('dm-paxos-updated', 'quorum', MODERN, 'INFO', '[DM] Paxos tag updated to {tag}', '21:17:51.909 INFO  [DM] Paxos tag updated to 87:86:31906'),
  t('rcm-regained-quorum', 'quorum', MODERN, 'INFO', '[RCM] regained quorum, restarting group distribution',
    '21:17:48.802 INFO  [RCM] regained quorum, restarting group distribution'),
  t('rcm-arbitrated-rest', 'quorum', MODERN, 'INFO', '[RCM] Successfully arbitrated quorum -- now bringing rest of group to persistent state.',
    '[RCM] Successfully arbitrated quorum -- now bringing rest of group to persistent state.'),

  // ---- groups and resources ----
  t('rcm-move-succeed', 'rcm', MODERN, 'INFO',
    '[RCM] move of group {group} from {fromName}({fromId}) to {toName}({toId}) of type MoveType::{type} is about to succeed, failoverCount={count}, lastFailoverTime={last} targeted={targeted}',
    '21:17:42.347 INFO  [RCM] move of group Cluster Group from SVR13(2) to SVR13(2) of type MoveType::NodeDown is about to succeed, failoverCount=0, lastFailoverTime=1601/01/01-00:00:00.000 targeted=false'),
  t('rcm-res-state', 'rcm', MODERN, 'INFO', '[RCM] Res {res}: {from} -> {to}( {why} )',
    '21:17:42.347 INFO  [RCM] Res File Share Witness: Offline -> OnlineCallIssued( StateUnknown )'),
  t('rcm-transition', 'rcm', MODERN, 'INFO', '[RCM] TransitionToState({res}) {from}-->{to}.',
    '21:17:42.347 INFO  [RCM] TransitionToState(File Share Witness) Offline-->OnlineCallIssued.'),
  t('rcm-issuing', 'rcm', MODERN, 'INFO', '[RCM] Issuing {call}({res}) to RHS.', '21:17:42.347 INFO  [RCM] Issuing Online(File Share Witness) to RHS.'),
  t('rcm-monitor-reply', 'rcm', MODERN, 'INFO', "[RCM] HandleMonitorReply: {kind} for '{res}', gen({gen}) result {r1}/{r2}.",
    "00001278.00002ed8::2021/02/24-02:50:02.453 INFO [RCM] HandleMonitorReply: FAILURENOTIFICATION for 'AG', gen(0) result 1/0."),
  t('rhs-enqueue', 'rhs', MODERN, 'INFO', '[RHS] Enqueuing {call} call.', '21:17:42.347 INFO  [RHS] Enqueuing Arbitrate call.'),
  t('rhs-wait-dequeue', 'rhs', MODERN, 'INFO', '[RHS] Waiting for {call} call to be dequeued.', '[RHS] Waiting for Arbitrate call to be dequeued.'),
  t('rhs-came', 'rhs', MODERN, 'INFO', '[RHS] Resource {res} has come {state}. RHS is about to report resource status to RCM.',
    '00000c40.00000a34::2011/08/10-18:42:29.498 INFO  [RHS] Resource ag has come offline. RHS is about to report resource status to RCM.'),
  t('rhs-isalive-call', 'rhs', MODERN, 'DBG', '[RHS] IsAliveCall::CallIntoResource({res})',
    '[Verbose] 00001084.00000bd8::2017/10/23-21:53:26.356 DBG   [RHS] IsAliveCall::CallIntoResource(ag1023)'),
  t('rhs-isalive-failed', 'rhs', MODERN, 'WARN', '[RHS] Resource {res} IsAlive has indicated failure.',
    '00001898.0000185c::2023/02/27-13:27:41.121 WARN [RHS] Resource ag IsAlive has indicated failure.'),
  t('rhs-terminating', 'rhs', MODERN, 'INFO', '[RHS] Terminating resource {res} (state is {state}).',
    '00001084.00001088::2017/10/23-21:53:54.600 INFO  [RHS] Terminating resource ag1023 (state is Online).'),
  t('rhs-deadlock-monitor', 'rhs', MODERN, 'ERR', "[RHS] RhsCall::DeadlockMonitor: Call {call} timed out for resource '{res}'.",
    "00001894.000018a4::2013/03/08-08:13:01.001 ERR [RHS] RhsCall::DeadlockMonitor: Call ONLINERESOURCE timed out for resource 'TSM-Server-TSM1'."),
  t('rhs-handling-deadlock', 'rhs', MODERN, 'ERR', '[RHS] Resource {res} handling deadlock. Cleaning current operation.',
    '00001894.000018a4::2013/03/08-08:13:01.001 ERR [RHS] Resource TSM-Server-TSM1 handling deadlock. Cleaning current operation.'),
  t('rhs-cs-terminated', 'rhs', MODERN, 'WARN', '[RHS] Cluster service has terminated. Cluster.Service.Running.Event got signaled.',
    'WARN  [RHS] Cluster service has terminated. Cluster.Service.Running.Event got signaled.'),
  t('rhs-closing-all', 'rhs', MODERN, 'DBG', '[RHS] Closing all resources...', 'DBG [RHS] Closing all resources...'),
  // Real lines of this kind omit the resource name (R2); the tail is quoted in formats.md separately.
  t('hadrag-lease-timeout', 'rhs', MODERN, 'ERR',
    '[RES] SQL Server Availability Group: [hadrag] Lease timeout detected, logging perf counter data collected so far',
    '[RES] SQL Server Availability Group: [hadrag] Lease timeout detected, …', INFERRED),
  t('hadrag-alive-result', 'rhs', MODERN, 'ERR', '[RES] {resType} {resName}: [hadrag] Resource Alive result {result}.',
    '00001334.00002ef4::2019/06/24-18:24:36.153 ERR [RES] SQL Server Availability Group : [hadrag] Resource Alive result 0.'),

  // ---- steady-state background ----
  t('gem-deleting', 'noise', MODERN, 'INFO', "[GEM] Node {n}: Deleting [{a}:{b} , {a}:{c}] (both included) as it has been ack'd by every node",
    "[GEM] Node 2: Deleting [1:174 , 1:176] (both included) as it has been ack'd by every node"),
  t('gum-exec', 'noise', MODERN, 'INFO', '[GUM] Node {n}: Executing locally gumId: {id}, updates: {count}, first action: {action}',
    '21:16:24.249 INFO  [GUM] Node 2: Executing locally gumId: 357, updates: 1, first action: /dm/update'),
  t('netftapi-query-failed', 'noise', MODERN, 'WARN', '[NETFTAPI] Failed to query parameters for {addr} (status 0x80070490) -- ERROR_NOT_FOUND',
    'WARN [NETFTAPI] Failed to query parameters for fe80::40bb:a342:8159:3a48 (status 0x80070490) -- ERROR_NOT_FOUND'),
  t('netftapi-nsi-delete', 'noise', MODERN, 'DBG', '[NETFTAPI] received NsiDeleteInstance for {addr}',
    'DBG [NETFTAPI] received NsiDeleteInstance for fe80::40bb:a342:8159:3a48'),

  // ---- [System] channel (2016+). Long texts are quoted from the real excerpt (formats.md abridges them). ----
  t('sys-1135', 'system', W2016, 'DBG',
    "Cluster node '{node}' was removed from the active failover cluster membership. The Cluster service on this node may have stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster. Run the Validate a Configuration wizard to check your network configuration. If the condition persists, check for hardware or software errors related to the network adapters on this node. Also check for failures in any other network components to which the node is connected such as hubs, switches, or bridges.",
    "[System] 00000844.00000d34::2017/10/23-21:20:11.225 DBG   Cluster node 'ze-2016-v1' was removed from the active failover cluster membership. The Cluster service on this node may have stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster. Run the Validate a Configuration wizard to check your network configuration. If the condition persists, check for hardware or software errors related to the network adapters on this node. Also check for failures in any other network components to which the node is connected such as hubs, switches, or bridges.",
    CORPUS),
  t('sys-1177', 'system', W2016, 'DBG',
    'The Cluster service is shutting down because quorum was lost. This could be due to the loss of network connectivity between some or all nodes in the cluster, or a failover of the witness disk. ',
    '[System] 00000844.00000d34::2017/10/23-21:20:11.233 DBG   The Cluster service is shutting down because quorum was lost. This could be due to the loss of network connectivity between some or all nodes in the cluster, or a failover of the witness disk. ',
    CORPUS),
  t('sys-1177-cont', 'system', W2016, 'DBG',
    'Run the Validate a Configuration wizard to check your network configuration. If the condition persists, check for hardware or software errors related to the network adapter. Also check for failures in any other network components to which the node is connected such as hubs, switches, or bridges.',
    'Run the Validate a Configuration wizard to check your network configuration. If the condition persists, check for hardware or software errors related to the network adapter. Also check for failures in any other network components to which the node is connected such as hubs, switches, or bridges.',
    CORPUS),
  t('sys-5050', 'system', W2016, 'DBG', "The cluster service encountered an unexpected problem and will be shut down. The error code was '{code}'.",
    "[System] 00000844.00001cc4::2017/10/23-21:20:11.441 DBG   The cluster service encountered an unexpected problem and will be shut down. The error code was '5050'.",
    CORPUS),
  // Event 1069 in its 2012+ wording (formats.md's table quotes it with its insertion strings).
  t('sys-1069', 'system', W2016, 'DBG', "Cluster resource '{res}' of type '{type}' in clustered role '{group}' failed.",
    "Cluster resource '%1' of type '%3' in clustered role '%2' failed."),
  t('sys-1146', 'system', W2016, 'DBG',
    'The cluster Resource Hosting Subsystem (RHS) process was terminated and will be restarted. This is typically associated with cluster health detection and recovery of a resource. Refer to the System event log to determine which resource and resource DLL is causing the issue.',
    '[System] 00000844.00001680::2017/10/23-21:20:11.579 DBG   The cluster Resource Hosting Subsystem (RHS) process was terminated and will be restarted. This is typically associated with cluster health detection and recovery of a resource. Refer to the System event log to determine which resource and resource DLL is causing the issue.',
    CORPUS),

  // ---- [Operational] channel (2016+) ----
  t('op-formed', 'operational', W2016, 'INFO', "The Cluster service successfully formed the failover cluster '{cluster}'.",
    "The Cluster service successfully formed the failover cluster '%1'."),
  t('op-joined', 'operational', W2016, 'INFO', "This node has successfully joined the failover cluster '{cluster}'.",
    "[Operational] 000005e4.00000f6c::2017/10/23-21:21:54.410 INFO  This node has successfully joined the failover cluster 'ze-2016group'."),
  t('op-failover-attempt', 'operational', W2016, 'INFO',
    "The Cluster service is attempting to fail over the clustered role '{group}' from node '{from}' to node '{to}'.",
    "The Cluster service is attempting to fail over the clustered role 'ag1023' from node 'ze-2016-v1' to node 'ze-2016-v2'."),
  t('op-role-moving', 'operational', W2016, 'INFO', "Clustered role '{group}' is moving from cluster node '{from}' to cluster node '{to}'.",
    "[Operational] 0000084c.000011d4::2017/10/23-18:51:58.828 INFO  Clustered role 'ag1023' is moving from cluster node 'ze-2016-v1' to cluster node 'ze-2016-v2'."),
  t('op-role-online', 'operational', W2016, 'INFO', "The Cluster service successfully brought the clustered role '{group}' online.",
    "The Cluster service successfully brought the clustered role 'ag1023' online."),
  t('op-res-transition', 'operational', W2016, 'INFO',
    "Cluster resource '{res}' in clustered role '{group}' has transitioned from state {from} to state {to}.",
    "Cluster resource 'Cluster IP Address' in clustered role 'Cluster Group' has transitioned from state Offline to state OnlineCallIssued."),
  t('op-res-waiting', 'operational', W2016, 'INFO',
    "Cluster resource '{res}' in clustered role '{group}' has transitioned from state {from} to state {to}. Cluster resource '{res}' is waiting on the following resources: {deps}.",
    "Cluster resource 'Cluster Name' in clustered role 'Cluster Group' has transitioned from state Offline to state WaitingToComeOnline. Cluster resource 'Cluster Name' is waiting on the following resources: Cluster IP Address Cluster IP Address 2001:4898:e0:388::."),
  t('op-group-transition', 'operational', W2016, 'INFO', "Group '{group}' has transitioned from state '{from}' to state '{to}'.",
    "Group 'Available Storage' has transitioned from state 'Offline' to state 'BringingToPersistentState'."),
  t('op-hb-missed', 'operational', W2016, 'INFO',
    'Microsoft Failover Cluster Virtual Adapter (NetFT) has missed more than {pct} percent of consecutive heartbeats.',
    '[Operational] 00000844.00000d2c::2017/10/23-21:20:04.608 INFO  Microsoft Failover Cluster Virtual Adapter (NetFT) has missed more than 40 percent of consecutive heartbeats.'),
  t('op-hb-local-endpoint', 'operational', W2016, 'INFO', 'Local endpoint: {ep}', 'Local endpoint: …', INFERRED),
  t('op-hb-remote-endpoint', 'operational', W2016, 'INFO', 'Remote endpoint: {ep}', 'Remote endpoint: …', INFERRED),
  t('op-udp-lost', 'operational', W2016, 'INFO', 'Cluster has lost the UDP connection from local endpoint {local} connected to remote endpoint {remote}.',
    '[Operational] 00000844.00000d2c::2017/10/23-21:20:10.608 INFO  Cluster has lost the UDP connection from local endpoint 10.135.4.221:~3343~ connected to remote endpoint 10.135.4.222:~3343~.'),

  // ---- Windows 2000 / 2003 / NT4 (written live, old components) ----
  t('w2k-service-started', 'legacy', W2K_W2K3, 'INFO', 'Cluster Service started - Cluster Node Version {ver}',
    '378.32c::1999/06/09-18:00:18.874 Cluster Service started - Cluster Node Version 3.2051'),
  t('nt4-service-started', 'legacy', NT4, 'INFO', 'Cluster Service started - Cluster Version {ver}.',
    '082::14-21:29:26.625 Cluster Service started - Cluster Version 1.224.'),
  t('nt4-nminit', 'legacy', NT4, 'INFO', '[NMINIT] Initializing the Node Manager...', '0b5::12-20:15:23.531 [NMINIT] Initializing the Node Manager...'),
  t('w2k3-local-time', 'legacy', W2K3, 'INFO', 'Local Time is {local}', 'INFO Local Time is 2002/06/08-15:49:47.375'),
  t('w2k-cs-starting', 'legacy', LEGACY, 'INFO', '[CS] Service Starting...', '378.380::1999/06/09-18:00:18.874 [CS] Service Starting...'),
  t('w2k-dm-loading', 'legacy', W2K_W2K3, 'INFO', '[DM]: Loading cluster database from {path}',
    '378.380::1999/06/09-18:00:19.226 [DM]: Loading cluster database from C:\\WINNT\\cluster\\CLUSDB'),
  t('w2k-local-node', 'legacy', LEGACY, 'INFO', '[NM] Local node name = {name}.', '378.380::1999/06/09-18:00:19.429 [NM] Local node name = NODE1.'),
  t('w2k3-resmon', 'legacy', W2K3, 'INFO', '[FM] Resmon LRPC EP name is {ep}', 'INFO [FM] Resmon LRPC EP name is LRPC'),
  t('w2k-attempt-join', 'legacy', LEGACY, 'INFO', '[INIT] Attempting to join cluster {cluster}',
    '378.380::1999/06/09-18:00:19.734 [INIT] Attempting to join cluster CLUSTER1'),
  t('w2k-join-spawn', 'legacy', LEGACY, 'INFO', '[JOIN] Spawning thread to connect to sponsor {ip}', '[JOIN] Spawning thread to connect to sponsor 172.16.64.254'),
  t('w2k-join-ask', 'legacy', LEGACY, 'INFO', '[JOIN] Asking {name} to sponsor us.', '[JOIN] Asking NODE2 to sponsor us.'),
  t('w2k-sponsor-unavailable', 'legacy', LEGACY, 'WARN', '[JOIN] Sponsor {ip} is not available (JoinVersion), status={status}.',
    '378.3c8::1999/06/09-18:00:46.600 [JOIN] Sponsor 172.16.64.2 is not available (JoinVersion), status=1722.'),
  t('w2k-nmjoin', 'legacy', LEGACY, 'INFO', '[NMJOIN] Processing request by node {id} to begin joining.',
    '[NMJOIN] Processing request by node 2 to begin joining.'),
  t('w2k-forming', 'legacy', LEGACY, 'INFO', '[NM] Forming cluster membership.', '378.380::1999/06/09-18:00:50.881 [NM] Forming cluster membership.'),
  t('w2k-check-quorum', 'legacy', LEGACY, 'INFO', '[NM] Checking if we own the quorum resource.', '[NM] Checking if we own the quorum resource.'),
  t('w2k-arbitrated', 'legacy', LEGACY, 'INFO', '[FM] Successfully arbitrated quorum resource {guid}.',
    '00000534.0000057c::1999/10/21-23:09:02.124 [FM] Successfully arbitrated quorum resource a83b4084-3391-4618-890e-8794d4df923b.'),
  t('w2k-fm-name', 'legacy', LEGACY, 'INFO', "[FM] Name for Resource {guid} is '{name}'.",
    "378.380::1999/06/09-18:00:51.193 [FM] Name for Resource 254ef0e5-1937-11d3-b3fe-00a0c986aa14 is 'Cluster IP Address'."),
  t('w2k-fm-online-returning', 'legacy', LEGACY, 'INFO', '[FM] FmpRmOnlineResource: Returning. Resource {guid}, state {state}, status {status}.',
    '388.398::1999/06/09-18:07:45.295 [FM] FmpRmOnlineResource: Returning. Resource 254ef0e8-1937-11d3-b3fe-00a0c986aa14, state 129, status 997.'),
  t('w2k-holding-io', 'legacy', LEGACY, 'INFO', '[NM] Holding I/O.', '00000534.00000500::1999/10/21-23:09:01.999 [NM] Holding I/O.'),
  t('w2k-resuming-io', 'legacy', LEGACY, 'INFO', '[NM] Resuming I/O.', '[NM] Resuming I/O.'),
  t('w2k-clmsg-unreachable', 'legacy', LEGACY, 'WARN', '[ClMsg] Received interface unreachable event for node {id} network {net}',
    '00000534.00000500::1999/10/21-23:09:04.905 [ClMsg] Received interface unreachable event for node 1 network 1'),
  t('w2k-comm-lost', 'legacy', LEGACY, 'WARN', '[NM] Communication was lost with interface {guid} (node: {name}, network: {net})',
    '00000534.0000052c::1999/10/21-23:09:04.905 [NM] Communication was lost with interface 0bd641f7-7d8c-4d94-9279-d461846b299b (node: NODE1, network: clients(1))'),
  t('w2k-ep-nodes-down', 'legacy', LEGACY, 'INFO', '[EP] Nodes down event received', '00000534.0000057c::1999/10/21-23:09:09.123 [EP] Nodes down event received'),
  t('w2k-dm-node-down', 'legacy', LEGACY, 'INFO', '[DM] DmpEventHandler - Node is down, turn quorum logging on...',
    '00000534.00000464::1999/10/21-23:09:09.139 [DM] DmpEventHandler - Node is down, turn quorum logging on...'),
  t('w2k-node-failed', 'legacy', LEGACY, 'WARN', '[NM] Received advice that node {id} has failed with error {err}.',
    '388.4e8::1999/06/09-20:20:57.281 [NM] Received advice that node 2 has failed with error 5.'),
  t('w2k-diskarb', 'legacy', W2K_W2K3, 'INFO', 'Physical Disk <{disk}>: [DISKARB] Arbitration Parameters ({a} {b}).',
    '15c.458::1999/06/09-18:00:47.897 Physical Disk <Disk D:>: [DISKARB] Arbitration Parameters (1 9999).', { noLevelWord: true }),
  t('w2k3-sqsrvres-online-error', 'legacy', W2K3, 'ERR', 'SQL Server <{res}>: [sqsrvres] OnlineThread: Error d bringing resource online.',
    '00000644.00000944::2003/11/30-18:11:30.360 SQL Server <SQLServer>: [sqsrvres] OnlineThread: Error d bringing resource online.',
    { noLevelWord: true }),
  t('w2k3-mns-share', 'legacy', W2K3, 'INFO', 'Majority Node Set <{res}>: Open share setup status {status} .',
    'INFO Majority Node Set <MNS Quorum 2>: Open share setup status 234 .'),
];

const BY_ID = new Map<string, MessageTemplate>(TEMPLATES.map((x) => [x.id, x]));
const COMPILED = new Map<string, CompiledTemplate>(TEMPLATES.map((x) => [x.id, compileTemplate(x.template)]));

export function templateById(id: string): MessageTemplate {
  const tpl = BY_ID.get(id);
  if (!tpl) throw new Error(`unknown template ${id}`);
  return tpl;
}

export function renderTemplate(id: string, values: Values = {}): string {
  const c = COMPILED.get(id);
  if (!c) throw new Error(`unknown template ${id}`);
  return fillTemplate(c, values);
}

export function templateSupports(id: string, dialect: GenDialect): boolean {
  return templateById(id).dialects.includes(dialect);
}

/**
 * The message part of a reference line: drops a viewer line number, a channel prefix,
 * the `PID.TID::timestamp` (or NT4 `TID::DD-...`, or a trimmed `HH:MM:SS.mmm`) and the level word.
 */
export function referenceMessage(reference: string): { message: string; level: LevelName | null } {
  let s = reference.replace(/^\s*\d+\s+(?=(?:\[(?:System|Operational|Verbose)\]\s+)?[0-9A-Fa-f]{1,8}\.[0-9A-Fa-f]{1,8}::)/, '');
  s = s.replace(/^\[(?:System|Operational|Verbose)\]\s+/, '');
  s = s.replace(/^[0-9A-Fa-f]{1,8}\.[0-9A-Fa-f]{1,8}::\d{4}\/\d{2}\/\d{2}-\d{2}:\d{2}:\d{2}\.\d{3}\s/, '');
  s = s.replace(/^[0-9A-Fa-f]{1,8}::\d{2}-\d{2}:\d{2}:\d{2}\.\d{3}\s/, '');
  s = s.replace(/^\d{2}:\d{2}:\d{2}\.\d{3}\s+/, '');
  const lm = /^(INFO|WARN|ERR|DBG)(?:\s+|$)/.exec(s);
  if (lm) s = s.slice(lm[0].length);
  // Curly quotes and primes in blog copies (S1) stand for the ASCII apostrophe of real files.
  s = s.replace(/[‘’′]/g, "'");
  return { message: s, level: (lm?.[1] as LevelName | undefined) ?? null };
}
