// The pre-filters must never rule out a line that its pattern matches: leads are checked
// against every catalogue example (the catalogue tests run the whole extractor), here
// against the tricky forms of pattern source they are derived from.
import { describe, expect, it } from 'vitest';
import { AnchorSet, DIGITS, leadMatches, leadOf, SPACES } from './anchors.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const lead = (l: number[]) => Int32Array.from(l);
const text = (l: number[]) => l.map((c) => (c === DIGITS ? '#' : c === SPACES ? '_' : String.fromCharCode(c))).join('');

describe('leads', () => {
  it('take literals, digit groups and escaped punctuation after the tag, and stop at the first variable part', () => {
    expect(leadOf(String.raw`\[NODE\] Node (?<localId>\d+): New join with n(?<peer>\d+): stage`, 'NODE')!.map(text)).toEqual([' Node #: New join with n#: stage']);
    expect(leadOf(String.raw`\[RCM\] Res (?<resource>.+?):\s+(?<from>\w+)`, 'RCM')!.map(text)).toEqual([' Res ']);
    expect(leadOf(String.raw`\[RHS\] Initializing\.\s*$`, 'RHS')!.map(text)).toEqual([' Initializing.']);
  });
  it('expand a group of literal branches into one lead each, and give up on an optional group', () => {
    expect(leadOf(String.raw`\[CS\] (?<step>Service Stopping|Service Stopped)`, 'CS')!.map(text)).toEqual([' Service Stopping', ' Service Stopped']);
    expect(leadOf(String.raw`\[QUORUM\] (?:Node (?<localId>\d+):\s*)?x`, 'QUORUM')!.map(text)).toEqual([' ']);
  });
  it('drop a last token made optional by a quantifier; no lead without the tag', () => {
    expect(leadOf(String.raw`\[DM\]:? Paxos`, 'DM')!.map(text)).toEqual(['']);
    expect(leadOf(String.raw`Cluster node '(?<node>[^']+)'`, null)).toBeNull();
    expect(leadOf(String.raw`(?:\[RES\]\s*|x)`, 'RES')).toBeNull();
  });
  it('match digit and space runs', () => {
    const l = lead([32, 78, DIGITS, 58, SPACES, 120]);
    expect(leadMatches(enc('[X] N12:   x'), 3, 12, l)).toBe(true);
    expect(leadMatches(enc('[X] N:  x'), 3, 9, l)).toBe(false);
    expect(leadMatches(enc('[X] N1:x'), 3, 8, l)).toBe(false);
  });
});

describe('anchor sets', () => {
  it('find every anchor present in one pass, bytes or code units, within the range only', () => {
    const set = new AnchorSet(['Pause (proposedView', 'has come o', 'Lost quorum']);
    const found = new Uint8Array(3);
    const line = 'INFO [GEM] Node 1: Pause (proposedView = 201(1 2)) ... has come offline';
    expect(set.scan8(enc(line), 0, line.length, found)).toBe(2);
    expect([...found]).toEqual([1, 1, 0]);
    const u16 = Uint16Array.from(line, (c) => c.charCodeAt(0));
    found.fill(0);
    expect(set.scan16(u16, 0, 40, found)).toBe(1);
    expect([...found]).toEqual([1, 0, 0]);
  });
});

describe('LeadTrie', () => {
  it('finds exactly the leads leadMatches finds, over random leads and lines', async () => {
    const { LeadTrie } = await import('./anchors.ts');
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const alphabet = [65, 66, 32, 49, 50, 58];
    const tokens = [65, 66, 32, 58, DIGITS, SPACES];
    for (let round = 0; round < 200; round++) {
      const leads = Array.from({ length: 1 + rnd(6) }, () => Array.from({ length: rnd(6) }, () => tokens[rnd(tokens.length)]));
      const trie = new LeadTrie();
      leads.forEach((l, j) => trie.add(l, j, j % 2 === 0));
      for (let k = 0; k < 20; k++) {
        const line = Uint8Array.from({ length: rnd(10) }, () => alphabet[rnd(alphabet.length)]);
        const found = new Uint8Array(leads.length);
        const maybe = new Uint8Array(leads.length);
        trie.walk(line, 0, line.length, found, maybe);
        leads.forEach((l, j) => expect(j % 2 === 0 ? found[j] : maybe[j], `${l} on ${line}`).toBe(leadMatches(line, 0, line.length, Int32Array.from(l)) ? 1 : 0));
      }
    }
  });
});
