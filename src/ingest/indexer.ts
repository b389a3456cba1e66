// Streaming indexer of one cluster.log file: feed it the file's bytes in slices
// (any size, in order), get typed-array columns with one entry per physical line
// and the file's facts. Bytes are scanned once; text is decoded only for the few
// lines that need it (headers, channel events, node evidence).
//
// The parts it is made of: line-splitter.ts cuts the bytes into lines, stream-head.ts takes
// the first MiB's decisions, line-columns.ts holds the columns, interning.ts the component
// and thread ids, text-evidence.ts what a few lines say about the file. What is here is the
// classification of each line: record, continuation, section, blank, unparsed.

import { concatBytes } from '../base/streams.ts';
import { nodeFromFileName, nodeFromFolder } from '../formats/node-evidence.ts';
import { decoderFor, type Decoder } from '../base/decoders.ts';
import { Level } from '../base/levels.ts';
import { DIALECTS } from '../formats/dialects.ts';
import { RE_SECTION, sectionKind } from '../formats/sections.ts';
import { severityFromText } from '../formats/severity.ts';
import { finalizeFacts } from './facts.ts';
import { SNIFF_BYTES, sniffCapture } from '../captures/sniff.ts';
import { ComponentInterner, ThreadInterner } from './interning.ts';
import { LineColumnsBuilder } from './line-columns.ts';
import { LineSplitter, MAX_LINE_BYTES } from './line-splitter.ts';
import { CompKind, parseRecordPrefix, PrefixResult, type Units } from './prefix.ts';
import { lineStartAfter, type FilePart, type ResumeHead } from './split.ts';
import { decideDialect, decideEncoding } from './stream-head.ts';
import { decodeUnits, TextEvidence } from './text-evidence.ts';
import { Bucket, Channel, emptyFacts, Flag, type DialectId, type FileFacts, type IndexOptions, type LineColumns, type RecordProbe, type SectionKind, type ThreadTable } from './types.ts';
import { countTypographic16, countTypographic8, firstInvalidUtf8 } from './utf8.ts';

export { MAX_LINE_BYTES } from './line-splitter.ts';
/** Bytes gathered before the encoding and the dialect are decided. */
const DETECT_BYTES = 1 << 20;

export interface IndexerOutput {
  facts: FileFacts;
  columns: LineColumns;
  threads: ThreadTable;
}

export class FileIndexer extends LineSplitter {
  readonly facts: FileFacts;
  private readonly opts: IndexOptions;
  /** Sees every record line that does not continue an entry (set before the first push). */
  probe: RecordProbe | null = null;

  private readonly cols = new LineColumnsBuilder();
  private readonly compIds: ComponentInterner;
  private readonly threadIds = new ThreadInterner();
  private readonly evidence = new TextEvidence();

  // Byte stream state before and after the head is decided.
  private head: Uint8Array[] | null = [];
  /** The first bytes, kept so that a file with no record can be told apart as a capture export. */
  private headSample: Uint8Array = new Uint8Array(0);
  private headBytes = 0;
  private decoder: Decoder | null = null;
  private dead = false;

  // Parse state.
  private readonly r = new PrefixResult();
  private dialect: DialectId = 'unknown';
  private freeContinuation = false;
  private pasted = false;
  private sectionKind: SectionKind | null = null;
  private haveRecord = false;
  private lastTs = NaN;
  private lastLevel = 0;
  private lastComp = 0;
  private lastThread = 0;
  private lastChannel = 0;
  private runMaxTs = -Infinity;
  private nt4Month: { y: number; m: number } | null = null;
  private nt4LastDay = -1;
  private oversizedLines = 0;
  private firstMin = Infinity;
  private lastMax = -Infinity;
  /** Started mid-file (resume): the part's first record, and the line after it where the part stands alone (FilePart.resume). */
  private resumed = false;
  private startOffset = 0;
  private firstRecord = -1;
  private resumeAt = 0;

  constructor(size: number, opts: IndexOptions = {}) {
    const name = opts.name ?? 'cluster.log';
    const facts = emptyFacts(name, opts.path ?? name, size);
    super(facts.lineEndings);
    this.facts = facts;
    this.opts = opts;
    // What the path says of the node is known before the first byte: lanes and chips take it while
    // the file loads (finalizeFacts decides for good, a header winning over it).
    const path = opts.path ?? name;
    const fromPath = opts.node ? null : nodeFromFolder(path) ?? nodeFromFileName(path.split(/[\\/]/).pop() ?? path);
    if (opts.node || fromPath) {
      facts.node = opts.node ?? fromPath;
      facts.nodeSource = opts.node ? 'user' : nodeFromFolder(path) ? 'folder' : 'file-name';
      facts.nodeLabel = facts.node!;
    }
    this.compIds = new ComponentInterner(facts.components, facts.componentCounts);
    this.facts.month = opts.month ?? null;
    if (opts.month) {
      const m = /^(\d{4})-(\d{2})$/.exec(opts.month);
      if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) this.nt4Month = { y: Number(m[1]), m: Number(m[2]) };
      else this.facts.warnings.push(`Month '${opts.month}' is not of the form YYYY-MM; it is ignored.`);
    }
  }

  /**
   * An indexer for the part of a file from byte `start` (a line start) on, with the head
   * decisions of the indexer that reads the file's start. Its finish() is followed by part().
   */
  static resume(size: number, opts: IndexOptions, head: ResumeHead, start: number): FileIndexer {
    const ix = new FileIndexer(size - start, opts);
    ix.facts.size = size;
    Object.assign(ix.facts, head.facts);
    ix.head = null;
    ix.encoding = head.encoding;
    ix.unitBytes = head.encoding === 'utf-8' ? 1 : 2;
    if (ix.unitBytes === 1) ix.decoder = decoderFor(head.facts.encoding);
    ix.dialect = head.facts.dialect;
    ix.freeContinuation = DIALECTS[ix.dialect].freeContinuation;
    ix.pasted = head.pasted;
    ix.sectionKind = head.section;
    ix.consumed = start;
    ix.resumed = true;
    ix.resumeAt = -1;
    ix.startOffset = start;
    return ix;
  }

  /** The head decisions, once taken (null before, or when the file is no text log). */
  resumeHead(): ResumeHead | null {
    if (this.head || this.dead) return null;
    const f = this.facts;
    return {
      encoding: this.encoding,
      facts: { encoding: f.encoding, encodingSource: f.encodingSource, bom: f.bom, dialect: f.dialect, dialectSource: f.dialectSource, dialectEvidence: f.dialectEvidence },
      pasted: this.pasted,
      section: this.sectionKind,
    };
  }

  /** Where the second part of a split starts: the first line start at or after `at` in `bytes` (from file offset `base`), or -1. */
  cutAfter(bytes: Uint8Array, base: number, at: number): number {
    return lineStartAfter(bytes, base, at, this.encoding);
  }

  /** A resumed indexer's result (after finish()), for the indexer of the file's start to join. */
  part(start: number, head: ResumeHead): FilePart {
    const out = this.output();
    const ev = this.evidence;
    return {
      start, head, columns: out.columns, facts: out.facts, threads: out.threads, resume: this.resumeAt,
      evidence: { nodeInFile: ev.nodeInFile, startupLocalId: ev.startupLocalId, startupNodes: [...ev.startupNodes], localTimeOffsets: ev.localTimeOffsets },
      header: { ...ev.header },
      end: { consumed: this.consumed, lastEol: this.lastEol, oddByte: this.oddByte },
    };
  }

  /** For a resumed indexer: FilePart.resume so far (-1 while not known). */
  get resumeLine(): number {
    return this.resumeAt;
  }

  /**
   * Joins the part that another indexer made of the rest of the file (its bytes in `bytes`,
   * from part.start on, which is where this indexer stopped). The part's lines before
   * part.resume are indexed here again; then, if the part's assumptions hold (the section kind,
   * pasted text and encoding it started with), its lines from part.resume on are appended
   * (ids remapped, backwards flags fixed at the seam, counts merged); if not, the rest of the
   * bytes are indexed here. Returns where the appended lines start and the shift of the
   * part's line numbers, or null when the rest was indexed here. finish() follows.
   */
  joinPart(part: FilePart, bytes: Uint8Array[]): { at: number; shift: number } | null {
    const pc = part.columns;
    const cut = part.resume >= 0 ? pc.offset[part.resume] : Infinity;
    const f = this.facts;
    const before = { ...f.lineEndings, viewer: f.pasted.viewerLineNumbers, typo: f.pasted.typographic };
    let pos = part.start;
    const pushTo = (to: number) => {
      let bStart = part.start;
      for (const b of bytes) {
        const from = pos - bStart;
        bStart += b.length;
        if (pos >= to) return;
        if (from >= b.length) continue;
        const take = Math.min(b.length - from, to - pos);
        this.push(b.subarray(from, from + take));
        pos += take;
      }
    };
    pushTo(cut);
    const fits = part.resume >= 0 && !this.dead && this.resumed === false && this.pendingStart() === cut &&
      this.sectionKind === part.head.section && this.sectionKind !== 'header' && this.sectionKind !== 'table' &&
      this.pasted === part.head.pasted && (f.dialect === 'w2016' || f.dialect === 'w2008') && f.encoding === part.head.facts.encoding && part.facts.encoding === part.head.facts.encoding;
    if (!fits) {
      pushTo(Infinity);
      return null;
    }
    const at = this.cols.n;
    const shift = at - part.resume;
    this.appendPart(part, before, shift);
    return { at, shift };
  }

  private appendPart(part: FilePart, before: FileFacts['lineEndings'] & { viewer: number; typo: number }, shift: number): void {
    const f = this.facts;
    const pf = part.facts;
    const pc = part.columns;
    const from = part.resume;
    const count = pc.length - from;
    // Ids of the part's components and threads in this file's tables.
    const compMap = new Uint16Array(pf.components.length);
    pf.components.forEach((name, i) => (compMap[i] = i === 0 ? 0 : this.compIds.add(name)));
    const thrMap = new Uint32Array(part.threads.pid.length);
    for (let t = 1; t < thrMap.length; t++) thrMap[t] = this.threadIds.intern(part.threads.pid[t], part.threads.tid[t]);
    const c = this.cols;
    const n0 = c.n;
    c.grow(n0, n0 + count + 1);
    c.off.data.set(pc.offset.subarray(from), n0);
    c.ts.data.set(pc.ts.subarray(from), n0);
    c.lvl.data.set(pc.level.subarray(from), n0);
    c.flg.data.set(pc.flags.subarray(from), n0);
    const comp = c.comp.data;
    const thr = c.thr.data;
    const flg = c.flg.data;
    const lvl = c.lvl.data;
    const ts = c.ts.data;
    // The seam: records earlier than this side's last run maximum (until the part's own
    // maximum passes it, or its first section starts) went backwards too.
    let seamEnd = count;
    for (const s of pf.sections) if (s.firstLine >= from) seamEnd = Math.min(seamEnd, s.firstLine - from);
    let seam = true;
    for (let k = 0; k < count; k++) {
      const i = n0 + k;
      comp[i] = compMap[pc.comp[from + k]];
      thr[i] = thrMap[pc.thread[from + k]];
      const fl = flg[i];
      const bucket = fl & Flag.BucketMask;
      if (k === seamEnd) seam = false;
      if (bucket !== Bucket.Parsed) {
        if (bucket === Bucket.Continuation) f.buckets.continuation++;
        else if (bucket === Bucket.Structural) f.buckets.structural++;
        else if (bucket === Bucket.Blank) f.buckets.blank++;
        else f.buckets.unparsed++;
        continue;
      }
      f.buckets.parsed++;
      f.levelCounts[lvl[i] & 15]++;
      f.componentCounts[comp[i]]++;
      if (seam && (fl & Flag.Member) === 0) {
        if (ts[i] >= this.runMaxTs) seam = false;
        else if ((fl & Flag.Backwards) === 0) flg[i] = fl | Flag.Backwards;
      }
      if ((flg[i] & Flag.Backwards) !== 0) f.backwards++;
      if ((fl & Flag.Oversized) !== 0 && this.oversizedLines++ === 0) f.warnings.push(oversizedWarning(i, c.off.data[i]));
    }
    c.n = n0 + count;
    f.lines = c.n;
    // Sections after the resume line, at their new line numbers.
    for (const s of pf.sections) {
      if (s.firstLine < from) continue;
      const last = f.sections[f.sections.length - 1];
      if (last) last.lineCount = s.firstLine + shift - last.firstLine;
      f.sections.push({ ...s, firstLine: s.firstLine + shift });
    }
    // Counts only the part knows, less its lines indexed here again.
    const le = f.lineEndings;
    const pe = pf.lineEndings;
    const again = { crlf: le.crlf - before.crlf, lf: le.lf - before.lf, cr: le.cr - before.cr, none: le.none - before.none };
    le.crlf += pe.crlf - again.crlf;
    le.lf += pe.lf - again.lf;
    le.cr += pe.cr - again.cr;
    le.none += pe.none - again.none;
    f.pasted.viewerLineNumbers += pf.pasted.viewerLineNumbers - (f.pasted.viewerLineNumbers - before.viewer);
    f.pasted.typographic += pf.pasted.typographic - (f.pasted.typographic - before.typo);
    if (pf.pasted.typographic > 0) this.pasted = true;
    for (const w of pf.unknownLevels) if (!f.unknownLevels.includes(w) && f.unknownLevels.length < 20) f.unknownLevels.push(w);
    const ev = this.evidence;
    const pe2 = part.evidence;
    ev.nodeInFile ??= pe2.nodeInFile;
    ev.startupLocalId ??= pe2.startupLocalId;
    for (const [id, name] of pe2.startupNodes) if (!ev.startupNodes.has(id)) ev.startupNodes.set(id, name);
    // Header lines apply last-wins: the part's come after this side's.
    Object.assign(ev.header, part.header);
    const pmin = minMax(pc.ts, pc.flags, from);
    if (pmin.min < this.firstMin) this.firstMin = pmin.min;
    if (pmin.max > this.lastMax) this.lastMax = pmin.max;
    this.consumed = part.end.consumed;
    this.lastEol = part.end.lastEol;
    this.oddByte = part.end.oddByte;
  }

  /** Lines indexed so far. */
  get lineCount(): number {
    return this.cols.n;
  }

  get bytesConsumed(): number {
    return this.consumed;
  }

  /** Feed the next slice of the file (do not modify it afterwards: the first MiB is held until detection). */
  push(chunk: Uint8Array): void {
    if (this.dead || chunk.length === 0) return;
    if (this.head) {
      // Held only until the first MiB is in; callers hand over fresh slices, so no copy.
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= DETECT_BYTES) this.startFromHead(false);
      return;
    }
    this.feed(chunk, false);
  }

  /** Signal the end of the file and get the result. */
  finish(): IndexerOutput {
    if (this.head) this.startFromHead(true);
    else if (!this.dead) this.feed(new Uint8Array(0), true);
    return this.output();
  }

  /** Line offsets indexed so far (a view: valid until the next push). */
  offsetsView(): Float64Array {
    return this.cols.off.data.subarray(0, this.cols.n);
  }

  /** Thread ids indexed so far (a view: valid until the next push). */
  threadsView(): { thread: Uint32Array; table: ThreadTable } {
    return { thread: this.cols.thr.data.subarray(0, this.cols.n), table: this.threadIds.table };
  }

  /** Views of the line columns indexed so far (valid until the next push): what event extraction reads. */
  columnsView(): { count: number; comp: Uint16Array; flags: Uint8Array; thread: Uint32Array; pids: readonly number[] } {
    const n = this.cols.n;
    return { count: n, comp: this.cols.comp.data.subarray(0, n), flags: this.cols.flg.data.subarray(0, n), thread: this.cols.thr.data.subarray(0, n), pids: this.threadIds.table.pid };
  }

  /** Byte offset where line i ends (line ending included), for lines already indexed. */
  lineEnd(i: number): number {
    if (i + 1 < this.cols.n) return this.cols.off.data[i + 1];
    return this.pendingStart();
  }

  /** Columns of lines [from, lineCount) as right-sized copies (for transfer to another thread). */
  segment(from: number): LineColumns {
    return this.cols.segment(from);
  }

  private output(): IndexerOutput {
    const ev = this.evidence;
    finalizeFacts(this.facts, {
      opts: this.opts,
      header: ev.header,
      nodeInFile: ev.nodeInFile,
      startupName: ev.startupName(),
      localTimeOffsets: ev.localTimeOffsets,
      firstMin: this.firstMin,
      lastMax: this.lastMax,
      lastEol: this.lastEol,
      oddByte: this.oddByte >= 0,
      capture: () => sniffCapture(this.headSample),
    });
    return { facts: this.facts, columns: this.cols.view(), threads: this.threadIds.table };
  }

  // ---- Start-up: encoding, binary check, dialect ------------------------------------------

  private startFromHead(final: boolean): void {
    const parts = this.head ?? [];
    this.head = null;
    const all = parts.length === 1 ? parts[0] : concatBytes(parts, this.headBytes);
    const f = this.facts;
    this.headSample = all.slice(0, SNIFF_BYTES);
    const enc = decideEncoding(all, this.opts, f);
    if (!enc) {
      this.dead = true;
      return;
    }
    this.encoding = enc.encoding;
    this.unitBytes = enc.encoding === 'utf-8' ? 1 : 2;
    if (this.unitBytes === 1) this.decoder = decoderFor(f.encoding);
    // Decide the dialect from the structure of the first lines.
    const body = all.subarray(enc.bomLength);
    this.consumed = enc.bomLength;
    const units = this.toUnits(body, enc.bomLength);
    const d = decideDialect(units.u, this.r, this.opts, f);
    this.dialect = d.dialect;
    this.freeContinuation = DIALECTS[this.dialect].freeContinuation;
    this.pasted = d.pasted;
    if (this.dialect === 'nt4' && !this.nt4Month) f.status = 'needs-month';
    this.processUnits(units.u, units.base, final);
  }

  // ---- One physical line -----------------------------------------------------------------

  protected line(u: Units, s: number, e: number, byteOffset: number, high: boolean, carriedOversized: boolean): void {
    const c = this.cols;
    const n = c.n++;
    if (n >= c.off.data.length) c.grow(n, this.expectedLines(n, byteOffset));
    c.off.data[n] = byteOffset;
    const f = this.facts;
    let flags = 0;
    const utf8 = this.unitBytes === 1;
    if (carriedOversized || (e - s) * this.unitBytes > MAX_LINE_BYTES) {
      flags |= Flag.Oversized;
      if (this.oversizedLines++ === 0) {
        f.warnings.push(oversizedWarning(n, byteOffset));
      }
    }
    if (high) this.checkHighLine(u, s, e, byteOffset);
    const r = this.r;
    let ts = this.lastTs;
    let level = 0;
    let comp = 0;
    let thread = 0;
    let bucket: number;
    if (s < e && parseRecordPrefix(u, s, e, r, utf8)) {
      bucket = Bucket.Parsed;
      ts = this.recordTime(r);
      if (r.viewer) f.pasted.viewerLineNumbers++;
      thread = this.threadIds.intern(r.pid, r.tid);
      level = r.level;
      if (level === Level.Unknown) this.noteUnknownLevel(u, r.levelStart, r.levelEnd);
      if (r.compKind === CompKind.Tag) comp = this.compIds.intern(u, r.compStart, r.compEnd);
      else if (r.compKind === CompKind.ResourceDll) comp = this.compIds.res();
      const ch = r.channel;
      flags |= ch << Flag.ChannelShift;
      const m0 = r.msgStart < e ? u[r.msgStart] : 0;
      // ETW multi-line blocks repeat the prefix: same thread and time, text starting with '<' or one word.
      if (this.haveRecord && thread === this.lastThread && ts === this.lastTs && (m0 === 60 || this.isLoneWord(u, r.msgStart, e))) {
        flags |= Flag.Member;
      }
      if (ch === Channel.System || ch === Channel.Operational) {
        const sev = severityFromText(decodeUnits(u, r.msgStart, e, this.decoder));
        if (sev !== undefined && sev !== level) level |= sev << 4;
      }
      if (m0 === 60 || m0 === 76 || comp === this.compIds.nmId) this.evidence.message(u, r.msgStart, e, m0, ts, this.decoder, r);
      if (this.probe !== null && (flags & Flag.Member) === 0) {
        const tagged = r.compKind === CompKind.Tag;
        this.probe.record(u, s, e, tagged ? r.compStart - 1 : -1, tagged && u[r.compEnd] === 93 ? r.compEnd + 1 : -1, comp, n);
      }
      if ((flags & Flag.Member) === 0) {
        if (ts < this.runMaxTs) {
          flags |= Flag.Backwards;
          f.backwards++;
        } else this.runMaxTs = ts;
      }
      if (ts < this.firstMin) this.firstMin = ts;
      if (ts > this.lastMax) this.lastMax = ts;
      f.levelCounts[level & 15]++;
      f.componentCounts[comp]++;
      this.haveRecord = true;
      this.lastTs = ts;
      this.lastLevel = level;
      this.lastComp = comp;
      this.lastThread = thread;
      this.lastChannel = ch;
    } else if (s + 1 < e && u[s] === 91 && u[s + 1] === 61 && this.sectionMarker(u, s, e, n)) {
      bucket = Bucket.Structural;
      ts = NaN;
    } else {
      const blank = this.isBlank(u, s, e);
      const sk = this.sectionKind;
      if (sk === 'header' || sk === 'table' || (sk === 'other' && !this.haveRecord)) {
        bucket = blank ? Bucket.Blank : Bucket.Structural;
        ts = NaN;
        if (!blank && sk === 'header') this.evidence.headerLine(decodeUnits(u, s, e, this.decoder));
      } else {
        ts = this.lastTs;
        const cont = this.haveRecord && (this.freeContinuation || this.pasted || this.lastChannel !== 0 || sk === 'channel');
        if (blank) bucket = Bucket.Blank;
        else bucket = cont ? Bucket.Continuation : Bucket.Unparsed;
        if (cont) {
          flags |= Flag.Member | (this.lastChannel << Flag.ChannelShift);
          level = this.lastLevel;
          comp = this.lastComp;
          thread = this.lastThread;
        }
      }
    }
    c.ts.data[n] = ts;
    c.lvl.data[n] = level;
    c.comp.data[n] = comp;
    c.thr.data[n] = thread;
    c.flg.data[n] = flags | bucket;
    if (this.resumeAt < 0) {
      if (this.firstRecord < 0) {
        if (bucket === Bucket.Parsed) this.firstRecord = n;
      } else if ((flags & Flag.Member) === 0) this.resumeAt = n;
    }
    f.lines = n + 1;
    switch (bucket) {
      case Bucket.Parsed: f.buckets.parsed++; break;
      case Bucket.Continuation: f.buckets.continuation++; break;
      case Bucket.Structural: f.buckets.structural++; break;
      case Bucket.Blank: f.buckets.blank++; break;
      default: f.buckets.unparsed++;
    }
  }

  /** Lines the file will probably have, from the bytes per line so far (0 before 1 MiB: too early to tell). */
  private expectedLines(n: number, byteOffset: number): number {
    const read = byteOffset - this.startOffset;
    if (read < DETECT_BYTES) return 0;
    return Math.ceil(((this.facts.size - this.startOffset) * n * 1.02) / read) + 4096;
  }

  private recordTime(r: PrefixResult): number {
    if (r.nt4Day < 0) return r.ts;
    // NT4: only the day of month is logged; the month comes from the user and rolls over
    // when the day number drops (31 -> 1).
    const mm = this.nt4Month ?? { y: 1970, m: 1 };
    if (this.nt4LastDay > 0 && r.nt4Day < this.nt4LastDay - 20) {
      mm.m++;
      if (mm.m > 12) {
        mm.m = 1;
        mm.y++;
      }
    }
    this.nt4LastDay = r.nt4Day;
    return r.dayMs(mm.y, mm.m, r.nt4Day) + r.ts;
  }

  private isBlank(u: Units, s: number, e: number): boolean {
    const utf8 = this.unitBytes === 1 && this.facts.encoding === 'utf-8';
    for (let i = s; i < e; i++) {
      const c = u[i];
      if (c === 32 || c === 9) continue;
      if (utf8) {
        // NBSP (C2 A0) and a stray BOM (EF BB BF) are blank too.
        if (c === 0xc2 && u[i + 1] === 0xa0 && i + 1 < e) { i++; continue; }
        if (c === 0xef && u[i + 1] === 0xbb && u[i + 2] === 0xbf && i + 2 < e) { i += 2; continue; }
        return false;
      }
      if (c !== 0xa0 && c !== 0xfeff) return false;
    }
    return true;
  }

  /** A message that is one lower-case word (`removed`, `added`) closing an ETW block. */
  private isLoneWord(u: Units, s: number, e: number): boolean {
    if (s >= e || e - s > 16) return false;
    let i = s;
    for (; i < e; i++) {
      const c = u[i];
      if (c < 97 || c > 122) break;
    }
    if (i === s) return false;
    for (; i < e; i++) if (u[i] !== 32 && u[i] !== 9) return false;
    return true;
  }

  private sectionMarker(u: Units, s: number, e: number, n: number): boolean {
    const text = decodeUnits(u, s, Math.min(e, s + 400), this.decoder);
    const m = RE_SECTION.exec(text);
    if (!m) return false;
    const f = this.facts;
    const last = f.sections[f.sections.length - 1];
    if (last) last.lineCount = n - last.firstLine;
    const kind = sectionKind(m[1]);
    f.sections.push({ name: m[1], kind, firstLine: n, lineCount: 1 });
    this.sectionKind = kind;
    this.haveRecord = false;
    this.lastChannel = 0;
    this.lastTs = NaN;
    this.runMaxTs = -Infinity;
    return true;
  }

  private checkHighLine(u: Units, s: number, e: number, byteOffset: number): void {
    const f = this.facts;
    if (u instanceof Uint8Array) {
      if (f.encoding === 'utf-8') {
        const bad = firstInvalidUtf8(u, s, e);
        if (bad >= 0) {
          const at = byteOffset + (bad - s);
          f.encoding = 'windows-1252';
          f.encodingSource = 'fallback';
          this.decoder = decoderFor('windows-1252');
          f.warnings.push(
            `Bytes that are not valid UTF-8 at byte offset ${at} (line ${this.cols.n}): the file is read as windows-1252; pick another code page on the card if names look wrong.`,
          );
          return;
        }
        const t = countTypographic8(u, s, e);
        if (t) {
          f.pasted.typographic += t;
          this.pasted = true;
        }
      }
    } else {
      const t = countTypographic16(u, s, e);
      if (t) {
        f.pasted.typographic += t;
        this.pasted = true;
      }
    }
  }

  private noteUnknownLevel(u: Units, s: number, e: number): void {
    let w = '';
    for (let i = s; i < e; i++) w += String.fromCharCode(u[i]);
    if (!this.facts.unknownLevels.includes(w) && this.facts.unknownLevels.length < 20) this.facts.unknownLevels.push(w);
  }
}

function oversizedWarning(line: number, byteOffset: number): string {
  return `Line ${line + 1} (byte offset ${byteOffset}) is longer than 1 MB; it is kept and shown cut.`;
}

/** Earliest and latest record time of lines [from, ...) (records only). */
function minMax(ts: Float64Array, flags: Uint8Array, from: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < ts.length; i++) {
    if ((flags[i] & Flag.BucketMask) !== Bucket.Parsed) continue;
    const t = ts[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return { min, max };
}
