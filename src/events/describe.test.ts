// Every event reads as a sentence with names: no kind without one, no `field=value` lists,
// node ids named through the cluster's name dictionary.
import { readFileSync } from 'node:fs';
import { describe as suite, expect, it } from 'vitest';
import { eventsOf } from '../cli/events.ts';
import { CATALOGUE } from '../formats/messages/index.ts';
import { indexBytes } from '../ingest/index.ts';
import { asLogLine } from '../../test/helpers/example-line.ts';
import { describe, DESCRIBED_KINDS } from './describe.ts';

suite('event sentences', () => {
  it('every kind of the catalogue has a sentence', () => {
    const kinds = new Set(CATALOGUE.filter((r) => r.family !== 'names').map((r) => r.kind));
    expect([...kinds].filter((k) => !DESCRIBED_KINDS.has(k))).toEqual([]);
  });

  it('every catalogue example reads as a sentence: no field=value, no undefined, not just its kind', () => {
    let n = 0;
    for (const r of CATALOGUE) {
      if (r.family === 'names') continue;
      const text = `${[asLogLine(r.example), ...(r.exampleNext ?? [])].join('\r\n')}\r\n`;
      const ev = eventsOf([indexBytes(new TextEncoder().encode(text), { name: 'x.log', path: 'x.log' })]);
      const e = ev.events.find((x) => x.rec === r.id);
      expect(e, r.id).toBeDefined();
      const say = describe(e!, ev.names);
      expect(say, r.id).not.toMatch(/\w=\S|undefined|\bnull\b|\[object/);
      expect(say, r.id).not.toBe(r.kind);
      expect(say.length, r.id).toBeGreaterThan(8);
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('names the nodes of the R1 incident by name, and this node as such', () => {
    const FIX = new URL('../../test/fixtures/incident-2node/', import.meta.url).pathname;
    const files = ['first', 'second'].map((d) => indexBytes(new Uint8Array(readFileSync(`${FIX}${d}/Cluster.log`)), { name: 'Cluster.log', path: 'Cluster.log' }));
    const ev = eventsOf(files);
    const say = (rec: string) => describe(ev.events.find((e) => e.rec === rec)!, ev.names);
    expect(say('quorum.arbitrated')).toBe('quorum arbitrated by this node (SVR13)');
    expect(say('quorum.owner-died')).toBe('the owner of the quorum resource, SVR12, died');
    expect(say('quorum.one-off')).toBe('one vote short of quorum (view: SVR13): the witness decides');
    expect(say('quorum.witness-delay')).toBe('witness arbitration delayed 6 s, to give the current witness owner preference');
    expect(say('quorum.rcm-regained')).toBe('quorum regained: the groups are distributed again');
    expect(ev.events.filter((e) => e.kind === 'view-change').map((e) => describe(e, ev.names))).toContain('view 1302 installed: SVR13; down SVR12 (was view 1101: SVR12, SVR13)');
  });
});
