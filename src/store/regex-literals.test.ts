import { describe, expect, it } from 'vitest';
import { requiredLiterals } from './regex-literals.ts';

describe('requiredLiterals', () => {
  it('finds the literals every match holds', () => {
    expect(requiredLiterals('(quorum|heartbeat)\\s\\w+', true)).toEqual(['quorum', 'heartbeat']);
    expect(requiredLiterals('Res \\w+: Online', false)).toEqual([': Online']);
    expect(requiredLiterals('status = \\d{4}', false)).toEqual(['status = ']);
    expect(requiredLiterals('^Lost Quorum$', true)).toEqual(['lost quorum']);
    expect(requiredLiterals('\\bmissed\\b heartbeat', false)).toEqual(['missed heartbeat']);
    expect(requiredLiterals('(?<who>node) (?:up|down)', false)).toEqual(['node up', 'node down']);
    expect(requiredLiterals('colou?r [a-z]+ witness', false)).toEqual([' witness']);
    expect(requiredLiterals('(ab)+cdef', false)).toEqual(['cdef']);
    expect(requiredLiterals('a\\.b\\.cde', false)).toEqual(['a.b.cde']);
  });
  it('gives up where nothing long enough is required, or the syntax is not understood', () => {
    expect(requiredLiterals('\\d+', false)).toBeNull();
    expect(requiredLiterals('ab|\\w+', false)).toBeNull(); // a branch needs nothing
    expect(requiredLiterals('(quorum)?', false)).toBeNull();
    expect(requiredLiterals('x{0,3}', false)).toBeNull();
    expect(requiredLiterals('ab', false)).toBeNull(); // too short to pay
    expect(requiredLiterals('Daten Ü', true)).toEqual(['daten ']); // non-ASCII letters are left to the regex
    expect(requiredLiterals('(a|b|c|d|e|f|g|h|i)xyz', false)).toEqual(['xyz']);
    expect(requiredLiterals('[abc]{3}', false)).toBeNull();
    expect(requiredLiterals('(?=abc)\\w+', false)).toBeNull();
  });
});
