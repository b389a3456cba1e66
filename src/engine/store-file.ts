// One file as the view worker holds it: the columns the shards sent (time, level, component,
// flags), its facts with the user's choices applied, its search hits, expanded entries,
// duplicate lines and density pyramid. Shared by the modules of the view worker.

import { dropResolvedWarnings } from '../ingest/facts.ts';
import { applyNodeGuess, labelNodes, type NodeGuess } from '../events/node-guess.ts';
import { applyTimeBaseProposal, type TimeBaseProposal } from '../events/timebase-evidence.ts';
import { Growable } from '../base/growable.ts';
import { applyAlignment, applyHostNode, type AlignmentProposal } from '../sources/align.ts';
import { emptyFacts, type FileFacts, type IndexOptions } from '../ingest/types.ts';
import { DensityPyramid } from '../timeline/density.ts';
import type { FileId } from './api.ts';

export interface StoreFile {
  id: FileId;
  path: string;
  /** The dropped file (a handle: its bytes stay with the browser; kept to tell a copy dropped again). */
  file: Blob;
  shard: number;
  gen: number;
  facts: FileFacts;
  opts: IndexOptions;
  ts: Growable<Float64Array>;
  level: Growable<Uint8Array>;
  comp: Growable<Uint16Array>;
  flags: Growable<Uint8Array>;
  bytesRead: number;
  startedAt: number;
  finishedAt: number | null;
  hits: Uint8Array | null;
  expanded: Set<number>;
  failed: string | null;
  /** Lines also present in an earlier file of the same node (shown once). */
  hidden: Uint8Array | null;
  duplicates: number;
  /** A split file's second half: the shard indexing it (null: not split, or joined) and the bytes it has read. */
  part: { shard: number; bytesRead: number } | null;
  /** How the last load parsed it: 1 shard, 2 (split and joined), or 'rest' (split, but its first shard indexed the rest itself). */
  halves: 1 | 2 | 'rest' | null;
  /** Pre-aggregated line counts by time and severity class (the timeline's Density track), fed as segments arrive. */
  density: DensityPyramid;
  /** The node its own `Node N:` lines and the cluster's names point to (events/node-guess.ts), once events are in. */
  nodeGuess: NodeGuess | null;
  /** Its provisional node name while no node is known (set over all files by labelFiles). */
  label: string | null;
  /** The time base its UTC-stamped messages give (events/timebase-evidence.ts), once events are in. */
  timeProposal: TimeBaseProposal | null;
  /** A capture's proposed place on the axis (captures/align.ts), once its node's logs are in. */
  alignment: AlignmentProposal | null;
  /** A capture's node from the hosts its rows name, matched with the logs' names and addresses (sources/align.ts nodeFromHosts). */
  hostNode: { node: string; where: string } | null;
  /** A capture's rows' groups and classes (the timeline's capture track), once read. */
  captureRows: { group: Uint32Array; cls: Uint8Array; groups: readonly string[] } | null;
}

export function newStoreFile(id: FileId, path: string, file: Blob, shard: number, opts: IndexOptions): StoreFile {
  const facts = emptyFacts(path.split(/[\\/]/).pop() ?? path, path, file.size);
  return {
    id, path, file, shard, gen: 0, facts, opts,
    ts: new Growable(Float64Array), level: new Growable(Uint8Array), comp: new Growable(Uint16Array), flags: new Growable(Uint8Array),
    bytesRead: 0, startedAt: Date.now(), finishedAt: null, hits: null, expanded: new Set(), failed: null, hidden: null, duplicates: 0,
    density: new DensityPyramid(), part: null, halves: null, nodeGuess: null, label: null, timeProposal: null, alignment: null, hostNode: null, captureRows: null,
  };
}

/** A re-index starts the columns (and what hangs on them) again. */
export function resetColumns(f: StoreFile): void {
  f.ts = new Growable(Float64Array);
  f.level = new Growable(Uint8Array);
  f.comp = new Growable(Uint16Array);
  f.flags = new Growable(Uint8Array);
  f.hits = null;
  f.expanded.clear();
  f.density = new DensityPyramid();
}

/** Node and time base chosen by the user are applied over what the shard detected, the node guessed from the cluster's lines under them. */
export function withUserOptions(facts: FileFacts, f: StoreFile): FileFacts {
  applyNodeGuess(facts, f.opts.node ? null : f.nodeGuess);
  applyTimeBaseProposal(facts, f.timeProposal);
  if (f.opts.node) {
    facts.node = f.opts.node;
    facts.nodeSource = 'user';
  }
  if (f.opts.timeBase) {
    facts.timeBase = { ...facts.timeBase, base: f.opts.timeBase.base, utcOffsetMinutes: f.opts.timeBase.utcOffsetMinutes, source: 'user' };
  }
  // A log's clock correction (the skew estimate's, applied by the user); a capture's fine offset is its alignment's.
  if (!facts.capture) facts.timeBase = { ...facts.timeBase, skewMs: f.opts.clockMs ?? 0 };
  applyHostNode(facts, f.opts.node ? null : f.hostNode);
  // A capture's time base is its alignment: proposed from its node's logs, each part the user's where given.
  applyAlignment(facts, f.alignment, f.opts.alignment);
  if (f.failed && !facts.errors.includes(f.failed)) facts.errors.push(f.failed);
  facts.nodeLabel = facts.node ?? f.label ?? facts.name;
  dropResolvedWarnings(facts);
  return facts;
}

/** The node the file's own evidence chose (header, folder, file name, in-file), before any guess or user name. */
export function nodeFromEvidence(facts: FileFacts): void {
  const e = facts.nodeEvidence.find((x) => x.source !== 'user' && x.source !== 'node-id');
  facts.node = e ? e.name : null;
  facts.nodeSource = e ? e.source : null;
}

/** Provisional node names over all files (a file's alone: same-named files stay apart). */
export function labelFiles(files: Iterable<StoreFile>): void {
  const list = [...files];
  const labels = labelNodes(list.map((f) => ({ id: f.id, facts: f.facts, guess: f.nodeGuess })));
  for (const f of list) {
    f.label = f.facts.node ? null : labels.get(f.id) ?? null;
    f.facts.nodeLabel = f.facts.node ?? f.label ?? f.facts.name;
  }
}

/** The lane a file belongs to: its node, or the file itself (by id: never by its name or path) while no node is known. */
export function nodeKey(f: StoreFile): string {
  return f.facts.node ? f.facts.node.toLowerCase() : `file:${f.id}`;
}
