// Reading a File in another thread than the one that parses it: a Blob read delivers its
// bytes through the reading thread's event loop, so a shard busy parsing slice k would not
// receive slice k+1 until it is idle. A reader worker per shard keeps READ_AHEAD slices
// in flight and hands them over by transfer.

import { fileSlices } from './file-slices.ts';

export type ToReader =
  /** `file`: a File or a slice of one (the second half of a split); `name` for messages. */
  | { t: 'read'; id: number; gen: number; file: Blob; name: string }
  /** The shard finished parsing a slice: the reader may read one more. */
  | { t: 'ack'; id: number; gen: number }
  | { t: 'cancel'; id: number };

export type FromReader =
  | { t: 'slice'; id: number; gen: number; bytes: ArrayBuffer; last: boolean }
  | { t: 'error'; id: number; gen: number; message: string };

/** Slices read but not yet parsed, per file. */
export const READ_AHEAD = 2;

export class Reader {
  private readonly credit = new Map<number, { n: number; wake: (() => void) | null; gen: number }>();

  constructor(private readonly post: (m: FromReader, transfer?: Transferable[]) => void) {}

  handle(m: ToReader): void {
    if (m.t === 'read') void this.read(m.id, m.gen, m.file, m.name);
    else if (m.t === 'ack') {
      const c = this.credit.get(m.id);
      if (c && c.gen === m.gen) {
        c.n++;
        c.wake?.();
      }
    } else this.credit.delete(m.id);
  }

  private async read(id: number, gen: number, file: Blob, name: string): Promise<void> {
    const c = { n: READ_AHEAD, wake: null as (() => void) | null, gen };
    this.credit.set(id, c);
    try {
      const it = fileSlices(file);
      let next = await it.next();
      if (next.done) {
        const empty = new ArrayBuffer(0);
        this.post({ t: 'slice', id, gen, bytes: empty, last: true }, [empty]);
      }
      while (!next.done) {
        while (c.n <= 0) {
          await new Promise<void>((r) => (c.wake = r));
          c.wake = null;
          if (this.credit.get(id) !== c) return;
        }
        if (this.credit.get(id) !== c) return;
        c.n--;
        const bytes = next.value;
        next = await it.next();
        const buf = bytes.buffer as ArrayBuffer;
        this.post({ t: 'slice', id, gen, bytes: buf, last: !!next.done }, [buf]);
      }
      if (this.credit.get(id) === c) this.credit.delete(id);
    } catch (e) {
      this.post({ t: 'error', id, gen, message: `${name}: the file could not be read (${(e as Error).message}).` });
    }
  }
}
