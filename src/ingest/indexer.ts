// Streaming indexer of one cluster.log file: feed it the file's bytes in slices
// (any size, in order), get typed-array columns with one entry per physical line
// and the file's facts. Bytes are scanned once; text is decoded only for the few
// lines that need it (headers, channel events, node evidence).

import { decoderFor, type Decoder } from '../base/decoders.ts';
import { Growable } from '../base/growable.ts';
import { Level } from '../base/levels.ts';
import { DIALECTS } from '../formats/dialects.ts';
import { sniffBinary, sniffEncoding } from '../formats/encoding.ts';
import { applyHeaderLine, RE_LOCAL_TIME_IS, type HeaderFacts } from '../formats/header-lines.ts';
import { RE_LOCAL_NODE_NAME, RE_STARTUP_LOCAL_ID, RE_STARTUP_NODE } from '../formats/node-evidence.ts';
import { RE_SECTION, sectionKind } from '../formats/sections.ts';
import { severityFromText } from '../formats/severity.ts';
import { detectDialect, type DialectGuess } from './detect.ts';
import { finalizeFacts } from './facts.ts';
import { CompKind, parseRecordPrefix, PrefixResult, type Units } from './prefix.ts';
import { Bucket, Channel, emptyFacts, Flag, type DialectId, type FileFacts, type IndexOptions, type LineColumns, type RecordProbe, type SectionKind, type ThreadTable } from './types.ts';
import { countTypographic16, countTypographic8, firstInvalidUtf8 } from './utf8.ts';

/** Lines longer than this are kept and counted but flagged, and shown cut. */
export const MAX_LINE_BYTES = 1 << 20;
/** Bytes gathered before the encoding and the dialect are decided. */
const DETECT_BYTES = 1 << 20;

export interface IndexerOutput {
  facts: FileFacts;
  columns: LineColumns;
  threads: ThreadTable;
}

/** Decoded text of units [s, e) for the rare lines whose text the indexer needs. */
function decodeUnits(u: Units, s: number, e: number, decoder: Decoder | null): string {
  if (u instanceof Uint16Array) {
    let out = '';
    for (let i = s; i < e; i += 4096) out += String.fromCharCode.apply(null, u.subarray(i, Math.min(e, i + 4096)) as unknown as number[]);
    return out;
  }
  return (decoder ?? decoderFor('utf-8')).decode(u.subarray(s, e));
}

export class FileIndexer {
  readonly facts: FileFacts;
  private readonly opts: IndexOptions;
  /** Sees every record line that does not continue an entry (set before the first push). */
  probe: RecordProbe | null = null;

  // Columns.
  private readonly off = new Growable(Float64Array, 4096);
  private readonly ts = new Growable(Float64Array, 4096);
  private readonly lvl = new Growable(Uint8Array, 4096);
  private readonly comp = new Growable(Uint16Array, 4096);
  private readonly thr = new Growable(Uint32Array, 4096);
  private readonly flg = new Growable(Uint8Array, 4096);
  private n = 0;

  // Interning.
  private readonly compIds = new Map<string, number>();
  private readonly compByHash = new Map<number, number[]>();
  private readonly compCacheHash = new Int32Array(256).fill(0x7fffffff);
  private readonly compCacheId = new Int32Array(256);
  /** pid -> (tid -> thread id); Smi keys keep lookups allocation-free. */
  private readonly threadIds = new Map<number, Map<number, number>>();
  private lastPid = -2;
  private lastTid = -2;
  private lastThreadId = 0;
  private readonly thrCachePid = new Float64Array(1024).fill(-2);
  private readonly thrCacheTid = new Float64Array(1024).fill(-2);
  private readonly thrCacheId = new Int32Array(1024);
  private readonly threads: ThreadTable = { pid: [-1], tid: [-1] };
  private resId = -1;

  // Byte stream state.
  private head: Uint8Array[] | null = [];
  private headBytes = 0;
  private consumed = 0;
  private encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  private unitBytes = 1;
  private decoder: Decoder | null = null;
  private carry: Units | null = null;
  private carryLen = 0;
  private carryOffset = 0;
  private carryHigh = false;
  private carryOversized = false;
  private oddByte = -1;
  private pendingCR = false;
  private dead = false;
  private lastEol: 'crlf' | 'lf' | 'cr' | 'none' = 'none';

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
  /** Component id of [NM], whose `Local node name =` line names the log's own node. */
  private nmCompId = -1;
  private nodeInFile: string | null = null;
  private startupLocalId: number | null = null;
  private readonly startupNodes = new Map<number, string>();
  private readonly header: HeaderFacts = {};
  private localTimeOffsets: number[] = [];
  private nt4Month: { y: number; m: number } | null = null;
  private nt4LastDay = -1;
  private oversizedLines = 0;
  private firstMin = Infinity;
  private lastMax = -Infinity;
  private guess: DialectGuess | null = null;

  constructor(size: number, opts: IndexOptions = {}) {
    this.opts = opts;
    const name = opts.name ?? 'cluster.log';
    this.facts = emptyFacts(name, opts.path ?? name, size);
    this.facts.month = opts.month ?? null;
    if (opts.month) {
      const m = /^(\d{4})-(\d{2})$/.exec(opts.month);
      if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) this.nt4Month = { y: Number(m[1]), m: Number(m[2]) };
      else this.facts.warnings.push(`Month '${opts.month}' is not of the form YYYY-MM; it is ignored.`);
    }
  }

  /** Lines indexed so far. */
  get lineCount(): number {
    return this.n;
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
    return this.off.data.subarray(0, this.n);
  }

  /** Thread ids indexed so far (a view: valid until the next push). */
  threadsView(): { thread: Uint32Array; table: ThreadTable } {
    return { thread: this.thr.data.subarray(0, this.n), table: this.threads };
  }

  /** Views of the line columns indexed so far (valid until the next push): what event extraction reads. */
  columnsView(): { count: number; comp: Uint16Array; flags: Uint8Array; thread: Uint32Array; pids: readonly number[] } {
    return { count: this.n, comp: this.comp.data.subarray(0, this.n), flags: this.flg.data.subarray(0, this.n), thread: this.thr.data.subarray(0, this.n), pids: this.threads.pid };
  }

  /** Byte offset where line i ends (line ending included), for lines already indexed. */
  lineEnd(i: number): number {
    if (i + 1 < this.n) return this.off.data[i + 1];
    return this.carry ? this.carryOffset : this.consumed;
  }

  /** Columns of lines [from, lineCount) as right-sized copies (for transfer to another thread). */
  segment(from: number): LineColumns {
    return {
      length: this.n - from,
      offset: this.off.data.slice(from, this.n),
      ts: this.ts.data.slice(from, this.n),
      level: this.lvl.data.slice(from, this.n),
      comp: this.comp.data.slice(from, this.n),
      thread: this.thr.data.slice(from, this.n),
      flags: this.flg.data.slice(from, this.n),
    };
  }

  private output(): IndexerOutput {
    finalizeFacts(this.facts, {
      opts: this.opts,
      header: this.header,
      nodeInFile: this.nodeInFile,
      startupName: this.startupLocalId !== null ? this.startupNodes.get(this.startupLocalId) ?? null : null,
      localTimeOffsets: this.localTimeOffsets,
      firstMin: this.firstMin,
      lastMax: this.lastMax,
      lastEol: this.lastEol,
      oddByte: this.oddByte >= 0,
    });
    return {
      facts: this.facts,
      columns: {
        length: this.n,
        offset: this.off.data.subarray(0, this.n),
        ts: this.ts.data.subarray(0, this.n),
        level: this.lvl.data.subarray(0, this.n),
        comp: this.comp.data.subarray(0, this.n),
        thread: this.thr.data.subarray(0, this.n),
        flags: this.flg.data.subarray(0, this.n),
      },
      threads: this.threads,
    };
  }

  // ---- Start-up: encoding, binary check, dialect ------------------------------------------

  private startFromHead(final: boolean): void {
    const parts = this.head ?? [];
    this.head = null;
    let all = parts.length === 1 ? parts[0] : new Uint8Array(this.headBytes);
    if (parts.length > 1) {
      let o = 0;
      for (const p of parts) {
        all.set(p, o);
        o += p.length;
      }
    }
    if (parts.length === 0) all = new Uint8Array(0);
    const f = this.facts;
    if (all.length === 0) {
      f.errors.push(`${f.name}: the file is empty (0 bytes).`);
      f.status = 'error';
      this.dead = true;
      return;
    }
    const enc = sniffEncoding(all);
    const binary = sniffBinary(all, enc.encoding);
    if (binary) {
      f.errors.push(`${f.name}: this is not a text log: it looks like ${binary}.`);
      f.status = 'error';
      this.dead = true;
      return;
    }
    this.encoding = enc.encoding;
    f.encoding = enc.encoding;
    f.encodingSource = enc.source;
    f.bom = enc.bomLength > 0;
    this.unitBytes = enc.encoding === 'utf-8' ? 1 : 2;
    if (this.opts.encoding && this.opts.encoding !== enc.encoding) {
      if (this.unitBytes === 1 && !/^utf-16/i.test(this.opts.encoding)) {
        f.encoding = this.opts.encoding;
        f.encodingSource = 'user';
      } else {
        f.warnings.push(`Encoding '${this.opts.encoding}' cannot be applied: the file's bytes are ${enc.encoding}${enc.bomLength ? ' (byte-order mark)' : ''}.`);
      }
    }
    if (this.unitBytes === 1) this.decoder = decoderFor(f.encoding);
    // Decide the dialect from the structure of the first lines.
    const body = all.subarray(enc.bomLength);
    this.consumed = enc.bomLength;
    const units = this.toUnits(body, enc.bomLength);
    this.guess = detectDialect(units.u, this.r, this.unitBytes === 1);
    if (this.opts.dialect && this.opts.dialect !== 'unknown') {
      this.dialect = this.opts.dialect;
      f.dialectSource = 'user';
      f.dialectEvidence = `Chosen by the user (detected: ${DIALECTS[this.guess.dialect].label}).`;
    } else {
      this.dialect = this.guess.dialect;
      f.dialectEvidence = this.guess.evidence;
    }
    f.dialect = this.dialect;
    this.freeContinuation = DIALECTS[this.dialect].freeContinuation;
    this.pasted = this.guess.pasted;
    if (this.dialect === 'nt4' && !this.nt4Month) f.status = 'needs-month';
    this.processUnits(units.u, units.base, final);
  }

  /** Byte slice -> code units, handling an odd byte left over from the previous UTF-16 slice. */
  private toUnits(bytes: Uint8Array, fileOffset: number): { u: Units; base: number } {
    if (this.unitBytes === 1) return { u: bytes, base: fileOffset };
    let src = bytes;
    let base = fileOffset;
    if (this.oddByte >= 0) {
      src = new Uint8Array(bytes.length + 1);
      src[0] = this.oddByte;
      src.set(bytes, 1);
      base -= 1;
      this.oddByte = -1;
    }
    const even = src.length & ~1;
    if (even < src.length) this.oddByte = src[even];
    if (this.encoding === 'utf-16le' && (src.byteOffset & 1) === 0) {
      return { u: new Uint16Array(src.buffer, src.byteOffset, even >> 1), base };
    }
    const u = new Uint16Array(even >> 1);
    if (this.encoding === 'utf-16le') for (let i = 0, j = 0; i < even; i += 2, j++) u[j] = src[i] | (src[i + 1] << 8);
    else for (let i = 0, j = 0; i < even; i += 2, j++) u[j] = (src[i] << 8) | src[i + 1];
    return { u, base };
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    const { u, base } = this.toUnits(chunk, this.consumed);
    this.processUnits(u, base, final);
  }

  // ---- Line splitting --------------------------------------------------------------------

  /**
   * Splits units into lines. Lines end at CRLF, LF or a lone CR; the partial line at the
   * end of a slice is carried into the next one (copied, it is short).
   * `base` is the file byte offset of u[0].
   */
  private processUnits(u: Units, base: number, final: boolean): void {
    const ub = this.unitBytes;
    const len = u.length;
    let start = 0;
    this.consumed = base + len * ub + (this.oddByte >= 0 ? 1 : 0);
    if (this.pendingCR) {
      this.pendingCR = false;
      if (len > 0 && u[0] === 10) {
        // The CR that ended the previous slice was the first half of a CRLF.
        this.facts.lineEndings.cr--;
        this.facts.lineEndings.crlf++;
        this.lastEol = 'crlf';
        start = 1;
      }
    }
    if (this.carry) {
      const end = this.findEnd(u, start);
      if (end < 0) {
        this.appendCarry(u, start, len);
        if (final) this.flushCarry();
        return;
      }
      this.appendCarry(u, start, end);
      const line = this.carry;
      const lineLen = this.carryLen;
      const oversized = this.carryOversized;
      const off = this.carryOffset;
      this.carry = null;
      this.carryLen = 0;
      this.carryOversized = false;
      this.line(line, 0, lineLen, off, this.carryHigh || this.scanHigh(line, 0, lineLen), oversized);
      start = this.afterEol(u, end, len);
    }
    if (ub === 1) this.scan8(u as Uint8Array, start, base);
    else this.scan16(u as Uint16Array, start, base);
    if (final) this.flushCarry();
  }

  private scanHigh(u: Units, s: number, e: number): boolean {
    for (let i = s; i < e; i++) if (u[i] >= 0x80) return true;
    return false;
  }

  /** Index of the first CR or LF at or after `from`, or -1. */
  private findEnd(u: Units, from: number): number {
    for (let i = from; i < u.length; i++) {
      const c = u[i];
      if (c === 10 || c === 13) return i;
    }
    return -1;
  }

  /** Records the line ending at `i` and returns where the next line starts. */
  private afterEol(u: Units, i: number, len: number): number {
    const le = this.facts.lineEndings;
    if (u[i] === 10) {
      le.lf++;
      this.lastEol = 'lf';
      return i + 1;
    }
    if (i + 1 < len) {
      if (u[i + 1] === 10) {
        le.crlf++;
        this.lastEol = 'crlf';
        return i + 2;
      }
      le.cr++;
      this.lastEol = 'cr';
      return i + 1;
    }
    // CR at the very end of the slice: decide CR vs CRLF when the next slice arrives.
    le.cr++;
    this.lastEol = 'cr';
    this.pendingCR = true;
    return i + 1;
  }

  private appendCarry(u: Units, s: number, e: number): void {
    const n = e - s;
    if (!this.carry) {
      this.carry = this.unitBytes === 1 ? new Uint8Array(Math.max(256, n * 2)) : new Uint16Array(Math.max(256, n * 2));
      this.carryLen = 0;
      this.carryHigh = false;
    }
    const keep = Math.min(n, (MAX_LINE_BYTES >> (this.unitBytes - 1)) - this.carryLen);
    if (keep < n) this.carryOversized = true;
    if (keep <= 0) return;
    if (this.carryLen + keep > this.carry.length) {
      const next = this.unitBytes === 1 ? new Uint8Array((this.carryLen + keep) * 2) : new Uint16Array((this.carryLen + keep) * 2);
      next.set(this.carry.subarray(0, this.carryLen) as never);
      this.carry = next;
    }
    this.carry.set(u.subarray(s, s + keep) as never, this.carryLen);
    this.carryLen += keep;
  }

  private flushCarry(): void {
    if (!this.carry) return;
    const line = this.carry;
    const n = this.carryLen;
    this.carry = null;
    this.carryLen = 0;
    this.facts.lineEndings.none++;
    this.lastEol = 'none';
    this.line(line, 0, n, this.carryOffset, this.scanHigh(line, 0, n), this.carryOversized);
    this.carryOversized = false;
  }

  private startCarry(u: Units, s: number, base: number): void {
    this.carryOffset = base + s * this.unitBytes;
    this.appendCarry(u, s, u.length);
  }

  /**
   * Single pass over 1-byte units, 4 bytes at a time: a word with no byte below 14 and
   * none above 127 holds neither a line ending nor text that needs UTF-8 validation.
   * (About as fast as Uint8Array.indexOf(10), and it also finds lone CRs and non-ASCII.)
   */
  private scan8(u: Uint8Array, start: number, base: number): void {
    const len = u.length;
    let ls = start;
    let high = false;
    const aligned = Math.min(len, start + ((4 - ((u.byteOffset + start) & 3)) & 3));
    for (let k = start; k < aligned; k++) {
      if (k < ls) continue;
      const c = u[k];
      if (((c - 14) & 0xff) < 114) continue;
      if (c === 10 || c === 13) {
        this.line(u, ls, k, base + ls, high, false);
        high = false;
        ls = this.afterEol(u, k, len);
        k = ls - 1;
      } else if (c >= 128) high = true;
    }
    const nWords = (len - aligned) >> 2;
    if (nWords > 0) {
      const words = new Uint32Array(u.buffer, u.byteOffset + aligned, nWords);
      for (let w = 0; w < nWords; w++) {
        const x = words[w];
        if ((((x - 0x0e0e0e0e) | x) & 0x80808080) === 0) continue;
        const k0 = aligned + (w << 2);
        for (let k = k0; k < k0 + 4; k++) {
          if (k < ls) continue; // the LF of a CRLF that started in the previous word
          const c = u[k];
          if (((c - 14) & 0xff) < 114) continue;
          if (c === 10 || c === 13) {
            this.line(u, ls, k, base + ls, high, false);
            high = false;
            ls = this.afterEol(u, k, len);
            k = ls - 1;
          } else if (c >= 128) high = true;
        }
      }
    }
    for (let k = aligned + (nWords << 2); k < len; k++) {
      if (k < ls) continue;
      const c = u[k];
      if (((c - 14) & 0xff) < 114) continue;
      if (c === 10 || c === 13) {
        this.line(u, ls, k, base + ls, high, false);
        high = false;
        ls = this.afterEol(u, k, len);
        k = ls - 1;
      } else if (c >= 128) high = true;
    }
    if (ls < len) {
      this.startCarry(u, ls, base);
      this.carryHigh = high;
    }
  }

  /** Like scan8 for UTF-16 code units, two units (one 32-bit word) at a time. */
  private scan16(u: Uint16Array, start: number, base: number): void {
    const len = u.length;
    let ls = start;
    let high = false;
    const aligned = Math.min(len, start + (((u.byteOffset >> 1) + start) & 1));
    const nWords = (len - aligned) >> 1;
    const words = nWords > 0 ? new Uint32Array(u.buffer, u.byteOffset + aligned * 2, nWords) : null;
    const wordEnd = aligned + (nWords << 1);
    let k = start;
    while (k < len) {
      if (words !== null && k >= aligned && k < wordEnd && ((k - aligned) & 1) === 0) {
        // A word whose two units are both in [14, 127] holds no line ending and no non-ASCII.
        const x = words[(k - aligned) >> 1];
        if ((((x - 0x000e000e) & 0x80008000) | (x & 0xff80ff80)) === 0) {
          k += 2;
          continue;
        }
      }
      const c = u[k];
      if (((c - 14) & 0xffff) >= 114) {
        if (c === 10 || c === 13) {
          this.line(u, ls, k, base + ls * 2, high, false);
          high = false;
          ls = this.afterEol(u, k, len);
          k = ls;
          continue;
        }
        if (c >= 128) high = true;
      }
      k++;
    }
    if (ls < len) {
      this.startCarry(u, ls, base);
      this.carryHigh = high;
    }
  }

  // ---- One physical line -----------------------------------------------------------------

  private line(u: Units, s: number, e: number, byteOffset: number, high: boolean, carriedOversized: boolean): void {
    const n = this.n++;
    if (n >= this.off.data.length) this.grow();
    this.off.data[n] = byteOffset;
    const f = this.facts;
    let flags = 0;
    const utf8 = this.unitBytes === 1;
    if (carriedOversized || (e - s) * this.unitBytes > MAX_LINE_BYTES) {
      flags |= Flag.Oversized;
      if (this.oversizedLines++ === 0) {
        f.warnings.push(`Line ${n + 1} (byte offset ${byteOffset}) is longer than 1 MB; it is kept and shown cut.`);
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
      thread = this.internThread(r.pid, r.tid);
      level = r.level;
      if (level === Level.Unknown) this.noteUnknownLevel(u, r.levelStart, r.levelEnd);
      if (r.compKind === CompKind.Tag) comp = this.internComp(u, r.compStart, r.compEnd);
      else if (r.compKind === CompKind.ResourceDll) comp = this.resCompId();
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
      if (m0 === 60 || m0 === 76 || comp === this.nmCompId) this.inFileEvidence(u, r.msgStart, e, m0, ts);
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
        if (!blank && sk === 'header') applyHeaderLine(decodeUnits(u, s, e, this.decoder), this.header);
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
    this.ts.data[n] = ts;
    this.lvl.data[n] = level;
    this.comp.data[n] = comp;
    this.thr.data[n] = thread;
    this.flg.data[n] = flags | bucket;
    f.lines = n + 1;
    switch (bucket) {
      case Bucket.Parsed: f.buckets.parsed++; break;
      case Bucket.Continuation: f.buckets.continuation++; break;
      case Bucket.Structural: f.buckets.structural++; break;
      case Bucket.Blank: f.buckets.blank++; break;
      default: f.buckets.unparsed++;
    }
  }

  private grow(): void {
    // Growable copies its first `length` values when it grows: bring them in step with n first.
    // (n is the line being written, not yet counted as written.)
    const written = this.n - 1;
    this.off.length = this.ts.length = this.lvl.length = this.comp.length = this.thr.length = this.flg.length = written;
    const extra = Math.max(4096, written);
    this.off.reserve(extra);
    this.ts.reserve(extra);
    this.lvl.reserve(extra);
    this.comp.reserve(extra);
    this.thr.reserve(extra);
    this.flg.reserve(extra);
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
            `Bytes that are not valid UTF-8 at byte offset ${at} (line ${this.n}): the file is read as windows-1252; pick another code page on the card if names look wrong.`,
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

  // ---- Interning -------------------------------------------------------------------------

  private internComp(u: Units, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ u[i], 0x01000193);
    const names = this.facts.components;
    // Direct-mapped cache in front of the Map: a few dozen components cover nearly every line.
    const slot = (h ^ (h >>> 16)) & 255;
    if (this.compCacheHash[slot] === h) {
      const id = this.compCacheId[slot];
      const name = names[id];
      if (name.length === e - s) {
        let same = true;
        for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) !== u[s + i]) { same = false; break; }
        if (same) return id;
      }
    }
    const id = this.internCompSlow(u, s, e, h);
    this.compCacheHash[slot] = h;
    this.compCacheId[slot] = id;
    return id;
  }

  private internCompSlow(u: Units, s: number, e: number, h: number): number {
    const list = this.compByHash.get(h);
    const names = this.facts.components;
    if (list) {
      for (const id of list) {
        const name = names[id];
        if (name.length !== e - s) continue;
        let same = true;
        for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) !== u[s + i]) { same = false; break; }
        if (same) return id;
      }
    }
    let name = '';
    for (let i = s; i < e; i++) name += String.fromCharCode(u[i]);
    const id = this.addComp(name);
    if (list) list.push(id);
    else this.compByHash.set(h, [id]);
    return id;
  }

  private addComp(name: string): number {
    const known = this.compIds.get(name);
    if (known !== undefined) return known;
    const names = this.facts.components;
    if (names.length >= 65535) return 0;
    const id = names.length;
    names.push(name);
    this.facts.componentCounts.push(0);
    this.compIds.set(name, id);
    if (name === 'NM') this.nmCompId = id;
    return id;
  }

  /** Resource-DLL lines of 2000/2003 (`Physical Disk <Disk D:>: ...`) file under RES, like the 2008+ [RES] tag. */
  private resCompId(): number {
    if (this.resId < 0) this.resId = this.addComp('RES');
    return this.resId;
  }

  private internThread(pid: number, tid: number): number {
    if (pid === this.lastPid && tid === this.lastTid) return this.lastThreadId;
    // Direct-mapped cache in front of the Maps (threads repeat, interleaved).
    const slot = (Math.imul(pid, 0x9e3779b1) ^ tid) & 1023;
    if (this.thrCachePid[slot] === pid && this.thrCacheTid[slot] === tid) {
      const cached = this.thrCacheId[slot];
      this.lastPid = pid;
      this.lastTid = tid;
      this.lastThreadId = cached;
      return cached;
    }
    const id = this.internThreadSlow(pid, tid);
    this.thrCachePid[slot] = pid;
    this.thrCacheTid[slot] = tid;
    this.thrCacheId[slot] = id;
    return id;
  }

  private internThreadSlow(pid: number, tid: number): number {
    let byTid = this.threadIds.get(pid);
    if (!byTid) {
      byTid = new Map();
      this.threadIds.set(pid, byTid);
    }
    let id = byTid.get(tid);
    if (id === undefined) {
      id = this.threads.pid.length;
      this.threads.pid.push(pid);
      this.threads.tid.push(tid);
      byTid.set(tid, id);
    }
    this.lastPid = pid;
    this.lastTid = tid;
    this.lastThreadId = id;
    return id;
  }

  private noteUnknownLevel(u: Units, s: number, e: number): void {
    let w = '';
    for (let i = s; i < e; i++) w += String.fromCharCode(u[i]);
    if (!this.facts.unknownLevels.includes(w) && this.facts.unknownLevels.length < 20) this.facts.unknownLevels.push(w);
  }

  // ---- Evidence in the text --------------------------------------------------------------

  private inFileEvidence(u: Units, s: number, e: number, m0: number, ts: number): void {
    if (m0 === 76) {
      // 'L': WS2003 `Local Time is ...` gives local minus GMT.
      if (this.localTimeOffsets.length < 50 && u[s + 1] === 111 && u[s + 6] === 84) {
        const m = RE_LOCAL_TIME_IS.exec(decodeUnits(u, s, Math.min(e, s + 64), this.decoder));
        if (m) {
          const local = this.r.dayMs(+m[1], +m[2], +m[3]) + +m[4] * 3_600_000 + +m[5] * 60_000 + +m[6] * 1000 + +m[7];
          this.localTimeOffsets.push(Math.round((local - ts) / 900_000) * 15);
        }
      }
      return;
    }
    if (m0 === 60 && u[s + 1] !== 83 && u[s + 1] !== 78) return; // only <StartupConfig and <Node
    if (this.nodeInFile !== null && m0 !== 60) return;
    const text = decodeUnits(u, Math.max(0, s - 8), Math.min(e, s + 400), this.decoder);
    if (m0 === 60) {
      if (this.startupLocalId === null) {
        const m = RE_STARTUP_LOCAL_ID.exec(text);
        if (m) this.startupLocalId = Number(m[1]);
      }
      const n = RE_STARTUP_NODE.exec(text);
      if (n && !this.startupNodes.has(Number(n[2]))) this.startupNodes.set(Number(n[2]), n[1]);
      return;
    }
    const m = RE_LOCAL_NODE_NAME.exec(text);
    if (m) this.nodeInFile = m[1];
  }
}
