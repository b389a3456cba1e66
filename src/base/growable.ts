// Append-only typed-array columns that grow geometrically, so indexing
// millions of lines never builds a JS array or an object per line.

type TypedArrayCtor<T> = { new (length: number): T; BYTES_PER_ELEMENT: number };
type NumericArray = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array;

export class Growable<T extends NumericArray> {
  data: T;
  length = 0;
  private readonly ctor: TypedArrayCtor<T>;

  constructor(ctor: TypedArrayCtor<T>, capacity = 1024) {
    this.ctor = ctor;
    this.data = new ctor(Math.max(16, capacity));
  }

  /** Make room for `extra` more values. Call before a burst of `set` writes. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.data.length) return;
    let cap = this.data.length;
    while (cap < need) cap = Math.ceil(cap * 1.5) + 16;
    const next = new this.ctor(cap);
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }

  /** Append a whole array (same element type). */
  append(values: T): void {
    this.reserve(values.length);
    this.data.set(values as never, this.length);
    this.length += values.length;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }

  /** A right-sized copy of values [from, to). */
  slice(from = 0, to = this.length): T {
    return this.data.slice(from, to) as T;
  }

  /** A view (no copy) of the values written so far. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/** Binary search: first index i in [lo, hi) with arr[i] > value (arr sorted ascending). */
export function upperBound(arr: ArrayLike<number>, value: number, lo = 0, hi = arr.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Binary search: first index i in [lo, hi) with arr[i] >= value. */
export function lowerBound(arr: ArrayLike<number>, value: number, lo = 0, hi = arr.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
