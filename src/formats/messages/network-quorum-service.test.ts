// More real forms of the network, quorum and service messages than one example per entry can
// show (other sources of the same text, typographic pastes, optional tails), and lines that
// look alike but must stay unrecognized. Each line is quoted from formats.md or its sources.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, convertField } from './index.ts';
import { extractAll } from '../../events/from-file.ts';
import { indexBytes } from '../../ingest/index.ts';

function hits(text: string): Array<{ id: string; fields: Record<string, unknown> }> {
  const out = [];
  for (const r of CATALOGUE) {
    const m = r.re.exec(text);
    if (!m) continue;
    const fields: Record<string, unknown> = { ...(r.fixed ?? {}) };
    for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) fields[k] = convertField(k, v);
    out.push({ id: r.id, fields });
  }
  return out;
}

const VARIANTS: Array<[string, string | null, Record<string, unknown>?]> = [
  // network
  ['DBG [NETFTEVM] TM NetFT event dispatcher pushing event: Remote endpoint 10.10.10.24:~3343~ reachable from 10.10.10.23:~3343~', 'network.netftevm-reachable', { consumer: 'TM' }],
  ['INFO [IM] got event: Local endpoint fe80::dc92:4c9d:19f3:af1d:~0~ connected', 'network.im-local', { change: 'connected' }],
  ['21:17:43.284 INFO  [IM] got event: LocalEndpoint XX.X.1.X14:~3343~ has missed two consecutive heartbeats from XX.X.1.X13:~3343~', 'network.im-missed-hb', { amount: 'two' }],
  ['INFO [SV] Route local (fe80::dc92:4c9d:19f3:af1d%24:~3343~) to remote (fe80::2105:4fc6:807c:c8c%24:~64723~) exists. Forwarding to alternate path.', 'network.sv-route-exists', { remote: 'fe80::2105:4fc6:807c:c8c%24:~64723~' }],
  ['[Operational] 000005e4.00000518::2017/10/23-21:24:19.210 INFO  Cluster has lost the UDP connection from local endpoint 2001:4898:e0:388:acdc:d943:bee8:ae9a:~3343~ connected to remote endpoint 2001:4898:e0:388:f8ac:753d:8515:fde1:~3343~.', 'network.op-udp-lost', { remote: '2001:4898:e0:388:f8ac:753d:8515:fde1:~3343~' }],
  ['[NM] Communication was lost with interface 0bd641f7-7d8c-4d94-9279-d461846b299b (node: NODE1, network: interconnect)', 'network.w2k-nm-comm-lost', { node: 'NODE1', networkName: 'interconnect' }],
  ['0000ab34.00004b38::2014/06/10-07:54:34.099 INFO  [NDP] Checking to see if all routes for route (virtual) local fexx::xxx:5dxx:xxxx:3xxx:~0~ to remote xxx::cxxx:xxxd:xxx:dxxx:~0~ are down', null],
  ['0000ab34.00004b38::2014/06/10-07:54:34.099 INFO  [IM] Route history 1: Old: 05.936, Message: Response, Route sequence: 150415, Received sequence: 150415, Heartbeats counter/threshold: 5/5, Error: Success, NtStatus: 0 Timestamp: 2014/06/10-07:54:28.000, Ticks since last sending: 4', null],
  // quorum
  ['[Verbose] 000008c8.00000c80::2017/10/23-21:53:54.600 ERR   [QUORUM] Node 2: Lost quorum (2)', 'quorum.lost', { localId: 2, members: [2] }],
  ['00000fe4.00001628::2022/12/15-14:26:02.654 WARN [QUORUM] Node 1: Lost quorum (1)', 'quorum.lost', { localId: 1, members: [1] }],
  ['0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   lost quorum (status = 5925)', 'quorum.lost-status', { status: 5925 }],
  ['0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: goingAway: 0, core.IsServiceShutdown: 0', null],
  ['21:17:48.802 INFO  [GUM] Node 2: Epoch change is needed.', 'quorum.gum-epoch', { reason: 'Epoch change is needed' }],
  ['21:16:18.538 INFO  [DM] Paxos Tag Read from Hive: 86:86:31888', 'quorum.paxos-tag', { step: 'Tag Read from Hive', tag: '86:86:31888' }],
  ['INFO [DM] Shutting down, so unloading the cluster database (waitForLock: false).', 'quorum.dm-unload', { waitForLock: 'false' }],
  ['21:16:24.249 INFO  [GUM] Node 2: Executing locally gumId: 357, updates: 1, first action: /dm/update', null],
  // service
  ['INFO \u2014\u2014\u2014\u2014\u2014\u2014\u2014\u2014\u2014\u2013+ LOG BEGIN +\u2014\u2014\u2014\u2014\u2014\u2014\u2014\u2014\u2014\u2013', 'service.log-begin'],
  ['INFO [CS] Cluster Service started', 'service.cs-start', { step: 'Cluster Service started' }],
  ['INFO [CS] Reporting to SCM that cluster service has started.', 'service.cs-start', { step: 'Reporting to SCM that cluster service has started' }],
  ['378.380::1999/06/09-18:00:18.874 [CS] Service Starting...', 'service.cs-start', { step: 'Service Starting' }],
  ['INFO [CS] Service Starting...', 'service.cs-start', { step: 'Service Starting' }],
  ['082::14-21:29:26.625 Cluster Service started - Cluster Version 1.224.', 'service.w2k-started', { version: '1.224' }],
  ['INFO  [CS] Service Stopped...', 'service.cs-stop', { step: 'Service Stopped' }],
  ['INFO  [CS] About to exit service...', 'service.cs-stop', { step: 'About to exit service' }],
  ['[RHS] Cluster service has terminated.', 'service.rhs-cs-terminated'],
  ['00000b50.00000ae8::2018/10/18-19:17:41.871 INFO [RCM] rcm::RcmGroup::ShutdownAllGroups: [Shutdown] Rcm shutting down due to reason:ServiceStopReason::Other. ShutdownTimeout:1199984', 'service.rcm-shutdown', { reason: 'Other' }],
  ['00000b50.00000ae8::2018/10/18-19:17:41.871 DBG [RCM] rcm::RcmGroup::ShutdownAllGroups()', null],
  ['INFO [CS] cluster service logging level is 5', null],
  ['INFO [CS] Starting the Watchdog Monitor', null],
];

describe('network, quorum and service variants', () => {
  it.each(VARIANTS)('%s', (line, id, fields) => {
    const got = hits(line);
    expect(got.map((h) => h.id)).toEqual(id ? [id] : []);
    if (fields) expect(got[0].fields).toMatchObject(fields);
  });

  it('reads the S1 route block pasted with viewer line numbers', () => {
    const lines = [
      '470 00000b50.00000810::2018/10/18-19:17:38.833 INFO [NETFT] Added route <struct mscs::FaultTolerantRoute>',
      '471 00000b50.00000810::2018/10/18-19:17:38.833 INFO <realLocal>10.10.10.23:~3343~</realLocal>',
      '472 00000b50.00000810::2018/10/18-19:17:38.833 INFO <realRemote>10.10.10.24:~3343~</realRemote>',
      '473 00000b50.00000810::2018/10/18-19:17:38.833 INFO <virtualLocal>fe80::dc92:4c9d:19f3:af1d:~3343~</virtualLocal>',
      '474 00000b50.00000810::2018/10/18-19:17:38.833 INFO <virtualRemote>fe80::2105:4fc6:807c:c8c:~3343~</virtualRemote>',
      '475 00000b50.00000810::2018/10/18-19:17:38.833 INFO <Delay>1000</Delay>',
      '476 00000b50.00000810::2018/10/18-19:17:38.833 INFO <Threshold>5</Threshold>',
      '477 00000b50.00000810::2018/10/18-19:17:38.833 INFO <Priority>99</Priority>',
      '478 00000b50.00000810::2018/10/18-19:17:38.833 INFO <Attributes>1</Attributes>',
      '479 00000b50.00000810::2018/10/18-19:17:38.833 INFO </struct mscs::FaultTolerantRoute>',
      '1108 00000b50.00000810::2018/10/18-19:17:42.214 INFO [NODE] Node 2: New join with n1: stage: \u2018Join Succeeded\u2019',
    ];
    const ev = extractAll(indexBytes(new TextEncoder().encode(`${lines.join('\r\n')}\r\n`)));
    expect(ev.map((e) => e.rec)).toEqual(['network.netft-route-added', 'join.stage']);
    expect(ev[0].fields).toMatchObject({ local: '10.10.10.23:~3343~', remote: '10.10.10.24:~3343~', delay: 1000, threshold: 5 });
  });

  it('reads a quorum-loss sequence of a 2016 log, System text continued on a raw line', () => {
    const lines = [
      '[System] 00000844.00000d34::2017/10/23-21:20:11.233 DBG   The Cluster service is shutting down because quorum was lost. This could be due to the loss of network connectivity between some or all nodes in the cluster, or a failover of the witness disk. ',
      'Run the Validate a Configuration wizard to check your network configuration. If the condition persists, check for hardware or software errors related to the network adapter. Also check for failures in any other network components to which the node is connected such as hubs, switches, or bridges.',
      '[System] 00000844.00001cc4::2017/10/23-21:20:11.441 DBG   The cluster service encountered an unexpected problem and will be shut down. The error code was \'5050\'.',
      '[=== Cluster Logs ===]',
      '000008c8.00000c80::2017/10/23-21:53:54.600 ERR   [QUORUM] Node 2: Lost quorum (2)',
      '000008c8.00000c80::2017/10/23-21:53:54.600 ERR   [QUORUM] Node 2: goingAway: 0, core.IsServiceShutdown: 0',
      '000008c8.00000c80::2017/10/23-21:53:54.600 INFO  [NETFT] Cluster Service preterminate succeeded.',
      '0000107c.00001080::2017/10/23-21:53:54.600 WARN  [RHS] Cluster service has terminated. Cluster.Service.Running.Event got signaled.',
    ];
    const ev = extractAll(indexBytes(new TextEncoder().encode(`[=== System ===]\r\n${lines.join('\r\n')}\r\n`)));
    expect(ev.map((e) => e.rec)).toEqual([
      'quorum.shutdown-1177', 'service.fatal-unexpected', 'quorum.lost', 'service.netft-preterminate', 'service.rhs-cs-terminated',
    ]);
    expect(ev[1].fields).toMatchObject({ code: 5050 });
  });
});
