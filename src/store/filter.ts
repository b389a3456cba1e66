// Turning the merged order into the rows of the raw-log view: file selection,
// collapsed multi-line entries, minimum severity, components, time range, and
// "only matching lines" with N lines of context across nodes.

import { severityOf } from '../base/levels.ts';
import { Flag } from '../ingest/types.ts';
import type { MergedOrder } from './merge.ts';

export interface FilterFile {
  ts: Float64Array;
  level: Uint8Array;
  comp: Uint16Array;
  flags: Uint8Array;
  length: number;
  shift: number;
  /** Shown at all (node/file selection). */
  selected: boolean;
  /** Per local component id: shown. null = all components. */
  compAllowed: Uint8Array | null;
  /** Hit flag per line (search), or null. */
  hits: Uint8Array | null;
  /** Heads (line numbers) of expanded entries. */
  expanded: Set<number>;
}

export interface FilterSpec {
  minLevel: number;
  from: number | null;
  to: number | null;
  onlyHits: boolean;
  context: number;
  expandAll: boolean;
}

export { severityOf } from '../base/levels.ts';

export interface ViewOrder {
  /** Positions into the merged order. */
  pos: Uint32Array;
  length: number;
  /** Row indices (into pos) that are search hits, ascending. */
  hitRows: Uint32Array;
}

/** Rows of a view that are search hits (used when hits arrive without changing the rows). */
export function hitRowsOf(view: ViewOrder, order: MergedOrder, files: { hits: Uint8Array | null }[]): Uint32Array {
  const out: number[] = [];
  const pos = view.pos;
  for (let r = 0; r < view.length; r++) {
    const p = pos[r];
    const h = files[order.file[p]].hits;
    if (h !== null && h[order.line[p]] === 1) out.push(r);
  }
  return Uint32Array.from(out);
}

/** Is line `line` of a file the head of an entry with members below it? */
export function hasMembers(f: { flags: Uint8Array; length: number }, line: number): boolean {
  return line + 1 < f.length && (f.flags[line + 1] & Flag.Member) !== 0 && (f.flags[line] & Flag.Member) === 0;
}

export function buildView(order: MergedOrder, files: FilterFile[], spec: FilterSpec): ViewOrder {
  const n = order.length;
  const out = new Uint32Array(n);
  const isHit = new Uint8Array(spec.onlyHits ? n : 0);
  const hitRowsTmp: number[] = [];
  const headOpen = new Uint8Array(files.length).fill(1);
  const from = spec.from ?? -Infinity;
  const to = spec.to ?? Infinity;
  const timeFilter = spec.from !== null || spec.to !== null;
  let m = 0;
  // Pass 1: the base sequence (selection + collapse); with onlyHits, every base row is kept
  // for now and the hits that pass the filters are marked.
  for (let p = 0; p < n; p++) {
    const fi = order.file[p];
    const f = files[fi];
    if (!f.selected) continue;
    const line = order.line[p];
    const fl = f.flags[line];
    if ((fl & Flag.Member) !== 0) {
      if (!spec.expandAll && headOpen[fi] === 0) continue;
    } else if (!spec.expandAll) {
      headOpen[fi] = hasMembers(f, line) && f.expanded.has(line) ? 1 : 0;
    }
    let ok = severityOf(f.level[line]) >= spec.minLevel;
    if (ok && f.compAllowed !== null) ok = f.compAllowed[f.comp[line]] === 1;
    if (ok && timeFilter) {
      const t = f.ts[line];
      const k = t + f.shift;
      ok = t === t && k >= from && k <= to;
    }
    const hit = f.hits !== null && f.hits[line] === 1;
    if (spec.onlyHits) {
      out[m] = p;
      isHit[m] = ok && hit ? 1 : 0;
      m++;
    } else if (ok) {
      if (hit) hitRowsTmp.push(m);
      out[m++] = p;
    }
  }
  if (!spec.onlyHits) return { pos: out, length: m, hitRows: Uint32Array.from(hitRowsTmp) };
  // Pass 2: keep hits that pass the filters, plus `context` rows of the base sequence around each.
  const c = Math.max(0, spec.context | 0);
  const res = new Uint32Array(m);
  let r = 0;
  // Row j is kept if a hit lies in [j - c, j + c].
  let nextHit = 0;
  const hitIdx: number[] = [];
  for (let j = 0; j < m; j++) if (isHit[j]) hitIdx.push(j);
  for (let j = 0; j < m; j++) {
    while (nextHit < hitIdx.length && hitIdx[nextHit] < j - c) nextHit++;
    const near = nextHit < hitIdx.length && hitIdx[nextHit] <= j + c;
    if (near) {
      if (isHit[j]) hitRowsTmp.push(r);
      res[r++] = out[j];
    }
  }
  return { pos: res, length: r, hitRows: Uint32Array.from(hitRowsTmp) };
}
