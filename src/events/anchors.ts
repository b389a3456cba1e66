// Which catalogue anchors a line holds, found in one pass over its raw bytes (or UTF-16 code
// units) without decoding it. Each anchor is keyed by its rarest character; a pass looks up
// every unit in a 128-entry table and checks the few anchors keyed by it. One pass per line,
// whatever the number of candidates: most lines are ruled out without a string ever existing.

/** Rough frequency rank of ASCII characters in cluster.log text (lower = rarer). */
const LOWER_FREQ = 'zqjxkvbpygfwmculdhrsnioate';
function commonness(c: number): number {
  if (c >= 97 && c <= 122) return 1 + LOWER_FREQ.indexOf(String.fromCharCode(c));
  if (c >= 65 && c <= 90) return 4;
  // Prefixes are digits and `.:/-[]`; spaces are everywhere.
  if (c >= 48 && c <= 57) return 30;
  if (c === 32) return 40;
  if (c === 46 || c === 58 || c === 47 || c === 45 || c === 91 || c === 93) return 30;
  return 3;
}

export class AnchorSet {
  /** ASCII key character -> first entry keyed by it (-1: none). */
  private readonly head = new Int32Array(128).fill(-1);
  private readonly next: number[] = [];
  private readonly key: number[] = [];
  private readonly needle: Uint16Array[] = [];
  /** Entry -> position of its candidate in the list the set was built from. */
  private readonly slot: number[] = [];

  /** `anchors[k]` is the anchor of candidate k; anchors are printable ASCII (the catalogue tests check). */
  constructor(anchors: readonly string[]) {
    anchors.forEach((a, k) => {
      let rare = 0;
      for (let i = 1; i < a.length; i++) if (commonness(a.charCodeAt(i)) < commonness(a.charCodeAt(rare))) rare = i;
      const c = a.charCodeAt(rare);
      const e = this.key.length;
      this.key.push(rare);
      this.needle.push(Uint16Array.from(a, (ch) => ch.charCodeAt(0)));
      this.slot.push(k);
      this.next.push(this.head[c]);
      this.head[c] = e;
      this.isKey[c] = 1;
    });
  }

  /** 1 for the ASCII characters some anchor is keyed by: the only table the tight loop reads. */
  private readonly isKey = new Uint8Array(256);

  /**
   * Sets found[k] = 1 for each candidate k whose anchor occurs in bytes [from, to) of an
   * ASCII-compatible encoding. Returns how many were found.
   */
  scan8(u: Uint8Array, from: number, to: number, found: Uint8Array): number {
    const isKey = this.isKey;
    let n = 0;
    for (let i = from; i < to; i++) if (isKey[u[i]] !== 0) n += this.check(u, i, from, to, found);
    return n;
  }

  /** The same over UTF-16 code units (a separate loop keeps each one monomorphic, hence fast). */
  scan16(u: Uint16Array, from: number, to: number, found: Uint8Array): number {
    const isKey = this.isKey;
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = u[i];
      if (c < 128 && isKey[c] !== 0) n += this.check(u, i, from, to, found);
    }
    return n;
  }

  /** Checks the anchors keyed by the character at i. */
  private check(u: Uint8Array | Uint16Array, i: number, from: number, to: number, found: Uint8Array): number {
    let n = 0;
    for (let e = this.head[u[i]]; e >= 0; e = this.next[e]) {
      const s = i - this.key[e];
      const nd = this.needle[e];
      if (s < from || s + nd.length > to || found[this.slot[e]]) continue;
      let k = 0;
      while (k < nd.length && u[s + k] === nd[k]) k++;
      if (k === nd.length) {
        found[this.slot[e]] = 1;
        n++;
      }
    }
    return n;
  }
}

/**
 * The fixed start of a pattern right after its `\[TAG\]`: literal characters, digit runs
 * (`(?<localId>\d+)`) and space runs (`\s+`), as character codes with DIGITS / SPACES markers.
 * Checking it where the tag ends rules a line out in a few comparisons, without scanning it.
 * null when the pattern does not start with the tag (then the anchor is scanned for).
 */
export const DIGITS = -1;
export const SPACES = -2;

export function leadOf(source: string, comp: string | null): number[][] | null {
  if (!comp) return null;
  const tag = `\\[${comp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]`;
  if (!source.startsWith(tag)) return null;
  const out: number[] = [];
  let i = tag.length;
  while (i < source.length) {
    const rest = source.slice(i, i + 40);
    const group = /^\(\?<\w+>\\d\+\)/.exec(rest);
    if (group) {
      out.push(DIGITS);
      i += group[0].length;
    } else if (rest.startsWith('\\d+')) {
      out.push(DIGITS);
      i += 3;
    } else if (rest.startsWith('\\s+')) {
      out.push(SPACES);
      i += 3;
    } else if (rest[0] === '\\' && /^[[\]().\/\-:'"<>=,!#%&@~`]$/.test(rest[1] ?? '')) {
      out.push(rest.charCodeAt(1));
      i += 2;
    } else if (rest[0] === '(') {
      // A group of plain literal branches, `(?<reason>one of ...|Epoch change ...)`: one lead per branch.
      const branches = literalBranches(source, i);
      if (branches) return branches.map((b) => [...out, ...b]);
      break;
    } else if (rest[0] !== undefined && !'\\.*+?()[]{}|^$'.includes(rest[0])) {
      out.push(rest.charCodeAt(0));
      i++;
    } else break;
  }
  // A quantifier after the last token makes it optional (or repeated): drop that token.
  if (i < source.length && '*?{'.includes(source[i])) out.pop();
  return [out];
}

/** The branches of a group at `i` when each is plain literal text (escaped punctuation allowed), else null. */
function literalBranches(source: string, i: number): number[][] | null {
  const m = /^\((?:\?<\w+>|\?:)?/.exec(source.slice(i));
  if (!m) return null;
  const out: number[][] = [[]];
  for (let k = i + m[0].length; k < source.length; k++) {
    const c = source[k];
    if (c === ')') {
      // An optional group leads nowhere for sure.
      const after = source[k + 1];
      if (after !== undefined && '*?{'.includes(after)) return null;
      return out.some((b) => b.length === 0) ? null : out;
    }
    if (c === '|') out.push([]);
    else if (c === '\\' && /^[[\]().\/\-:'"<>=,!#%&@~`]$/.test(source[k + 1] ?? '')) out[out.length - 1].push(source.charCodeAt(++k));
    else if ('\\.*+?()[]{}^$'.includes(c)) return null;
    else out[out.length - 1].push(source.charCodeAt(k));
  }
  return null;
}

/** Whether the lead matches at position p of a line's bytes or code units (the line ends at n). */
export function leadMatches(u: Uint8Array | Uint16Array, p: number, n: number, lead: Int32Array): boolean {
  for (let k = 0; k < lead.length; k++) {
    const c = lead[k];
    if (c >= 0) {
      if (p >= n || u[p] !== c) return false;
      p++;
    } else if (c === DIGITS) {
      if (p >= n || u[p] < 48 || u[p] > 57) return false;
      while (p < n && u[p] >= 48 && u[p] <= 57) p++;
    } else {
      if (p >= n || (u[p] !== 32 && u[p] !== 9)) return false;
      while (p < n && (u[p] === 32 || u[p] === 9)) p++;
    }
  }
  return true;
}

/**
 * The leads of several candidates in one trie, walked once from where the tag ends: a line's
 * shared start (`Node 1: `) is read once however many leads begin with it, and a character no
 * lead continues with ends the walk. Edges are literal characters, or a digit run / space run
 * (taken whole, as leadMatches takes them); where both kinds leave a node, each is followed.
 */
export class LeadTrie {
  private readonly root = new LeadNode();

  /** Adds candidate `j`'s lead; `sure` when a match decides alone (no anchor check). */
  add(lead: readonly number[], j: number, sure: boolean): void {
    let node = this.root;
    for (const c of lead) {
      if (c === DIGITS) node = node.digits ??= new LeadNode();
      else if (c === SPACES) node = node.spaces ??= new LeadNode();
      else node = node.lit[c] ??= new LeadNode();
    }
    (sure ? node.sure : node.maybe).push(j);
    this.root.seal();
  }

  /** Weak candidates whose lead matched in the last walk (their marks are in `maybe`). */
  maybeCount = 0;

  /**
   * Walks u[p..e): sets found[j] for each sure candidate whose lead matches there, maybe[j]
   * for each other one (counted in maybeCount). Returns how many found[j] it set.
   */
  walk(u: Uint8Array | Uint16Array, p: number, e: number, found: Uint8Array, maybe: Uint8Array): number {
    this.maybeCount = 0;
    return this.walkFrom(this.root, u, p, e, found, maybe);
  }

  private walkFrom(start: LeadNode, u: Uint8Array | Uint16Array, p: number, e: number, found: Uint8Array, maybe: Uint8Array): number {
    let n = 0;
    let node: LeadNode | undefined = start;
    while (node !== undefined) {
      if (node.accepts) {
        for (let k = 0; k < node.sure.length; k++) {
          const j = node.sure[k];
          if (found[j] === 0) (found[j] = 1), n++;
        }
        for (let k = 0; k < node.maybe.length; k++) {
          const j = node.maybe[k];
          if (maybe[j] === 0) (maybe[j] = 1), this.maybeCount++;
        }
      }
      if (p >= e) break;
      const c = u[p];
      if (node.branchy) {
        if (node.digits !== null && c >= 48 && c <= 57) {
          let q = p + 1;
          while (q < e && u[q] >= 48 && u[q] <= 57) q++;
          n += this.walkFrom(node.digits, u, q, e, found, maybe);
        }
        if (node.spaces !== null && (c === 32 || c === 9)) {
          let q = p + 1;
          while (q < e && (u[q] === 32 || u[q] === 9)) q++;
          n += this.walkFrom(node.spaces, u, q, e, found, maybe);
        }
      }
      node = node.lit[c];
      p++;
    }
    return n;
  }
}

class LeadNode {
  readonly lit: Array<LeadNode | undefined> = [];
  digits: LeadNode | null = null;
  spaces: LeadNode | null = null;
  readonly sure: number[] = [];
  readonly maybe: number[] = [];
  /** Some lead ends here. */
  accepts = false;
  /** A digit-run or space-run edge leaves this node (the walk may have to follow two edges). */
  branchy = false;

  seal(): void {
    this.accepts = this.sure.length + this.maybe.length > 0;
    this.branchy = this.digits !== null || this.spaces !== null;
    for (const n of this.lit) n?.seal();
    this.digits?.seal();
    this.spaces?.seal();
  }
}
