// Text decoders by WHATWG label, with one repair: Node's TextDecoder('windows-1252')
// decodes bytes 0x80-0x9F as latin1 control characters (nodejs/node#56542), while
// browsers follow the WHATWG table. The CLI shares this code, so windows-1252 goes
// through the table when the native decoder gets it wrong.

export interface Decoder {
  decode(bytes: Uint8Array): string;
}

// WHATWG windows-1252 for 0x80-0x9F (undefined bytes map to the C1 code point, as browsers do).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

class Cp1252Decoder implements Decoder {
  private readonly table = new Uint16Array(256);
  constructor() {
    for (let i = 0; i < 256; i++) this.table[i] = i >= 0x80 && i < 0xa0 ? CP1252_HIGH[i - 0x80] : i;
  }
  decode(bytes: Uint8Array): string {
    const out = new Uint16Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) out[i] = this.table[bytes[i]];
    let s = '';
    for (let i = 0; i < out.length; i += 8192) s += String.fromCharCode.apply(null, out.subarray(i, i + 8192) as unknown as number[]);
    return s;
  }
}

const cache = new Map<string, Decoder>();

export function decoderFor(encoding: string): Decoder {
  let d = cache.get(encoding);
  if (!d) {
    const native = new TextDecoder(encoding);
    if (native.encoding === 'windows-1252' && native.decode(Uint8Array.of(0x92)) !== '\u2019') d = new Cp1252Decoder();
    else d = native;
    cache.set(encoding, d);
  }
  return d;
}
