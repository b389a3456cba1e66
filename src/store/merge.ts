// k-way merge of time-ordered runs into one order of all lines of all files.
// A run is a file, or one section of a 2016+ file. Lines inside a run are never
// reordered: multi-line entries and context stay intact, and a line whose time goes
// backwards is emitted where its run has it (it is flagged, not moved).

export interface MergeRun {
  file: number;
  start: number;
  end: number;
}

export interface MergeFile {
  /** Written times (NaN before the first record of a run). */
  ts: Float64Array;
  /** Milliseconds added to a written time to get UTC. */
  shift: number;
  /** Lines of this file hidden from the merge (duplicates of another file of the same node), or null. */
  hidden?: Uint8Array | null;
}

export interface MergedOrder {
  length: number;
  file: Uint16Array;
  line: Uint32Array;
}

/**
 * Merge runs by UTC key; ties go to the lower file number, then to run order.
 * Leading lines of a run without a time (section markers) take the run's first time;
 * runs without any time (object tables) sort first.
 */
export function mergeRuns(files: MergeFile[], runs: MergeRun[]): MergedOrder {
  let total = 0;
  for (const r of runs) total += r.end - r.start;
  const outFile = new Uint16Array(total);
  const outLine = new Uint32Array(total);
  const k = runs.length;
  // Per run: cursor and the key that lines without a time inherit.
  const cur = new Int32Array(k);
  const carry = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const r = runs[i];
    cur[i] = r.start;
    const f = files[r.file];
    let first = -Infinity;
    for (let j = r.start; j < r.end; j++) {
      const t = f.ts[j];
      if (t === t) {
        first = t + f.shift;
        break;
      }
    }
    carry[i] = first;
  }
  const keyOf = (i: number): number => {
    const r = runs[i];
    const f = files[r.file];
    const t = f.ts[cur[i]];
    if (t === t) return t + f.shift;
    return carry[i];
  };
  // Binary heap of run indices ordered by (key, file, run index).
  const heap = new Int32Array(k);
  const hkey = new Float64Array(k);
  let hn = 0;
  const less = (a: number, b: number): boolean => {
    const ka = hkey[a];
    const kb = hkey[b];
    if (ka !== kb) return ka < kb;
    const fa = runs[heap[a]].file;
    const fb = runs[heap[b]].file;
    if (fa !== fb) return fa < fb;
    return heap[a] < heap[b];
  };
  const swap = (a: number, b: number) => {
    const t = heap[a]; heap[a] = heap[b]; heap[b] = t;
    const x = hkey[a]; hkey[a] = hkey[b]; hkey[b] = x;
  };
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) break;
      swap(i, p);
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= hn) break;
      let m = l;
      if (l + 1 < hn && less(l + 1, l)) m = l + 1;
      if (!less(m, i)) break;
      swap(m, i);
      i = m;
    }
  };
  for (let i = 0; i < k; i++) {
    if (runs[i].start < runs[i].end) {
      heap[hn] = i;
      hkey[hn] = keyOf(i);
      up(hn++);
    }
  }
  let o = 0;
  while (hn > 0) {
    const ri = heap[0];
    const r = runs[ri];
    const f = files[r.file];
    const hidden = f.hidden;
    // Emit from the best run while it stays ahead of the runner-up (no heap work per line).
    let bestOther = Infinity;
    let otherFile = 0x7fffffff;
    let otherRun = 0x7fffffff;
    if (hn > 1) {
      let c = 1;
      if (hn > 2 && less(2, 1)) c = 2;
      bestOther = hkey[c];
      otherFile = runs[heap[c]].file;
      otherRun = heap[c];
    }
    for (;;) {
      const line = cur[ri];
      if (!hidden || hidden[line] === 0) {
        outFile[o] = r.file;
        outLine[o] = line;
        o++;
      }
      const next = line + 1;
      cur[ri] = next;
      if (next >= r.end) {
        heap[0] = heap[--hn];
        hkey[0] = hkey[hn];
        down(0);
        break;
      }
      const t = f.ts[next];
      const key = t === t ? t + f.shift : carry[ri];
      if (key < bestOther || (key === bestOther && (r.file < otherFile || (r.file === otherFile && ri < otherRun)))) continue;
      hkey[0] = key;
      down(0);
      break;
    }
  }
  return { length: o, file: outFile, line: outLine };
}
