// Files the indexer must refuse or flag: empty, binary, no known format, over-long lines,
// truncated files, NT4 logs without a month.
import { describe, expect, it } from 'vitest';
import { indexBytes, summarize } from '../../src/ingest/index.ts';
import { bucketName, concatBytes, fixtureText, splitPhysical, utf16le, utf8, withEnding } from '../helpers/clusterlog.ts';

const W2008 = [
  '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)',
  '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: goingAway: 0, core.IsServiceShutdown: 0',
  '0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   lost quorum (status = 5925)',
];

function run(bytes: Uint8Array, name = 'x.log', extra: Record<string, unknown> = {}) {
  const f = indexBytes(bytes, { name, path: name, ...extra });
  return { f, s: summarize(f) };
}

describe('error cases', () => {
  it('empty file: an error, no lines', () => {
    const { f, s } = run(new Uint8Array(0), 'cluster.log');
    expect(f.facts.lines).toBe(0);
    expect(f.columns.length).toBe(0);
    expect(s.errors).toEqual(['cluster.log: the file is empty (0 bytes).']);
    expect(s.firstTime).toBeNull();
    expect(s.lastTime).toBeNull();
  });

  it('PNG file: an error that says it looks like a PNG image', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66]);
    const { s } = run(png, 'screenshot.log');
    expect(s.errors).toEqual(['screenshot.log: this is not a text log: it looks like a PNG image.']);
  });

  it('ZIP file: an error that says it looks like a ZIP archive', () => {
    const zip = concatBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), utf8('cluster.log'), new Uint8Array(64));
    const { s } = run(zip, 'logs.log');
    expect(s.errors).toEqual(['logs.log: this is not a text log: it looks like a ZIP archive (extract it and drop the cluster.log files inside).']);
  });

  it('GZIP file: an error that says it looks like gzip', () => {
    const gz = concatBytes(new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03]), new Uint8Array([0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]));
    const { s } = run(gz, 'cluster.log.gz');
    expect(s.errors).toEqual(['cluster.log.gz: this is not a text log: it looks like a gzip archive (extract it first).']);
  });

  it('NUL bytes in a file that is not UTF-16: an error (binary)', () => {
    const text = utf8(withEnding(W2008, '\r\n'));
    const bytes = new Uint8Array(text.length + 6);
    bytes.set(text.subarray(0, 40), 0);
    bytes.set([0, 0, 0, 0, 0, 0], 40); // six NULs in a row, far below the 30 % UTF-16 threshold
    bytes.set(text.subarray(40), 46);
    const { s } = run(bytes, 'cluster.log');
    expect(s.errors).toEqual(['cluster.log: this is not a text log: it looks like binary data (it contains NUL bytes).']);
  });

  it('text in no known format: an error, dialect unknown, nothing parsed', () => {
    const readme = '# ClusterLens\r\n\r\nThis is not a cluster log.\r\nIt has no records at all.\r\n';
    const { f, s } = run(utf8(readme), 'README.md');
    expect(s.errors).toEqual(['README.md: not a cluster.log in any known format (4 lines, none of them starts with a PID.TID::YYYY/MM/DD-HH:MM:SS.mmm record).']);
    expect(s.dialect).toBe('unknown');
    expect(s.parsed).toBe(0);
    expect(f.facts.lines).toBe(4);
    expect(s.blank + s.unparsed).toBe(4);
  });

  it('a file that is not a cluster.log gets one error and no node warning (a node name means nothing for it)', () => {
    const csv = '"Time of Day","Process Name","PID","Operation","Path","Result","Detail"\r\n"10:12:01.1234567 AM","clussvc.exe","2212","ReadFile","C:\\Windows\\Cluster\\CLUSDB","SUCCESS","Offset: 0"\r\n';
    const { f, s } = run(utf8(csv), 'Logfile.CSV');
    expect(s.errors).toEqual([
      'Logfile.CSV: a Process Monitor CSV export, recognized by its comma-separated header with Time of Day, Operation, Process Name; its first row is at 10:12:01.1234567. It is not a cluster.log, and captures cannot be lined up with the logs yet.',
    ]);
    expect(f.facts.warnings.filter((w) => w.includes('node name'))).toEqual([]);
  });

  it('a capture export is named for what it is: Excel re-saved Procmon (hour lost), Wireshark, Netmon (unverified)', () => {
    const excel = 'Time of Day,Process Name,PID,Operation,Path,Result,Detail\n47:57.9,1.exe,1480,RegQueryKey,HKCU,SUCCESS,Query: Name\n';
    expect(run(utf8(excel), 'x.csv').s.errors[0]).toMatch(/^x\.csv: a Process Monitor CSV export, .*its times have lost their hour \(mm:ss\.f: the file was re-saved by Excel/);
    const ws = '"No.","Time","Source","Destination","Protocol","Length","Info"\r\n"1","0.000000","10.0.0.1","10.0.0.2","TCP","66","56450 > 3343 [SYN]"\r\n';
    expect(run(utf8(ws), 'cap.csv').s.errors).toEqual([
      'cap.csv: a Wireshark CSV export, recognized by its comma-separated header with No., Time, Protocol, Source, Destination. It is not a cluster.log, and captures cannot be lined up with the logs yet.',
    ]);
    const nm = 'Frame Number\tTime Of Day\tProcess Name\tSource\tDestination\tProtocol Name\tDescription\r\n1\t7:17:38.7231234 PM\tclussvc.exe\tN1\tN2\tTCP\tTCP:Flags=......S.\r\n';
    expect(run(utf8(nm), 'nm.txt').s.errors[0]).toMatch(/^nm\.txt: a Network Monitor frame summary export \(format unverified\), recognized by its tab-separated header .*first row is at 19:17:38\.7231234\./);
  });

  it('a cluster.log without a node name still says so', () => {
    const { f } = run(utf8(withEnding(W2008, '\r\n')), 'log.txt');
    expect(f.facts.warnings[0]).toMatch(/^No node name found/);
  });

  it('a line over 1 MB: a warning naming the line and its size; the line is kept', () => {
    const huge = `0000ab34.0000a7c0::2014/06/10-07:54:38.433 INFO  [RCM] ${'x'.repeat(1_200_000)}`;
    const text = withEnding([W2008[0], huge, W2008[2]], '\r\n');
    const { f, s } = run(utf8(text), 'cluster.log');
    expect(s.errors).toEqual([]);
    expect(f.facts.lines).toBe(3);
    expect([0, 1, 2].map((i) => bucketName(f, i))).toEqual(['parsed', 'parsed', 'parsed']);
    expect(f.lineText(2)).toBe(W2008[2]);
    expect(f.columns.flags[1] & 0x80).toBe(0x80); // Flag.Oversized
    // The warning names the line, where it starts and its size; the file's other warnings are the usual two.
    expect(s.warnings).toContain('Line 2 (byte offset 93) is longer than 1 MB; it is kept and shown cut.');
    expect(s.warnings.length).toBe(3);
    expect(f.columns.ts[2]).toBe(Date.UTC(2014, 5, 10, 7, 54, 38, 433));
  });

  it('truncated UTF-16 file (odd byte count): a warning, the lines before the cut are kept', () => {
    const lines = splitPhysical(fixtureText('w2016.log'));
    const full = utf16le(withEnding(lines, '\r\n'), true);
    const cut = full.subarray(0, full.length - 1);
    const { f, s } = run(cut, 'w2016.log');
    expect(s.warnings).toEqual(['The file has an odd number of bytes for utf-16le: the last byte is ignored (truncated file?).']);
    expect(s.errors).toEqual([]);
    expect(f.facts.encoding).toBe('utf-16le');
    expect(f.facts.lines).toBe(lines.length);
    expect(f.lineText(lines.length - 2)).toBe(lines[lines.length - 2]);
  });

  it('last line cut mid-record (inside the timestamp, no line ending): a warning', () => {
    const text = `${withEnding(W2008, '\r\n')}0000ab34.0000a7c0::2014/06/10-07:5`;
    const { f, s } = run(utf8(text), 'cluster.log');
    expect(f.facts.lines).toBe(4);
    // This file already has two warnings (no node name, no zone): the truncation is a third, and names the line.
    expect(s.warnings).toContain('The file does not end with a line ending: line 4 may be cut short (truncated file?).');
    expect(s.warnings.length).toBe(3);
    expect(s.errors).toEqual([]);
    expect(s.parsed).toBe(3);
  });

  it('NT4 log without opts.month: status needs-month and a message that says so', () => {
    const { f, s } = run(utf8(fixtureText('nt4.log')), 'nt4.log');
    expect(f.facts.dialect).toBe('nt4');
    expect(f.facts.status).toBe('needs-month');
    expect(s.errors).toEqual(['nt4.log: a Windows NT 4.0 log records only the day of the month; give the month and year (YYYY-MM) to load it.']);
  });

  it('NT4 log with opts.month: done, times in that month', () => {
    const { f } = run(utf8(fixtureText('nt4.log')), 'nt4.log', { month: '2000-02' });
    expect(f.facts.status).toBe('done');
    expect(f.columns.ts[0]).toBe(Date.UTC(2000, 1, 12, 20, 15, 23, 531));
    expect(f.columns.ts[7]).toBe(Date.UTC(2000, 1, 14, 21, 29, 26, 625));
  });
});
