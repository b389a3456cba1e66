// Runs every catalogue entry's example: the pattern yields the expected fields, the example
// matches exactly one entry, and the example goes through the real indexer + extractor
// (so the entry's `comp` is the component the indexer really assigns).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, convertField, EVENT_FAMILIES, groupNames, type Recognizer } from './index.ts';
import { extractAll } from '../../events/from-file.ts';
import { indexBytes } from '../../ingest/index.ts';
import { asLogLine } from '../../../test/helpers/example-line.ts';

function entryText(r: Recognizer): string {
  return [r.example, ...(r.exampleNext ?? [])].join('\n');
}

function fieldsOf(r: Recognizer, text: string): Record<string, unknown> | null {
  const m = r.re.exec(text);
  if (!m) return null;
  const out: Record<string, unknown> = { ...(r.fixed ?? {}) };
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) out[k] = convertField(k, v);
  return out;
}

describe('message catalogue', () => {
  it('ids are unique and every entry is complete', () => {
    const ids = new Set<string>();
    for (const r of CATALOGUE) {
      expect(ids.has(r.id), r.id).toBe(false);
      ids.add(r.id);
      expect(r.id.startsWith(`${r.family}.`), r.id).toBe(true);
      expect(r.meaning.length, r.id).toBeGreaterThan(10);
      expect(r.anchor.length, r.id).toBeGreaterThan(0);
      expect(/^[\x20-\x7e]+$/.test(r.anchor), `${r.id}: anchors are printable ASCII (matched in the file's bytes)`).toBe(true);
      expect(r.example.includes(r.anchor), `${r.id}: the example must contain the anchor`).toBe(true);
      if (r.subject) expect(groupNames(r.re).concat(Object.keys(r.fixed ?? {})), r.id).toContain(r.subject);
    }
  });
  it('docs/events.md documents every kind', () => {
    const doc = readFileSync(new URL('../../../docs/events.md', import.meta.url), 'utf8');
    for (const r of CATALOGUE) if (r.family !== 'names') expect(doc.includes(`\`${r.kind}\``), `${r.kind} (${r.id}) is missing from docs/events.md`).toBe(true);
  });
  it('every time written inside a message has its zone declared (utc, local or unknown), and only those', () => {
    const stamp = /^\d{4}\/\d{2}\/\d{2}-\d{2}:\d{2}:\d{2}\.\d{3}$/;
    let declared = 0;
    for (const r of CATALOGUE) {
      const m = r.re.exec(entryText(r));
      const times = Object.entries(m?.groups ?? {}).filter(([, v]) => v !== undefined && stamp.test(v)).map(([k]) => k).sort();
      expect(times, `${r.id}: fields holding a time need a zone in \`times\``).toEqual(Object.keys(r.times ?? {}).sort());
      declared += times.length;
    }
    expect(declared).toBeGreaterThanOrEqual(5);
  });
  it('covers every event family', () => {
    for (const f of EVENT_FAMILIES) expect(CATALOGUE.some((r) => r.family === f), f).toBe(true);
  });
  it.each(CATALOGUE.map((r) => [r.id, r]))('%s: its example yields the expected fields', (_id, r) => {
    const rec = r as Recognizer;
    const got = fieldsOf(rec, entryText(rec));
    expect(got, `${rec.id} does not match its own example`).not.toBeNull();
    expect(got).toMatchObject(rec.expect as Record<string, unknown>);
  });
  it.each(CATALOGUE.map((r) => [r.id, r]))('%s: its example matches exactly one entry', (_id, r) => {
    const text = entryText(r as Recognizer);
    const hits = CATALOGUE.filter((x) => x.re.test(text)).map((x) => x.id);
    expect(hits).toEqual([(r as Recognizer).id]);
  });
  it.each(CATALOGUE.map((r) => [r.id, r]))('%s: the extractor finds it in an indexed file', (_id, r) => {
    const rec = r as Recognizer;
    const lines = [asLogLine(rec.example), ...(rec.exampleNext ?? [])];
    const file = indexBytes(new TextEncoder().encode(`${lines.join('\r\n')}\r\n`));
    const ev = extractAll(file);
    expect(ev.map((e) => e.rec)).toEqual([rec.id]);
    expect(ev[0].fields).toMatchObject(rec.expect as Record<string, unknown>);
  });
});
