// Routes, reachability, heartbeats and interface state (formats.md B.3, B.7 1122/1123/1125-1127,
// and the 2000 lines of A.2.1). Endpoints are `local` / `remote` (text, e.g.
// `10.10.10.24:~3343~`); `localId` is the numeric `Node N:` id of the log's own node.

import { NQ, Q, type Recognizer } from './types.ts';

/** The XML block printed after `[NETFT] … route <struct mscs::FaultTolerantRoute>` (A.5.3); every element optional. */
const ROUTE_XML =
  String.raw`(?:[\s\S]*?<realLocal>\s*(?<local>[^<\s]+)\s*<\/realLocal>)?` +
  String.raw`(?:[\s\S]*?<realRemote>\s*(?<remote>[^<\s]+)\s*<\/realRemote>)?` +
  String.raw`(?:[\s\S]*?<virtualLocal>\s*(?<virtualLocal>[^<\s]+)\s*<\/virtualLocal>)?` +
  String.raw`(?:[\s\S]*?<virtualRemote>\s*(?<virtualRemote>[^<\s]+)\s*<\/virtualRemote>)?` +
  String.raw`(?:[\s\S]*?<Delay>\s*(?<delay>\d+)\s*<\/Delay>)?` +
  String.raw`(?:[\s\S]*?<Threshold>\s*(?<threshold>\d+)\s*<\/Threshold>)?`;

/** R4: a route block closed by a record whose whole message is the word `removed`. */
const ENDS_REMOVED = String.raw`[\s\S]*\n[^\n]*\sremoved\s*$`;

/** The R4 route block (inner lines indented, addresses masked by Microsoft Docs), prefix per line. */
const R4_BLOCK = [
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO    <realLocal>10.xxx.xx.xxx:~3343~</realLocal>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO    <realRemote>10.xxx.xx.xxx:~3343~</realRemote>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO    <virtualLocal>fexx::xxxx:xxxx:xxxx:xxxx:~0~</virtualLocal>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO    <virtualRemote>fexx::xxxx:xxxx:xxxx:xxxx:~0~</virtualRemote>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO    <Delay>1000</Delay>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO    <Threshold>5</Threshold>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO    <Priority>140481</Priority>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO    <Attributes>2147483649</Attributes>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO  </struct mscs::FaultTolerantRoute>',
  '0000ab34.00007328::2014/06/10-07:54:34.100 INFO   removed',
];

export const NETWORK: Recognizer[] = [
  // ---- Route creation (B.3.1) ----
  {
    id: 'network.netft-route-added', family: 'network', kind: 'route-added', comp: 'NETFT', anchor: 'Added route <struct mscs::FaultTolerantRoute>',
    re: new RegExp(String.raw`\[NETFT\] Added route <struct mscs::FaultTolerantRoute>(?!${ENDS_REMOVED})${ROUTE_XML}`),
    multiline: true, verified: 'V', ref: 'B.3.1, A.5.3 (S1)',
    example: '00000b50.00000810::2018/10/18-19:17:38.833 INFO [NETFT] Added route <struct mscs::FaultTolerantRoute>',
    exampleNext: [
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO <realLocal>10.10.10.23:~3343~</realLocal>',
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO <realRemote>10.10.10.24:~3343~</realRemote>',
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO <virtualLocal>fe80::dc92:4c9d:19f3:af1d:~3343~</virtualLocal>',
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO <virtualRemote>fe80::2105:4fc6:807c:c8c:~3343~</virtualRemote>',
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO <Delay>1000</Delay>',
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO <Threshold>5</Threshold>',
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO <Priority>99</Priority>',
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO <Attributes>1</Attributes>',
      '00000b50.00000810::2018/10/18-19:17:38.833 INFO </struct mscs::FaultTolerantRoute>',
    ],
    expect: {
      local: '10.10.10.23:~3343~', remote: '10.10.10.24:~3343~',
      virtualLocal: 'fe80::dc92:4c9d:19f3:af1d:~3343~', virtualRemote: 'fe80::2105:4fc6:807c:c8c:~3343~', delay: 1000, threshold: 5,
    },
    meaning: 'NetFT added a heartbeat route between a local and a remote interface (Delay ms between heartbeats, Threshold missed heartbeats before the route goes down).',
  },
  {
    id: 'network.netft-route-removed', family: 'network', kind: 'route-removed', comp: 'NETFT', anchor: 'oute <struct mscs::FaultTolerantRoute>',
    re: new RegExp(
      String.raw`\[NETFT\] (?:(?<op>Removed|Deleted) route <struct mscs::FaultTolerantRoute>|[^\n]*?[Rr]oute <struct mscs::FaultTolerantRoute>(?=${ENDS_REMOVED}))${ROUTE_XML}`,
    ),
    multiline: true, verified: 'I',
    ref: 'B.3.1, A.5.3 (R4; inferred: R4 shows the inner lines and the closing `removed` record, not the first line; the `Removed` verb is [I] in formats.md)',
    example: '0000ab34.00007328::2014/06/10-07:54:34.100 INFO  [NETFT] Removed route <struct mscs::FaultTolerantRoute>',
    exampleNext: R4_BLOCK,
    expect: { op: 'Removed', local: '10.xxx.xx.xxx:~3343~', remote: '10.xxx.xx.xxx:~3343~', delay: 1000, threshold: 5 },
    meaning: 'NetFT removed a heartbeat route (a route block that ends with `removed`); seen right after a route went down.',
  },
  {
    id: 'network.sv-new-route', family: 'network', kind: 'route-added', comp: 'SV', anchor: 'New real route',
    re: /\[SV\] New real route: local \((?<local>[^)]+)\) to remote (?<peerName>\S+) \((?<remote>[^)]+)\)/,
    subject: 'peerName', verified: 'V', ref: 'B.3.1 (S1, R1)',
    example: '00000b50.00000810::2018/10/18-19:17:38.723 INFO [SV] New real route: local (10.10.10.23:~56450~) to remote 2012R2Node2 (10.10.10.24:~3343~).',
    expect: { local: '10.10.10.23:~56450~', peerName: '2012R2Node2', remote: '10.10.10.24:~3343~' },
    meaning: 'The security validator set up a TCP route to a peer (the local ephemeral port matches the SYN in a network trace).',
  },
  {
    id: 'network.tcp-accept', family: 'network', kind: 'tcp-connection', comp: 'ACCEPT', anchor: 'Accepted inbound connection from remote endpoint',
    re: /\[ACCEPT\] (?<local>\S+): Accepted inbound connection from remote endpoint (?<remote>\S+?)\.?\s*$/,
    fixed: { direction: 'accepted' }, verified: 'V', ref: 'B.3.1 (S1, R1)',
    example: '[ACCEPT] 0.0.0.0:~3343~: Accepted inbound connection from remote endpoint XX.X.1.X13:~49183~.',
    expect: { local: '0.0.0.0:~3343~', remote: 'XX.X.1.X13:~49183~', direction: 'accepted' },
    meaning: "The cluster service accepted a TCP connection on 3343 (the peer's ephemeral port is the one of its [SV] route line and of the SYN in a trace).",
  },
  {
    id: 'network.hm-trying', family: 'network', kind: 'connect-attempt', comp: 'HM', anchor: 'Trying to connect to',
    re: /\[HM\] Trying to connect to (?<peerName>\S+) at (?<remote>\S+?)\.?\s*$/,
    subject: 'peerName', verified: 'V', ref: 'A.1 viewer-line example, B.3.1 (S1)',
    example: '00000b50.00000bc4::2018/10/18-19:17:38.723 DBG [HM] Trying to connect to 2012R2Node2 at 10.10.10.24:~3343~',
    expect: { peerName: '2012R2Node2', remote: '10.10.10.24:~3343~' },
    meaning: 'The host manager starts a TCP connection to a peer on 3343: it precedes the SYN, so the peer\'s [ACCEPT] of that connection comes after it (a causal pair for the clock skew).',
  },
  {
    id: 'network.tcp-connect', family: 'network', kind: 'tcp-connection', comp: 'CONNECT', anchor: 'Established connection to remote endpoint',
    re: /\[CONNECT\] (?<local>\S+): Established connection to remote endpoint (?<remote>\S+?)\.?\s*$/,
    fixed: { direction: 'established' }, verified: 'V', ref: 'B.3.1 (S1)',
    example: '[CONNECT] 10.10.10.24:~3343~: Established connection to remote endpoint 10.10.10.24:~3343~.',
    expect: { local: '10.10.10.24:~3343~', remote: '10.10.10.24:~3343~', direction: 'established' },
    meaning: 'The cluster service connected to a peer on 3343 (the joiner half of what the peer logs as [ACCEPT]).',
  },
  {
    id: 'network.sv-route-exists', family: 'network', kind: 'route-alternate', comp: 'SV', anchor: 'Forwarding to alternate path',
    re: /\[SV\] Route local \((?<local>[^)]+)\) to remote (?:(?<peerName>\S+) )?\((?<remote>[^)]+)\) exists\. Forwarding to alternate path/,
    subject: 'peerName', verified: 'V', ref: 'B.3.1 (S1)',
    example: 'INFO [SV] Route local (fe80::ad5f:7a11:f49e:353d%23:~49727~) to remote 2012R2Node2 (fe80::9d75:9382:2b68:61dc%23:~3343~) exists. Forwarding to alternate path.',
    expect: { local: 'fe80::ad5f:7a11:f49e:353d%23:~49727~', peerName: '2012R2Node2', remote: 'fe80::9d75:9382:2b68:61dc%23:~3343~' },
    meaning: 'A route between these endpoints already exists; the connection is forwarded to the alternate path.',
  },

  // ---- Reachability (B.3.2) ----
  {
    id: 'network.netftapi-reachable', family: 'network', kind: 'route-up', comp: 'NETFTAPI', anchor: 'Signaled NetftRemoteReachable event',
    re: /\[NETFTAPI\] Signaled NetftRemoteReachable event, local address (?<local>\S+) remote address (?<remote>\S+)/,
    verified: 'V', ref: 'B.3.2 (R1)',
    example: 'DBG [NETFTAPI] Signaled NetftRemoteReachable event, local address XX.X.1.X14:3343 remote address XX.X.1.X13:3343',
    expect: { local: 'XX.X.1.X14:3343', remote: 'XX.X.1.X13:3343' },
    meaning: 'The NetFT driver reports a remote interface reachable again from a local interface (heartbeats flow).',
  },
  {
    id: 'network.netftapi-unreachable', family: 'network', kind: 'route-down', comp: 'NETFTAPI', anchor: 'Signaled NetftRemoteUnreachable event',
    re: /\[NETFTAPI\] Signaled NetftRemoteUnreachable event, local address (?<local>\S+) remote address (?<remote>\S+)/,
    verified: 'V', ref: 'B.3.2 (R5, R4)',
    example: '00001214.00000dec::2017/10/23-21:53:41.082 DBG   [NETFTAPI] Signaled NetftRemoteUnreachable event, local address 10.135.4.221:3343 remote address 10.135.4.222:3343',
    expect: { local: '10.135.4.221:3343', remote: '10.135.4.222:3343' },
    meaning: 'The NetFT driver reports a remote interface unreachable: heartbeats on this route passed the threshold.',
  },
  {
    id: 'network.netftapi-local', family: 'network', kind: 'endpoint-local', comp: 'NETFTAPI', anchor: 'Signaled NetftLocal',
    re: /\[NETFTAPI\] Signaled NetftLocal(?<change>Connect|Disconnect|Add|Remove) event for (?<endpoint>\S+)/,
    verified: 'V', ref: 'B.3.2 (S1, R1)',
    example: '00000b50.00000bc4::2018/10/18-19:17:39.996 DBG [NETFTAPI] Signaled NetftLocalConnect event for fe80::dc92:4c9d:19f3:af1d',
    expect: { change: 'Connect', endpoint: 'fe80::dc92:4c9d:19f3:af1d' },
    meaning: 'A local NetFT endpoint was added, connected or removed (the node gained or lost an interface).',
  },
  {
    id: 'network.netftevm-reachable', family: 'network', kind: 'route-up', comp: 'NETFTEVM', anchor: ' reachable from ',
    re: /\[NETFTEVM\] (?<consumer>\w+) NetFT event (?:handler got|dispatcher pushing) event: Remote endpoint (?<remote>\S+) reachable from (?<local>\S+)/,
    verified: 'V', ref: 'B.3.2 (S1)',
    example: '00000b50.00000860::2018/10/18-19:17:39.005 DBG [NETFTEVM] FTI NetFT event handler got event: Remote endpoint 10.10.10.24:~3343~ reachable from 10.10.10.23:~3343~',
    expect: { consumer: 'FTI', remote: '10.10.10.24:~3343~', local: '10.10.10.23:~3343~' },
    meaning: 'NetFT event dispatch: a remote endpoint became reachable from a local one (one line per consumer: FTI, TM).',
  },
  {
    id: 'network.netftevm-unreachable', family: 'network', kind: 'route-down', comp: 'NETFTEVM', anchor: ' unreachable from ',
    re: /\[NETFTEVM\] (?<consumer>\w+) NetFT event (?:handler got|dispatcher pushing) event: Remote endpoint (?<remote>\S+) unreachable from (?<local>\S+)/,
    verified: 'I', ref: 'B.3.2 (inferred from the reachable form of S1 and the [IM] unreachable form of R5)',
    example: 'DBG [NETFTEVM] TM NetFT event dispatcher pushing event: Remote endpoint 10.135.4.222:~3343~ unreachable from 10.135.4.221:~3343~',
    expect: { consumer: 'TM', remote: '10.135.4.222:~3343~', local: '10.135.4.221:~3343~' },
    meaning: 'NetFT event dispatch: a remote endpoint became unreachable from a local one.',
  },
  {
    id: 'network.netftevm-local', family: 'network', kind: 'endpoint-local', comp: 'NETFTEVM', anchor: 'event: Local endpoint',
    re: /\[NETFTEVM\] (?<consumer>\w+) NetFT event (?:handler got|dispatcher pushing) event: Local endpoint (?<endpoint>\S+) (?<change>connected|disconnected|added|removed)\b/,
    verified: 'V', ref: 'B.3.2 (S1)',
    example: 'DBG [NETFTEVM] FTI NetFT event handler got event: Local endpoint fe80::dc92:4c9d:19f3:af1d:~0~ connected',
    expect: { consumer: 'FTI', endpoint: 'fe80::dc92:4c9d:19f3:af1d:~0~', change: 'connected' },
    meaning: 'NetFT event dispatch: a local endpoint was added, connected or removed.',
  },
  {
    id: 'network.im-unreachable', family: 'network', kind: 'route-down', comp: 'IM', anchor: ' unreachable from ',
    re: /\[IM\] got event: Remote endpoint (?<remote>\S+) unreachable from (?<local>\S+)/,
    verified: 'V', ref: 'B.3.2 (R5, R4, R2)',
    example: '00001214.00000b78::2017/10/23-21:53:41.083 INFO  [IM] got event: Remote endpoint 10.135.4.222:~3343~ unreachable from 10.135.4.221:~3343~',
    expect: { remote: '10.135.4.222:~3343~', local: '10.135.4.221:~3343~' },
    meaning: 'The interface manager learned that a remote endpoint is unreachable from a local one: the route is down.',
  },
  {
    id: 'network.im-reachable', family: 'network', kind: 'route-up', comp: 'IM', anchor: ' reachable from ',
    re: /\[IM\] got event: Remote endpoint (?<remote>\S+) reachable from (?<local>\S+)/,
    verified: 'I', ref: 'B.3.2 (inferred from the unreachable form of R5 and the [NETFTEVM] reachable form of S1)',
    example: 'INFO [IM] got event: Remote endpoint 10.135.4.222:~3343~ reachable from 10.135.4.221:~3343~',
    expect: { remote: '10.135.4.222:~3343~', local: '10.135.4.221:~3343~' },
    meaning: 'The interface manager learned that a remote endpoint is reachable from a local one: the route is up.',
  },
  {
    id: 'network.im-local', family: 'network', kind: 'endpoint-local', comp: 'IM', anchor: 'got event: Local endpoint',
    re: /\[IM\] got event: Local endpoint (?<endpoint>\S+) (?<change>added|connected|removed|disconnected)\b/,
    verified: 'V', ref: 'B.3.2 (S1)',
    example: '00000b50.000005dc::2018/10/18-19:17:39.996 INFO [IM] got event: Local endpoint fe80::dc92:4c9d:19f3:af1d:~0~ added',
    expect: { endpoint: 'fe80::dc92:4c9d:19f3:af1d:~0~', change: 'added' },
    meaning: 'The interface manager saw a local endpoint added, connected or removed.',
  },
  {
    id: 'network.im-mark-down', family: 'network', kind: 'route-down', comp: 'IM', anchor: 'Marking Route from',
    re: /\[IM\] Marking Route from (?<local>\S+) to (?<remote>\S+) as down\b/,
    verified: 'V', ref: 'B.3.2 (R4, R1)',
    example: '0000ab34.00004b38::2014/06/10-07:54:34.099 INFO  [IM] Marking Route from 10.xxx.xxx.xxxx:~3343~ to 10.xxx.xx.xxxx:~3343~ as down',
    expect: { local: '10.xxx.xxx.xxxx:~3343~', remote: '10.xxx.xx.xxxx:~3343~' },
    meaning: 'The interface manager marked the route between two interfaces down.',
  },
  {
    id: 'network.im-mark-up', family: 'network', kind: 'route-up', comp: 'IM', anchor: 'Marking Route from',
    re: /\[IM\] Marking Route from (?<local>\S+) to (?<remote>\S+) as up\b/,
    verified: 'I', ref: 'B.3.2 (inferred: formats.md tags `as up` [I]; shape of the R4 `as down` line)',
    example: 'INFO [IM] Marking Route from 10.135.4.221:~3343~ to 10.135.4.222:~3343~ as up',
    expect: { local: '10.135.4.221:~3343~', remote: '10.135.4.222:~3343~' },
    meaning: 'The interface manager marked the route between two interfaces up again.',
  },
  {
    id: 'network.ndp-all-down', family: 'network', kind: 'route-down', comp: 'NDP', anchor: 'All routes for route',
    re: /\[NDP\] All routes for route \(virtual\) local (?<local>\S+) to remote (?<remote>\S+) are down/,
    fixed: { scope: 'all' }, verified: 'V', ref: 'B.3.2 (R2, R4)',
    example: 'WARN [NDP] All routes for route (virtual) local fe80::38b9:a16d:77b2:d2d:~0~ to remote fe80::9087:71d9:495b:27bd:~0~ are down',
    expect: { local: 'fe80::38b9:a16d:77b2:d2d:~0~', remote: 'fe80::9087:71d9:495b:27bd:~0~', scope: 'all' },
    meaning: 'Every route to the peer (virtual NetFT endpoints) is down: the peer is unreachable on all networks.',
  },

  // ---- Missed heartbeats / lost connection (B.3.3) ----
  {
    id: 'network.im-missed-hb', family: 'network', kind: 'heartbeat-missed', comp: 'IM', anchor: 'consecutive heartbeats from',
    re: /\[IM\] got event: LocalEndpoint (?<local>\S+) has missed (?<amount>[\w-]+) consecutive heartbeats from (?<remote>\S+)/,
    verified: 'V', ref: 'B.3.3 (R5, R1)',
    example: '00001214.00000b78::2017/10/23-21:53:35.082 INFO  [IM] got event: LocalEndpoint 10.135.4.221:~3343~ has missed two-fifth consecutive heartbeats from 10.135.4.222:~3343~',
    expect: { local: '10.135.4.221:~3343~', amount: 'two-fifth', remote: '10.135.4.222:~3343~' },
    meaning: 'A local interface missed consecutive heartbeats from a remote one (early warning before the route goes down).',
  },
  {
    id: 'network.chm-missed-hb', family: 'network', kind: 'heartbeat-missed', comp: 'CHM', anchor: 'consecutive missed HBs',
    re: /\[CHM\] Received notification for (?<amount>[\w-]+) consecutive missed HBs to the remote endpoint (?<remote>\S+) from (?<local>\S+)/,
    verified: 'V', ref: 'B.3.3 (R1)',
    example: '21:17:43.284 INFO  [CHM] Received notification for two consecutive missed HBs to the remote endpoint XX.X.1.X13:~3343~ from XX.X.1.X14:~3343~',
    expect: { amount: 'two', remote: 'XX.X.1.X13:~3343~', local: 'XX.X.1.X14:~3343~' },
    meaning: 'The health monitor was told that heartbeats to a remote endpoint were missed.',
  },
  {
    id: 'network.net-missed-hb', family: 'network', kind: 'heartbeat-missed', comp: 'NETWORK', anchor: 'of the heart beats with node',
    re: new RegExp(String.raw`\[NETWORK\] Missed (?<pct>\d+)% of the heart beats with node ${Q}?(?<peerName>[^'\u2018\u2019\s]+)${Q}? \((?<peer>\d+)\) on route (?<local>\S+?)->(?<remote>\S+)`),
    subject: 'peer', verified: 'V', ref: 'B.3.3 (R9, WS2022)',
    example: "00001320.00001724::2024/07/24-07:47:30.789 WARN  [NETWORK] Missed 40% of the heart beats with node 'sqlnode02' (2) on route 10.10.20.18:~3343~->10.10.148.18:~3343~",
    expect: { pct: 40, peerName: 'sqlnode02', peer: 2, local: '10.10.20.18:~3343~', remote: '10.10.148.18:~3343~' },
    meaning: 'WS2022: a share of the heartbeats with a peer on one route was missed.',
  },
  {
    id: 'network.net-lost-connection', family: 'network', kind: 'connection-lost', comp: 'NETWORK', anchor: 'Lost connection to node',
    re: /\[NETWORK\] Lost connection to node (?<peerName>\S+)/,
    subject: 'peerName', verified: 'V', ref: 'B.3.3 (R9, WS2022)',
    example: '00001320.00002cf8::2024/07/24-07:56:35.251 WARN  [NETWORK] Lost connection to node sqlnode02',
    expect: { peerName: 'sqlnode02' },
    meaning: 'WS2022: the cluster connection to a peer was lost.',
  },
  {
    id: 'network.op-missed-hb', family: 'network', kind: 'heartbeat-missed', comp: null, anchor: 'has missed more than',
    re: /has missed more than (?<pct>\d+) percent of consecutive heartbeats(?:[\s\S]*?Local endpoint:\s*(?<local>\S+))?(?:[\s\S]*?Remote endpoint:\s*(?<remote>\S+))?/,
    multiline: true, verified: 'V', ref: 'B.3.3 (R5 Operational, continuation lines from the R5 raw excerpt)',
    example: '[Operational] 00000844.00000d2c::2017/10/23-21:20:04.608 INFO  Microsoft Failover Cluster Virtual Adapter (NetFT) has missed more than 40 percent of consecutive heartbeats.',
    exampleNext: ['', 'Local endpoint: 10.135.4.221:~3343~', 'Remote endpoint: 10.135.4.222:~3343~'],
    expect: { pct: 40, local: '10.135.4.221:~3343~', remote: '10.135.4.222:~3343~' },
    meaning: 'Operational channel: NetFT missed more than the given share of heartbeats on the route between the two endpoints.',
  },
  {
    id: 'network.op-udp-lost', family: 'network', kind: 'route-down', comp: null, anchor: 'Cluster has lost the UDP connection',
    re: /Cluster has lost the UDP connection from local endpoint (?<local>\S+) connected to remote endpoint (?<remote>\S+?)\.?\s*$/,
    verified: 'V', ref: 'B.3.3 (R5 Operational)',
    example: '[Operational] 00000844.00000d2c::2017/10/23-21:20:10.608 INFO  Cluster has lost the UDP connection from local endpoint 10.135.4.221:~3343~ connected to remote endpoint 10.135.4.222:~3343~.',
    expect: { local: '10.135.4.221:~3343~', remote: '10.135.4.222:~3343~' },
    meaning: 'Operational channel: the UDP (heartbeat) connection between two endpoints was lost.',
  },

  // ---- Interface state: events 1125/1126/1127, 2003 events 1122/1123, 2000 lines (B.3.4, B.7, A.2.1) ----
  {
    id: 'network.evt-1125-up', family: 'network', kind: 'interface-state', comp: null, anchor: 'is operational (up)',
    re: new RegExp(String.raw`Cluster network interface ${Q}(?<iface>${NQ}+)${Q} for cluster node ${Q}(?<node>${NQ}+)${Q} on network ${Q}(?<networkName>${NQ}+)${Q} is operational \(up\)`),
    fixed: { state: 'up' }, subject: 'node', verified: 'V-doc', ref: "B.3.4, B.7 1125 (R27 message text; the example's names are illustrative)",
    example: "Cluster network interface 'ze-2016-v1 - Ethernet' for cluster node 'ze-2016-v1' on network 'Cluster Network 1' is operational (up). The node can communicate with all other available failover cluster nodes on the network.",
    expect: { iface: 'ze-2016-v1 - Ethernet', node: 'ze-2016-v1', networkName: 'Cluster Network 1', state: 'up' },
    meaning: "Event 1125: a node's interface on a cluster network is up again.",
  },
  {
    id: 'network.evt-1126-unreachable', family: 'network', kind: 'interface-state', comp: null, anchor: 'is unreachable by at least one other cluster node',
    re: new RegExp(String.raw`Cluster network interface ${Q}(?<iface>${NQ}+)${Q} for cluster node ${Q}(?<node>${NQ}+)${Q} on network ${Q}(?<networkName>${NQ}+)${Q} is unreachable by at least one other cluster node`),
    fixed: { state: 'unreachable' }, subject: 'node', verified: 'V-doc', ref: "B.3.4, B.7 1126 (R27 message text; the example's names are illustrative)",
    example: "Cluster network interface 'ze-2016-v1 - Ethernet' for cluster node 'ze-2016-v1' on network 'Cluster Network 1' is unreachable by at least one other cluster node attached to the network. The failover cluster was not able to determine the location of the failure.",
    expect: { iface: 'ze-2016-v1 - Ethernet', node: 'ze-2016-v1', networkName: 'Cluster Network 1', state: 'unreachable' },
    meaning: "Event 1126: a node's interface cannot be reached by at least one other node on that network.",
  },
  {
    id: 'network.evt-1127-failed', family: 'network', kind: 'interface-state', comp: null, anchor: 'Cluster network interface',
    re: new RegExp(String.raw`Cluster network interface ${Q}(?<iface>${NQ}+)${Q} for cluster node ${Q}(?<node>${NQ}+)${Q} on network ${Q}(?<networkName>${NQ}+)${Q} failed\b`),
    fixed: { state: 'failed' }, subject: 'node', verified: 'V-doc', ref: "B.3.4, B.7 1127 (R27 message text; the example's names are illustrative)",
    example: "Cluster network interface 'ze-2016-v1 - Ethernet' for cluster node 'ze-2016-v1' on network 'Cluster Network 1' failed. Run the Validate a Configuration wizard to check your network configuration.",
    expect: { iface: 'ze-2016-v1 - Ethernet', node: 'ze-2016-v1', networkName: 'Cluster Network 1', state: 'failed' },
    meaning: "Event 1127: a node's interface on a cluster network failed.",
  },
  {
    id: 'network.w2k3-1123-lost', family: 'network', kind: 'interface-state', comp: null, anchor: 'lost communication with cluster node',
    re: new RegExp(String.raw`The node lost communication with cluster node ${Q}?(?<node>[^'\u2018\u2019\s]+)${Q}? on network ${Q}(?<networkName>${NQ}+)${Q}`),
    fixed: { state: 'lost' }, subject: 'node', verified: 'V-doc', ref: 'B.3.4, B.7 1123 (KB 892422)',
    example: "The node lost communication with cluster node NODE2 on network 'Public Network'.",
    expect: { node: 'NODE2', networkName: 'Public Network', state: 'lost' },
    meaning: 'Windows 2000/2003 event 1123: no heartbeat from a node for two intervals on one network (often transient).',
  },
  {
    id: 'network.w2k3-1122-up', family: 'network', kind: 'interface-state', comp: null, anchor: 'established communication with cluster node',
    re: new RegExp(String.raw`The node (?:\(re\))?established communication with cluster node ${Q}?(?<node>[^'\u2018\u2019\s]+)${Q}? on network ${Q}(?<networkName>${NQ}+)${Q}`),
    fixed: { state: 'up' }, subject: 'node', verified: 'V-doc', ref: 'B.3.4, B.7 1122 (KB 892422)',
    example: "The node (re)established communication with cluster node NODE2 on network 'Public Network'.",
    expect: { node: 'NODE2', networkName: 'Public Network', state: 'up' },
    meaning: 'Windows 2000/2003 event 1122: heartbeats from a node arrive again on one network.',
  },
  {
    id: 'network.w2k-clmsg-interface', family: 'network', kind: 'interface-state', comp: 'ClMsg', anchor: 'Received interface',
    re: /\[ClMsg\] Received interface (?<state>\w+) event for node (?<peer>\d+) network (?<network>\d+)/,
    subject: 'peer', verified: 'V', ref: 'B.3.4, A.2.1 (R14 cc962191)',
    example: '00000534.00000500::1999/10/21-23:09:04.905 [ClMsg] Received interface unreachable event for node 1 network 1',
    expect: { state: 'unreachable', peer: 1, network: 1 },
    meaning: "Windows 2000: cluster messaging reports a node's interface on a network unreachable.",
  },
  {
    id: 'network.w2k-nm-comm-lost', family: 'network', kind: 'interface-state', comp: 'NM', anchor: 'Communication was lost with interface',
    re: /\[NM\] Communication was lost with interface (?<ifaceId>[0-9a-fA-F-]{36}) \(node: (?<node>[^,()]+), network: (?<networkName>[^()]+?)(?:\((?<network>\d+)\))?\)/,
    fixed: { state: 'lost' }, subject: 'node', verified: 'V', ref: 'B.3.4, A.2.1, B.2.3 (R14 cc962191)',
    example: '00000534.0000052c::1999/10/21-23:09:04.905 [NM] Communication was lost with interface 0bd641f7-7d8c-4d94-9279-d461846b299b (node: NODE1, network: clients(1))',
    expect: { ifaceId: '0bd641f7-7d8c-4d94-9279-d461846b299b', node: 'NODE1', networkName: 'clients', network: 1, state: 'lost' },
    meaning: "Windows 2000: the node manager lost communication with a node's interface on a network.",
  },
];
