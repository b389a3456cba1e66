// The axis ticks and the overview window's drag rules: what the labels say at each zoom and
// in local time, which labels the edges leave out, and what a press and drag on the overview
// strip does to the visible range.
import { describe, expect, it } from 'vitest';
import { axisBaseOf, axisLabel, axisTicks, paintAxis, AXIS_STYLE } from '../../src/views/timeline/axis.ts';
import { dragDomain, EDGE_GRAB, windowDragAt, windowPx } from '../../src/views/timeline/overview-window.ts';

const T = Date.UTC(2026, 10, 30, 14, 0, 0);

describe('time axis', () => {
  it('labels ticks in a format fine enough for the span shown', () => {
    const hours = axisTicks({ t0: T, t1: T + 6 * 3_600_000, width: 1600 }, 0);
    expect(hours[0].label).toMatch(/^\d\d:\d\d$/);
    expect(hours.some((t) => t.label === '16:00')).toBe(true);
    const minutes = axisTicks({ t0: T, t1: T + 5 * 60_000, width: 1600 }, 0);
    expect(minutes[0].label).toMatch(/^\d\d:\d\d:\d\d$/);
    const ms = axisTicks({ t0: T, t1: T + 2_000, width: 1600 }, 0);
    expect(ms.some((t) => t.label === '14:00:01.000')).toBe(true);
    const days = axisTicks({ t0: T, t1: T + 5 * 86_400_000, width: 1600 }, 0);
    expect(days[0].label).toMatch(/^\d\d-\d\d \d\d:\d\d$/);
    // About one tick per 70 px, in order, inside the canvas.
    expect(minutes.length).toBeGreaterThanOrEqual(8);
    expect(minutes.length).toBeLessThanOrEqual(40);
    for (let i = 1; i < minutes.length; i++) expect(minutes[i].x).toBeGreaterThan(minutes[i - 1].x);
    expect(minutes.every((t) => t.x >= 0 && t.x <= 1600)).toBe(true);
  });

  it('gives the same ticks while panning (from the reused set) as worked out afresh', () => {
    const span = 7 * 60_000;
    const at = (t0: number) => ({ t0, t1: t0 + span, width: 1200 });
    axisTicks(at(T), 0);
    const panned = axisTicks(at(T + 0.37 * span), 0); // reused: the same span, inside the set
    axisTicks({ t0: T, t1: T + span, width: 900 }, 0); // another width: a fresh set next time
    const fresh = axisTicks(at(T + 0.37 * span), 0);
    expect(panned).toEqual(fresh);
    expect(panned.length).toBeGreaterThan(5);
  });

  it('shifts the labels to local time without moving the marks', () => {
    const v = { t0: T, t1: T + 3_600_000, width: 1200 };
    const utc = axisTicks(v, 0);
    const local = axisTicks(v, 120 * 60_000); // UTC+2
    const at14 = utc.find((t) => t.label === '14:00')!;
    const at16 = local.find((t) => t.label === '16:00')!;
    // 16:00 local is 14:00 UTC: the same place on the axis.
    expect(at16.x).toBeCloseTo(at14.x, 6);
    expect(axisLabel('local UTC+02:00', local, 3_600_000)).toMatch(/^Time axis, local UTC\+02:00: 16:00 to .*, 60\.0 min shown$/);
  });

  it('draws a tick mark for every tick and leaves out labels the edges would cut', () => {
    const drawn: Array<{ text: string; x: number }> = [];
    let marks = 0;
    const ctx = {
      font: '', textBaseline: '', textAlign: '', fillStyle: '',
      setTransform() {}, clearRect() {},
      fillRect() { marks++; },
      measureText: (s: string) => ({ width: s.length * 6 }),
      fillText(text: string, x: number) { drawn.push({ text, x }); },
    } as unknown as CanvasRenderingContext2D;
    const ticks = [{ x: 2, label: '13:59' }, { x: 400, label: '14:00' }, { x: 798, label: '14:01' }];
    paintAxis(ctx, ticks, 800, 20, 1, AXIS_STYLE);
    expect(marks).toBe(3);
    expect(drawn).toEqual([{ text: '14:00', x: 400 }]);
    // The span in the corner: a tick label under it is left out too.
    drawn.length = 0;
    paintAxis(ctx, [{ x: 400, label: '14:00' }, { x: 760, label: '14:01' }], 800, 20, 1, AXIS_STYLE, '1.0 min shown');
    expect(drawn.map((d) => d.text)).toEqual(['14:00', '1.0 min shown']);
    // Labels that would touch: the second is left out.
    drawn.length = 0;
    paintAxis(ctx, [{ x: 100, label: '14:00:00' }, { x: 140, label: '14:00:05' }, { x: 200, label: '14:00:10' }], 800, 20, 1, AXIS_STYLE);
    expect(drawn.map((d) => d.text)).toEqual(['14:00:00', '14:00:10']);
  });
});

describe('overview window', () => {
  const full = [0, 1000] as const;

  it('grabs an edge near it, moves from inside, starts a new range outside', () => {
    expect(windowDragAt(100 + EDGE_GRAB, 100, 300)).toBe('left');
    expect(windowDragAt(300 - 2, 100, 300)).toBe('right');
    expect(windowDragAt(200, 100, 300)).toBe('move');
    expect(windowDragAt(50, 100, 300)).toBe('new');
    expect(windowDragAt(400, 100, 300)).toBe('new');
    // Too narrow to hold three grabs: it is moved, never resized.
    expect(windowDragAt(101, 100, 104)).toBe('move');
    expect(windowDragAt(120, 100, 104)).toBe('new');
  });

  it('turns a drag into the domain a user expects', () => {
    // Strip: 0..1000 ms over 500 px (2 ms per px). View: 200..400.
    const start = [200, 400] as const;
    expect(dragDomain('move', full, 500, start, 150, 175, 5)).toEqual([250, 450]);
    expect(dragDomain('left', full, 500, start, 100, 50, 5)).toEqual([100, 400]);
    // An edge dragged past the other stops at the narrowest span.
    expect(dragDomain('left', full, 500, start, 100, 450, 5)).toEqual([395, 400]);
    expect(dragDomain('right', full, 500, start, 200, 300, 5)).toEqual([200, 600]);
    // A new range, dragged either way.
    expect(dragDomain('new', full, 500, start, 400, 300, 5)).toEqual([600, 800]);
    expect(dragDomain('new', full, 500, start, 300, 400, 5)).toEqual([600, 800]);
  });

  it('keeps the window on the strip and visible', () => {
    expect(windowPx(full, [250, 500], 1000)).toEqual([250, 500]);
    expect(windowPx(full, [-500, 2000], 1000)).toEqual([0, 1000]);
    const [a, z] = windowPx(full, [500, 500.01], 1000);
    expect(z - a).toBe(2);
  });
});

describe('the axis time base', () => {
  const same = [{ node: 'SQLN1', offset: -420 }, { node: 'SQLN2', offset: -420 }];
  const mixed = [{ node: 'SQLN1', offset: -420 }, { node: 'SQLN2', offset: 60 }, { node: 'SQLN3', offset: null }];
  it('follows the log view: UTC, or the one local offset all nodes share', () => {
    expect(axisBaseOf('', 'utc', same)).toEqual({ shiftMs: 0, name: 'UTC' });
    expect(axisBaseOf('', 'local', same)).toEqual({ shiftMs: -420 * 60_000, name: 'local UTC−07:00' });
    expect(axisBaseOf('', 'local', mixed)).toEqual({ shiftMs: 0, name: 'UTC (node offsets differ or are unknown)' });
  });
  it('shows a picked node\u2019s local time whatever the log view shows, and UTC when asked', () => {
    expect(axisBaseOf('sqln2', 'utc', mixed)).toEqual({ shiftMs: 60 * 60_000, name: 'SQLN2 local UTC+01:00' });
    expect(axisBaseOf('utc', 'local', same)).toEqual({ shiftMs: 0, name: 'UTC' });
    // A node whose offset is unknown (or gone) falls back to the log view's base.
    expect(axisBaseOf('sqln3', 'local', mixed).name).toBe('UTC (node offsets differ or are unknown)');
    expect(axisBaseOf('nosuch', 'local', same).name).toBe('local UTC−07:00');
  });
  it('labels the ticks in the picked time', () => {
    const v = { t0: Date.UTC(2024, 7, 8, 7, 0), t1: Date.UTC(2024, 7, 8, 8, 0), width: 1000 };
    const utc = axisTicks(v, 0);
    const local = axisTicks(v, axisBaseOf('sqln1', 'utc', same).shiftMs);
    expect(utc[0].label.startsWith('07:')).toBe(true);
    expect(local[0].label.startsWith('00:')).toBe(true);
    expect(local.map((t) => t.x)).toEqual(utc.map((t) => t.x));
  });
});
