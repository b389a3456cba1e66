// Vertical layout of the timeline: lanes in node order, tracks in a fixed order inside each
// lane, rows sorted by label inside a track. Pure arithmetic over the marks' row table.

import { TRACKS, type TimelineMarks } from '../../timeline/marks.ts';

export const LANE_HEAD = 18;
export const ROW_H = 14;

export interface RowLayout {
  /** y of each row of `marks.rows` (top edge), -1 when hidden. */
  y: Float64Array;
  /** y of each lane's header, and the lane's bottom. */
  lanes: Array<{ node: string; y: number; bottom: number }>;
  /** Rows in drawing order with their y (for labels). */
  order: Array<{ row: number; y: number; label: string; track: string; first: boolean }>;
  height: number;
}

export function layoutRows(m: TimelineMarks): RowLayout {
  const y = new Float64Array(m.rows.length).fill(-1);
  const lanes: RowLayout['lanes'] = [];
  const order: RowLayout['order'] = [];
  const byLane = m.lanes.map(() => [] as number[]);
  m.rows.forEach((r, i) => byLane[r.lane]?.push(i));
  let top = 0;
  m.lanes.forEach((lane, L) => {
    const start = top;
    top += LANE_HEAD;
    const rows = byLane[L].sort((a, b) => TRACKS.indexOf(m.rows[a].track) - TRACKS.indexOf(m.rows[b].track) || m.rows[a].label.localeCompare(m.rows[b].label));
    let prevTrack = '';
    for (const r of rows) {
      y[r] = top;
      order.push({ row: r, y: top, label: m.rows[r].label, track: m.rows[r].track, first: m.rows[r].track !== prevTrack });
      prevTrack = m.rows[r].track;
      top += ROW_H;
    }
    top += 4;
    lanes.push({ node: lane.node, y: start, bottom: top });
  });
  return { y, lanes, order, height: top };
}
