// The accessible list of the visible, unaggregated marks: what a screen reader can read of the
// canvas, and what the browser tests read to know what is drawn.

import { memo } from 'react';
import type { TimelineMarks } from '../../timeline/marks.ts';
import { MARK_FAMILIES, POINT_STYLES } from '../../timeline/marks.ts';
import { STYLE_NAMES } from './palette.ts';
import { xOf, type View } from './view-coords.ts';
import { visibleRange } from './visible-range.ts';
import { ROW_H, type RowLayout } from './rows.ts';

/** The list is capped (a screen reader cannot use more). */
const LIST_CAP = 400;

/** The accessible list of the visible, unaggregated marks (capped); tests read what is drawn from it. */
export const MarkList = memo(function MarkList({ marks, rows, endMax, mask, view }: { marks: TimelineMarks; rows: RowLayout; endMax: Float64Array; mask: Uint8Array | null; view: View | null }) {
  const visible = view ? visibleMarks(marks, rows, endMax, mask, view) : [];
  // Items are keyed by mark index, which means nothing across two sets of marks: a new set gets
  // a new list instead of every old item's 14 attributes rewritten (400 items: thousands of
  // attribute writes in one commit when a dropped set replaced the demo).
  return (
      <ul key={setIdOf(marks)} className="sr-only sr-offscreen" data-testid="timeline-marks" aria-label="Visible timeline marks">
        {visible.map((k) => (
          <li
            key={k}
            data-node={marks.lanes[marks.rows[marks.row[k]].lane]?.node}
            data-track={marks.rows[marks.row[k]].track}
            data-row={marks.rows[marks.row[k]].label}
            data-parent={marks.rows[marks.row[k]].parent >= 0 ? marks.rows[marks.rows[marks.row[k]].parent].label : undefined}
            data-to-node={marks.row2[k] >= 0 ? marks.lanes[marks.rows[marks.row2[k]].lane]?.node : undefined}
            data-kind={STYLE_NAMES[marks.style[k]]}
            data-family={MARK_FAMILIES[marks.family[k]]}
            data-point={POINT_STYLES.has(marks.style[k]) ? 'true' : 'false'}
            data-t0={marks.t0[k]}
            data-t1={marks.t1[k]}
            data-x={Math.round(xOf(view!, marks.t0[k]))}
            data-y={Math.round(rows.y[marks.row[k]] + ROW_H / 2)}
            data-file-id={marks.fileId[k]}
            data-line={marks.line[k]}
          >
            {marks.labels[marks.label[k]]}
          </li>
        ))}
      </ul>
  );
});

/** A number per set of marks, for keys that must change with the set. */
const setIds = new WeakMap<TimelineMarks, number>();
let nextSetId = 0;
function setIdOf(m: TimelineMarks): number {
  let id = setIds.get(m);
  if (id === undefined) setIds.set(m, (id = ++nextSetId));
  return id;
}

/** The visible, unaggregated marks (those on shown rows, in the domain, passing the filters), capped. */
function visibleMarks(m: TimelineMarks, rows: RowLayout, endMax: Float64Array, mask: Uint8Array | null, v: View): number[] {
  const out: number[] = [];
  // Every drawn row, top to bottom: the rows of a collapsed track are drawn on its one line too.
  const shown: number[] = [];
  for (let r = 0; r < rows.y.length; r++) if (rows.y[r] >= 0) shown.push(r);
  shown.sort((a, b) => rows.y[a] - rows.y[b] || a - b);
  for (const r of shown) {
    const [k0, k1] = visibleRange(m, endMax, r, v);
    for (let k = k0; k < k1 && out.length < LIST_CAP; k++) if ((!mask || mask[k] === 1) && m.t1[k] >= v.t0) out.push(k);
    if (out.length >= LIST_CAP) break;
  }
  return out;
}
