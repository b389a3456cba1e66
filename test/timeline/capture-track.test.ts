// The capture track: a row per group (the cluster's processes one per PID, the busiest others,
// the rest on one "other" row), marks coloured by class with results and levels over that, and
// a lane for a node that only a capture names.
import { describe, expect, it } from 'vitest';
import { CaptureIndexer } from '../../src/sources/capture-indexer.ts';
import { CAPTURE_ROWS, type CaptureTrackInput } from '../../src/timeline/capture-track.ts';
import { layoutTimeline } from '../../src/timeline/layout.ts';
import { Style } from '../../src/timeline/marks.ts';
import type { ClusterModel } from '../../src/events/correlate/types.ts';

function capture(name: string, csv: string, fileId: number): CaptureTrackInput {
  const ix = new CaptureIndexer(csv.length, { name, path: name });
  ix.push(new TextEncoder().encode(csv));
  const out = ix.finish();
  const g = ix.groupsView();
  return {
    fileId, node: out.facts.nodeLabel, kind: out.facts.kind, name, ts: out.columns.ts, flags: out.columns.flags, level: out.columns.level,
    comp: out.columns.comp, components: out.facts.components, group: g.group, cls: g.cls, groups: g.groups, shift: 0,
  };
}

const EMPTY = { nodes: [], coverage: [], membership: [], views: [], disagreements: [], joins: [], routes: [], groups: [], resources: [], sessions: [], moves: [], rhs: [], gaps: [], facts: [] } as unknown as ClusterModel;

describe('the capture track', () => {
  it('groups Procmon rows by process (cluster processes by PID), keeps the busiest, folds the rest, colours by class and result', () => {
    const rows = ['"Time of Day","Process Name","PID","Operation","Path","Result","Detail"'];
    const at = (i: number) => `10:00:${String(Math.floor(i / 100) % 60).padStart(2, '0')}.${String(i % 100).padStart(2, '0')}00000`;
    let i = 0;
    rows.push(`"${at(i++)}","clussvc.exe","3352","TCP Connect","a:1 -> b:3343","SUCCESS",""`);
    rows.push(`"${at(i++)}","rhs.exe","2900","RegOpenKey","HKLM\\Cluster","ACCESS DENIED",""`);
    rows.push(`"${at(i++)}","rhs.exe","4100","Process Start","","SUCCESS",""`);
    // 20 other processes, process k with k + 1 rows: the busiest CAPTURE_ROWS - 2 keep rows of their own.
    for (let k = 0; k < 20; k++) for (let r = 0; r <= k; r++) rows.push(`"${at(i++)}","p${String(k).padStart(2, '0')}.exe","${100 + k}","CreateFile","C:\\x","NAME NOT FOUND",""`);
    const c = capture('SVR12_procmon.csv', rows.join('\r\n'), 7);
    const m = layoutTimeline(EMPTY, [], undefined, undefined, [c]);
    expect(m.lanes.map((l) => l.node)).toEqual(['SVR12']);
    const labels = m.rows.map((r) => r.label);
    expect(labels).toContain('procmon: clussvc.exe (3352)');
    expect(labels).toContain('procmon: rhs.exe (2900)');
    expect(labels).toContain('procmon: rhs.exe (4100)');
    expect(labels).toContain('procmon: p19.exe');
    expect(labels).not.toContain('procmon: p00.exe');
    expect(m.rows.length).toBe(CAPTURE_ROWS + 1);
    const other = labels.find((l) => l.startsWith('procmon: other'));
    expect(other).toBe(`procmon: other (${23 - CAPTURE_ROWS} more)`);
    // Every row is a mark, on its row, clicking through to its line.
    expect(m.length).toBe(3 + 210);
    const styleOf = (label: string) => new Set(Array.from({ length: m.length }, (_, k) => k).filter((k) => m.rows[m.row[k]].label === label).map((k) => m.style[k]));
    expect(styleOf('procmon: clussvc.exe (3352)')).toEqual(new Set([Style.CapNetwork]));
    expect(styleOf('procmon: rhs.exe (2900)')).toEqual(new Set([Style.CapError]));
    expect(styleOf('procmon: rhs.exe (4100)')).toEqual(new Set([Style.CapProcess]));
    expect(styleOf('procmon: p19.exe')).toEqual(new Set([Style.CapWarn]));
    const k = Array.from({ length: m.length }, (_, x) => x).find((x) => m.style[x] === Style.CapError)!;
    expect([m.fileId[k], m.line[k]]).toEqual([7, 2]);
    expect(m.labels[m.label[k]]).toBe('procmon: RegOpenKey');
    expect(m.labels[m.names[k]]).toBe('rhs.exe (2900)');
  });

  it('groups packets by conversation (either direction) and marks cluster traffic on 3343', () => {
    const c = capture('SVR12-wireshark.csv', [
      '"No.","Time","Source","Destination","Protocol","Length","Info"',
      '"1","1589246261.900000","10.0.0.1","10.0.0.2","TCP","66","56450 → 3343 [SYN] Seq=0"',
      '"2","1589246261.900100","10.0.0.2","10.0.0.1","TCP","66","3343 → 56450 [SYN, ACK] Seq=0 Ack=1"',
      '"3","1589246262.000000","10.0.0.1","10.0.0.9","SMB2","100","Create Request File: x"',
    ].join('\n'), 1);
    const m = layoutTimeline(EMPTY, [], undefined, undefined, [c]);
    expect(m.rows.map((r) => r.label).sort()).toEqual(['packets: 10.0.0.1 ↔ 10.0.0.2', 'packets: 10.0.0.1 ↔ 10.0.0.9']);
    expect(Array.from(m.style).sort()).toEqual([Style.CapCluster, Style.CapCluster, Style.CapSmbRpc].sort());
  });
});
