// The capture tables' examples: column roles found in each example header, node names from
// capture paths, dates read in the order their separators imply (and said when ambiguous).
import { describe, expect, it } from 'vitest';
import { parseDatePart } from '../../src/captures/date-part.ts';
import { sniffDelimiter, splitHeader } from '../../src/captures/sniff.ts';
import { CAPTURE_COLUMNS, EVENT_VIEWER_CSV, PROCMON_RESULTS, SOURCE_KINDS } from '../../src/formats/captures.ts';
import { CAPTURE_PATH_EXAMPLES, nodeFromCapturePath } from '../../src/formats/node-evidence.ts';
import { rolesOf } from '../../src/sources/capture-indexer.ts';

describe('capture tables', () => {
  it.each([...CAPTURE_COLUMNS, EVENT_VIEWER_CSV].map((c) => [c.kind, c] as const))('%s: the example header gives the declared roles', (_k, c) => {
    const r = rolesOf(c, splitHeader(c.example.header, sniffDelimiter(c.example.header)));
    expect(r.time).toBe(c.example.time);
    expect(r.component).toBe(c.example.component);
    expect(r.text).toEqual(c.example.text);
  });

  it.each(CAPTURE_PATH_EXAMPLES.map((e) => [e.path, e.node] as const))('%s names node %s', (p, node) => {
    expect(nodeFromCapturePath(p)?.node ?? null).toBe(node);
  });

  it('every Procmon result is graded once; every kind has a label and its settings', () => {
    expect(new Set(PROCMON_RESULTS.map((r) => r.result)).size).toBe(PROCMON_RESULTS.length);
    for (const k of Object.values(SOURCE_KINDS)) expect(k.settings.length).toBeGreaterThan(0);
  });

  it('dates: ISO, US month first with /, day first with . and -, the order said when either would read', () => {
    expect(parseDatePart('7/31/2020 6:55:07 AM')).toEqual({ dayMs: Date.UTC(2020, 6, 31), order: 'mdy', ambiguous: false });
    expect(parseDatePart('7/3/2020 6:55:07 AM')).toEqual({ dayMs: Date.UTC(2020, 6, 3), order: 'mdy', ambiguous: true });
    expect(parseDatePart('31/7/2020')).toEqual({ dayMs: Date.UTC(2020, 6, 31), order: 'dmy', ambiguous: false });
    expect(parseDatePart('05-07-2024 14:53:21')).toEqual({ dayMs: Date.UTC(2024, 6, 5), order: 'dmy', ambiguous: true });
    expect(parseDatePart('24.12.2023 10:00')).toEqual({ dayMs: Date.UTC(2023, 11, 24), order: 'dmy', ambiguous: false });
    expect(parseDatePart('2024-07-05T03:31:49')).toEqual({ dayMs: Date.UTC(2024, 6, 5), order: 'ymd', ambiguous: false });
    expect(parseDatePart('13/13/2020')).toBeNull();
    expect(parseDatePart('no date')).toBeNull();
  });
});
