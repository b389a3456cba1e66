// The cluster's name dictionary (formats.md A.9): node id <-> name and resource GUID -> name,
// gathered from every file. Each pairing is a vote with its source; the name with most votes
// wins, and disagreements stay visible (`conflicts`).

import { CATALOGUE } from '../formats/messages/index.ts';
import type { FileFacts } from '../ingest/types.ts';
import type { FileEvents } from './columns.ts';
import { fieldsOf } from './fields.ts';

export interface NodeNameEntry {
  id: number;
  name: string;
  /** Where the pairing was seen (`header`, `Node N: lines`, recognizer ids, `Nodes table`). */
  sources: string[];
  /** Other names voted for the same id. */
  conflicts: string[];
}

export interface NamesJson {
  nodes: NodeNameEntry[];
  resources: Array<{ id: string; name: string; group: string | null }>;
  groups: string[];
}

export interface NamesInput {
  facts: FileFacts;
  events: FileEvents;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class NameDictionary {
  private readonly votes = new Map<number, Map<string, Set<string>>>();
  private readonly byName = new Map<string, number>();
  private readonly resources = new Map<string, { name: string; group: string | null }>();
  private readonly groupNames = new Set<string>();
  /** Resources named by a table row without a GUID column. */
  private readonly resourceGroupByName = new Map<string, string>();
  private resolved: Map<number, string> | null = null;

  addNode(id: number, name: string, source: string): void {
    if (!Number.isInteger(id) || id <= 0 || !name) return;
    let m = this.votes.get(id);
    if (!m) this.votes.set(id, (m = new Map()));
    const key = name.toLowerCase();
    let canonical = [...m.keys()].find((k) => k.toLowerCase() === key) ?? name;
    const s = m.get(canonical) ?? new Set<string>();
    s.add(source);
    m.set(canonical, s);
    this.resolved = null;
  }

  addResource(guid: string, name: string, group: string | null): void {
    if (!GUID.test(guid) || !name) return;
    const prev = this.resources.get(guid.toLowerCase());
    this.resources.set(guid.toLowerCase(), { name, group: group ?? prev?.group ?? null });
  }

  addResourceGroup(resource: string, group: string): void {
    this.resourceGroupByName.set(resource, group);
  }

  addGroup(name: string): void {
    if (name) this.groupNames.add(name);
  }

  private resolve(): Map<number, string> {
    if (this.resolved) return this.resolved;
    const out = new Map<number, string>();
    this.byName.clear();
    for (const [id, m] of this.votes) {
      let best = '';
      let n = -1;
      for (const [name, s] of m) if (s.size > n) [best, n] = [name, s.size];
      out.set(id, best);
      this.byName.set(best.toLowerCase(), id);
    }
    this.resolved = out;
    return out;
  }

  nodeName(id: number): string | null {
    return this.resolve().get(id) ?? null;
  }

  nodeId(name: string): number | null {
    this.resolve();
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  resourceName(guid: string): string | null {
    return this.resources.get(guid.toLowerCase())?.name ?? null;
  }

  /** The owner group of a resource, by its name (from the 2016+ Resources table). */
  resourceGroup(name: string): string | null {
    for (const r of this.resources.values()) if (r.name === name && r.group) return r.group;
    return this.resourceGroupByName.get(name) ?? null;
  }

  isGroup(name: string): boolean {
    return this.groupNames.has(name);
  }

  toJSON(): NamesJson {
    const names = this.resolve();
    return {
      nodes: [...this.votes].sort((a, b) => a[0] - b[0]).map(([id, m]) => ({
        id, name: names.get(id) ?? '',
        sources: [...(m.get(names.get(id) ?? '') ?? [])].sort(),
        conflicts: [...m.keys()].filter((k) => k !== names.get(id)),
      })),
      resources: [...this.resources].map(([id, r]) => ({ id, name: r.name, group: r.group })),
      groups: [...this.groupNames].sort(),
    };
  }
}

/** Builds the dictionary from every file's facts, name evidence and event fields. */
export function buildNames(files: readonly NamesInput[]): NameDictionary {
  const d = new NameDictionary();
  for (const { facts, events } of files) {
    if (facts.nodeId !== null && facts.node) d.addNode(facts.nodeId, facts.node, 'Current node header');
    for (const t of events.tables) {
      if (t.kind === 'node' && t.id) d.addNode(Number(t.id), t.name, 'Nodes table');
      else if (t.kind === 'resource') {
        if (t.id) d.addResource(t.id, t.name, t.group);
        if (t.group) {
          d.addGroup(t.group);
          d.addResourceGroup(t.name, t.group);
        }
      } else if (t.kind === 'group') d.addGroup(t.name);
    }
    // `Node N:` in a file's own lines is that file's node id (the observer), when its name is known.
    const ownName = facts.node;
    let ownId: number | null = null;
    for (let i = 0; i < events.length; i++) {
      const r = CATALOGUE[events.rec.data[i]];
      const f = fieldsOf(events, i);
      if (r.kind === 'node-name' && typeof f.id === 'number' && typeof f.name === 'string') d.addNode(f.id, f.name, r.id);
      else if (r.kind === 'resource-name' && typeof f.guid === 'string' && typeof f.name === 'string') d.addResource(f.guid, f.name, null);
      if (typeof f.fromId === 'number' && typeof f.fromName === 'string') d.addNode(f.fromId, f.fromName, r.id);
      if (typeof f.toId === 'number' && typeof f.toName === 'string') d.addNode(f.toId, f.toName, r.id);
      if (typeof f.peer === 'number' && typeof f.peerName === 'string') d.addNode(f.peer, f.peerName, r.id);
      if (typeof f.group === 'string' && r.family === 'group') d.addGroup(f.group);
      if (ownId === null && typeof f.localId === 'number') ownId = f.localId;
    }
    // A name guessed from this very id (events/node-guess.ts) is no evidence for it.
    if (ownId !== null && ownName && facts.nodeSource !== null && facts.nodeSource !== 'node-id') d.addNode(ownId, ownName, `Node ${ownId}: lines of its own log`);
  }
  return d;
}
