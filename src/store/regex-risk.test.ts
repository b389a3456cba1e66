import { describe, expect, it } from 'vitest';
import { catastrophicShape } from './regex-risk.ts';

// The risky shapes must be named; the safe ones (common in log searches) let through.
const RISKY = ['(a+)+b', '(a*)*b', '(\\w+\\d)+x', '(.*,)+x', '(x+x+)+y', '(a|aa)+b', '(\\w|\\d)+!', '((ab)*)+c', '^(\\s*\\S*)*$'];
const SAFE = ['quorum', '(quorum|heartbeat)\\s\\w+', '(\\w+\\s)+x', '(?:[^,]*,)+x', '(\\d+\\.)+\\d+', 'Node \\d+: (?:Lost|One off) quorum', '[a-z]+\\d*', '(ab)+c', '(quorum|heartbeat)+', 'a{2,5}', '(?=a)\\w+'];

describe('regular expressions that can take exponential time', () => {
  it.each(RISKY)('%s is named, with the part that does it', (p) => {
    const why = catastrophicShape(p);
    expect(why).not.toBeNull();
    expect(why).toMatch(/repeats/);
  });
  it.each(SAFE)('%s is let through', (p) => {
    expect(catastrophicShape(p)).toBeNull();
  });
  it('a pattern the parser does not understand is let through (the search budget is the backstop)', () => {
    expect(catastrophicShape('(unbalanced')).toBeNull();
  });
});
