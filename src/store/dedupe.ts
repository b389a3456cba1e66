// Re-collected logs of one node overlap: a line of a later file with the same UTC time and
// the same bytes as a line of an earlier file is the same line, shown once.

export interface DedupeSide {
  /** Content hash per line. */
  hashes: Uint32Array;
  /** Merge key per line (UTC ms, -Infinity for lines without a time). */
  keyAt(line: number): number;
  /** Lines already hidden (they cannot stand for a line of the other file). */
  hidden: Uint8Array | null;
}

/**
 * Marks in `hidden` the lines of `later` that repeat a line of `earlier` (same key and hash),
 * each line of `earlier` standing for at most one line of `later`. Returns how many.
 */
export function markDuplicates(earlier: DedupeSide, later: DedupeSide, hidden: Uint8Array): number {
  const seen = new Map<number, number[]>();
  for (let k = 0; k < earlier.hashes.length; k++) {
    if (earlier.hidden && earlier.hidden[k]) continue;
    const list = seen.get(earlier.hashes[k]);
    if (list) list.push(earlier.keyAt(k));
    else seen.set(earlier.hashes[k], [earlier.keyAt(k)]);
  }
  let n = 0;
  for (let k = 0; k < later.hashes.length; k++) {
    if (hidden[k]) continue;
    const list = seen.get(later.hashes[k]);
    if (!list) continue;
    const at = list.indexOf(later.keyAt(k));
    if (at < 0) continue;
    list[at] = list[list.length - 1];
    list.pop();
    hidden[k] = 1;
    n++;
  }
  return n;
}
