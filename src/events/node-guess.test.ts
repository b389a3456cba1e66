// Two nodes' `Cluster.log` picked without folders: nothing in their names or headers says which
// node wrote them. Their own `Node N:` lines give their ids and the other's lines name them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../cli/events.ts';
import { NO_NODE_WARNING } from '../ingest/facts.ts';
import { indexBytes } from '../ingest/index.ts';
import { emptyFacts } from '../ingest/types.ts';
import { labelNodes, type NodeGuess } from './node-guess.ts';

const FIX = new URL('../../test/fixtures/incident-2node/', import.meta.url).pathname;
const asPicked = (folder: string) => indexBytes(new Uint8Array(readFileSync(`${FIX}${folder}/Cluster.log`)), { name: 'Cluster.log', path: 'Cluster.log' });

describe('node of a file that names none', () => {
  it('two same-named files: each gets the node its Node N: lines and the other file name', () => {
    const a = asPicked('first');
    const b = asPicked('second');
    expect(a.facts.node).toBeNull();
    expect(b.facts.node).toBeNull();
    const ev = eventsOf([a, b]);
    expect([a.facts.node, b.facts.node]).toEqual(['SVR12', 'SVR13']);
    expect([a.facts.nodeSource, b.facts.nodeSource]).toEqual(['node-id', 'node-id']);
    expect([a.facts.nodeLabel, b.facts.nodeLabel]).toEqual(['SVR12', 'SVR13']);
    // The reason names the id, how many lines give it, and the line kind that names it.
    const why = a.facts.nodeEvidence.find((e) => e.source === 'node-id')?.where ?? '';
    expect(why).toMatch(/Node 1: lines?/);
    expect(why).toContain('names.remote-info');
    expect(a.facts.warnings).not.toContain(NO_NODE_WARNING);
    // Every event is attributed to its own node, none to the file name.
    const byFile = new Map<number, Set<string>>();
    for (const e of ev.events) byFile.set(e.ref.fileId, (byFile.get(e.ref.fileId) ?? new Set()).add(e.node));
    expect([...(byFile.get(1) ?? [])]).toEqual(['SVR12']);
    expect([...(byFile.get(2) ?? [])]).toEqual(['SVR13']);
  });

  it('alone, a file whose id nobody names keeps a provisional node of its own and its warning', () => {
    const a = asPicked('first');
    // Without the other file, id 1 is named by no line (its own lines name only node 2).
    eventsOf([a]);
    expect(a.facts.node).toBeNull();
    expect(a.facts.nodeLabel).toMatch(/^node 1 of Cluster\.log \(\d+\.\d KB\)$/);
    expect(a.facts.warnings[0]).toBe(NO_NODE_WARNING);
  });

  it('provisional names tell same-named files apart, by id, then by size, then by number', () => {
    const facts = (size: number, node: string | null = null) => ({ ...emptyFacts('Cluster.log', 'Cluster.log', size), node });
    const guess = (ownId: number | null): NodeGuess => ({ ownId, ownIdLines: 3, otherIdLines: 0, name: null, where: '' });
    const labels = labelNodes([
      { id: 1, facts: facts(18022), guess: guess(1) },
      { id: 2, facts: facts(18022), guess: guess(2) },
      { id: 3, facts: facts(500), guess: null },
      { id: 4, facts: facts(500), guess: null },
      { id: 5, facts: facts(500, 'NODEA'), guess: null },
    ]);
    expect([...labels.values()]).toEqual([
      'node 1 of Cluster.log (17.6 KB)',
      'node 2 of Cluster.log (17.6 KB)',
      'Cluster.log (500 B)',
      'Cluster.log (500 B) #2',
      'NODEA',
    ]);
  });
});
