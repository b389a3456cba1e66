// The benchmark's synthetic timeline marks: exact counts, valid and ordered columns, deterministic, fast.
import { describe, expect, it } from 'vitest';
import { syntheticMarks } from '../helpers/synthetic-marks.ts';
import { MARK_FAMILIES, POINT_STYLES, Style, TRACKS, type TimelineMarks } from '../../src/timeline/marks.ts';

const STYLES = new Set<number>(Object.values(Style));

function check(m: TimelineMarks, lanes: number): void {
  expect(m.lanes).toHaveLength(lanes);
  for (const col of [m.t0, m.t1, m.row, m.row2, m.style, m.label, m.fileId, m.line, m.family, m.names]) expect(col.length).toBe(m.length);
  for (const r of m.rows) {
    expect(r.lane).toBeGreaterThanOrEqual(0);
    expect(r.lane).toBeLessThan(lanes);
    expect(TRACKS).toContain(r.track);
    if (r.parent >= 0) {
      expect(m.rows[r.parent].lane).toBe(r.lane);
      expect(m.rows[r.parent].parent).toBe(-1);
    }
  }
  expect(m.labels[0]).toBe('');
  // In (row, t0) order, row r's marks at [rowStart[r], rowStart[r+1]).
  expect(m.rowStart.length).toBe(m.rows.length + 1);
  expect(m.rowStart[0]).toBe(0);
  expect(m.rowStart[m.rows.length]).toBe(m.length);
  for (let r = 0; r < m.rows.length; r++) {
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      if (m.row[k] !== r || (k > m.rowStart[r] && m.t0[k] < m.t0[k - 1])) throw new Error(`mark ${k} out of (row, t0) order`);
    }
  }
  let bad = 0;
  for (let i = 0; i < m.length; i++) {
    const ok = m.row[i] < m.rows.length
      && m.row2[i] >= -1 && m.row2[i] < m.rows.length
      && (m.row2[i] < 0 || m.rows[m.row2[i]].lane !== m.rows[m.row[i]].lane)
      && m.t1[i] >= m.t0[i] && m.t0[i] >= m.tMin && m.t1[i] <= m.tMax
      && (!POINT_STYLES.has(m.style[i]) || m.t1[i] === m.t0[i])
      && STYLES.has(m.style[i])
      && m.label[i] < m.labels.length && m.names[i] < m.labels.length
      && m.family[i] < MARK_FAMILIES.length
      && m.fileId[i] === m.rows[m.row[i]].lane + 1 && m.line[i] >= 0;
    if (!ok) bad++;
  }
  expect(bad).toBe(0);
}

describe('syntheticMarks', () => {
  it('makes exactly the marks asked for, on valid rows and lanes, with every track and the styles of a real incident', () => {
    const m = syntheticMarks({ marks: 200_000, lanes: 20, seed: 1 });
    expect(m.length).toBe(200_000);
    check(m, 20);
    const styles = new Set(m.style);
    for (const s of [Style.ViewSpan, Style.ViewChange, Style.NodeDown, Style.JoinOk, Style.Stage, Style.StageSpan, Style.JoinLink, Style.RouteUp, Style.RouteDegraded, Style.RouteDown, Style.HeartbeatMissed, Style.RouteAdded, Style.Owner, Style.MoveFailover, Style.ResOnline, Style.ResPending, Style.ResFailed, Style.Session, Style.Rhs, Style.NoData]) expect(styles.has(s)).toBe(true);
    // Every track a cluster.log gives (capture rows are another input's).
    expect(new Set(m.rows.map((r) => r.track))).toEqual(new Set(TRACKS.filter((t) => t !== 'captures')));
    expect(m.rows.some((r) => r.parent >= 0)).toBe(true);
    // Spread over ~2 hours, mostly points and short spans.
    expect(m.tMax - m.tMin).toBe(2 * 3_600_000);
    let short = 0;
    for (let i = 0; i < m.length; i++) if (m.t1[i] - m.t0[i] < 5_000) short++;
    expect(short / m.length).toBeGreaterThan(0.85);
    // No mark starts inside a node's coverage hole.
    for (let i = 0; i < m.length; i++) {
      const cov = m.lanes[m.rows[m.row[i]].lane].coverage;
      expect(cov.some(([a, b]) => m.t0[i] >= a && m.t0[i] <= b)).toBe(true);
      if (i > 2000) break;
    }
  });

  it('is deterministic for a seed, and differs between seeds', () => {
    const a = syntheticMarks({ marks: 50_000, lanes: 5, seed: 7 });
    const b = syntheticMarks({ marks: 50_000, lanes: 5, seed: 7 });
    const c = syntheticMarks({ marks: 50_000, lanes: 5, seed: 8 });
    expect(b.rows).toEqual(a.rows);
    expect(b.labels).toEqual(a.labels);
    expect(b.lanes).toEqual(a.lanes);
    for (const k of ['rowStart', 't0', 't1', 'row', 'row2', 'style', 'label', 'fileId', 'line', 'family', 'names'] as const) expect(Buffer.from(b[k].buffer).equals(Buffer.from(a[k].buffer))).toBe(true);
    expect(Buffer.from(c.t0.buffer).equals(Buffer.from(a.t0.buffer))).toBe(false);
  });

  it('handles tiny requests and few lanes', () => {
    for (const [marks, lanes] of [[0, 1], [10, 1], [500, 2], [3_000, 3]]) {
      const m = syntheticMarks({ marks, lanes, seed: 3, spanMs: 600_000 });
      expect(m.length).toBe(marks);
      check(m, lanes);
    }
  });

  it('builds 5 M marks (the bench size) with every mark in place', () => {
    const t = performance.now();
    const m = syntheticMarks({ marks: 5_000_000, lanes: 20, seed: 42 });
    const ms = performance.now() - t;
    console.log(`syntheticMarks: 5 M marks, 20 lanes, ${m.rows.length} rows, ${m.labels.length} labels in ${ms.toFixed(0)} ms`);
    expect(m.length).toBe(5_000_000);
  });
});
