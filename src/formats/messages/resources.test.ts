// Variants of the resource and group lines beyond each entry's one example (formats.md B.4,
// B.7): each must be recognized by exactly the named entry, with these fields, through the
// real indexer (so the component the indexer assigns is the entry's `comp`).
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './index.ts';
import { extractAll } from '../../events/from-file.ts';
import { indexBytes } from '../../ingest/index.ts';

const P = '00000b50.00000810::2018/10/18-19:17:38.723 INFO  ';

const CASES: Array<[string, string, Record<string, unknown>]> = [
  // B.4.1: resource names with a colon or parentheses
  ['resource.rcm-state', `${P}[RCM] Res Cluster IP Address 2001:4898:e0:388::: Offline -> OnlineCallIssued( StateUnknown )`,
    { resource: 'Cluster IP Address 2001:4898:e0:388::', from: 'Offline', to: 'OnlineCallIssued', why: 'StateUnknown' }],
  ['resource.rcm-transition', `${P}[RCM] TransitionToState(SQL Server (MSSQLSERVER)) Online-->WaitingToGoOffline.`,
    { object: 'SQL Server (MSSQLSERVER)', from: 'Online', to: 'WaitingToGoOffline' }],
  ['resource.op-state', `[Operational] ${P}Cluster resource 'Cluster Name' in clustered role 'Cluster Group' has transitioned from state Offline to state WaitingToComeOnline. Cluster resource 'Cluster Name' is waiting on the following resources: Cluster IP Address Cluster IP Address 2001:4898:e0:388::.`,
    { resource: 'Cluster Name', group: 'Cluster Group', from: 'Offline', to: 'WaitingToComeOnline' }],
  ['group.op-state', `[Operational] ${P}Group 'Cluster Group' has transitioned from state 'Online' to state 'Orphaned'.`,
    { group: 'Cluster Group', from: 'Online', to: 'Orphaned' }],
  // B.4.2
  ['group.move', `${P}[RCM] move of group ag1023 from ze-2016-v2(1) to ze-2016-v1(2) of type MoveType::Manual is about to succeed, failoverCount=2, lastFailoverTime=2017/10/23-14:01:11.621 targeted=false`,
    { group: 'ag1023', fromName: 'ze-2016-v2', fromId: 1, toName: 'ze-2016-v1', toId: 2, moveType: 'Manual', failoverCount: 2, lastFailoverTime: '2017/10/23-14:01:11.621', targeted: false }],
  ['group.move-api', `${P}[RCM] rcm::RcmApi::MoveGroup: (Cluster Group, 1)`, { group: 'Cluster Group', dest: 1 }],
  ['group.move-api-detail', `${P}[RCM] rcm::RcmApi::MoveGroup: (Group:Cluster Group Dest:2 Flags:0 MoveType:MoveType::Manual Cur.State:Online, ContextSize:0)`,
    { group: 'Cluster Group', dest: 2, moveType: 'Manual', current: 'Online' }],
  ['group.failover-refused', `${P}[RCM] Not failing over group Cluster Group.`, { group: 'Cluster Group' }],
  // B.4.3
  ['resource.rcm-issue', `${P}rcm::RcmResource::OnlineWorker[RCM] Issuing Arbitrate(File Share Witness) to RHS.`,
    { call: 'Arbitrate', resource: 'File Share Witness' }],
  ['resource.monitor-reply', `000033dc.00002e2c::2024/08/08-07:56:57.301 INFO  [RCM] HandleMonitorReply: OFFLINERESOURCE for 'Cloud Witness'`,
    { call: 'OFFLINERESOURCE', resource: 'Cloud Witness' }],
  ['resource.health-check-failed', `${P}[RHS] Resource SQL Network Name (AGL1) LooksAlive has indicated failure.`,
    { resource: 'SQL Network Name (AGL1)', check: 'LooksAlive' }],
  ['resource.rhs-reported', `${P}[RHS] Resource Cluster IP Address has come online. RHS is about to report resource status to RCM.`,
    { resource: 'Cluster IP Address', to: 'online' }],
  ['resource.sql-lease', `00001a0c.00001c5c::2023/01/04-15:36:54.762 ERR [RES] SQL Server Availability Group : [hadrag] Availability Group lease is no longer valid `,
    { resourceType: 'SQL Server Availability Group', message: 'Availability Group lease is no longer valid' }],
  ['resource.hadrag-service-down', `${P}[RES] SQL Server Availability Group <ag>: [hadrag] QueryServiceStatusEx returned a process id 0`,
    { resource: 'ag', message: 'QueryServiceStatusEx returned a process id 0' }],
  // WS2003: level word before a resource-DLL line
  ['resource.sqsrvres-online-error', `00000644.00000944::2003/11/30-18:11:30.360 INFO SQL Server <SQL Server (INST1)>: [sqsrvres] OnlineThread: Error connecting to SQL Server.`,
    { resourceType: 'SQL Server', resource: 'SQL Server (INST1)', message: 'OnlineThread: Error connecting to SQL Server' }],
  // B.7 1069, 2012+ wording with the error code (hex) and its text
  ['resource.failed-1069', `[System] ${P}Cluster resource 'Cluster Name' of type 'Network Name' in clustered role 'Cluster Group' failed. The error code was '0xcb' ('The system could not find the environment option that was entered.').`,
    { resource: 'Cluster Name', resourceType: 'Network Name', group: 'Cluster Group', code: 0xcb, codeText: 'The system could not find the environment option that was entered.' }],
  ['resource.failed-1069', `[System] ${P}Cluster resource 'ag1023' of type 'SQL Server Availability Group' in clustered role 'ag1023' failed.`,
    { resource: 'ag1023', resourceType: 'SQL Server Availability Group', group: 'ag1023' }],
];

describe('resource and group variants', () => {
  it.each(CASES)('%s: %s', (id, line, fields) => {
    const hits = CATALOGUE.filter((r) => r.re.test(line)).map((r) => r.id);
    expect(hits).toEqual([id]);
    const ev = extractAll(indexBytes(new TextEncoder().encode(`${line}\r\n`)));
    expect(ev.map((e) => e.rec)).toEqual([id]);
    expect(ev[0].fields).toMatchObject(fields);
  });

  it('never claims TransitionToState names a resource', () => {
    const r = CATALOGUE.find((x) => x.id === 'resource.rcm-transition')!;
    expect(r.re.source).not.toContain('?<resource>');
  });

  it('leaves other resource-DLL chatter alone', () => {
    for (const line of [
      `${P}[RES] SQL Server Availability Group: [hadrag] Date/Time, Processor time(%), Available memory(bytes), Avg disk read(secs), Avg disk write(secs)`,
      `${P}[RES] Network Name: Agent: Closing (e1af67d8-0000,Identity)`,
      `000019a0.00002538::2013/03/08-08:08:03.349 INFO [RES] DB2 Server <TSM1>: DB2WOLF1: Polled at IsAlive 8:08:08.008.`,
      `[Verbose] 00001084.00000bd8::2017/10/23-21:53:26.356 DBG   [RHS] IsAliveCall::CallIntoResource(ag1023)`,
    ]) {
      expect(CATALOGUE.filter((r) => r.family === 'resource' && r.re.test(line)).map((r) => r.id), line).toEqual([]);
    }
  });
});
