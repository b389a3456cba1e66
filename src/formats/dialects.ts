// The cluster.log dialects of each Windows era (formats.md Part A), as data.
// Detection looks at structure (sections, level words, id padding, component
// vocabulary), never at the year in the timestamps.

/** A cluster.log dialect (formats.md Part A); 'unknown' when detection found none. */
export type DialectId = 'nt4' | 'w2000' | 'w2003' | 'w2008' | 'w2016' | 'unknown';
/** What a file's timestamps are written in: UTC, local time, or UTC assumed (nothing says). */
export type TimeBaseKind = 'utc' | 'local' | 'assumed-utc';

export interface DialectInfo {
  id: DialectId;
  label: string;
  /** Time base when the file itself says nothing. */
  defaultTimeBase: TimeBaseKind;
  /**
   * Whether a non-record line after a record is continuation text. ETW-era files
   * (2008+) print a prefix on every physical line, so there a stray line is shown
   * as unparsed; event-channel sections of 2016+ files continue texts on unprefixed lines.
   */
  freeContinuation: boolean;
  /** Real lines quoted in formats.md (source in the comment), checked by a unit test. */
  samples: string[];
}

export const DIALECTS: Record<DialectId, DialectInfo> = {
  nt4: {
    id: 'nt4', label: 'Windows NT 4.0 (MSCS)', defaultTimeBase: 'assumed-utc', freeContinuation: true,
    samples: [
      '082::14-21:29:26.625 Cluster Service started - Cluster Version 1.224.', // R15
      '0b5::12-20:15:23.531 [NMINIT] Initializing the Node Manager...', // R15
    ],
  },
  w2000: {
    id: 'w2000', label: 'Windows 2000', defaultTimeBase: 'utc', freeContinuation: true,
    samples: [
      '378.32c::1999/06/09-18:00:18.874 Cluster Service started - Cluster Node Version 3.2051', // S2
      '378.380::1999/06/09-18:00:50.881 [NM] Forming cluster membership.', // S2
      '15c.458::1999/06/09-18:00:47.897 Physical Disk <Disk D:>: [DISKARB] Arbitration Parameters (1 9999).', // S2
    ],
  },
  w2003: {
    id: 'w2003', label: 'Windows Server 2003', defaultTimeBase: 'utc', freeContinuation: true,
    samples: [
      '00000644.00000944::2003/11/30-18:11:30.360 SQL Server <SQLServer>: [sqsrvres] OnlineThread: Error d bringing resource online.', // R20
    ],
  },
  w2008: {
    id: 'w2008', label: 'Windows Server 2008 – 2012 R2', defaultTimeBase: 'assumed-utc', freeContinuation: false,
    samples: [
      '0000ab34.00004b38::2014/06/10-07:54:34.099 INFO  [IM] got event: Remote endpoint 10.xx.xx.xxx:~3343~ unreachable from 10.xx.x.xx:~3343~', // R4
      '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)', // R4
    ],
  },
  w2016: {
    id: 'w2016', label: 'Windows Server 2016 – 2022', defaultTimeBase: 'utc', freeContinuation: false,
    samples: [
      '00001214.00001884::2017/10/23-21:52:24.531 INFO  [RCM] rcm::RcmApi::MoveGroup: (Group:ag1023 Dest:-1 Flags:0 MoveType:MoveType::Manual Cur.State:Online, ContextSize:0)', // R5
      '[Verbose] 000008c8.00000c80::2017/10/23-21:53:54.600 ERR   [QUORUM] Node 2: Lost quorum (2)', // R5
    ],
  },
  unknown: {
    id: 'unknown', label: 'Unknown format', defaultTimeBase: 'assumed-utc', freeContinuation: false, samples: [],
  },
};

export const DIALECT_IDS: DialectId[] = ['w2016', 'w2008', 'w2003', 'w2000', 'nt4'];

/** Components only Windows 2000/2003 write (formats.md A.2.2). */
// [NM], [CS], [GUM], [DM], [OM], [MM], [RGP] and [API] appear in both eras, so they decide nothing.
export const OLD_COMPONENTS = new Set(['FM', 'ClMsg', 'EP', 'RM', 'INIT', 'JOIN', 'NMJOIN', 'NMINIT', 'LM', 'CP', 'Qfs', 'ClNet']);
/** Components of the ETW era (2008+) (formats.md B.0). */
export const ETW_COMPONENTS = new Set([
  'NODE', 'RCM', 'RHS', 'RES', 'NETFT', 'NETFTAPI', 'NETFTEVM', 'CORE', 'GEM', 'MRR', 'QUORUM', 'SV', 'HM', 'IM', 'TM', 'DCM', 'CHM',
  'JPM', 'ACCEPT', 'CONNECT', 'CHANNEL', 'NETWORK', 'FTI', 'NDP', 'STARTUP', 'CCM', 'NSM', 'WM', 'VER', 'Causal', 'CAUSAL', 'SM',
]);
