// The node of a file that names no node itself (no `Current node:` header, node folder or
// `<node>_cluster.log` name): its own `Node N:` lines give its id, and the cluster's lines
// (its own or another file's: `from NODEB(2) to …`, `Remote info received from 2:NODEB`, the
// Nodes table) name that id. Until then it keeps a provisional name of its own, never its file
// name alone, so that two `Cluster.log` picked without folders stay two nodes.

import { formatBytes } from '../base/bytes.ts';
import { CATALOGUE } from '../formats/messages/index.ts';
import { NO_NODE_WARNING } from '../ingest/facts.ts';
import type { FileFacts } from '../ingest/types.ts';
import type { FileEvents } from './columns.ts';
import { fieldsOf } from './fields.ts';
import type { NameDictionary } from './names.ts';

export interface NodeGuess {
  /** The file's own node id: the id most of its `Node N:` (observer) lines give; null without any. */
  ownId: number | null;
  /** How many lines give it, and how many give another id. */
  ownIdLines: number;
  otherIdLines: number;
  /** The name the cluster's lines give that id; null when none does. */
  name: string | null;
  /** Why, in words (shown on the card). */
  where: string;
}

/** Files whose node the guess may set: none found in the file, or the guess of a previous pass. */
export const guessable = (facts: FileFacts): boolean => facts.nodeSource === null || facts.nodeSource === 'node-id';

/** The observer ids of a file's lines, with counts, most frequent first. */
function ownIds(events: FileEvents): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (let i = 0; i < events.length; i++) {
    const r = CATALOGUE[events.rec.data[i]];
    if (r.family === 'names') continue;
    const id = fieldsOf(events, i).localId;
    if (typeof id === 'number' && id > 0) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

export function guessNode(events: FileEvents, names: NameDictionary): NodeGuess {
  const ids = ownIds(events);
  if (ids.length === 0) return { ownId: null, ownIdLines: 0, otherIdLines: 0, name: null, where: 'no Node N: line gives its node id' };
  const [ownId, ownIdLines] = ids[0];
  const otherIdLines = ids.slice(1).reduce((n, [, c]) => n + c, 0);
  const idSays = `its ${ownIdLines} Node ${ownId}: line${ownIdLines === 1 ? '' : 's'}${otherIdLines ? ` (${otherIdLines} give another id)` : ''}`;
  const name = names.nodeName(ownId);
  if (!name) return { ownId, ownIdLines, otherIdLines, name: null, where: `${idSays}; no line names node ${ownId}` };
  const entry = names.toJSON().nodes.find((n) => n.id === ownId);
  const by = entry?.sources.length ? entry.sources.join(', ') : 'the cluster\u2019s lines';
  return { ownId, ownIdLines, otherIdLines, name, where: `${idSays}; node ${ownId} is named ${name} by ${by}` };
}

/**
 * Sets the guessed node on facts that found none (idempotent: a previous guess is undone
 * first, so a guess that no longer holds goes, and its warning comes back).
 */
export function applyNodeGuess(facts: FileFacts, guess: NodeGuess | null): void {
  if (facts.nodeSource === 'node-id') {
    facts.node = null;
    facts.nodeSource = null;
  }
  facts.nodeEvidence = facts.nodeEvidence.filter((e) => e.source !== 'node-id');
  if (facts.nodeSource === null && guess?.name) {
    facts.node = guess.name;
    facts.nodeSource = 'node-id';
    facts.nodeEvidence = [...facts.nodeEvidence, { source: 'node-id', name: guess.name, where: guess.where }];
  }
  const warned = facts.warnings.includes(NO_NODE_WARNING);
  if (facts.node && warned) facts.warnings = facts.warnings.filter((w) => w !== NO_NODE_WARNING);
  else if (!facts.node && !warned && facts.status === 'done') facts.warnings = [NO_NODE_WARNING, ...facts.warnings];
  if (facts.node) facts.nodeLabel = facts.node;
}

export interface LabelInput {
  /** Stable order of the files (the id they were added with). */
  id: number;
  facts: FileFacts;
  guess: NodeGuess | null;
}

/**
 * The name each file's node goes by: its node, or a provisional one that tells it from every
 * other file ('node 2 of Cluster.log (17.6 KB)', '#2' added where even that repeats).
 */
export function labelNodes(files: readonly LabelInput[]): Map<number, string> {
  const out = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const f of [...files].sort((a, b) => a.id - b.id)) {
    if (f.facts.node) {
      out.set(f.id, f.facts.node);
      continue;
    }
    const id = f.guess?.ownId;
    const base = `${id ? `node ${id} of ` : ''}${f.facts.name} (${formatBytes(f.facts.size)})`;
    const k = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), k);
    out.set(f.id, k === 1 ? base : `${base} #${k}`);
  }
  return out;
}
