// Fast byte-level parse of a cluster.log record prefix, shared by every dialect:
//   [viewer line no.] [\[System|Operational|Verbose\] ] PID.TID::YYYY/MM/DD-HH:MM:SS.mmm [LEVEL] [COMP] message
//   TID::DD-HH:MM:SS.mmm message                                   (NT4)
// Works on code units: a Uint8Array for single-byte/UTF-8 text, a Uint16Array for UTF-16.
// No strings are built here; the result goes into a reused scratch object.

import { daysFromCivil, MS_PER_DAY } from '../base/civil.ts';
import { Level } from '../base/levels.ts';
import { Channel } from './types.ts';

export type Units = Uint8Array | Uint16Array;

export const CompKind = { None: 0, Tag: 1, ResourceDll: 2 } as const;

export class PrefixResult {
  pid = -1;
  tid = -1;
  /** Written time, ms since epoch; for NT4 lines only the time of day plus `day` below. */
  ts = 0;
  /** Day of month of an NT4 line, else -1. */
  nt4Day = -1;
  channel: number = Channel.None;
  level: number = Level.None;
  /** Unknown padded level word bounds (when level === Unknown). */
  levelStart = -1;
  levelEnd = -1;
  msgStart = 0;
  viewer = false;
  compKind: number = CompKind.None;
  compStart = -1;
  compEnd = -1;
  // Date cache: parsing YYYY/MM/DD to a day number once per distinct date.
  private dateKey = -1;
  private dateMs = 0;

  dayMs(y: number, m: number, d: number): number {
    const key = y * 10000 + m * 100 + d;
    if (key !== this.dateKey) {
      this.dateKey = key;
      this.dateMs = daysFromCivil(y, m, d) * MS_PER_DAY;
    }
    return this.dateMs;
  }
}

const HEX = new Int8Array(65536).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function d2(u: Units, p: number): number {
  const a = u[p] - 48;
  const b = u[p + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
function d3(u: Units, p: number): number {
  const a = d2(u, p);
  const c = u[p + 2] - 48;
  return a >= 0 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isIdent(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Skips spaces, tabs and NBSP (UTF-8 NBSP is the two bytes C2 A0). */
function skipSpaces(u: Units, p: number, e: number, utf8: boolean): number {
  for (;;) {
    if (p >= e) return p;
    const c = u[p];
    if (c === 32 || c === 9 || (c === 0xa0 && !utf8)) p++;
    else if (utf8 && c === 0xc2 && p + 1 < e && u[p + 1] === 0xa0) p += 2;
    else return p;
  }
}

function matchWord(u: Units, p: number, e: number, w: string): boolean {
  if (p + w.length > e) return false;
  for (let i = 0; i < w.length; i++) if (u[p + i] !== w.charCodeAt(i)) return false;
  return true;
}

/** Reads a channel prefix `[System] `, `[Operational] ` or `[Verbose] ` at p; returns the index after it or -1. */
function channelAt(u: Units, p: number, e: number, r: PrefixResult, utf8: boolean): number {
  let ch: number = Channel.None;
  let q = p + 1;
  if (matchWord(u, q, e, 'System]')) { ch = Channel.System; q += 7; }
  else if (matchWord(u, q, e, 'Operational]')) { ch = Channel.Operational; q += 12; }
  else if (matchWord(u, q, e, 'Verbose]')) { ch = Channel.Verbose; q += 8; }
  else return -1;
  if (q >= e || !isSpace(u[q])) return -1;
  r.channel = ch;
  return skipSpaces(u, q, e, utf8);
}

/**
 * Parses a record prefix of line [s, e). Returns false when the line does not
 * start a record. `utf8` enables the two-byte NBSP of text pasted from web pages.
 */
export function parseRecordPrefix(u: Units, s: number, e: number, r: PrefixResult, utf8: boolean): boolean {
  r.viewer = false;
  r.channel = Channel.None;
  // Fast path: the padded layout of raw 2003+ files, `XXXXXXXX.XXXXXXXX::` at the line start.
  if (s + 42 <= e && u[s + 8] === 46 && u[s + 17] === 58 && u[s + 18] === 58) {
    const pid = hex8(u, s);
    const tid = hex8(u, s + 9);
    if (pid >= 0 && tid >= 0 && parseStamp(u, s + 19, r)) {
      r.pid = pid;
      r.tid = tid;
      r.nt4Day = -1;
      const p = s + 42;
      if (p < e && !isSpace(u[p])) return false;
      parseLevelAndComponent(u, p, e, r, utf8);
      return true;
    }
  }
  let p = s;
  let c = u[p];
  // Viewer line-number prefix (TextAnalysisTool, Notepad++, blogs): digits then blanks.
  if (c === 32 || c === 9 || isDigit(c) || c === 0xa0 || (utf8 && c === 0xc2)) {
    let q = skipSpaces(u, p, e, utf8);
    const d0 = q;
    while (q < e && isDigit(u[q])) q++;
    if (q > d0 && q < e && isSpace(u[q])) {
      p = skipSpaces(u, q, e, utf8);
      r.viewer = true;
    }
  }
  if (p < e && u[p] === 91) {
    p = channelAt(u, p, e, r, utf8);
    if (p < 0) return false;
  }
  // PID (or the NT4 TID): 1-8 hex digits.
  let v = 0;
  const h0 = p;
  while (p < e && p - h0 < 9) {
    const x = HEX[u[p]];
    if (x < 0) break;
    v = v * 16 + x;
    p++;
  }
  const hexLen = p - h0;
  if (hexLen === 0 || hexLen > 8 || p >= e) return false;
  c = u[p];
  if (c === 46) {
    // PID.TID::YYYY/MM/DD-HH:MM:SS.mmm
    r.pid = v;
    p++;
    let t = 0;
    const t0 = p;
    while (p < e && p - t0 < 9) {
      const x = HEX[u[p]];
      if (x < 0) break;
      t = t * 16 + x;
      p++;
    }
    if (p === t0 || p - t0 > 8) return false;
    r.tid = t;
    if (p + 25 > e || u[p] !== 58 || u[p + 1] !== 58) return false;
    p += 2;
    if (!parseStamp(u, p, r)) return false;
    r.nt4Day = -1;
    p += 23;
  } else if (c === 58 && p + 1 < e && u[p + 1] === 58) {
    // NT4: TID::DD-HH:MM:SS.mmm
    r.pid = -1;
    r.tid = v;
    p += 2;
    if (p + 15 > e) return false;
    if (u[p + 2] !== 45 || u[p + 5] !== 58 || u[p + 8] !== 58 || u[p + 11] !== 46) return false;
    const d = d2(u, p);
    const hh = d2(u, p + 3);
    const mi = d2(u, p + 6);
    const ss = d2(u, p + 9);
    const ms = d3(u, p + 12);
    if (d < 1 || d > 31 || hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60 || ms < 0) return false;
    r.nt4Day = d;
    r.ts = hh * 3_600_000 + mi * 60_000 + ss * 1000 + ms;
    p += 15;
  } else {
    return false;
  }
  if (p < e && !isSpace(u[p])) return false;
  parseLevelAndComponent(u, p, e, r, utf8);
  return true;
}

/** Eight hex digits at p as a number, or -1. */
function hex8(u: Units, p: number): number {
  const a = HEX[u[p]], b = HEX[u[p + 1]], c = HEX[u[p + 2]], d = HEX[u[p + 3]];
  const e = HEX[u[p + 4]], f = HEX[u[p + 5]], g = HEX[u[p + 6]], h = HEX[u[p + 7]];
  if ((a | b | c | d | e | f | g | h) < 0) return -1;
  return ((((a * 16 + b) * 16 + c) * 16 + d) * 65536) + (((e * 16 + f) * 16 + g) * 16 + h);
}

/** `YYYY/MM/DD-HH:MM:SS.mmm` at p into r.ts (ms as written); false when it is not one. */
function parseStamp(u: Units, p: number, r: PrefixResult): boolean {
  if (u[p + 4] !== 47 || u[p + 7] !== 47 || u[p + 10] !== 45 || u[p + 13] !== 58 || u[p + 16] !== 58 || u[p + 19] !== 46) return false;
  const y1 = d2(u, p);
  const y2 = d2(u, p + 2);
  const mo = d2(u, p + 5);
  const d = d2(u, p + 8);
  const hh = d2(u, p + 11);
  const mi = d2(u, p + 14);
  const ss = d2(u, p + 17);
  const ms = d3(u, p + 20);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60 || ms < 0) return false;
  r.ts = r.dayMs(y1 * 100 + y2, mo, d) + hh * 3_600_000 + mi * 60_000 + ss * 1000 + ms;
  return true;
}

function parseLevelAndComponent(u: Units, p: number, e: number, r: PrefixResult, utf8: boolean): void {
  const l = skipSpaces(u, p, e, utf8);
  let level: number = Level.None;
  let after = l;
  const c0 = l < e ? u[l] : 0;
  if (c0 === 73 && matchWord(u, l, e, 'INFO')) { level = Level.INFO; after = l + 4; }
  else if (c0 === 87 && matchWord(u, l, e, 'WARN')) { level = Level.WARN; after = l + 4; }
  else if (c0 === 69 && matchWord(u, l, e, 'ERR')) { level = Level.ERR; after = l + 3; }
  else if (c0 === 68 && matchWord(u, l, e, 'DBG')) { level = Level.DBG; after = l + 3; }
  else if (c0 === 67 && matchWord(u, l, e, 'CRIT')) { level = Level.CRIT; after = l + 4; }
  if (level !== Level.None && after < e && !isSpace(u[after])) {
    level = Level.None; // "ERROR..." or "INFORMATION" are words of the message, not a level
    after = l;
  }
  r.levelStart = r.levelEnd = -1;
  if (level === Level.None && isUpper(c0)) {
    // An unknown level word only counts in the padded layout: 3-4 capitals then blanks up to a 6-wide field.
    let q = l;
    while (q < e && isUpper(u[q])) q++;
    const w = q - l;
    if (w >= 3 && w <= 4 && q + (6 - w) <= e) {
      let pad = true;
      for (let i = q; i < l + 6; i++) if (u[i] !== 32) pad = false;
      if (pad) {
        level = Level.Unknown;
        r.levelStart = l;
        r.levelEnd = q;
        after = q;
      }
    }
  }
  r.level = level;
  const m = skipSpaces(u, after, e, utf8);
  r.msgStart = m;
  r.compKind = CompKind.None;
  r.compStart = r.compEnd = -1;
  if (m >= e) return;
  if (u[m] === 91) {
    // [COMP], [COMP]:, [COMP sub args], [COMP][Sub]
    let q = m + 1;
    if (q < e && ((u[q] >= 65 && u[q] <= 90) || (u[q] >= 97 && u[q] <= 122))) {
      while (q < e && isIdent(u[q])) q++;
      if (q < e && (u[q] === 93 || u[q] === 32)) {
        r.compKind = CompKind.Tag;
        r.compStart = m + 1;
        r.compEnd = q;
      }
    }
    return;
  }
  // No leading tag: a function prefix before the tag (`rcm::RcmResource::OnlineWorker[RCM] ...`)
  // or a resource-DLL line `Type <Name>: text` (2000/2003).
  const lim = Math.min(e, m + 96);
  const first = u[m];
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
  for (let q = m + 1; q < lim; q++) {
    const c = u[q];
    if (c === 91) {
      if (!isIdent(u[q - 1]) || q + 1 >= e || !isUpper(u[q + 1])) return;
      let z = q + 1;
      while (z < e && isIdent(u[z])) z++;
      if (z < e && u[z] === 93) {
        r.compKind = CompKind.Tag;
        r.compStart = q + 1;
        r.compEnd = z;
      }
      return;
    }
    if (c === 60) {
      if (!letter || u[q - 1] !== 32) return;
      for (let z = q + 1; z < lim; z++) {
        const cz = u[z];
        if (cz === 62) {
          if (z + 1 < e && u[z + 1] === 58) r.compKind = CompKind.ResourceDll;
          return;
        }
        if (cz === 60 || cz === 91) return;
      }
      return;
    }
    if (c === 93) return;
  }
}
