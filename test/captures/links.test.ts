// Links between capture rows and log lines: ports as each kind of line writes them, and pairs on
// the same node only.
import { describe, expect, it } from 'vitest';
import { emptyFacts, type FileFacts, type LogAnchor } from '../../src/ingest/types.ts';
import { linksOf, portsIn } from '../../src/sources/links.ts';

const facts = (path: string, node: string, capture: boolean): FileFacts => {
  const f = emptyFacts(path, path, 1);
  f.node = f.nodeLabel = node;
  if (capture) {
    f.kind = 'procmon';
    f.capture = {
      format: '', status: 'verified', delimiter: ',', columns: [], records: 2, imported: 2, malformed: 0, malformedRows: [], timeFormat: 'time-of-day',
      firstCell: null, lastCell: null, firstTimeOfDay: null, lastTimeOfDay: null, hourLost: false, dated: false, midnights: 0, raw: false, hosts: [], alignment: null,
      anchors: [{ kind: 'pid', key: 3352, line: 1, written: 0, what: 'clussvc.exe Process Start (PID 3352)' }, { kind: 'port', key: 56450, line: 2, written: 0, what: 'clussvc.exe TCP Connect (port 56450)' }],
    };
  }
  return f;
};

describe('line links', () => {
  it('finds the ports each kind of line writes, never the cluster port itself', () => {
    expect(portsIn('[SV] New real route: local (10.10.10.23:~56450~) to remote SVR13 (10.10.10.24:~3343~).')).toEqual([56450]);
    expect(portsIn('clussvc.exe  TCP Connect  SVR12:56450 -> SVR13:3343  SUCCESS')).toEqual([56450]);
    expect(portsIn('10.0.0.1 → 10.0.0.2  TCP  66  56450 → 3343 [SYN] Seq=0')).toEqual([56450]);
    expect(portsIn('TCP:Flags=CE....S., SrcPort=56450, DstPort=3343, PayloadLen=0')).toEqual([56450]);
  });

  it('pairs a capture row with its node\'s log lines by PID and port, and a log line back; another node\'s are not linked', () => {
    const files = [
      { id: 1, facts: facts('SVR12/Cluster.log', 'SVR12', false) },
      { id: 2, facts: facts('SVR12_procmon.csv', 'SVR12', true) },
      { id: 3, facts: facts('SVR13_procmon.csv', 'SVR13', true) },
    ];
    const anchors: LogAnchor[] = [
      { node: 'SVR12', kind: 'pid', key: 3352, t: 0, fileId: 1, line: 0, what: 'log-begin line of PID 3352' },
      { node: 'SVR12', kind: 'port', key: 56450, t: 0, fileId: 1, line: 5, what: '[SV] New real route line of port 56450' },
      { node: 'SVR13', kind: 'port', key: 56450, t: 0, fileId: 9, line: 7, what: 'elsewhere' },
    ];
    expect(linksOf(2, 2, 3352, 'clussvc.exe  TCP Connect  SVR12:56450 -> SVR13:3343', files, anchors).map((l) => [l.fileId, l.line, l.what])).toEqual([
      [1, 0, 'PID 3352: log-begin line of PID 3352'], [1, 5, 'port 56450: [SV] New real route line of port 56450'],
    ]);
    expect(linksOf(1, 5, 0xd18, '[SV] New real route: local (10.10.10.23:~56450~) to remote SVR13 (10.10.10.24:~3343~).', files, anchors).map((l) => [l.fileId, l.line])).toEqual([[2, 1], [2, 2]]);
    expect(linksOf(3, 1, -1, 'nothing here', files, anchors)).toEqual([]);
  });
});
