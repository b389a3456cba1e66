import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, parsePrefs } from './prefs.ts';

describe('remembered preferences', () => {
  it('reads what was stored', () => {
    expect(parsePrefs(JSON.stringify({ timelineHeight: 512.4, legendShown: false }))).toEqual({ ...DEFAULT_PREFS, timelineHeight: 512, legendShown: false });
    expect(parsePrefs(JSON.stringify({ filesPanel: false, eventsPanel: true, columnWidths: { time: 100, node: 80 }, hiddenColumns: ['tid'], shownColumns: ['comp'], wrapLines: true })))
      .toEqual({ ...DEFAULT_PREFS, filesPanel: false, eventsPanel: true, columnWidths: { time: 100, node: 80 }, hiddenColumns: ['tid'], shownColumns: ['comp'], wrapLines: true });
  });
  it('falls back to the defaults, field by field, on missing, corrupt or foreign values', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('"a string"')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(JSON.stringify({ timelineHeight: -3, legendShown: 'no' }))).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(JSON.stringify({ timelineHeight: 300 }))).toEqual({ ...DEFAULT_PREFS, timelineHeight: 300 });
    expect(parsePrefs(JSON.stringify({ columnWidths: { time: 5, node: 'wide', bogus: 100 }, hiddenColumns: ['msg', 'tid', 3], wrapLines: 'yes' })))
      .toEqual({ ...DEFAULT_PREFS, hiddenColumns: ['tid'] });
  });
});
