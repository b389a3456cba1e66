// The decisions taken once per file from its first MiB: encoding (BOM or sniffed, or the
// user's), whether it is text at all, and the dialect. They are a plain value (StreamHead),
// so that a second indexer can start in the middle of the same file with the same decisions.

import { DIALECTS } from '../formats/dialects.ts';
import { sniffBinary, sniffEncoding } from '../formats/encoding.ts';
import { detectDialect } from './detect.ts';
import type { PrefixResult, Units } from './prefix.ts';
import type { DialectId, FileFacts, IndexOptions } from './types.ts';

export type ByteEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface StreamHead {
  /** How the bytes are cut into code units. */
  encoding: ByteEncoding;
  bomLength: number;
  dialect: DialectId;
  pasted: boolean;
  /** The facts the head decided (copied into an indexer that starts mid-file). */
  facts: Pick<FileFacts, 'encoding' | 'encodingSource' | 'bom' | 'dialect' | 'dialectSource' | 'dialectEvidence' | 'warnings'>;
}

/** Encoding and binary check; null (with the error in facts) when the bytes are no text log. */
export function decideEncoding(all: Uint8Array, opts: IndexOptions, f: FileFacts): { encoding: ByteEncoding; bomLength: number } | null {
  if (all.length === 0) {
    f.errors.push(`${f.name}: the file is empty (0 bytes).`);
    f.status = 'error';
    return null;
  }
  const enc = sniffEncoding(all);
  const binary = sniffBinary(all, enc.encoding);
  if (binary) {
    f.errors.push(`${f.name}: this is not a text log: it looks like ${binary}.`);
    f.status = 'error';
    return null;
  }
  f.encoding = enc.encoding;
  f.encodingSource = enc.source;
  f.bom = enc.bomLength > 0;
  if (opts.encoding && opts.encoding !== enc.encoding) {
    if (enc.encoding === 'utf-8' && !/^utf-16/i.test(opts.encoding)) {
      f.encoding = opts.encoding;
      f.encodingSource = 'user';
    } else {
      f.warnings.push(`Encoding '${opts.encoding}' cannot be applied: the file's bytes are ${enc.encoding}${enc.bomLength ? ' (byte-order mark)' : ''}.`);
    }
  }
  return { encoding: enc.encoding, bomLength: enc.bomLength };
}

/** The dialect, from the structure of the first lines (or the user's choice). */
export function decideDialect(units: Units, r: PrefixResult, opts: IndexOptions, f: FileFacts): { dialect: DialectId; pasted: boolean } {
  const guess = detectDialect(units, r, units instanceof Uint8Array);
  let dialect: DialectId;
  if (opts.dialect && opts.dialect !== 'unknown') {
    dialect = opts.dialect;
    f.dialectSource = 'user';
    f.dialectEvidence = `Chosen by the user (detected: ${DIALECTS[guess.dialect].label}).`;
  } else {
    dialect = guess.dialect;
    f.dialectEvidence = guess.evidence;
  }
  f.dialect = dialect;
  return { dialect, pasted: guess.pasted };
}
