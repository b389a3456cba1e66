// Where each CSV record starts, in bytes: the same quoting rules as papaparse (a quote opens a
// field only at its start; inside one, a doubled quote is a quote and a quote followed by the
// delimiter, the line break or the end closes it; line breaks inside quotes are data), run over
// the file's bytes so that a capture keeps its records as the file's own bytes (text is decoded
// only when shown or searched). Quoted spans are crossed with the native indexOf. Streaming:
// state carries over from one slice to the next. For single-byte and UTF-8 text only (the
// bytes of the delimiter, the quote and the line break are never part of another character).

import { Growable } from '../base/growable.ts';

const QUOTE = 34;
const CR = 13;
const LF = 10;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: a second quote (escaped), or the end of the field. */
  QuoteSeen,
}

export class CsvRecordScanner {
  /** Byte offsets of the records found so far (each complete record's start). */
  readonly starts = new Growable(Float64Array, 4096);
  private state = State.FieldStart;
  private recordStart: number;
  /** A CR ended the last slice (its LF may start the next). */
  private pendingCr = false;
  private pos: number;

  /** `newline`: the file's line break; `base`: the byte offset of the first record (the header). */
  constructor(private readonly delimiter: number, private readonly newline: '\r\n' | '\n' | '\r', base: number) {
    this.pos = base;
    this.recordStart = base;
  }

  /** Where the record being read starts (the end of the last complete one). */
  get pendingStart(): number {
    return this.recordStart;
  }

  /** The next slice's bytes (they follow the last ones). */
  push(b: Uint8Array): void {
    const n = b.length;
    const base = this.pos;
    let i = 0;
    const d = this.delimiter;
    const crlf = this.newline === '\r\n';
    const lfOnly = this.newline === '\n';
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && b[0] === LF) {
        this.end(base + 1);
        i = 1;
      } else this.state = State.Unquoted; // a lone CR is data in a CRLF file
    }
    while (i < n) {
      switch (this.state) {
        case State.Quoted: {
          const q = b.indexOf(QUOTE, i);
          if (q < 0) {
            i = n;
            break;
          }
          // The common case first: `","` closes this field and opens the next, quoted.
          if (q + 2 < n && b[q + 1] === d && b[q + 2] === QUOTE) {
            i = q + 3;
            break;
          }
          i = q + 1;
          this.state = State.QuoteSeen;
          break;
        }
        case State.QuoteSeen: {
          if (b[i] === QUOTE) {
            this.state = State.Quoted;
            i++;
          } else {
            const next = this.fieldEnd(b, i, n, base, d, crlf, lfOnly);
            // Not a closing quote: papaparse looks on for one.
            if (next < 0) this.state = State.Quoted;
            else i = next;
          }
          break;
        }
        default: {
          if (this.state === State.FieldStart && b[i] === QUOTE) {
            this.state = State.Quoted;
            i++;
          } else {
            const next = this.fieldEnd(b, i, n, base, d, crlf, lfOnly);
            if (next < 0) {
              this.state = State.Unquoted;
              i++;
            } else i = next;
          }
        }
      }
    }
    this.pos = base + n;
  }

  /** At the end of the input: the last record, when it has no line break after it. */
  finish(): void {
    if (this.pendingCr) {
      this.pendingCr = false;
      if (this.newline === '\r\n') this.state = State.Unquoted;
    }
    if (this.pos > this.recordStart) this.starts.push(this.recordStart);
    this.recordStart = this.pos;
  }

  /** At b[i], a delimiter (the next field) or a line break (the next record): where to go on; -1 for neither. */
  private fieldEnd(b: Uint8Array, i: number, n: number, base: number, d: number, crlf: boolean, lfOnly: boolean): number {
    if (b[i] === d) {
      this.state = State.FieldStart;
      return i + 1;
    }
    return this.isBreak(b, i, n, crlf, lfOnly) ? this.afterBreak(b, i, n, base, crlf) : -1;
  }

  /** Whether a line break starts at b[i] (a CRLF file's CR, even when its LF is in the next slice). */
  private isBreak(b: Uint8Array, i: number, n: number, crlf: boolean, lfOnly: boolean): boolean {
    const c = b[i];
    if (lfOnly) return c === LF;
    if (!crlf) return c === CR;
    return c === CR && (i + 1 >= n || b[i + 1] === LF);
  }

  private afterBreak(b: Uint8Array, i: number, n: number, base: number, crlf: boolean): number {
    if (crlf) {
      if (i + 1 >= n) {
        this.pendingCr = true;
        return n;
      }
      this.end(base + i + 2);
      return i + 2;
    }
    this.end(base + i + 1);
    return i + 1;
  }

  private end(next: number): void {
    this.starts.push(this.recordStart);
    this.recordStart = next;
    this.state = State.FieldStart;
  }
}
