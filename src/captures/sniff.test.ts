import { describe, expect, it } from 'vitest';
import { HEADER_SIGNATURES } from '../formats/captures.ts';
import { sniffCapture, splitHeader } from './sniff.ts';

const bytes = (s: string, bom = false) => {
  const b = new TextEncoder().encode(s);
  return bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...b]) : b;
};

describe('capture sniffing', () => {
  for (const sig of HEADER_SIGNATURES) {
    it(`${sig.name} (${sig.status}): its example header is a ${sig.kind}`, () => {
      const s = sniffCapture(bytes(sig.example + '\r\n'));
      expect(s && s.kind).toBe(sig.kind);
      expect(s && 'format' in s && s.format).toBe(sig.name);
    });
  }

  it('a cluster.log line, blank input and a two-column CSV are not captures', () => {
    expect(sniffCapture(bytes('000076c4.0000d8a8::2024/08/08-07:54:38.433 INFO  [RCM] rcm::RcmApi::OnlineResource: (ag1023)\r\n'))).toBeNull();
    expect(sniffCapture(new Uint8Array(0))).toBeNull();
    expect(sniffCapture(bytes('a,b\n1,2\n'))).toBeNull();
    expect(sniffCapture(bytes('<?xml version="1.0"?><root/>'))).toBeNull();
  });

  it('finds the header after a BOM and a PowerShell #TYPE line, and gives its byte offset', () => {
    const typeLine = '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n';
    const s = sniffCapture(bytes(typeLine + '"TimeCreated","Id","LevelDisplayName","Message","ProviderName"\r\n', true));
    expect(s && s.kind).toBe('eventlog');
    expect(s && 'headerAt' in s && s.headerAt).toBe(3 + typeLine.length);
  });

  it('tab- and semicolon-separated headers, case ignored; Netmon aliases', () => {
    const tsv = sniffCapture(bytes('Frame Number\tTime Of Day\tProcess Name\tSource\tDestination\tProtocol Name\tDescription\n'));
    expect(tsv && 'delimiter' in tsv && [tsv.kind, tsv.delimiter, tsv.status]).toEqual(['netmon', '\t', 'inferred']);
    const semi = sniffCapture(bytes('time of day;process name;pid;operation;path;result;detail\n'));
    expect(semi && 'delimiter' in semi && [semi.kind, semi.delimiter]).toEqual(['procmon', ';']);
  });

  it('event-log XML', () => {
    expect(sniffCapture(bytes('<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>'))?.kind).toBe('eventlog-xml');
  });

  it('splitHeader honours quotes and doubled quotes', () => {
    expect(splitHeader('"a,b","c ""d""",e', ',')).toEqual(['a,b', 'c "d"', 'e']);
  });
});
