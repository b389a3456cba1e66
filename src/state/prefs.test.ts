import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, parsePrefs } from './prefs.ts';

describe('remembered preferences', () => {
  it('reads what was stored', () => {
    expect(parsePrefs(JSON.stringify({ timelineHeight: 512.4, legendShown: false }))).toEqual({ timelineHeight: 512, legendShown: false });
  });
  it('falls back to the defaults, field by field, on missing, corrupt or foreign values', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('"a string"')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(JSON.stringify({ timelineHeight: -3, legendShown: 'no' }))).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(JSON.stringify({ timelineHeight: 300 }))).toEqual({ timelineHeight: 300, legendShown: true });
  });
});
