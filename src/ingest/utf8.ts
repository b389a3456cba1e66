// UTF-8 validation for the few lines that hold bytes >= 0x80 (most cluster.log
// text is ASCII, so validating only those lines costs nothing measurable).

/** Index of the first byte of an invalid sequence in [s, e), or -1 when valid. */
export function firstInvalidUtf8(u: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e) {
    const c = u[i];
    if (c < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= e) return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const b = u[i + k];
      if ((b & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Counts typographic characters that betray text copied from a web page or a viewer. */
export function countTypographic8(u: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let i = s; i + 2 < e; i++) {
    if (u[i] === 0xe2 && u[i + 1] === 0x80) {
      const b = u[i + 2];
      // ‒ – — ‘ ’ “ ” …
      if (b === 0x92 || b === 0x93 || b === 0x94 || b === 0x98 || b === 0x99 || b === 0x9c || b === 0x9d || b === 0xa6) n++;
    }
  }
  return n;
}

export function countTypographic16(u: Uint16Array, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = u[i];
    if (c === 0x2012 || c === 0x2013 || c === 0x2014 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x2026) n++;
  }
  return n;
}
