// Where a record's message begins in its decoded text: after the channel tag, PID.TID, time and
// level (which the raw view shows in their own columns). Runs the indexer's own prefix parser
// over the string's UTF-16 code units, so the answer is a string index; only for shown lines.

import { parseRecordPrefix, PrefixResult } from './prefix.ts';

const scratch = new PrefixResult();
let units = new Uint16Array(256);

/** The message's start in `text` (a string index); -1 when `text` does not start a record. */
export function messageStart(text: string): number {
  const n = Math.min(text.length, 512);
  if (units.length < n) units = new Uint16Array(n * 2);
  for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  if (!parseRecordPrefix(units, 0, n, scratch, false)) return -1;
  return Math.min(scratch.msgStart, text.length);
}
