// The painter and the row layout on marks built by hand: what is drawn where, that dense rows
// are aggregated per pixel (the severe style wins), that only visible rows and marks are looked
// at, and that collapsing, hiding and expanding move rows as the user expects.
import { describe, expect, it } from 'vitest';
import { MarksBuilder, Style, type TimelineMarks } from '../../src/timeline/marks.ts';
import { paint } from '../../src/views/timeline/painter.ts';
import type { PaintInput } from '../../src/views/timeline/paint-input.ts';
import { hitTest, marksNear } from '../../src/views/timeline/hit-test.ts';
import { DENSITY_COLORS, STYLE_COLORS } from '../../src/views/timeline/palette.ts';
import { STYLE_PRIORITY } from '../../src/views/timeline/style-rules.ts';
import { endMaxOf, visibleRange } from '../../src/views/timeline/visible-range.ts';
import { seededRandom } from '../helpers/random.ts';
import { DENSITY_H, layoutRows, ROW_H, type LayoutOptions } from '../../src/views/timeline/rows.ts';

/** A stand-in 2D context that records the rectangles it is asked to fill, with their colour. */
function recorder() {
  const rects: Array<{ x: number; y: number; w: number; h: number; color: string }> = [];
  let fill = '';
  const ctx = {
    set fillStyle(v: string) { fill = v; },
    get fillStyle() { return fill; },
    strokeStyle: '', lineWidth: 1, font: '',
    setTransform() {}, clearRect() {}, beginPath() {}, moveTo() {}, lineTo() {}, arc() {}, stroke() {}, fill() {}, rect() {}, setLineDash() {}, strokeRect() {}, fillText() {},
    fillRect(x: number, y: number, w: number, h: number) { rects.push({ x, y, w, h, color: fill }); },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, rects };
}

const NO_UI: LayoutOptions = { laneOrder: [], hiddenLanes: [], collapsedLanes: [], hiddenTracks: ['density'], collapsedTracks: [], expandedGroups: [], filteredOut: new Set() };

function build(fill: (b: MarksBuilder) => void, nodes = ['N1', 'N2']): TimelineMarks {
  const b = new MarksBuilder();
  fill(b);
  return b.build(nodes.map((node) => ({ node, coverage: [[0, 100_000]] })));
}

function input(m: TimelineMarks, opts: Partial<LayoutOptions> = {}, width = 1000): PaintInput {
  const rows = layoutRows(m, { ...NO_UI, ...opts });
  return {
    marks: m, rows, view: { t0: 0, t1: 100_000, width }, scrollTop: 0, height: rows.height, mask: null, endMax: endMaxOf(m),
    density: null, cursor: null, hoverT: null, focusRow: -1, focusMark: -1, selection: null, dpr: 1,
  };
}

describe('timeline painter', () => {
  it('aggregates a dense row into runs of one colour per pixel, the severe style winning', () => {
    const m = build((b) => {
      const r = b.rowOf(0, 'network', 'a → b');
      // 200 000 up-points over the whole range, one down-point in the middle.
      for (let i = 0; i < 200_000; i++) b.add(r, Style.HeartbeatMissed, i / 2, i / 2, 'hb', null, -1, 'network');
      b.add(r, Style.RouteDown, 50_000, 50_000, 'down', null, -1, 'network');
    });
    const p = input(m);
    const { ctx, rects } = recorder();
    const stats = paint(ctx, p);
    const y = p.rows.y[0];
    // The row's middle band: two runs of missed heartbeats around one pixel of route down, not
    // 200 000 rectangles; the points (heartbeats) also reach one pixel higher and lower.
    const band = rects.filter((r) => r.y === y + 2);
    expect(band.filter((r) => r.color === STYLE_COLORS[Style.HeartbeatMissed]).length).toBe(2);
    const down = band.filter((r) => r.color === STYLE_COLORS[Style.RouteDown]);
    expect(down).toHaveLength(1);
    expect(down[0].x).toBe(500);
    const edges = rects.filter((r) => r.y === y + 1 || r.y === y + ROW_H - 2);
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((r) => r.color === STYLE_COLORS[Style.HeartbeatMissed] && r.h === 1)).toBe(true);
    // Marks looked at: bounded by the pixels (a few per pixel), not by the marks.
    expect(stats.visited).toBeLessThan(1000 * 10);
  });

  it('aggregates exactly: a failure buried among hundreds of marks in one pixel shows', () => {
    const m = build((b) => {
      const r = b.rowOf(0, 'network', 'a → b');
      // 1000 px over 100 s: 100 ms a pixel. Pixel 300 holds 200 heartbeats and, among them, a
      // route-down and a degraded span reaching 20 pixels further.
      for (let i = 0; i < 200_000; i++) b.add(r, Style.HeartbeatMissed, i / 2, i / 2, 'hb', null, -1, 'network');
      b.add(r, Style.RouteDown, 30_050, 30_050, 'down', null, -1, 'network');
      b.add(r, Style.RouteDegraded, 30_060, 32_000, 'degraded', null, -1, 'network');
    });
    const p = input(m);
    const { ctx, rects } = recorder();
    const stats = paint(ctx, p);
    const band = rects.filter((r) => r.y === p.rows.y[0] + 2);
    const at = (x: number) => band.find((r) => x >= r.x && x < r.x + r.w)?.color;
    expect(at(300)).toBe(STYLE_COLORS[Style.RouteDown]);
    // Missed heartbeats (7) outrank degraded (6): the pixels after it keep their heartbeats.
    expect(at(301)).toBe(STYLE_COLORS[Style.HeartbeatMissed]);
    expect(at(999)).toBe(STYLE_COLORS[Style.HeartbeatMissed]);
    // Blocks that change nothing are stepped over: far fewer marks looked at than drawn.
    expect(stats.visited).toBeLessThan(200_000 / 4);
  });

  it('aggregates exactly as mark-by-mark claims would, over random dense rows, views and filters', () => {
    // Styles with equal priorities among them (degraded / pending: the first of equals wins).
    const styles = [Style.HeartbeatMissed, Style.RouteUp, Style.RouteDegraded, Style.ResPending, Style.RouteDown, Style.NodeDown, Style.ViewChange, Style.ResOnline];
    for (let seed = 1; seed <= 6; seed++) {
      const rnd = seededRandom(seed);
      const m = build((b) => {
        const r = b.rowOf(0, 'network', 'a → b');
        let t = 0;
        while (t < 100_000) {
          // Bursts of many marks a pixel, and quiet stretches; points and spans of all lengths.
          t += rnd() < 0.9 ? rnd() * 0.5 : rnd() * 100;
          const st = styles[Math.floor(rnd() * (rnd() < 0.8 ? 2 : styles.length))];
          const len = rnd() < 0.6 ? 0 : rnd() < 0.9 ? rnd() * 50 : rnd() * 5000;
          b.add(r, st, t, t + len, 'x', null, -1, 'network');
        }
      });
      for (const [t0, span, width, filtered] of [[0, 100_000, 1000, false], [12_345.6, 20_000, 777, false], [40_000, 3000, 1000, true], [0, 100_000, 640, true], [33_333, 50_000, 1600, false]] as const) {
        const p = { ...input(m, {}, width), view: { t0, t1: t0 + span, width } };
        // Dense at every one of these views (more marks than a quarter of the pixels): aggregated.
        const [k0, k1] = visibleRange(m, p.endMax, 0, p.view);
        expect(k1 - k0).toBeGreaterThan(width / 4);
        const mask = filtered ? Uint8Array.from({ length: m.length }, () => (rnd() < 0.7 ? 1 : 0)) : null;
        p.mask = mask;
        const { ctx, rects } = recorder();
        paint(ctx, p);
        const band = rects.filter((r) => r.y === p.rows.y[0] + 2);
        const at = (x: number) => band.find((r) => x >= r.x && x < r.x + r.w)?.color;
        // The reference: every shown mark over the view, in order, claims its columns.
        const k = width / span;
        const origin = Math.round(t0 * k);
        const vt0 = origin / k;
        const col = (t: number) => t * k - origin;
        const want = new Int16Array(width + 1).fill(-1);
        const claim = (a: number, b: number, st: number) => {
          for (let x = a; x <= b; x++) if (want[x] < 0 || STYLE_PRIORITY[want[x]] < STYLE_PRIORITY[st]) want[x] = st;
        };
        for (let i = 0; i < m.length; i++) {
          if ((mask && !mask[i]) || m.t1[i] < vt0 || m.t0[i] > vt0 + span) continue;
          if (m.t0[i] < vt0) { claim(0, Math.min(width, Math.floor(col(m.t1[i]))), m.style[i]); continue; }
          const c = Math.max(0, Math.floor(col(m.t0[i])));
          const next = (origin + c + 1) / k;
          claim(c, m.t1[i] < next ? c : Math.min(width, Math.floor(col(m.t1[i]))), m.style[i]);
        }
        let wrong = '';
        for (let x = 0; x < width && !wrong; x++) {
          const expected = want[x] < 0 ? undefined : STYLE_COLORS[want[x]];
          if (at(x) !== expected) wrong = `seed ${seed}, view ${t0}+${span} at ${width} px${filtered ? ', filtered' : ''}: column ${x} is ${at(x)}, not ${expected}`;
        }
        expect(wrong).toBe('');
      }
    }
  });

  it('aggregates exactly: a span that starts among many marks covers every pixel it spans', () => {
    const m = build((b) => {
      const r = b.rowOf(0, 'groups', 'ag1');
      for (let i = 0; i < 2000; i++) b.add(r, Style.ResOnline, 30_000 + i * 0.04, 30_000 + i * 0.04 + 0.01, 'flap', null, -1, 'resource');
      b.add(r, Style.ResFailed, 30_050, 35_000, 'failed for 5 s', null, -1, 'resource');
    });
    const p = input(m);
    const { ctx, rects } = recorder();
    paint(ctx, p);
    const band = rects.filter((r) => r.y === p.rows.y[0] + 2);
    const at = (x: number) => band.find((r) => x >= r.x && x < r.x + r.w)?.color;
    for (const x of [300, 320, 349]) expect(at(x)).toBe(STYLE_COLORS[Style.ResFailed]);
    expect(at(351)).toBeUndefined();
  });

  it('stacks the density row by severity, on a square-root scale, a rare error never thinner than a pixel', () => {
    const m = build((b) => { b.add(b.rowOf(0, 'network', 'a → b'), Style.RouteUp, 0, 100_000, 'up', null); }, ['N1']);
    const p = input(m, { hiddenTracks: [] });
    // 4 buckets over the view; classes info, warning; the busiest bucket holds 100 lines.
    p.density = { t0: 0, t1: 100_000, buckets: 4, laneOffset: new Int32Array([0]), classes: 2, counts: new Uint32Array([100, 25, 0, 4, 0, 0, 1, 0]), max: 100 };
    const { ctx, rects } = recorder();
    paint(ctx, p);
    const lane = p.rows.lanes[0];
    const bars = rects.filter((r) => r.y >= lane.densityY && r.y < lane.densityY + DENSITY_H && DENSITY_COLORS.includes(r.color));
    const info = bars.filter((r) => r.color === DENSITY_COLORS[0]);
    const warn = bars.filter((r) => r.color === DENSITY_COLORS[1]);
    expect(info.map((r) => r.x)).toEqual([0, 250, 750]);
    // sqrt scale: 25 lines are half the height of 100.
    expect(info[1].h / info[0].h).toBeCloseTo(0.5, 2);
    // The one warning (bucket 2) has no info line under it, and is at least 1.5 px tall.
    expect(warn.map((r) => r.x)).toEqual([500]);
    expect(warn[0].h).toBeGreaterThanOrEqual(1.5);
  });

  it('draws a sparse row mark by mark, and only the marks in the domain', () => {
    const m = build((b) => {
      const r = b.rowOf(1, 'groups', 'ag1');
      b.add(r, Style.Owner, 10_000, 40_000, 'ag1 on N2', null, -1, 'group');
      b.add(r, Style.Owner, 60_000, 90_000, 'ag1 on N2 again', null, -1, 'group');
    });
    const p = input(m);
    p.view = { t0: 0, t1: 50_000, width: 1000 };
    const { ctx, rects } = recorder();
    paint(ctx, p);
    const owners = rects.filter((r) => r.color === STYLE_COLORS[Style.Owner]);
    expect(owners).toHaveLength(1);
    expect(owners[0].x).toBeCloseTo(200);
    expect(owners[0].w).toBeCloseTo(600);
  });

  it('finds the visible marks of a row by binary search, spans that started earlier included', () => {
    const m = build((b) => {
      const r = b.rowOf(0, 'service', 'clussvc');
      b.add(r, Style.Session, 0, 90_000, 'long session', null);
      for (let i = 1; i <= 1000; i++) b.add(r, Style.Rhs, i * 10, i * 10 + 5, 'short', null);
    });
    const em = endMaxOf(m);
    const [k0, k1] = visibleRange(m, em, 0, { t0: 50_000, t1: 60_000, width: 100 });
    // The long session (starts at 0) is in; the 1000 short ones (all before 10 010) are not... except via the running max.
    const inRange = Array.from({ length: k1 - k0 }, (_, i) => k0 + i).filter((k) => m.t1[k] >= 50_000);
    expect(inRange.map((k) => m.labels[m.label[k]])).toEqual(['long session']);
  });

  it('hit tests a point before the span under it, and prefers the more severe of two points on one pixel', () => {
    const m = build((b) => {
      const r = b.rowOf(0, 'membership', 'view');
      b.add(r, Style.ViewSpan, 0, 100_000, 'view 1', null, -1, 'membership');
      b.add(r, Style.ViewChange, 50_000, 50_000, 'view change', { fileId: 1, line: 10 }, -1, 'membership');
      b.add(r, Style.Quorum, 50_020, 50_020, 'quorum lost', { fileId: 1, line: 11 }, -1, 'quorum');
    });
    const p = input(m);
    const y = p.rows.y[0] + 5;
    expect(m.labels[m.label[hitTest(m, p.rows, p.endMax, null, p.view, 500, y)]]).toBe('quorum lost');
    expect(m.labels[m.label[hitTest(m, p.rows, p.endMax, null, p.view, 100, y)]]).toBe('view 1');
    // A mask (the events filters) makes masked marks unhittable.
    const mask = new Uint8Array(m.length).fill(1);
    mask[[...Array(m.length).keys()].find((k) => m.style[k] === Style.Quorum)!] = 0;
    expect(m.labels[m.label[hitTest(m, p.rows, p.endMax, mask, p.view, 500, y)]]).toBe('view change');
    // The quorum loss shares its place with the view change at this zoom (20 ms = 0.2 px), not at a closer one.
    const quorum = [...Array(m.length).keys()].find((k) => m.style[k] === Style.Quorum)!;
    const viewChange = [...Array(m.length).keys()].find((k) => m.style[k] === Style.ViewChange)!;
    expect(marksNear(m, p.endMax, null, p.view, quorum)).toEqual([viewChange]);
    expect(marksNear(m, p.endMax, null, { t0: 49_990, t1: 50_030, width: 1000 }, quorum)).toEqual([]);
    expect(marksNear(m, p.endMax, mask, p.view, viewChange)).toEqual([]);
    // From the view change, the quorum loss is listed first: the more severe.
    expect(marksNear(m, p.endMax, null, p.view, viewChange)).toEqual([quorum]);
  });
});

describe('timeline row layout', () => {
  const m = build((b) => {
    const g = b.rowOf(0, 'groups', 'ag1');
    b.rowOf(0, 'groups', 'SQL Server (INST1)', g);
    b.rowOf(0, 'groups', 'AG listener', g);
    b.rowOf(0, 'network', 'a → b');
    b.rowOf(0, 'network', 'a → c');
    b.rowOf(1, 'join', 'N1');
    b.add(g, Style.Owner, 0, 10, 'x', null);
  });
  const label = (rows: ReturnType<typeof layoutRows>, l: string) => rows.labels.find((x) => x.label === l);

  it('puts tracks in their order inside each lane and hides resources until their group is expanded', () => {
    const rows = layoutRows(m, NO_UI);
    expect(rows.lanes.map((l) => l.node)).toEqual(['N1', 'N2']);
    expect(rows.labels.filter((l) => l.node === 'N1').map((l) => `${l.track}:${l.label}`)).toEqual(['network:a → b', 'network:a → c', 'groups:ag1']);
    expect(label(rows, 'ag1')!.children).toBe(2);
    expect(label(rows, 'AG listener')).toBeUndefined();
    const open = layoutRows(m, { ...NO_UI, expandedGroups: ['n1\u0000ag1'] });
    expect(open.labels.filter((l) => l.sub).map((l) => l.label)).toEqual(['AG listener', 'SQL Server (INST1)']);
    expect(label(open, 'AG listener')!.y).toBeGreaterThan(label(open, 'ag1')!.y);
  });

  it('collapses a lane or a track to one row, hides lanes and tracks, and follows the user order', () => {
    const collapsed = layoutRows(m, { ...NO_UI, collapsedLanes: ['n1'] });
    const ys = new Set([...collapsed.y.keys()].filter((r) => m.rows[r].lane === 0).map((r) => collapsed.y[r]));
    expect(ys.size).toBe(1);
    const track = layoutRows(m, { ...NO_UI, collapsedTracks: ['n1\u0000network'] });
    expect(track.labels.filter((l) => l.node === 'N1' && l.track === 'network')).toHaveLength(1);
    const hidden = layoutRows(m, { ...NO_UI, hiddenLanes: ['n2'], hiddenTracks: ['density', 'network'] });
    expect(hidden.lanes.map((l) => l.node)).toEqual(['N1']);
    expect(hidden.labels.some((l) => l.track === 'network')).toBe(false);
    const filtered = layoutRows(m, { ...NO_UI, filteredOut: new Set(['n1']) });
    expect(filtered.lanes.map((l) => l.node)).toEqual(['N2']);
    expect(layoutRows(m, { ...NO_UI, laneOrder: ['N2'] }).lanes.map((l) => l.node)).toEqual(['N2', 'N1']);
  });
});
