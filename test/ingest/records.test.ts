// Record-level rules: levels, components, buckets, viewer prefixes, channel prefixes and
// dialect detection, each on small files built from lines quoted in formats.md.
import { describe, expect, it } from 'vitest';
import { indexBytes, summarize } from '../../src/ingest/index.ts';
import { Level } from '../../src/base/levels.ts';
import {
  bucketName,
  channelOfLine,
  componentOf,
  fixtureText,
  isMember,
  pidOf,
  tidOf,
  utf8,
  writtenOf,
} from '../helpers/clusterlog.ts';

function run(lines: string[], name = 'x.log', extra: Record<string, unknown> = {}) {
  const f = indexBytes(utf8(`${lines.join('\r\n')}\r\n`), { name, path: name, ...extra });
  return { f, s: summarize(f) };
}
const buckets = (f: ReturnType<typeof run>['f']) => Array.from({ length: f.columns.length }, (_, i) => bucketName(f, i));

describe('levels', () => {
  it('padded (raw file) and single-space (docs) level fields both parse; CRIT is accepted', () => {
    const { f } = run([
      '0000ab34.00004e64::2014/06/10-07:54:34.099 DBG   [NETFTAPI] Signaled NetftRemoteUnreachable event, local address 10.xx.x.xxx:3343 remote address 10.x.xx.xx:3343', // R4
      '0000ab34.00004b38::2014/06/10-07:54:34.099 INFO  [IM] got event: Remote endpoint 10.xx.xx.xxx:~3343~ unreachable from 10.xx.x.xx:~3343~', // R4
      '00001898.0000185c::2023/02/27-13:27:41.121 WARN [RHS] Resource ag IsAlive has indicated failure.', // R2
      '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)', // R4
      '00001894.000018a4::2013/03/08-08:13:01.001 ERR [RHS] RhsCall::DeadlockMonitor: Call ONLINERESOURCE timed out for resource \'TSM-Server-TSM1\'.', // R17
      '00000b50.00000810::2018/10/18-19:17:38.723 INFO [NODE] Node 2: New join with n1: stage: \'Attempt Initial Connection\'', // S1
      '0000ab34.0000a7c0::2014/06/10-07:54:38.433 CRIT  [QUORUM] Node 8: goingAway: 0, core.IsServiceShutdown: 0', // CRIT: never observed, spec [U]
    ]);
    expect(Array.from(f.columns.level)).toEqual([Level.DBG, Level.INFO, Level.WARN, Level.ERR, Level.ERR, Level.INFO, Level.CRIT]);
    expect(componentOf(f, 6)).toBe('QUORUM');
    expect(buckets(f).every((b) => b === 'parsed')).toBe(true);
  });

  it('W2000: no level field (Level.None), even when the text starts with a capitalised word', () => {
    const { f } = run([
      '378.32c::1999/06/09-18:00:18.874 Cluster Service started - Cluster Node Version 3.2051', // R14
      '388.4e8::1999/06/09-20:20:57.281 [NM] Received advice that node 2 has failed with error 5.', // S2
    ]);
    expect(Array.from(f.columns.level)).toEqual([Level.None, Level.None]);
  });

  it('W2003: level optional; "SQL Server <...>" is not a level', () => {
    const { f } = run([
      '00000a34.00000a3c::2002/06/08-22:49:49.025 WARN [RM] RmpInsertResourceList failed, returned 234',
      '00000644.00000944::2003/11/30-18:11:30.360 SQL Server <SQLServer>: [sqsrvres] OnlineThread: Error d bringing resource online.',
    ]);
    expect(Array.from(f.columns.level)).toEqual([Level.WARN, Level.None]);
    expect([componentOf(f, 0), componentOf(f, 1)]).toEqual(['RM', 'RES']);
  });
});

describe('components', () => {
  const cases: [string, string][] = [
    ["00001214.00001884::2017/10/23-21:52:24.531 INFO  [RCM] rcm::RcmApi::MoveGroup: (Group:ag1023 Dest:-1 Flags:0 MoveType:MoveType::Manual Cur.State:Online, ContextSize:0)", 'RCM'],
    ['00001214.00001884::2020/05/12-21:16:45.617 INFO  [CHANNEL 10.1.1.13:~49258~] graceful close, status (of previous failure, may not indicate problem) (0)', 'CHANNEL'],
    ['00000b50.00000810::2018/10/18-19:17:38.786 INFO [FTI][Follower] This node (2) is not the initiator', 'FTI'],
    ['00000b50.00000810::2018/10/18-19:17:39.036 DBG [ReM][Follower] I am the follower with n1.', 'ReM'],
    ['00000fe4.00001628::2022/12/15-14:26:02.654 INFO [DM]: Shutting down, so unloading the cluster database.', 'DM'],
    ['00001214.00001884::2020/05/12-21:17:42.347 INFO  rcm::RcmResource::OnlineWorker[RCM] Issuing Arbitrate(File Share Witness) to RHS.', 'RCM'],
    ['00001898.0000185c::2023/02/27-13:27:41.121 ERR [RES] SQL Server Availability Group <ag>: [hadrag] SQL server service is not alive', 'RES'],
    ['00001334.00002ef4::2019/06/24-18:24:36.153 ERR [RES] SQL Server Availability Group : [hadrag] Resource Alive result 0.', 'RES'],
    ['00001214.00001884::2020/05/12-21:17:55.120 INFO  Shutdown lock acquired, proceeding with shutdown', ''],
    ["00001214.00001884::2020/05/12-21:17:55.121 WARN  cxl::ConnectWorker::operator (): GracefulClose(1226)' because of 'channel to remote endpoint 10.1.1.13:~3343~ is closed'", ''],
    ['0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   lost quorum (status = 5925)', ''],
    ['00001214.00001884::2017/10/23-21:52:25.229 INFO  MTimer(OneGroupMovetimer): [Total: 0 ms ( 0 s )]', ''],
  ];
  it('the tag in the first [ ] of the message (after an optional function prefix); RES for resource DLL lines; none for free text', () => {
    const { f } = run(cases.map((c) => c[0]));
    const got = cases.map((_, i) => componentOf(f, i));
    expect(got).toEqual(cases.map((c) => c[1]));
    expect(f.facts.components[0]).toBe('');
  });

  it('W2000 resource-DLL line without [RES]: Physical Disk <Disk D:>: [DISKARB] ... => RES', () => {
    const { f } = run([
      '378.380::1999/06/09-18:00:19.429 [NM] Local node name = NODE1.',
      '15c.458::1999/06/09-18:00:47.897 Physical Disk <Disk D:>: [DISKARB] Arbitration Parameters (1 9999).',
    ]);
    expect(componentOf(f, 1)).toBe('RES');
    expect([pidOf(f, 1), tidOf(f, 1)]).toEqual([0x15c, 0x458]);
  });

  it('componentCounts count record lines per component', () => {
    const { f } = run(cases.map((c) => c[0]));
    const rcm = f.facts.components.indexOf('RCM');
    expect(f.facts.componentCounts[rcm]).toBe(2);
    const none = f.facts.components.indexOf('');
    expect(f.facts.componentCounts[none]).toBe(4);
  });
});

describe('record prefix', () => {
  it('PID/TID are hex, 1 to 8 digits, padded or not; times are Date.UTC of the written fields', () => {
    const { f } = run([
      '378.32c::1999/06/09-18:00:18.874 [CS] Service Starting...',
      '00000534.0000057c::1999/10/21-23:09:09.123 [EP] Nodes down event received',
      'ffffffff.1::1999/12/31-23:59:59.999 [NM] edge',
    ]);
    expect([pidOf(f, 0), tidOf(f, 0)]).toEqual([0x378, 0x32c]);
    expect([pidOf(f, 1), tidOf(f, 1)]).toEqual([0x534, 0x57c]);
    expect([pidOf(f, 2), tidOf(f, 2)]).toEqual([0xffffffff, 1]);
    expect(f.columns.ts[0]).toBe(Date.UTC(1999, 5, 9, 18, 0, 18, 874));
    expect(f.columns.ts[2]).toBe(Date.UTC(1999, 11, 31, 23, 59, 59, 999));
  });

  it('viewer line-number prefixes (R5 left- and right-aligned, S1) are stripped for parsing; lineText keeps them', () => {
    const lines = [
      '261782 00001214.00001884::2017/10/23-21:52:24.531 INFO  [RCM] rcm::RcmApi::MoveGroup: (Group:ag1023 Dest:-1 Flags:0 MoveType:MoveType::Manual Cur.State:Online, ContextSize:0)',
      ' 41971 [Verbose] 000008c8.00000c80::2017/10/23-21:53:54.600 ERR   [QUORUM] Node 2: Lost quorum (2)',
      '427 00000b50.00000bc4::2018/10/18-19:17:38.723 DBG [HM] Trying to connect to 2012R2Node2 at 10.10.10.24:~3343~',
    ];
    const { f } = run(lines);
    expect(buckets(f)).toEqual(['parsed', 'parsed', 'parsed']);
    expect([0, 1, 2].map((i) => f.lineText(i))).toEqual(lines);
    expect([pidOf(f, 0), tidOf(f, 0), componentOf(f, 0), f.columns.level[0]]).toEqual([0x1214, 0x1884, 'RCM', Level.INFO]);
    expect([pidOf(f, 1), tidOf(f, 1), componentOf(f, 1), f.columns.level[1], channelOfLine(f, 1)]).toEqual([0x8c8, 0xc80, 'QUORUM', Level.ERR, 3]);
    expect(writtenOf(f, 2)).toBe('2018-10-18T19:17:38.723');
    expect(f.facts.pasted.viewerLineNumbers).toBe(3);
  });

  it('pasted blog text: typographic characters are counted', () => {
    const f = indexBytes(utf8(fixtureText('pasted-blog.txt')), { name: 'p.txt', path: 'p.txt' });
    expect(f.facts.pasted.typographic).toBeGreaterThan(0);
    expect(f.facts.pasted.viewerLineNumbers).toBe(30);
  });
});

describe('buckets', () => {
  it('a stray non-record line in a 2008-2012 R2 (ETW-era) log is unparsed, not continuation', () => {
    const { f } = run([
      '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)',
      'this line is not part of any record',
      '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   lost quorum (status = 5925)',
    ]);
    expect(f.facts.dialect).toBe('w2008');
    expect(buckets(f)).toEqual(['parsed', 'unparsed', 'parsed']);
    expect(writtenOf(f, 1)).toBe('2014-06-10T07:54:38.433');
    expect(isMember(f, 1)).toBe(false);
  });

  it('a stray non-record line in [=== Cluster Logs ===] is unparsed; in [=== System ===] it is continuation', () => {
    const { f } = run([
      '[=== System ===]',
      "[System] 00000844.00000d34::2017/10/23-21:20:11.225 DBG   Cluster node 'ze-2016-v1' was removed from the active failover cluster membership.",
      'continued event text',
      '[=== Cluster Logs ===]',
      '00001214.00001884::2017/10/23-21:52:24.531 INFO  [RCM] rcm::RcmGroup::Move: (ag1023, 2, MoveType::Manual)',
      'stray text in the main log',
    ]);
    expect(buckets(f)).toEqual(['structural', 'parsed', 'continuation', 'structural', 'parsed', 'unparsed']);
    expect(isMember(f, 2)).toBe(true);
    expect(isMember(f, 5)).toBe(false);
  });

  it('2016 quarantine event text with a blank line inside: blank line is blank, the rest continuation', () => {
    const { f } = run([
      '[=== System ===]',
      "[System] 00000844.00000d34::2017/10/23-22:19:06.694 DBG   Cluster node 'ze-2016-v2' has been quarantined.  The node experienced '3' consecutive failures within a short amount of time and has been removed from the cluster to avoid further disruptions. The node will be quarantined until '2017/10/23-17:19:06.645' and then the node will rejoin the cluster.",
      '',
      'Node Name : ze-2016-v2',
      "[System] 00000844.00000d34::2017/10/23-22:19:06.700 DBG   Cluster node 'ze-2016-v2' has been quarantined by 'cluster nodes' and cannot join the cluster.",
    ]);
    expect(buckets(f)).toEqual(['structural', 'parsed', 'blank', 'continuation', 'parsed']);
    expect(writtenOf(f, 3)).toBe('2017-10-23T22:19:06.694');
    expect(isMember(f, 3)).toBe(true);
    expect(isMember(f, 4)).toBe(false);
    expect(channelOfLine(f, 1)).toBe(1);
  });

  it('text before the first record outside sections is unparsed (NaN time); W2000 wrapped text after a blank is continuation', () => {
    const { f } = run([
      'Cluster log copied from NODE1',
      '378.32c::1999/06/09-18:00:18.874 Cluster Service started - Cluster Node',
      '',
      '  Version 3.2051',
    ]);
    expect(f.facts.dialect).toBe('w2000');
    expect(buckets(f)).toEqual(['unparsed', 'parsed', 'blank', 'continuation']);
    expect(Number.isNaN(f.columns.ts[0])).toBe(true);
    expect(writtenOf(f, 3)).toBe('1999-06-09T18:00:18.874');
  });

  it('header and object-table lines (any section other than the event channels and Cluster Logs) are structural; unknown sections are tolerated', () => {
    const { f } = run([
      '[=== Cluster ===]',
      'Build Number 17763',
      'Current node: name (N1) id (1)',
      '[=== Volumes ===]',
      'Name,State',
      'CSV1,Online',
      '[=== Some Future Section ===]',
      'anything, at all',
      '[=== Cluster Logs ===]',
      '00001214.00001884::2019/01/01-00:00:00.000 INFO  [RCM] a',
    ]);
    expect(buckets(f)).toEqual([
      'structural', 'structural', 'structural', 'structural', 'structural', 'structural', 'structural', 'structural', 'structural', 'parsed',
    ]);
    expect(f.facts.build).toBe('17763');
    expect(f.facts.node).toBe('N1');
  });

  it('CAU Admin log sections are event-channel sections: unprefixed text after a record there is continuation', () => {
    const { f } = run([
      '[=== Microsoft-Windows-ClusterAwareUpdating/Admin logs ===]',
      '00000844.00000d34::2017/10/23-21:20:11.225 INFO  Updating run started.',
      'more text of the same event',
    ]);
    expect(buckets(f)).toEqual(['structural', 'parsed', 'continuation']);
  });

  it('channel flags: System 1, Operational 2, Verbose 3, main log 0', () => {
    const { f } = run([
      "[System] 00000844.00001278::2017/10/23-21:01:11.623 ERR   The Cluster service failed to bring clustered role 'ag1023' completely online or offline.",
      "[Operational] 0000084c.000011d4::2017/10/23-18:51:58.828 INFO  Clustered role 'ag1023' is moving from cluster node 'ze-2016-v1' to cluster node 'ze-2016-v2'.",
      '[Verbose] 00001084.00000bd8::2017/10/23-21:53:26.356 DBG   [RHS] IsAliveCall::CallIntoResource(ag1023)',
      '00001214.00001884::2017/10/23-21:52:24.531 INFO  [RCM] rcm::RcmGroup::Move: (ag1023, 2, MoveType::Manual)',
    ]);
    expect([0, 1, 2, 3].map((i) => channelOfLine(f, i))).toEqual([1, 2, 3, 0]);
    expect(f.facts.dialect).toBe('w2016');
    expect(componentOf(f, 2)).toBe('RHS');
    expect(writtenOf(f, 1)).toBe('2017-10-23T18:51:58.828');
  });
});

describe('dialect detection is structural, not by year', () => {
  it('W2000-style records (no level, unpadded ids) dated 2015 are still w2000', () => {
    const { s } = run([
      '378.380::2015/06/09-18:00:19.429 [NM] Local node name = NODE1.',
      '378.380::2015/06/09-18:00:50.881 [NM] Forming cluster membership.',
      '15c.458::2015/06/09-18:00:47.897 Physical Disk <Disk D:>: [DISKARB] Arbitration Parameters (1 9999).',
    ]);
    expect(s.dialect).toBe('w2000');
  });

  it('a Get-ClusterLog section layout dated 2012 is w2016', () => {
    const { s } = run([
      '[=== Cluster Logs ===]',
      '00001214.00001884::2012/10/23-21:52:24.531 INFO  [RCM] rcm::RcmGroup::Move: (ag1023, 2, MoveType::Manual)',
    ]);
    expect(s.dialect).toBe('w2016');
  });

  it('a channel prefix alone makes it w2016', () => {
    const { s } = run(['[Verbose] 000008c8.00000c80::2017/10/23-21:53:54.600 ERR   [QUORUM] Node 2: Lost quorum (2)']);
    expect(s.dialect).toBe('w2016');
  });

  it('padded ids, a level on every record and ETW-era components dated 2006 are w2008', () => {
    const { s } = run([
      '0000ab34.00007328::2006/06/10-07:54:34.099 INFO  [CORE] Node 8: executing node 12 failed handlers on a dedicated thread',
      '0000ab34.00007328::2006/06/10-07:54:34.099 INFO  [NODE] Node 8: Cleaning up connections for n12.',
      '0000ab34.0000a7c0::2006/06/10-07:54:38.433 ERR   [QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)',
      '00000c20.00000c24::2006/10/18-19:17:46.804 INFO  [RHS] Initializing.',
      '00001214.00001884::2006/10/23-21:52:24.532 INFO  [RCM] rcm::RcmGroup::Move: (ag1023, 2, MoveType::Manual)',
    ]);
    expect(s.dialect).toBe('w2008');
  });

  it('a "Local Time is" line with level words makes it w2003, even dated 2009', () => {
    const { s } = run([
      '00000a20.00000a24::2009/06/08-22:49:47.360 INFO Local Time is 2009/06/08-15:49:47.375',
      '00000a20.00000a24::2009/06/08-22:49:47.360 INFO [CS] Service Starting...',
      '00000a20.00000a30::2009/06/08-22:49:48.206 INFO [FM] Resmon LRPC EP name is LRPC',
    ]);
    expect(s.dialect).toBe('w2003');
  });

  it('NT4 TID::DD-HH:MM:SS.mmm lines are nt4; the PID is absent (-1)', () => {
    const { f } = run(['082::14-21:29:26.625 Cluster Service started - Cluster Version 1.224.'], 'nt4.log', { month: '1998-05' });
    expect(f.facts.dialect).toBe('nt4');
    expect([pidOf(f, 0), tidOf(f, 0)]).toEqual([-1, 0x82]);
    expect(writtenOf(f, 0)).toBe('1998-05-14T21:29:26.625');
  });
});
