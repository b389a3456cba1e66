// The six per-line columns a FileIndexer writes, kept apart from the parsing so that the
// growth rule (all columns in step, one check per line) lives in one place.

import { Growable } from '../base/growable.ts';
import type { LineColumns } from './types.ts';

export class LineColumnsBuilder {
  readonly off = new Growable(Float64Array, 4096);
  readonly ts = new Growable(Float64Array, 4096);
  readonly lvl = new Growable(Uint8Array, 4096);
  readonly comp = new Growable(Uint16Array, 4096);
  readonly thr = new Growable(Uint32Array, 4096);
  readonly flg = new Growable(Uint8Array, 4096);
  /** Lines written. */
  n = 0;

  /**
   * Makes room for line `n` (the one being written, not yet counted); call when n reaches the
   * capacity. `expected` is how many lines the whole file probably has: growing to it at once
   * saves the copies (and the zeroing) of growing by halves, 10 % of an index's time.
   */
  grow(n: number, expected = 0): void {
    // Growable copies its first `length` values when it grows: bring them in step with n first.
    this.off.length = this.ts.length = this.lvl.length = this.comp.length = this.thr.length = this.flg.length = n;
    const extra = Math.max(4096, n, expected - n);
    this.off.reserve(extra);
    this.ts.reserve(extra);
    this.lvl.reserve(extra);
    this.comp.reserve(extra);
    this.thr.reserve(extra);
    this.flg.reserve(extra);
  }

  /** Views of lines [0, n) (valid until the next write). */
  view(): LineColumns {
    const n = this.n;
    return {
      length: n,
      offset: this.off.data.subarray(0, n),
      ts: this.ts.data.subarray(0, n),
      level: this.lvl.data.subarray(0, n),
      comp: this.comp.data.subarray(0, n),
      thread: this.thr.data.subarray(0, n),
      flags: this.flg.data.subarray(0, n),
    };
  }

  /** Lines [from, n) as right-sized copies (for transfer to another thread). */
  segment(from: number): LineColumns {
    const n = this.n;
    return {
      length: n - from,
      offset: this.off.data.slice(from, n),
      ts: this.ts.data.slice(from, n),
      level: this.lvl.data.slice(from, n),
      comp: this.comp.data.slice(from, n),
      thread: this.thr.data.slice(from, n),
      flags: this.flg.data.slice(from, n),
    };
  }
}
