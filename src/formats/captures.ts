// What the capture exports look like (../shared/reference/formats.md Part C): the markers of a
// 12-hour clock in each locale, and the header columns that tell one kind of export from another.
// Data only; src/captures/ holds the code that reads them. Each entry carries an example that
// src/captures/*.test.ts runs, and its verification status as formats.md gives it.

/** How sure formats.md is of an entry: verified on real files, documented, or inferred. */
export type Verified = 'verified' | 'documented' | 'inferred';

/** A word that marks the morning or afternoon half of a 12-hour clock, before or after the time. */
export interface DayHalfMarker {
  readonly text: string;
  readonly half: 'am' | 'pm';
  readonly where: 'before' | 'after';
  readonly locale: string;
  /** A Time of Day value as that locale writes it, and its 24-hour reading. */
  readonly example: string;
  readonly reads: string;
  readonly status: Verified;
}

// Longer texts first where one is a prefix of another is not needed: markers are matched whole.
export const DAY_HALF_MARKERS: readonly DayHalfMarker[] = [
  { text: 'AM', half: 'am', where: 'after', locale: 'en', example: '7:21:49.0877812 AM', reads: '07:21:49.0877812', status: 'verified' },
  { text: 'PM', half: 'pm', where: 'after', locale: 'en', example: '8:35:21.1680000 PM', reads: '20:35:21.1680000', status: 'verified' },
  { text: 'a.m.', half: 'am', where: 'after', locale: 'en-CA, es', example: '12:05:01.5000000 a.m.', reads: '00:05:01.5000000', status: 'inferred' },
  { text: 'p.m.', half: 'pm', where: 'after', locale: 'en-CA, es', example: '12:05:01.5000000 p.m.', reads: '12:05:01.5000000', status: 'inferred' },
  { text: '上午', half: 'am', where: 'before', locale: 'zh', example: '上午 01:09:44.8222664', reads: '01:09:44.8222664', status: 'verified' },
  { text: '下午', half: 'pm', where: 'before', locale: 'zh', example: '下午 01:09:44.8222664', reads: '13:09:44.8222664', status: 'verified' },
  { text: '午前', half: 'am', where: 'before', locale: 'ja', example: '午前 12:00:00.0000001', reads: '00:00:00.0000001', status: 'inferred' },
  { text: '午後', half: 'pm', where: 'before', locale: 'ja', example: '午後 3:04:05.0600000', reads: '15:04:05.0600000', status: 'inferred' },
  { text: '오전', half: 'am', where: 'before', locale: 'ko', example: '오전 9:15:00.1234567', reads: '09:15:00.1234567', status: 'inferred' },
  { text: '오후', half: 'pm', where: 'before', locale: 'ko', example: '오후 11:59:59.9999999', reads: '23:59:59.9999999', status: 'inferred' },
  { text: 'vorm.', half: 'am', where: 'after', locale: 'de (12 h)', example: '10:00:00,5 vorm.', reads: '10:00:00.5', status: 'inferred' },
  { text: 'nachm.', half: 'pm', where: 'after', locale: 'de (12 h)', example: '10:00:00,5 nachm.', reads: '22:00:00.5', status: 'inferred' },
];

/** The kinds of input besides cluster.log that ClusterLens reads. */
export type CaptureKind = 'procmon' | 'wireshark' | 'netmon' | 'eventlog';

/** What a loaded input is: a cluster.log, or a capture exported beside it. */
export type SourceKind = 'cluster-log' | CaptureKind;

/** A setting a source's card offers: a log's dialect, encoding and time base; a capture's alignment. */
export type SourceSetting = 'dialect' | 'encoding' | 'timeBase' | 'alignment';

/** What each kind of input is called and which settings a person can change (the card lists its fields from this, never from a branch on the kind). */
export const SOURCE_KINDS: Readonly<Record<SourceKind, { readonly label: string; readonly settings: readonly SourceSetting[] }>> = {
  'cluster-log': { label: 'cluster log', settings: ['dialect', 'encoding', 'timeBase'] },
  procmon: { label: 'Process Monitor capture', settings: ['alignment'] },
  netmon: { label: 'Network Monitor capture', settings: ['alignment'] },
  wireshark: { label: 'Wireshark capture', settings: ['alignment'] },
  eventlog: { label: 'event log export', settings: ['alignment'] },
};

/** A header signature: the columns (by name, case ignored) a kind's export must and may have. */
export interface HeaderSignature {
  readonly kind: CaptureKind;
  readonly name: string;
  /** Every group must be matched by one of its names. */
  readonly requires: readonly (readonly string[])[];
  readonly status: Verified;
  /** A header line of a real or documented export. */
  readonly example: string;
}

// Tried in order; the first whose every group is present wins. Wireshark before Netmon: a
// Wireshark header ("No.", "Time", "Protocol", "Info") is also a loose Netmon one.
export const HEADER_SIGNATURES: readonly HeaderSignature[] = [
  {
    kind: 'procmon', name: 'Process Monitor CSV', status: 'verified',
    requires: [['Time of Day', 'Date & Time', 'Relative Time'], ['Operation'], ['Process Name', 'PID']],
    example: '"Time of Day","Process Name","PID","Operation","Path","Result","Detail"',
  },
  {
    kind: 'wireshark', name: 'Wireshark CSV', status: 'verified',
    requires: [['No.'], ['Time'], ['Protocol'], ['Source'], ['Destination']],
    example: '"No.","Time","Source","Destination","Protocol","Length","Info"',
  },
  {
    kind: 'netmon', name: 'Network Monitor frame summary', status: 'inferred',
    requires: [['Time Of Day', 'Time Date Local Adjusted', 'TimeDateLocalAdjusted', 'Time Offset', 'Time'], ['Protocol Name', 'Protocol'], ['Description', 'Info'], ['Source', 'Src']],
    example: 'Frame Number\tTime Date Local Adjusted\tTime Offset\tProcess Name\tSource\tDestination\tProtocol Name\tDescription\tConv Id',
  },
  {
    kind: 'eventlog', name: 'Get-WinEvent | Export-Csv', status: 'verified',
    requires: [['TimeCreated'], ['Id'], ['Message']],
    example: '"TimeCreated","Id","LevelDisplayName","Message"',
  },
  {
    kind: 'eventlog', name: 'Event Viewer "Save as CSV"', status: 'inferred',
    requires: [['Date and Time'], ['Event ID'], ['Source'], ['Level']],
    example: 'Level,Date and Time,Source,Event ID,Task Category',
  },
];

/**
 * Procmon results and how much they stand out (formats.md C.1.3): SUCCESS is routine; the
 * results Windows returns in normal operation (a probe for a name that is not there, a buffer
 * sized on a second call) are warnings; the rest — refusals and failures — are errors.
 * Results not listed are warnings (an unknown result is shown, never hidden).
 */
export const PROCMON_RESULTS: readonly { readonly result: string; readonly severity: 'info' | 'warn' | 'error' }[] = [
  { result: 'SUCCESS', severity: 'info' },
  { result: '', severity: 'info' },
  { result: 'NAME NOT FOUND', severity: 'warn' },
  { result: 'PATH NOT FOUND', severity: 'warn' },
  { result: 'BUFFER OVERFLOW', severity: 'warn' },
  { result: 'BUFFER TOO SMALL', severity: 'warn' },
  { result: 'NO MORE ENTRIES', severity: 'warn' },
  { result: 'NO MORE FILES', severity: 'warn' },
  { result: 'END OF FILE', severity: 'warn' },
  { result: 'REPARSE', severity: 'warn' },
  { result: 'FAST IO DISALLOWED', severity: 'warn' },
  { result: 'NOT REPARSE POINT', severity: 'warn' },
  { result: 'IS DIRECTORY', severity: 'warn' },
  { result: 'NAME COLLISION', severity: 'warn' },
  { result: 'FILE LOCKED WITH ONLY READERS', severity: 'warn' },
  { result: 'OPLOCK NOT GRANTED', severity: 'warn' },
  { result: 'ACCESS DENIED', severity: 'error' },
  { result: 'SHARING VIOLATION', severity: 'error' },
  { result: 'DISK FULL', severity: 'error' },
  { result: 'INSUFFICIENT RESOURCES', severity: 'error' },
  { result: 'DEVICE NOT READY', severity: 'error' },
  { result: 'IO DEVICE ERROR', severity: 'error' },
  { result: 'BAD NETWORK PATH', severity: 'error' },
  { result: 'BAD NETWORK NAME', severity: 'error' },
  { result: 'NETWORK UNREACHABLE', severity: 'error' },
  { result: 'CONNECTION REFUSED', severity: 'error' },
  { result: 'INVALID HANDLE', severity: 'error' },
  { result: 'DELETE PENDING', severity: 'error' },
];

/** How much a row stands out. */
export type Grade = 'debug' | 'info' | 'warn' | 'error' | 'critical';

/**
 * How a kind grades its rows: by a column's value (Procmon's Result, an event's Level), else by
 * patterns over a text column (a Wireshark Info that says RST or Retransmission), else `default`.
 */
export interface Grading {
  readonly column: readonly string[];
  /** Values (case ignored) and their grade. */
  readonly values?: readonly { readonly value: string; readonly grade: Grade }[];
  readonly patterns?: readonly { readonly re: RegExp; readonly grade: Grade; readonly example: string }[];
  /** A value not listed (an unknown Result stands out; unknown text does not). */
  readonly otherwise: Grade;
  readonly empty: Grade;
}

/**
 * The roles a capture's columns play, by header name (case ignored), per kind: the time (names in
 * order of preference: a date-and-time over a time of day over an offset); a date when another
 * column carries it; the PID and TID; the low-cardinality column shown as the component
 * (Operation, Protocol, Provider); how rows are graded; the endpoints shown as `a → b`; and the
 * columns that make up the row's text, in order (the rest stay in the export).
 */
export interface CaptureColumnRoles {
  readonly kind: CaptureKind;
  readonly time: readonly string[];
  readonly dateTime: readonly string[];
  readonly pid: readonly string[];
  readonly tid: readonly string[];
  readonly component: readonly string[];
  /** An event id column: the row's text starts with it, and EVENT_NAMES names it. */
  readonly eventId: readonly string[];
  readonly grading: Grading | null;
  readonly flow: readonly [readonly string[], readonly string[]] | null;
  readonly text: readonly (readonly string[])[];
  /** Rows carry one field more than the header: their text (Event Viewer's "Save as CSV" writes the message unnamed). */
  readonly trailingText: boolean;
  /** A header of a real or documented export and the roles it gives (by column number), run by a test. */
  readonly example: { readonly header: string; readonly time: number; readonly component: number; readonly text: readonly number[] };
}

const RESULT_GRADES: Grading = {
  column: ['Result'],
  values: PROCMON_RESULTS.map((r) => ({ value: r.result, grade: r.severity })),
  otherwise: 'warn', empty: 'info',
};

/** Event levels as Get-WinEvent and Event Viewer write them (en-US words, and the numbers). */
const EVENT_LEVELS: Grading = {
  column: ['LevelDisplayName', 'Level'],
  values: [
    { value: 'Critical', grade: 'critical' }, { value: '1', grade: 'critical' },
    { value: 'Error', grade: 'error' }, { value: '2', grade: 'error' },
    { value: 'Warning', grade: 'warn' }, { value: '3', grade: 'warn' },
    { value: 'Information', grade: 'info' }, { value: '4', grade: 'info' }, { value: '0', grade: 'info' },
    { value: 'Verbose', grade: 'debug' }, { value: '5', grade: 'debug' },
  ],
  otherwise: 'info', empty: 'info',
};

/** Wireshark's expert annotations in Info that mean trouble on a connection. */
const PACKET_GRADES = (column: readonly string[]): Grading => ({
  column,
  patterns: [
    { re: /\[TCP (?:Retransmission|Fast Retransmission|Spurious Retransmission|Dup ACK|Previous segment not captured|ZeroWindow|Window Full|Out-Of-Order)/i, grade: 'warn', example: '[TCP Retransmission] 56450 → 3343 [PSH, ACK] Seq=1 Ack=1 Win=8192 Len=112' },
    { re: /\[RST(?:, ACK)?\]|Flags=[A-Z.]{5}R/, grade: 'error', example: '3343 → 56450 [RST, ACK] Seq=1 Ack=1 Win=0 Len=0' },
    { re: /Destination unreachable|Time-to-live exceeded|\bNo response\b/i, grade: 'error', example: 'Destination unreachable (Port unreachable)' },
  ],
  otherwise: 'info', empty: 'info',
});

export const CAPTURE_COLUMNS: readonly CaptureColumnRoles[] = [
  {
    kind: 'procmon',
    time: ['Time of Day'], dateTime: ['Date & Time'], pid: ['PID'], tid: ['TID'], component: ['Operation'], eventId: [], grading: RESULT_GRADES,
    flow: null, text: [['Process Name'], ['Operation'], ['Path'], ['Result'], ['Detail']], trailingText: false,
    example: { header: '"Time of Day","Process Name","PID","Operation","Path","Result","Detail"', time: 0, component: 3, text: [1, 3, 4, 5, 6] },
  },
  {
    kind: 'wireshark',
    time: ['Time'], dateTime: [], pid: [], tid: [], component: ['Protocol'], eventId: [], grading: PACKET_GRADES(['Info']),
    flow: [['Source'], ['Destination']], text: [['Protocol'], ['Length'], ['Info']], trailingText: false,
    example: { header: '"No.","Time","Source","Destination","Protocol","Length","Info"', time: 1, component: 4, text: [4, 5, 6] },
  },
  {
    kind: 'netmon',
    time: ['Time Date Local Adjusted', 'TimeDateLocalAdjusted', 'Time Of Day', 'Time Offset', 'Time'], dateTime: [], pid: [], tid: [],
    component: ['Protocol Name', 'Protocol'], eventId: [], grading: PACKET_GRADES(['Description', 'Info']),
    flow: [['Source', 'Src'], ['Destination', 'Dst']], text: [['Process Name', 'Process'], ['Protocol Name', 'Protocol'], ['Description', 'Info'], ['Conv Id', 'ConvId']], trailingText: false,
    example: { header: 'Frame Number\tTime Date Local Adjusted\tTime Offset\tProcess Name\tSource\tDestination\tProtocol Name\tDescription\tConv Id', time: 1, component: 6, text: [3, 6, 7, 8] },
  },
  {
    kind: 'eventlog',
    time: ['TimeCreated', 'Date and Time'], dateTime: [], pid: ['ProcessId'], tid: ['ThreadId'], component: ['ProviderName', 'Source'], eventId: ['Id', 'Event ID', 'EventID'],
    grading: EVENT_LEVELS, flow: null, text: [['Task Category', 'TaskDisplayName'], ['Message']], trailingText: false,
    example: { header: '"TimeCreated","ProviderName","Id","LevelDisplayName","Message"', time: 0, component: 1, text: [4] },
  },
];

/** Event Viewer's "Save as CSV" writes the message as an unnamed last field: its rows are one field wider than its header. */
export const EVENT_VIEWER_CSV: CaptureColumnRoles = {
  ...CAPTURE_COLUMNS[3],
  trailingText: true,
  example: { header: 'Level,Date and Time,Source,Event ID,Task Category', time: 1, component: 2, text: [4, 5] },
};

/**
 * Windows events that tell a cluster's story (formats.md B.7, issue 11), by provider (matched
 * inside the provider name, case ignored) and id: named on the row and on the event-log lane.
 * An export without a provider column names none (an id alone means different things).
 */
export const EVENT_NAMES: readonly { readonly provider: string; readonly id: number; readonly name: string; readonly grade: Grade }[] = [
  { provider: 'FailoverClustering', id: 1135, name: 'node removed from membership', grade: 'critical' },
  { provider: 'FailoverClustering', id: 1177, name: 'quorum lost, cluster service shutting down', grade: 'critical' },
  { provider: 'FailoverClustering', id: 1069, name: 'resource failed', grade: 'error' },
  { provider: 'FailoverClustering', id: 1205, name: 'group not fully online or offline', grade: 'error' },
  { provider: 'FailoverClustering', id: 1146, name: 'RHS process terminated', grade: 'critical' },
  { provider: 'FailoverClustering', id: 1006, name: 'cluster service halted (incomplete connectivity)', grade: 'critical' },
  { provider: 'FailoverClustering', id: 1254, name: 'group failed (failover threshold)', grade: 'error' },
  { provider: 'FailoverClustering', id: 1564, name: 'file share witness arbitration failed', grade: 'critical' },
  { provider: 'FailoverClustering', id: 5120, name: 'Cluster Shared Volume paused', grade: 'error' },
  { provider: 'FailoverClustering', id: 5142, name: 'Cluster Shared Volume no longer accessible', grade: 'critical' },
  { provider: 'FailoverClustering', id: 1129, name: 'cluster network partitioned', grade: 'error' },
  { provider: 'FailoverClustering', id: 1130, name: 'cluster network down', grade: 'error' },
  { provider: 'ClusNet', id: 1228, name: 'ClusNet watchdog: cluster service unresponsive', grade: 'critical' },
  { provider: 'NetFT', id: 1228, name: 'NetFT watchdog: cluster service unresponsive', grade: 'critical' },
  { provider: 'Tcpip', id: 4199, name: 'IP address conflict', grade: 'error' },
  { provider: 'ftdisk', id: 57, name: 'failed to flush data to the transaction log', grade: 'warn' },
  { provider: 'Ntfs', id: 50, name: 'delayed write lost', grade: 'error' },
  { provider: 'Service Control Manager', id: 7031, name: 'service terminated unexpectedly', grade: 'error' },
  { provider: 'Service Control Manager', id: 7034, name: 'service terminated unexpectedly', grade: 'error' },
  { provider: 'Service Control Manager', id: 7036, name: 'service entered a state', grade: 'info' },
  { provider: 'Service Control Manager', id: 7024, name: 'service terminated with an error', grade: 'error' },
];

/**
 * What a capture row is about, for its colour on the capture track: Procmon operations by
 * class (formats.md C.1.6), packets by what they carry (cluster traffic on 3343, SMB and RPC),
 * events by whether EVENT_NAMES knows them. Index = the `cls` column's value.
 */
export const CAPTURE_CLASSES = ['other', 'file', 'registry', 'process', 'network', 'cluster', 'smb-rpc', 'cluster-event'] as const;
export type CaptureClass = (typeof CAPTURE_CLASSES)[number];

/** Procmon operations by class, first match wins (an operation not listed is 'other'). */
export const OPERATION_CLASSES: readonly { readonly re: RegExp; readonly cls: CaptureClass; readonly example: string }[] = [
  { re: /^Reg/, cls: 'registry', example: 'RegQueryValue' },
  { re: /^(?:Process |Thread |Load Image)/, cls: 'process', example: 'Process Start' },
  { re: /^(?:TCP|UDP) /, cls: 'network', example: 'TCP Connect' },
  { re: /^(?:CreateFile|ReadFile|WriteFile|CloseFile|QueryDirectory|Query\w*Information\w*|Set\w*Information\w*|SetEndOfFile|CreateFileMapping|FileSystemControl|DeviceIoControl|LockFile|UnlockFile\w*|FlushBuffersFile|QueryOpen|NotifyChangeDirectory|QueryEaFile|SetEaFile|QuerySecurityFile|SetSecurityFile|IRP_MJ_\w+|FASTIO_\w+)/, cls: 'file', example: 'CreateFile' },
];

/** The processes a Procmon capture's rows are grouped by one process id each (the rest by name). */
export const CLUSTER_PROCESSES: readonly string[] = ['clussvc.exe', 'rhs.exe', 'rhs.exe*32', 'resrcmon.exe'];

/** Packets that carry SMB or RPC (by protocol column, case ignored). */
export const SMB_RPC_PROTOCOLS = /^(?:SMB\d*|DCERPC|RPC|MSRPC|EPM|DRSR|LSARPC|SAMR|NETLOGON|SRVSVC|WKSSVC|SVCCTL|DCOM)$/i;

/** Ports in a packet's text: Wireshark's `56450 → 3343`, Netmon's `SrcPort=56450, DstPort=3343`. */
export const PACKET_PORTS: readonly { readonly re: RegExp; readonly example: string }[] = [
  { re: /(\d{1,5})\s*(?:→|->|>)\s*(\d{1,5})/, example: '56450 → 3343 [SYN] Seq=0 Win=8192' },
  { re: /SrcPort\s*=\s*(\d{1,5}),\s*DstPort\s*=\s*(\d{1,5})/, example: 'TCP:Flags=CE....S., SrcPort=56450, DstPort=3343, PayloadLen=0' },
];

/** The cluster service's port (TCP between nodes, UDP heartbeats). */
export const CLUSTER_PORT = 3343;
