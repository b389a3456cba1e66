// The literals a regular expression cannot match without: `(quorum|heartbeat)\s\w+` has no
// match on a line that holds neither "quorum" nor "heartbeat". Search finds those on the bytes
// (fast, no decoding) and runs the expression only on the lines that hold one, as ripgrep
// does. The analysis is conservative: where the syntax is not understood it gives up (null),
// and then every line is tested.

/** A node's strings: `exact` is every string it can match (when few and finite); `need` is a set one of which every match contains. */
interface Info {
  exact: string[] | null;
  need: string[] | null;
}

const MAX_SET = 8; // more literals than this cost more passes over the bytes than they save
const MIN_LEN = 3; // shorter literals find too many candidate lines to be worth it
const NONE: Info = { exact: null, need: null };
const EMPTY: Info = { exact: [''], need: null };

/**
 * ASCII literals (lower-cased when `ignoreCase`), one of which is in every match of `source`
 * (a valid expression for the `u` flag), or null where no such set can be told.
 */
export function requiredLiterals(source: string, ignoreCase: boolean): string[] | null {
  let info: Info;
  try {
    const p = new Parser(source);
    info = p.alternation();
    if (p.i !== source.length) return null; // an unbalanced ')': not ours to judge
  } catch {
    return null;
  }
  let set = best(info);
  if (!set) return null;
  if (ignoreCase) set = [...new Set(set.map((s) => s.toLowerCase()))];
  if (set.some((s) => s.length < MIN_LEN || !/^[\x20-\x7e]+$/.test(s))) return null;
  return set;
}

/** The set a node contributes as a requirement: its exact strings, or what it needs. */
function best(n: Info): string[] | null {
  const c: (string[] | null)[] = [n.need, n.exact && n.exact.every((s) => s.length > 0) ? n.exact : null];
  return pick(c);
}

/** The most selective set: the longest shortest string, then the fewest strings. */
function pick(candidates: (string[] | null)[]): string[] | null {
  let out: string[] | null = null;
  for (const c of candidates) {
    if (!c || c.length === 0 || c.length > MAX_SET) continue;
    if (!out || score(c) > score(out) || (score(c) === score(out) && c.length < out.length)) out = c;
  }
  return out;
}

function score(set: string[]): number {
  return Math.min(...set.map((s) => s.length));
}

function cross(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_SET) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out;
}

function union(a: string[], b: string[]): string[] | null {
  const u = [...new Set([...a, ...b])];
  return u.length > MAX_SET ? null : u;
}

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  /** a|b|c up to the end or to the ')' that closes the group. */
  alternation(): Info {
    let out = this.sequence();
    while (this.s[this.i] === '|') {
      this.i++;
      const next = this.sequence();
      const exact = out.exact && next.exact ? union(out.exact, next.exact) : null;
      const a = best(out);
      const b = best(next);
      out = { exact, need: a && b ? union(a, b) : null };
    }
    return out;
  }

  /** Consecutive exact items join into longer literals; the others break the run. */
  sequence(): Info {
    const candidates: (string[] | null)[] = [];
    let run: string[] | null = [''];
    let allExact = true;
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const item = this.quantified();
      if (item.exact) {
        const joined: string[] | null = run ? cross(run, item.exact) : item.exact;
        if (joined) run = joined;
        else {
          // Too many combinations: what came so far is a requirement of its own.
          candidates.push(run);
          run = item.exact;
          allExact = false;
        }
      } else {
        candidates.push(run, best(item));
        run = null;
        allExact = false;
      }
    }
    candidates.push(run);
    const need = pick(candidates.map((c) => (c && c.every((s) => s.length > 0) ? c : null)));
    return { exact: allExact ? run : null, need };
  }

  /** An atom and its quantifier: optional atoms require nothing; repeated ones still need their literals. */
  quantified(): Info {
    const atom = this.atom();
    const c = this.s[this.i];
    let min = 1;
    let max = 1;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (m) {
        this.i += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      }
    } else return atom;
    if (this.s[this.i] === '?') this.i++; // lazy: matches the same strings
    if (min === 1 && max === 1) return atom;
    if (min === 0) return NONE;
    return { exact: null, need: best(atom) };
  }

  atom(): Info {
    const s = this.s;
    const c = s[this.i];
    if (c === '^' || c === '$') {
      this.i++;
      return EMPTY;
    }
    if (c === '.') {
      this.i++;
      return NONE;
    }
    if (c === '[') {
      this.skipClass();
      return NONE;
    }
    if (c === '(') return this.group();
    if (c === '\\') return this.escape();
    const cp = s.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    // Non-ASCII letters: matched on bytes they would need their own case folding; leave them out.
    return cp < 0x80 ? { exact: [String.fromCharCode(cp)], need: null } : NONE;
  }

  group(): Info {
    const s = this.s;
    this.i++; // (
    let look = false;
    if (s[this.i] === '?') {
      const rest = s.slice(this.i, this.i + 4);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.i += 2;
        look = true;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.i += 3;
        look = true;
      } else if (rest.startsWith('?<')) {
        const close = s.indexOf('>', this.i);
        if (close < 0) throw new Error('group name');
        this.i = close + 1;
      } else throw new Error('unknown group'); // modifiers and whatever comes next
    }
    const inner = this.alternation();
    if (s[this.i] !== ')') throw new Error('unclosed group');
    this.i++;
    // A lookaround matches no characters of its own; what it asserts is not required here.
    return look ? EMPTY : inner;
  }

  escape(): Info {
    const s = this.s;
    const c = s[this.i + 1];
    if (c === undefined) throw new Error('trailing backslash');
    this.i += 2;
    if (c === 'b' || c === 'B') return EMPTY;
    if (c === 'p' || c === 'P' || c === 'k') {
      if (s[this.i] === '{' || s[this.i] === '<') {
        const close = s.indexOf(s[this.i] === '{' ? '}' : '>', this.i);
        if (close < 0) throw new Error('unclosed escape');
        this.i = close + 1;
      }
      return NONE;
    }
    if (c === 'u' || c === 'x' || c === 'c') {
      // A character by its code: skip it (the code's digits) and require nothing.
      const m = /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4}|[0-9a-fA-F]{2}|[A-Za-z])/.exec(s.slice(this.i));
      if (m) this.i += m[0].length;
      return NONE;
    }
    if (/[0-9dDwWsSnrtfv]/.test(c)) {
      while (/[0-9]/.test(s[this.i] ?? '')) this.i++; // back-references \12
      return NONE;
    }
    // An identity escape: \. \\ \( \/ \- ... stand for themselves.
    return c.charCodeAt(0) < 0x80 ? { exact: [c], need: null } : NONE;
  }

  skipClass(): void {
    const s = this.s;
    this.i++; // [
    while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
    if (s[this.i] !== ']') throw new Error('unclosed class');
    this.i++;
  }
}
