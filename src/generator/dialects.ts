// Line grammars per dialect (formats.md Part A) and the "pasted from a viewer/blog" variant.

import type { GenDialect, LevelName } from './model.ts';
import { formatNt4Stamp, formatStamp, hexId } from './clock.ts';

/** Level left-justified in a 4-char field, then two spaces (A.5.2): `INFO  `, `ERR   `. */
const PADDED_LEVEL: Record<LevelName, string> = { INFO: 'INFO  ', WARN: 'WARN  ', ERR: 'ERR   ', DBG: 'DBG   ' };
/** Blogs and docs collapse the padding to one space (S1, R2). */
const COLLAPSED_LEVEL: Record<LevelName, string> = { INFO: 'INFO ', WARN: 'WARN ', ERR: 'ERR ', DBG: 'DBG ' };

export interface FormattedRecord {
  text: string;
  /** Level word as written, null when the line has none. */
  level: LevelName | null;
}

export interface RecordInput {
  pid: number;
  tid: number;
  level: LevelName;
  noLevelWord: boolean;
  /** Wall-clock value of the written timestamp (ms, fields read in UTC). */
  wallMs: number;
  message: string;
}

/** Formats one record line for a dialect; caches the hex of PIDs and TIDs (few distinct values). */
export class RecordFormatter {
  private readonly hex = new Map<number, string>();

  constructor(private readonly dialect: GenDialect, private readonly collapsed: boolean) {}

  private id(n: number, width: number): string {
    const key = n * 16 + width;
    let s = this.hex.get(key);
    if (s === undefined) {
      s = hexId(n, width);
      this.hex.set(key, s);
    }
    return s;
  }

  format(r: RecordInput): FormattedRecord {
    switch (this.dialect) {
      case 'w2016':
      case 'w2008': {
        const lv = (this.collapsed ? COLLAPSED_LEVEL : PADDED_LEVEL)[r.level];
        return { text: `${this.id(r.pid, 8)}.${this.id(r.tid, 8)}::${formatStamp(r.wallMs)} ${lv}${r.message}`, level: r.level };
      }
      case 'w2003': {
        // No DBG in 2003 (KB 813554 shows INFO/WARN/ERR); resource-DLL lines often carry no level.
        const level: LevelName | null = r.noLevelWord ? null : r.level === 'DBG' ? 'INFO' : r.level;
        const lv = level ? `${level} ` : '';
        return { text: `${this.id(r.pid, 8)}.${this.id(r.tid, 8)}::${formatStamp(r.wallMs)} ${lv}${r.message}`, level };
      }
      case 'w2000':
        return { text: `${this.id(r.pid, 0)}.${this.id(r.tid, 0)}::${formatStamp(r.wallMs)} ${r.message}`, level: null };
      case 'nt4':
        return { text: `${this.id(r.tid, 3)}::${formatNt4Stamp(r.wallMs)} ${r.message}`, level: null };
    }
  }
}

/** Typographic quotes as a blog or word processor renders them: ‘opening’ and ’closing’. */
export function curlyQuotes(text: string): string {
  if (!text.includes("'")) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "'") { out += ch; continue; }
    const prev = i > 0 ? text[i - 1] : ' ';
    out += /[\s(=[]/.test(prev) ? '‘' : '’';
  }
  return out;
}

/** S1 renders the session marker with typographic dashes. */
export function typographicLogBegin(text: string): string {
  return text.replace('---+ LOG BEGIN +---', '—————————–+ LOG BEGIN +—————————–');
}

/** A viewer line number (`427 ` or right-aligned ` 41971 `). */
export function viewerNumber(lineNo: number, rightAligned: boolean): string {
  return rightAligned ? `${String(lineNo).padStart(6, ' ')} ` : `${lineNo} `;
}
