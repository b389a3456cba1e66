// The capture track of a node's lane: one point per capture row, on a row per group — a
// Procmon capture's processes (the cluster's own one row per PID), a packet capture's
// conversations, an event log's providers — coloured by what the row is about and, over that,
// by a non-success result or level. A capture with many groups keeps the busiest and the
// cluster's own rows apart and draws the rest on one "other" row, so that lanes stay readable.
// The rows' marks are aggregated per pixel by the same painter as every track.

import { Level } from '../base/levels.ts';
import { CAPTURE_CLASSES, SOURCE_KINDS, type SourceKind } from '../formats/captures.ts';
import { Bucket, Flag } from '../ingest/types.ts';
import { CAPTURE_FAMILY, Style, type MarksBuilder } from './marks.ts';

/** What the track reads of one loaded capture (the view worker's columns, its time base applied by `shift`). */
export interface CaptureTrackInput {
  fileId: number;
  /** The node's lane name (the file's nodeLabel). */
  node: string;
  kind: SourceKind;
  name: string;
  ts: Float64Array;
  flags: Uint8Array;
  level: Uint8Array;
  comp: Uint16Array;
  components: readonly string[];
  /** Per line: row group (index into `groups`) and class (index into CAPTURE_CLASSES). */
  group: Uint32Array;
  cls: Uint8Array;
  groups: readonly string[];
  /** ms from written times to UTC. */
  shift: number;
}

/** Rows of their own per capture: the busiest groups, besides the cluster's own (always kept). */
export const CAPTURE_ROWS = 12;

const CLASS_STYLE: Record<(typeof CAPTURE_CLASSES)[number], Style> = {
  other: Style.CapOther, file: Style.CapFile, registry: Style.CapRegistry, process: Style.CapProcess, network: Style.CapNetwork,
  cluster: Style.CapCluster, 'smb-rpc': Style.CapSmbRpc, 'cluster-event': Style.CapClusterEvent,
};
const CLUSTER_CLASSES = new Set([CAPTURE_CLASSES.indexOf('cluster'), CAPTURE_CLASSES.indexOf('cluster-event')]);

const SHORT: Partial<Record<SourceKind, string>> = { procmon: 'procmon', wireshark: 'packets', netmon: 'packets', eventlog: 'events' };

/**
 * Adds each capture's marks to `b`, on lane `lane(node)`. Row labels start with the capture's
 * kind (and its file name when a node has two of a kind), so that a node's captures sort apart.
 */
export function captureTrack(b: MarksBuilder, captures: readonly CaptureTrackInput[], lane: (node: string) => number): void {
  const perNodeKind = new Map<string, number>();
  for (const c of captures) {
    const k = `${c.node.toLowerCase()}\u0000${SHORT[c.kind] ?? c.kind}`;
    perNodeKind.set(k, (perNodeKind.get(k) ?? 0) + 1);
  }
  for (const c of captures) {
    const L = lane(c.node);
    if (L < 0) continue;
    const short = SHORT[c.kind] ?? SOURCE_KINDS[c.kind].label;
    const prefix = (perNodeKind.get(`${c.node.toLowerCase()}\u0000${short}`) ?? 0) > 1 ? `${short} ${c.name}: ` : `${short}: `;
    // Count each group's rows and note the cluster's own.
    const n = c.ts.length;
    const count = new Uint32Array(c.groups.length);
    const cluster = new Uint8Array(c.groups.length);
    for (let i = 0; i < n; i++) {
      if ((c.flags[i] & Flag.BucketMask) !== Bucket.Parsed) continue;
      count[c.group[i]]++;
      if (CLUSTER_CLASSES.has(c.cls[i])) cluster[c.group[i]] = 1;
    }
    const byCount = [...count.keys()].filter((g) => count[g] > 0).sort((x, y) => count[y] - count[x]);
    const own = new Set(byCount.filter((g) => cluster[g] || /^(clussvc|rhs|resrcmon)\.exe/i.test(c.groups[g])));
    for (const g of byCount) if (own.size < CAPTURE_ROWS || cluster[g]) own.add(g);
    const rest = byCount.length - [...own].filter((g) => count[g] > 0).length;
    const rowOfGroup = new Int32Array(c.groups.length).fill(-1);
    let other = -1;
    for (const g of byCount) {
      if (own.has(g)) rowOfGroup[g] = b.rowOf(L, 'captures', `${prefix}${c.groups[g]}`);
      else {
        if (other < 0) other = b.rowOf(L, 'captures', `${prefix}other (${rest} more)`);
        rowOfGroup[g] = other;
      }
    }
    const label = c.components.map((name) => b.labelId(name ? `${short}: ${name}` : short));
    const names = c.groups.map((g) => b.labelId(g.toLowerCase()));
    for (let i = 0; i < n; i++) {
      if ((c.flags[i] & Flag.BucketMask) !== Bucket.Parsed) continue;
      const row = rowOfGroup[c.group[i]];
      if (row < 0) continue;
      const lv = c.level[i] & 15;
      const style = lv >= Level.ERR && lv <= Level.CRIT ? Style.CapError : lv === Level.WARN ? Style.CapWarn : CLASS_STYLE[CAPTURE_CLASSES[c.cls[i]] ?? 'other'];
      const t = c.ts[i] + c.shift;
      b.addRaw(row, style, t, t, label[c.comp[i]] ?? 0, c.fileId, i, CAPTURE_FAMILY, names[c.group[i]] ?? 0);
    }
  }
}
