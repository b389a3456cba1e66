// Stage 1 of the semantics: recognize catalogue messages in one file's lines, incrementally,
// as the indexer streams. Lines are tried only against the entries of their component (an
// interned id, so no text is needed to rule a line out); each candidate's anchor literal is
// looked for in the line's raw bytes; only a line holding an anchor is decoded, and only
// then does the entry's pattern run. Most lines are never decoded.

import { Growable } from '../base/growable.ts';
import { CATALOGUE, groupNames, type Recognizer } from '../formats/messages/index.ts';
import { TABLE_NAME_RULES } from '../formats/messages/tables.ts';
import { Bucket, Flag, type RecordProbe, type SectionInfo } from '../ingest/types.ts';
import { AnchorSet, LeadTrie, leadOf } from './anchors.ts';
import { NO_VALUE, type EventChunk, type TableName } from './columns.ts';

/** What the extractor reads: views of the indexer's columns up to `count`, and line text. */
export interface LineSource {
  count: number;
  comp: Uint16Array;
  flags: Uint8Array;
  thread: Uint32Array;
  /** pid per thread id (-1 when absent). */
  pids: readonly number[];
  /** The file's component names (index = comp id); grows while indexing. */
  components: readonly string[];
  sections: readonly SectionInfo[];
  /** Line i decoded, without its line ending. */
  text(i: number): string;
  /** Byte offset of line i in the file. */
  offsetOf(i: number): number;
  /**
   * Raw bytes of line i: returns a buffer holding them and sets `at.from` / `at.to` to their
   * range in it (no allocation when the line lies in one read slice).
   */
  locate(i: number, at: Span): Uint8Array;
  /** The file's encoding (anchors are matched in its byte form). */
  encoding: string;
}

export interface Span {
  from: number;
  to: number;
}

/** An entry's text is its line plus at most this many continuation lines. */
const MAX_ENTRY_LINES = 200;
/**
 * What a pattern sees of a line, and of a multi-line entry, in UTF-16 units. Every catalogue
 * pattern is linear in its subject (src/formats/linear-patterns.test.ts); the cap bounds the
 * constant too, so a megabyte-long line costs a recognizer no more than a long real one.
 * No catalogue message is near it: their examples are under 400 characters.
 */
export const MAX_SUBJECT_CHARS = 4096;
export const MAX_ENTRY_CHARS = 32768;
/**
 * A pattern that spends longer than this on one line is not run on the rest of the file, and
 * the file says so (naming the line): a safety net under the linear patterns, never expected to
 * fire. Only subjects this long are timed (a short one cannot take long).
 */
export const RECOGNIZER_BUDGET_MS = 200;
const TIMED_CHARS = 512;

/** A recognizer that ran out of its time on a line (and was not run on the file's later lines). */
export interface SlowLine {
  rec: string;
  line: number;
  ms: number;
  chars: number;
}

// Hoisted: the per-line loop reads these millions of times.
const MEMBER = Flag.Member;
const BUCKET_MASK = Flag.BucketMask;
const PARSED = Bucket.Parsed;
const UNPARSED = Bucket.Unparsed;
const CONTINUATION = Bucket.Continuation;
const STRUCTURAL = Bucket.Structural;

const GROUPS: readonly string[][] = CATALOGUE.map((r) => groupNames(r.re));

const BY_COMP = new Map<string | null, number[]>();
CATALOGUE.forEach((r, i) => {
  const list = BY_COMP.get(r.comp) ?? [];
  list.push(i);
  BY_COMP.set(r.comp, list);
});
const NO_COMP = BY_COMP.get(null) ?? [];
/** Entries also tried on the member lines of multi-line entries. */
const IN_MEMBERS = CATALOGUE.flatMap((r, i) => (r.members ? [i] : []));
const EMPTY: number[] = [];

const capped = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

export class EventExtractor {
  /** First line not examined yet. */
  private next = 0;
  /** Candidate recognizers per component id of this file. */
  private readonly candidates: number[][] = [];
  /** How each candidate list (per component id) is tested, built once. */
  private readonly plans = new Map<readonly number[], Plan>();
  private readonly compPlans: Plan[] = [];
  private found = new Uint8Array(16);
  /** Recognizers switched off for this file after a line took them past their budget. */
  private readonly off = new Uint8Array(CATALOGUE.length);
  /** Where that happened (for the file's warnings). */
  readonly slow: SlowLine[] = [];

  /** `budgetMs`: a pattern's time on one line (tests lower it to see the switch-off work). */
  constructor(private readonly budgetMs = RECOGNIZER_BUDGET_MS) {}
  private readonly span: Span = { from: 0, to: 0 };
  /** A code-unit view of the last UTF-16 slice. */
  private u16Of: Uint8Array | null = null;
  private u16: Uint16Array = new Uint16Array(0);
  /** `[NAME]` per component id, and where the last tag was found in its line. */
  private readonly tags: Array<Uint16Array | null> = [];
  private tagAt = -1;

  private readonly line = new Growable(Uint32Array, 256);
  private readonly offset = new Growable(Float64Array, 256);
  private readonly rec = new Growable(Uint16Array, 256);
  private readonly pid = new Growable(Int32Array, 256);
  private readonly valStart = new Growable(Uint32Array, 256);
  private readonly vals = new Growable(Uint32Array, 1024);
  private readonly stringIds = new Map<string, number>();
  private newStrings: string[] = [];
  private tables: TableName[] = [];
  private taken = 0;
  private valBase = 0;
  /** Column positions of the current object table's header row. */
  private table: { section: number; cols: string[] | null } | null = null;

  /**
   * Examines the lines indexed since the last call. Unless `final`, the last entry is held
   * back: its continuation lines may still be on their way.
   */
  /** Lines the probe let through, in line order, and how far run() has consumed them. */
  private readonly probed: Growable<Uint32Array> = new Growable(Uint32Array, 256);
  private probedAt = 0;
  private probing = false;

  /**
   * The pre-filter to plug into the file's indexer (FileIndexer.probe): record lines are then
   * ruled out while their bytes are at hand, and run() examines only the lines it let through
   * (plus continuation, table and unparsed lines, which it does not see).
   */
  probeFor(components: readonly string[]): RecordProbe {
    this.probing = true;
    const plans: Array<Plan | null> = [];
    const found = new Uint8Array(CATALOGUE.length);
    return {
      record: (u, s, e, tagStart, tagEnd, comp, line) => {
        let plan = plans[comp];
        if (plan === undefined) {
          const cand = comp === 0 ? NO_COMP : BY_COMP.get(components[comp] ?? '') ?? EMPTY;
          plan = cand.length > 0 ? this.planOf(cand) : null;
          plans[comp] = plan;
        }
        if (plan !== null && prefilter(plan, u, s, e, tagStart, tagEnd, found) > 0) {
          found.fill(0, 0, plan.size);
          this.probed.push(line);
        }
      },
    };
  }

  run(src: LineSource, final: boolean): void {
    let limit = src.count;
    if (!final) {
      while (limit > this.next && src.flags[limit - 1] & MEMBER) limit--;
      if (limit > this.next) limit--; // the start of the last entry
    }
    const flags = src.flags;
    const comp = src.comp;
    for (let i = this.next; i < limit; i++) {
      const fl = flags[i];
      const bucket = fl & BUCKET_MASK;
      if (fl & MEMBER) {
        if (bucket === PARSED || bucket === CONTINUATION) this.recognize(src, i, IN_MEMBERS, null, this.planOf(IN_MEMBERS));
        continue;
      }
      if (bucket === PARSED) {
        if (this.probing) {
          // Only what the probe let through.
          const pr = this.probed.data;
          while (this.probedAt < this.probed.length && pr[this.probedAt] < i) this.probedAt++;
          if (this.probedAt >= this.probed.length || pr[this.probedAt] !== i) continue;
        }
        const c = comp[i];
        const cand = this.candidates[c] ?? this.candidatesOf(src, c);
        if (cand.length > 0) this.recognize(src, i, cand, this.tagOf(src, c), this.compPlans[c] ??= this.planOf(cand));
      } else if (bucket === UNPARSED) this.recognize(src, i, NO_COMP, null, this.planOf(NO_COMP));
      else if (bucket === STRUCTURAL) this.structural(src, i);
    }
    this.next = Math.max(this.next, limit);
  }

  /** Examines lines up to `limit` (exclusive) with nothing held back: line `limit` starts an entry. */
  runTo(src: LineSource, limit: number): void {
    this.run({ ...src, count: limit }, true);
  }

  /** Lines before `line` are someone else's (the other half of a split file): start there. */
  skipTo(line: number): void {
    this.next = Math.max(this.next, line);
  }

  /**
   * Appends the events another extractor found in the second half of a split file (one chunk,
   * all it found), their lines moved by `shift` and their strings interned here.
   */
  absorb(chunk: EventChunk, shift: number): void {
    for (let k = 0; k < chunk.line.length; k++) {
      this.line.push(chunk.line[k] + shift);
      this.offset.push(chunk.offset[k]);
      this.rec.push(chunk.rec[k]);
      this.pid.push(chunk.pid[k]);
      this.valStart.push(this.valBase + this.vals.length);
      const a = chunk.valStart[k] - chunk.valStart[0];
      const b = k + 1 < chunk.line.length ? chunk.valStart[k + 1] - chunk.valStart[0] : chunk.vals.length;
      for (let v = a; v < b; v++) {
        const id = chunk.vals[v];
        this.vals.push(id === NO_VALUE ? NO_VALUE : this.intern(chunk.strings[id]));
      }
    }
    for (const t of chunk.tables) this.tables.push({ ...t, line: t.line + shift });
  }

  private candidatesOf(src: LineSource, comp: number): number[] {
    let c = this.candidates[comp];
    if (c === undefined) {
      c = comp === 0 ? NO_COMP : BY_COMP.get(src.components[comp] ?? '') ?? EMPTY;
      this.candidates[comp] = c;
    }
    return c;
  }

  /** `[NAME]` of component id c as character codes (0 = no component). */
  private tagOf(src: LineSource, c: number): Uint16Array | null {
    if (c === 0) return null;
    let t = this.tags[c];
    if (t === undefined) {
      const name = src.components[c] ?? '';
      t = name && /^[\x20-\x7e]+$/.test(name) ? Uint16Array.from(`[${name}]`, (ch) => ch.charCodeAt(0)) : null;
      this.tags[c] = t;
    }
    return t;
  }

  /**
   * Where the `[NAME]` tag starts (-1 when it is not found: resource-DLL lines of 2000/2003
   * carry none). Anchors lie in the tag or after it, so the prefix is not scanned.
   * Prefix widths rarely change within a file: the last position is tried first.
   */
  private tagStart(u: Uint8Array | Uint16Array, from: number, to: number, tag: Uint16Array): number {
    const n = tag.length;
    // Prefix widths rarely change within a file: try where the tag was last time first.
    const g = from + this.tagAt;
    // The indexer already read this line's tag: `[` and `]` where the tag was last time suffice.
    if (this.tagAt >= 0 && g + n <= to && u[g] === 0x5b && u[g + n - 1] === 0x5d && u[g + 1] === tag[1]) return g;
    const end = Math.min(to - n, from + 200);
    for (let p = from; p <= end; p++) {
      if (u[p] === 0x5b && sameAt(u, p, tag)) {
        this.tagAt = p - from;
        return p;
      }
    }
    return -1;
  }

  private planOf(cand: readonly number[]): Plan {
    let plan = this.plans.get(cand);
    if (!plan) {
      plan = makePlan(cand);
      this.plans.set(cand, plan);
    }
    return plan;
  }

  private recognize(src: LineSource, i: number, cand: readonly number[], tag: Uint16Array | null, plan: Plan): void {
    if (cand.length === 0) return;
    if (this.found.length < cand.length) this.found = new Uint8Array(cand.length);
    const found = this.found;
    found.fill(0, 0, cand.length);
    const at = this.span;
    const raw = src.locate(i, at);
    const enc = src.encoding;
    let text: string | null = null;
    let u: Uint8Array | Uint16Array | null = null;
    let from = at.from;
    let to = at.to;
    if (enc === 'utf-16le') {
      // UTF-16 lines start at even offsets: look at them as code units, through a view of
      // the whole slice (made once per slice).
      if (raw.byteOffset % 2 === 0 && from % 2 === 0) {
        if (this.u16Of !== raw) {
          this.u16Of = raw;
          this.u16 = new Uint16Array(raw.buffer, raw.byteOffset, raw.length >> 1);
        }
        u = this.u16;
        from >>= 1;
        to >>= 1;
      }
    } else if (enc !== 'utf-16be') u = raw;
    let n = 0;
    if (u === null) {
      // Big-endian or odd-aligned UTF-16 (rare): decode and look for the anchors in the text.
      text = src.text(i);
      for (let j = 0; j < cand.length; j++) if (text.includes(CATALOGUE[cand[j]].anchor)) (found[j] = 1), n++;
    } else {
      const p = tag ? this.tagStart(u, from, to, tag) : -1;
      n = prefilter(plan, u, from, to, p, p >= 0 ? p + tag!.length : -1, found);
    }
    if (n === 0) return;
    let entry: string | null = null;
    for (let j = 0; j < cand.length; j++) {
      if (!found[j]) continue;
      const k = cand[j];
      if (this.off[k]) continue;
      const r: Recognizer = CATALOGUE[k];
      text ??= src.text(i);
      let subject = capped(text, MAX_SUBJECT_CHARS);
      if (r.multiline) subject = entry ??= this.entryText(src, i, subject);
      const t0 = subject.length > TIMED_CHARS ? performance.now() : 0;
      const m = r.re.exec(subject);
      if (t0) {
        const ms = performance.now() - t0;
        if (ms > this.budgetMs) {
          this.off[k] = 1;
          this.slow.push({ rec: r.id, line: i, ms, chars: subject.length });
        }
      }
      if (!m) continue;
      this.emit(i, src.offsetOf(i), k, src.pids[src.thread[i]] ?? -1, m.groups ?? {});
      return;
    }
  }

  private entryText(src: LineSource, i: number, first: string): string {
    const parts = [first];
    let chars = first.length;
    for (let j = i + 1; j < src.count && j <= i + MAX_ENTRY_LINES && chars < MAX_ENTRY_CHARS && src.flags[j] & Flag.Member; j++) {
      const t = capped(src.text(j), MAX_SUBJECT_CHARS);
      parts.push(t);
      chars += t.length + 1;
    }
    return capped(parts.join('\n'), MAX_ENTRY_CHARS);
  }

  private emit(line: number, offset: number, k: number, pid: number, groups: Record<string, string | undefined>): void {
    this.line.push(line);
    this.offset.push(offset);
    this.rec.push(k);
    this.pid.push(pid);
    this.valStart.push(this.valBase + this.vals.length);
    for (const g of GROUPS[k]) {
      const v = groups[g];
      this.vals.push(v === undefined ? NO_VALUE : this.intern(v));
    }
  }

  private intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.stringIds.size;
      this.stringIds.set(s, id);
      this.newStrings.push(s);
    }
    return id;
  }

  /** Rows of the 2016+ object tables that name nodes, resources and groups. */
  private structural(src: LineSource, i: number): void {
    let s = src.sections.length - 1;
    while (s >= 0 && src.sections[s].firstLine > i) s--;
    if (s < 0 || src.sections[s].firstLine === i) return;
    const sec = src.sections[s];
    const rule = TABLE_NAME_RULES.find((r) => r.section === sec.name);
    if (!rule) return;
    if (!this.table || this.table.section !== s) this.table = { section: s, cols: null };
    const cells = splitCsv(src.text(i));
    if (!this.table.cols) {
      this.table.cols = cells.map((c) => c.trim().toLowerCase());
      return;
    }
    const row = rule.read(this.table.cols, cells);
    if (row) this.tables.push({ ...row, kind: rule.kind, line: i });
  }

  /** Events found since the last call, as a transferable chunk (null when none). */
  take(): EventChunk | null {
    const n = this.line.length;
    if (n === 0 && this.tables.length === 0) return null;
    const chunk: EventChunk = {
      from: this.taken,
      line: this.line.slice(0, n) as Uint32Array,
      offset: this.offset.slice(0, n) as Float64Array,
      rec: this.rec.slice(0, n) as Uint16Array,
      pid: this.pid.slice(0, n) as Int32Array,
      valStart: this.valStart.slice(0, n) as Uint32Array,
      vals: this.vals.slice(0, this.vals.length) as Uint32Array,
      strings: this.newStrings,
      tables: this.tables,
    };
    this.taken += n;
    this.valBase += this.vals.length;
    this.line.length = this.offset.length = this.rec.length = this.pid.length = this.valStart.length = this.vals.length = 0;
    this.newStrings = [];
    this.tables = [];
    return chunk;
  }
}

/** A lead of at least this many literal characters decides alone (no anchor scan). */
const STRONG_LEAD = 8;

/**
 * How a candidate list is tested on a tagged line: every lead in one trie walked from the
 * tag's end (a sure lead decides alone, another one then needs its anchor); candidates with
 * no lead need their anchor only. Anchors are looked for in one pass (weakSet) and only
 * when some candidate needs one.
 */
interface Plan {
  /** Number of candidates. */
  size: number;
  leads: LeadTrie;
  /** Candidates that need their anchor found, by position in weakSet: candidate index and whether they have a lead. */
  weak: Array<{ j: number; hasLead: boolean }>;
  /** Some weak candidate has no lead: the anchor scan runs on every tagged line. */
  alwaysScan: boolean;
  weakSet: AnchorSet;
  /** Every candidate's anchor, for lines whose tag is not where expected. */
  all: AnchorSet;
  /** Scratch, per candidate: its lead matched in the current walk (weak ones only). */
  maybe: Uint8Array;
  weakFound: Uint8Array;
}

function makePlan(cand: readonly number[]): Plan {
  const leads = new LeadTrie();
  const weak: Plan['weak'] = [];
  const strong = (lead: number[]) => lead[0] === 32 && lead[1] > 32 && lead[1] < 128 && lead.filter((c) => c > 32).length >= STRONG_LEAD;
  cand.forEach((k, j) => {
    const r = CATALOGUE[k];
    const ls = leadOf(r.re.source, r.comp);
    const sure = ls !== null && ls.every(strong);
    if (ls) for (const lead of ls) leads.add(lead, j, sure);
    if (!sure) weak.push({ j, hasLead: ls !== null });
  });
  return {
    size: cand.length, leads, weak, alwaysScan: weak.some((w) => !w.hasLead),
    weakSet: new AnchorSet(weak.map((w) => CATALOGUE[cand[w.j]].anchor)),
    all: new AnchorSet(cand.map((k) => CATALOGUE[k].anchor)),
    maybe: new Uint8Array(cand.length),
    weakFound: new Uint8Array(weak.length),
  };
}

/**
 * The pre-filter shared by the indexer's probe and recognize(): sets found[j] for each
 * candidate j of the plan that line u[s..e) may match, and returns how many (found must be
 * all zero on entry). With the tag at tagStart (tagEnd after its `]`), the leads are walked
 * from tagEnd, then the weak candidates that need it have their anchors looked for; without
 * the tag, every anchor is scanned for.
 */
function prefilter(plan: Plan, u: Uint8Array | Uint16Array, s: number, e: number, tagStart: number, tagEnd: number, found: Uint8Array): number {
  if (tagEnd < 0) return u instanceof Uint8Array ? plan.all.scan8(u, s, e, found) : plan.all.scan16(u, s, e, found);
  const maybe = plan.maybe;
  let n = plan.leads.walk(u, tagEnd, e, found, maybe);
  if (plan.leads.maybeCount === 0 && !plan.alwaysScan) return n;
  const weakFound = plan.weakFound;
  const hits = u instanceof Uint8Array ? plan.weakSet.scan8(u, tagStart, e, weakFound) : plan.weakSet.scan16(u, tagStart, e, weakFound);
  for (let k = 0; k < plan.weak.length; k++) {
    const w = plan.weak[k];
    if (hits > 0 && weakFound[k] && (!w.hasLead || maybe[w.j]) && found[w.j] === 0) (found[w.j] = 1), n++;
    weakFound[k] = 0;
    maybe[w.j] = 0;
  }
  return n;
}

function sameAt(u: Uint8Array | Uint16Array, p: number, tag: Uint16Array): boolean {
  for (let k = 0; k < tag.length; k++) if (u[p + k] !== tag[k]) return false;
  return true;
}

/** Splits a comma-separated row; double quotes protect commas and are doubled inside. */
export function splitCsv(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (quoted) {
      if (c === '"' && row[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The file's warnings for recognizers stopped by their budget: which, on which line, how long. */
export function slowLineWarnings(slow: readonly SlowLine[]): string[] {
  return slow.map((x) => `Line ${x.line + 1} (${x.chars} characters) took the message pattern ${x.rec} ${Math.round(x.ms)} ms, past its ${RECOGNIZER_BUDGET_MS} ms budget: that pattern is not run on the rest of this file, so its events may be missing there.`);
}
