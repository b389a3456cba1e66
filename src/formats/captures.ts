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

/**
 * The roles a capture's columns play, by header name (case ignored), per kind: the time; the
 * date when a column carries one; the PID and TID; the low-cardinality column shown as the
 * component (Operation, Protocol, Provider); the one that grades the row (Result, Level); and
 * the columns that make up the row's text, in order (the rest stay in the export).
 */
export interface CaptureColumnRoles {
  readonly kind: CaptureKind;
  readonly time: readonly string[];
  readonly dateTime: readonly string[];
  readonly pid: readonly string[];
  readonly tid: readonly string[];
  readonly component: readonly string[];
  readonly grade: readonly string[];
  readonly text: readonly (readonly string[])[];
  /** A header of a real export and the roles it gives (by column number), run by a test. */
  readonly example: { readonly header: string; readonly time: number; readonly component: number; readonly text: readonly number[] };
}

export const CAPTURE_COLUMNS: readonly CaptureColumnRoles[] = [
  {
    kind: 'procmon',
    time: ['Time of Day'], dateTime: ['Date & Time'], pid: ['PID'], tid: ['TID'], component: ['Operation'], grade: ['Result'],
    text: [['Process Name'], ['Operation'], ['Path'], ['Result'], ['Detail']],
    example: { header: '"Time of Day","Process Name","PID","Operation","Path","Result","Detail"', time: 0, component: 3, text: [1, 3, 4, 5, 6] },
  },
];
