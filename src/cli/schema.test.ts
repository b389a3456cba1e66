// docs/events.md is the contract of `cli events`: every kind's documented fields against what
// the CLI prints for it. The corpus: every catalogue entry's example line (each kind has at least
// one) and the hand-built fixtures of real lines. Both ways:
//  (a) every key printed for a kind is a key of every event or a field documented for that kind;
//  (b) every field documented for a kind is printed by at least one event of that kind, or is a
//      named group of one of the kind's catalogue patterns (an optional part no example has).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, groupNames } from '../formats/messages/index.ts';
import { indexBytes } from '../ingest/index.ts';
import { asLogLine } from '../../test/helpers/example-line.ts';
import { eventRecord, eventsOf } from './events.ts';

const DOC = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
const FIXTURES = new URL('../../test/fixtures/clusterlog/', import.meta.url);

/** Backticked names in a table cell, outside parentheses (inside them are values and remarks). */
function namesIn(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const part of cell.split(/(`[^`]*`)/)) {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      if (depth === 0) out.push(part.slice(1, -1));
      continue;
    }
    for (const ch of part) {
      if (ch === '(') depth++;
      else if (ch === ')') depth = Math.max(0, depth - 1);
    }
  }
  return out;
}

/** The rows of the markdown tables under a heading level-2 section, as cells. */
function tableRows(section: string): string[][] {
  // Cells split at unescaped pipes (`\|` is a pipe inside a cell).
  return section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('|---')).map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}

/** Keys of every event (the "Every event" table), with `<field>Utc` / `<field>Note` as patterns. */
function commonKeys(): { keys: Set<string>; patterns: RegExp[] } {
  const section = DOC.slice(DOC.indexOf('## Every event'), DOC.indexOf('## Kinds'));
  const keys = new Set<string>();
  const patterns: RegExp[] = [];
  for (const [cell] of tableRows(section)) {
    for (const n of namesIn(cell)) {
      if (n.startsWith('<field>')) patterns.push(new RegExp(`^\\w+${n.slice('<field>'.length)}$`));
      else keys.add(n);
    }
  }
  // "a field whose name collides with a key above prints as `<name>Field`"
  patterns.push(/^\w+Field$/);
  return { keys, patterns };
}

/** kind -> documented fields, from the tables of "Kinds, fields and where the timeline draws them". */
function documentedKinds(): Map<string, Set<string>> {
  const section = DOC.slice(DOC.indexOf('## Kinds'), DOC.indexOf('## Names'));
  const out = new Map<string, Set<string>>();
  for (const [kindCell, fieldsCell] of tableRows(section)) {
    if (kindCell === 'kind') continue;
    const fields = new Set(namesIn(fieldsCell ?? ''));
    for (const k of namesIn(kindCell)) out.set(k, fields);
  }
  return out;
}

function corpus(): Array<Record<string, unknown>> {
  const files = CATALOGUE.filter((r) => r.family !== 'names').map((r) =>
    indexBytes(new TextEncoder().encode(`${asLogLine([r.example, ...(r.exampleNext ?? [])].join('\n'))}\n`), { path: `${r.id}.log` }));
  for (const name of readdirSync(FIXTURES).filter((n) => /\.(log|txt)$/.test(n))) files.push(indexBytes(new Uint8Array(readFileSync(new URL(name, FIXTURES))), { path: name }));
  return eventsOf(files).events.map(eventRecord);
}

describe('docs/events.md and the CLI agree', () => {
  const common = commonKeys();
  const kinds = documentedKinds();
  const printed = corpus();
  const byKind = new Map<string, Array<Record<string, unknown>>>();
  for (const o of printed) {
    const list = byKind.get(o.kind as string) ?? [];
    list.push(o);
    byKind.set(o.kind as string, list);
  }

  it('reads the tables it checks (the parsing of the page is sound)', () => {
    expect(common.keys.has('rec')).toBe(true);
    expect(kinds.get('route-up')).toEqual(new Set(['local', 'remote', 'consumer']));
    expect(kinds.size).toBeGreaterThan(60);
  });

  it('documents every kind the corpus yields, and the corpus yields every documented kind', () => {
    expect([...byKind.keys()].filter((k) => !kinds.has(k)), 'kinds printed but not documented').toEqual([]);
    expect([...kinds.keys()].filter((k) => k !== 'no-data' && !byKind.has(k)), 'kinds documented but never printed').toEqual([]);
  });

  it('every key printed for a kind is documented for it', () => {
    const undocumented: string[] = [];
    for (const [kind, list] of byKind) {
      const fields = kinds.get(kind) ?? new Set<string>();
      for (const o of list) {
        for (const key of Object.keys(o)) {
          if (common.keys.has(key) || fields.has(key) || common.patterns.some((p) => p.test(key))) continue;
          undocumented.push(`${kind}.${key} (${o.rec})`);
        }
      }
    }
    expect([...new Set(undocumented)]).toEqual([]);
  });

  it('every field documented for a kind is printed by at least one of its events', () => {
    const missing: string[] = [];
    for (const [kind, fields] of kinds) {
      const list = byKind.get(kind);
      if (!list) continue;
      const groups = new Set(CATALOGUE.filter((r) => r.kind === kind).flatMap((r) => [...groupNames(r.re), ...Object.keys(r.fixed ?? {})]));
      for (const f of fields) if (!list.some((o) => f in o) && !groups.has(f)) missing.push(`${kind}.${f}`);
    }
    expect(missing).toEqual([]);
  });

  it('state events carry from / to state names, codes decoded', () => {
    for (const kind of ['resource-state', 'resource-transition', 'resource-reported', 'group-state', 'interface-state']) {
      for (const o of byKind.get(kind) ?? []) {
        expect('from' in o && 'to' in o, `${kind} ${o.rec}`).toBe(true);
        expect(typeof o.to === 'string' && (o.to as string).length > 0, `${kind} ${o.rec}: to`).toBe(true);
      }
    }
    const w2k = printed.find((o) => o.rec === 'resource.w2k-rm-returning')!;
    expect(w2k).toMatchObject({ state: 129, to: 'OnlinePending', from: null });
  });
});
