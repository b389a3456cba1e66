// Whether a user's regular expression can take exponential time on a line (catastrophic
// backtracking), told from its shape before it runs anywhere: JavaScript cannot stop a RegExp
// once it runs, so `(a+)+b` on a line of a's would hold a worker for hours. The shape that does
// it is a repeated group whose body can match the same text in more than one way: a repeated
// part inside it (`(a+)+`, `(\w+\d)*`, `(x*)*`) with nothing after it in the group that the
// repeated part could not also match. `(\w+\s)+` is fine: each round must end in a blank, which
// \w cannot take. Character sets are compared by asking the engine itself about a set of probe
// characters. Where the syntax is not understood the pattern is let through (the search's time
// budget still stops it between blocks).

interface Atom { k: 'atom'; src: string }
interface Seq { k: 'seq'; items: Node[] }
interface Alt { k: 'alt'; branches: Node[] }
interface Group { k: 'group'; body: Node; capture: boolean }
interface Quant { k: 'quant'; node: Node; min: number; max: number; src: string }
type Node = Atom | Seq | Alt | Group | Quant;

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  alt(): Node {
    const branches = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      branches.push(this.seq());
    }
    return branches.length === 1 ? branches[0] : { k: 'alt', branches };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const start = this.i;
      let n = this.atom();
      const q = this.quantifier();
      if (q) n = { k: 'quant', node: n, min: q[0], max: q[1], src: this.s.slice(start, this.i) };
      items.push(n);
    }
    return items.length === 1 ? items[0] : { k: 'seq', items };
  }

  private quantifier(): [number, number] | null {
    const c = this.s[this.i];
    let q: [number, number] | null = null;
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    if (q) this.i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return null;
      this.i += m[0].length;
      q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])];
    }
    if (q && this.s[this.i] === '?') this.i++; // lazy: same shapes, same risk
    return q;
  }

  private atom(): Node {
    const s = this.s;
    const c = s[this.i];
    if (c === '(') {
      this.i++;
      let capture = true;
      if (s[this.i] === '?') {
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(s.slice(this.i));
        if (!m) throw new Error('group syntax');
        capture = m[0].startsWith('?<') && !m[0].startsWith('?<=') && !m[0].startsWith('?<!');
        // Lookarounds match no text: they cannot make a repeat ambiguous.
        if (/^\?(=|!|<=|<!)/.test(m[0])) {
          this.i += m[0].length;
          this.alt();
          if (s[this.i] !== ')') throw new Error('unbalanced');
          this.i++;
          return { k: 'seq', items: [] };
        }
        this.i += m[0].length;
      }
      const body = this.alt();
      if (s[this.i] !== ')') throw new Error('unbalanced');
      this.i++;
      return { k: 'group', body, capture };
    }
    if (c === '[') {
      let j = this.i + 1;
      if (s[j] === '^') j++;
      if (s[j] === ']') j++;
      while (j < s.length && s[j] !== ']') j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) throw new Error('class');
      const src = s.slice(this.i, j + 1);
      this.i = j + 1;
      return { k: 'atom', src };
    }
    if (c === '\\') {
      const m = /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|\d+|.)/.exec(s.slice(this.i));
      if (!m) throw new Error('escape');
      this.i += m[0].length;
      // Anchors and word boundaries match no text.
      if (/^\\[bB]$/.test(m[0])) return { k: 'seq', items: [] };
      return { k: 'atom', src: m[0] };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { k: 'seq', items: [] };
    }
    this.i++;
    // A surrogate pair is one character under the u flag.
    if (c >= '\ud800' && c <= '\udbff' && this.i < s.length) this.i++;
    return { k: 'atom', src: s.slice(this.i - (c >= '\ud800' && c <= '\udbff' ? 2 : 1), this.i) };
  }
}

// Characters that stand for the classes a log line is made of.
const PROBES = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\u00e9', '\u00c4', '\u4e2d', '\u00a0', '\u2019', '\u2013'];

function charSet(src: string, flags: string, cache: Map<string, Uint8Array>): Uint8Array | null {
  const hit = cache.get(src);
  if (hit) return hit;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${src})$`, flags.replace(/[gy]/g, ''));
  } catch {
    return null;
  }
  const set = Uint8Array.from(PROBES, (p) => (re.test(p) ? 1 : 0));
  cache.set(src, set);
  return set;
}

const overlap = (a: Uint8Array, b: Uint8Array) => a.some((x, i) => x === 1 && b[i] === 1);

/**
 * The characters the node can contain (`first`: start a match with), as a probe set; null where
 * unknown (a back-reference). In a sequence, an item starts a match only where the ones before
 * it can match nothing.
 */
function chars(n: Node, flags: string, cache: Map<string, Uint8Array>, first = false): Uint8Array | null {
  switch (n.k) {
    case 'atom': return /^\\(\d+|k<)/.test(n.src) ? null : charSet(n.src, flags, cache);
    case 'group': return chars(n.body, flags, cache, first);
    case 'quant': return chars(n.node, flags, cache, first);
    case 'seq':
    case 'alt': {
      const out = new Uint8Array(PROBES.length);
      for (const c of n.k === 'seq' ? n.items : n.branches) {
        const s = chars(c, flags, cache, first);
        if (!s) return null;
        s.forEach((x, i) => { if (x) out[i] = 1; });
        if (first && n.k === 'seq' && minLen(c) > 0) break;
      }
      return out;
    }
  }
}

const minLen = (n: Node): number => {
  switch (n.k) {
    case 'atom': return 1;
    case 'group': return minLen(n.body);
    case 'quant': return n.min * minLen(n.node);
    case 'seq': return n.items.reduce((s, c) => s + minLen(c), 0);
    case 'alt': return Math.min(...n.branches.map(minLen));
  }
};

/** The unbounded repeats directly inside a group body (not inside nested groups' own repeats' bodies). */
function innerRepeats(n: Node): Quant[] {
  switch (n.k) {
    case 'quant': return n.max > 1 ? [n, ...innerRepeats(n.node)] : innerRepeats(n.node);
    case 'group': return innerRepeats(n.body);
    case 'seq': return n.items.flatMap(innerRepeats);
    case 'alt': return n.branches.flatMap(innerRepeats);
    case 'atom': return [];
  }
}

/** The parts of a body every round must match, in order (a sequence's items that cannot be skipped). */
function mandatory(n: Node): Node[] {
  if (n.k === 'seq') return n.items.filter((c) => minLen(c) > 0);
  if (n.k === 'group') return mandatory(n.body);
  return minLen(n) > 0 ? [n] : [];
}

/**
 * Why the pattern can take exponential time, in words naming the part that does it; null when
 * its shape cannot (or is not understood).
 */
export function catastrophicShape(source: string, flags = 'u'): string | null {
  let root: Node;
  try {
    const p = new Parser(source);
    root = p.alt();
    if (p.i !== source.length) return null;
  } catch {
    return null;
  }
  const cache = new Map<string, Uint8Array>();
  const visit = (n: Node): string | null => {
    if (n.k === 'quant' && n.max > 1) {
      const body = n.node;
      for (const inner of innerRepeats(body)) {
        if (inner.max <= 1) continue;
        // An inner repeat that can match nothing lets the outer one loop in countless ways.
        if (minLen(inner.node) === 0 || minLen(body) === 0) return `${n.src} repeats a part that can match nothing`;
        const x = chars(inner.node, flags, cache);
        if (!x) continue;
        // Safe when every round must also match something the inner repeat cannot.
        const others = mandatory(body).filter((m) => m !== inner && !innerRepeats(m).includes(inner));
        const separated = others.some((m) => {
          const s = chars(m, flags, cache);
          return s !== null && !overlap(s, x);
        });
        if (!separated) return `${n.src} repeats ${inner.src}, which can split the same text in many ways`;
      }
      if (body.k === 'group' && body.body.k === 'alt') {
        // (a|ab)+, (\w|\d)+: alternatives that can start alike make each round ambiguous.
        const sets = body.body.branches.map((b) => chars(b, flags, cache, true));
        for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) {
          if (sets[i] && sets[j] && overlap(sets[i]!, sets[j]!)) return `${n.src} repeats alternatives that can match the same text`;
        }
      }
    }
    switch (n.k) {
      case 'quant': return visit(n.node);
      case 'group': return visit(n.body);
      case 'seq': for (const c of n.items) { const r = visit(c); if (r) return r; } return null;
      case 'alt': for (const c of n.branches) { const r = visit(c); if (r) return r; } return null;
      case 'atom': return null;
    }
  };
  return visit(root);
}
