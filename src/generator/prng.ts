// Seeded PRNG (sfc32, seeded through splitmix32) so that the same options and seed give byte-identical logs.
// Every consumer derives its own stream from (seed, salt...) so that adding output in one place
// does not shift the random choices made elsewhere.

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Float in [min, max). */
  range(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Random hex string of `digits` lowercase digits. */
  hex(digits: number): string;
  /** A GUID-shaped string (8-4-4-4-12). */
  guid(): string;
}

function hashString(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

/** A random stream for `seed`, made independent of other streams by the salt values. */
export function rngFor(seed: number, ...salt: Array<string | number>): Rng {
  let h = (seed >>> 0) ^ 0x2545f491;
  for (const s of salt) h = hashString(String(s) + '\u0001', h);
  const init = splitmix32(h);
  let a = init(), b = init(), c = init(), d = init();
  const next32 = (): number => {
    // sfc32
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  const next = (): number => next32() / 4294967296;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    hex: (digits) => {
      let s = '';
      while (s.length < digits) s += next32().toString(16).padStart(8, '0');
      return s.slice(0, digits);
    },
    guid: () => `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
  };
  return rng;
}
