// The timeline, driven as a person would: the generated 3-node incident (SQLN2 loses its
// network, is removed, its availability group fails over to SQLN1) is dropped into the real
// app, and the tests assert on what is drawn (the accessible list of visible marks carries
// node, track, kind and time of each), on the raw log it leads to, and on the controls.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { indexPath } from '../src/cli/read-file.ts';
import { eventsOf } from '../src/cli/events.ts';
import { dropFiles, logsIn, openApp, visibleRows, waitLoaded } from './helpers.ts';

const files = logsIn('incident');
const cli = eventsOf(files.map((f) => indexPath(f)));
const move = cli.events.find((e) => e.rec === 'group.move')!;

const list = (page: Page, sel = '') => page.locator(`[data-testid="timeline-marks"] li${sel}`);
const attr = async (l: Locator, name: string) => Number(await l.getAttribute(name));

async function openTimeline(page: Page): Promise<void> {
  await openApp(page);
  await dropFiles(page, files);
  await waitLoaded(page, files.length);
  // The timeline is open from the start (the app's main view); the toggle hides and shows it.
  const toggle = page.getByTestId('timeline-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('timeline-lane')).toHaveCount(3);
  await toggle.click();
  await expect(page.getByTestId('timeline')).toHaveCount(0);
  await toggle.click();
  await expect(page.getByTestId('timeline-lane')).toHaveCount(3);
  await expect(list(page).first()).toBeAttached();
}

async function span(page: Page): Promise<{ t0: number; t1: number; span: number }> {
  const t = page.getByTestId('timeline');
  const t0 = Number(await t.getAttribute('data-t0'));
  const t1 = Number(await t.getAttribute('data-t1'));
  return { t0, t1, span: t1 - t0 };
}

/** Where a listed mark is on screen: the canvas is as tall as the lanes' viewport and sticks to its top. */
async function markPoint(page: Page, mark: Locator): Promise<{ x: number; y: number }> {
  const y = await attr(mark, 'data-y');
  const body = page.getByTestId('timeline').locator('.tl-body');
  const scrollTop = await body.evaluate((el, yy) => {
    el.scrollTop = Math.max(0, yy - 40);
    return el.scrollTop;
  }, y);
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  return { x: box.x + (await attr(mark, 'data-x')), y: box.y + y - scrollTop };
}

/** Opens a track that fitting drew on one row (as a user would, with its ▸), so that its rows show. */
async function openTrack(page: Page, node: string, track: string): Promise<void> {
  const fitted = page.locator(`.tl-row[data-node="${node}"][data-track="${track}"][data-fitted="1"]`);
  if ((await fitted.count()) > 0) await fitted.getByRole('button', { name: `▸ ${track}` }).click();
  await expect(page.locator(`.tl-row[data-node="${node}"][data-track="${track}"][data-fitted="1"]`)).toHaveCount(0);
}

const selectedLine = (page: Page) => page.locator('[data-testid="log-view"] .row.sel .c-msg');

test('lanes, joins with their stages, the route down after the heartbeats, the failover arrow and its line', async ({ page }) => {
  await openTimeline(page);
  expect(await page.getByTestId('timeline-lane').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.node))).toEqual(['SQLN1', 'SQLN2', 'SQLN3']);
  // Node 2's join with n1: a succeeded span on SQLN2's join track, its stages as contiguous segments inside it.
  const join = list(page, '[data-node="SQLN2"][data-track="join"][data-row="SQLN1"][data-kind="JoinOk"]').first();
  await expect(join).toContainText(/join SQLN2 ↔ SQLN1/);
  const [j0, j1] = [await attr(join, 'data-t0'), await attr(join, 'data-t1')];
  const stages = await list(page, '[data-node="SQLN2"][data-track="join"][data-row="SQLN1"][data-kind="StageSpan"]').evaluateAll((els) =>
    els.map((e) => ({ t0: Number((e as HTMLElement).dataset.t0), t1: Number((e as HTMLElement).dataset.t1), text: e.textContent ?? '' })));
  const inJoin = stages.filter((s) => s.t0 >= j0 && s.t1 <= j1).sort((a, b) => a.t0 - b.t0);
  expect(inJoin.length).toBeGreaterThan(2);
  for (let i = 1; i < inJoin.length; i++) expect(inJoin[i].t0).toBe(inJoin[i - 1].t1);
  expect(inJoin[0].text).toMatch(/ — \d+\.\d\d s$/);
  // The two halves of that join are linked across lanes.
  expect(await list(page, '[data-kind="JoinLink"]').count()).toBeGreaterThan(0);
  // The route to the isolated node goes down after the missed heartbeats, on a survivor's lane.
  const missed = await list(page, '[data-node="SQLN1"][data-kind="HeartbeatMissed"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.t0)));
  const downs = await list(page, '[data-node="SQLN1"][data-track="network"][data-kind="RouteDown"]').evaluateAll((els) => els.map((e) => ({ t0: Number((e as HTMLElement).dataset.t0), t1: Number((e as HTMLElement).dataset.t1) })));
  expect(missed.length).toBeGreaterThan(0);
  expect(downs.length).toBeGreaterThan(0);
  expect(Math.min(...downs.map((d) => d.t0))).toBeGreaterThanOrEqual(Math.min(...missed));
  expect(downs.some((d) => d.t1 > d.t0)).toBe(true);
  // The failover arrow: from the failed node to the survivor, at the time of the RCM move line.
  const arrow = list(page, '[data-kind="MoveFailover"]').first();
  await expect(arrow).toHaveAttribute('data-node', 'SQLN2');
  await expect(arrow).toHaveAttribute('data-to-node', move.fields.to as string);
  expect(Math.abs((await attr(arrow, 'data-t0')) - move.t)).toBeLessThan(1000);
  // A click on it selects the `move of group ... is about to succeed` line in the raw log.
  const p = await markPoint(page, arrow);
  await page.mouse.click(p.x, p.y);
  await expect(selectedLine(page)).toContainText(/move of group .* is about to succeed/);
  // The tooltip says what it is, with the time.
  await page.mouse.move(p.x + 1, p.y);
  await expect(page.getByTestId('timeline-tooltip')).toContainText(/failover of/);
  // The selected raw line is the timeline's cursor; moving the selection moves it.
  const cursor = async () => Number(await page.getByTestId('timeline').getAttribute('data-cursor'));
  await expect.poll(async () => Math.abs((await cursor()) - move.t)).toBeLessThan(2);
  await page.mouse.move(10, 10);
  await page.keyboard.press('End');
  await expect.poll(cursor).toBeGreaterThan(move.t + 1000);
  // Hovering a raw line puts a second (dashed) cursor at its time.
  const row = page.locator('[data-testid="log-view"] [data-pos]').nth(5);
  await row.hover();
  await expect.poll(async () => Number(await page.getByTestId('timeline').getAttribute('data-hover') || NaN)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/timeline.png' });
  // A mark's tooltip decodes the status code of the event at its line (quorum lost: 5925). The
  // view change logged 60 ms before it shares its pixel at this zoom: zoom in at it first.
  const quorum = list(page, '[data-node="SQLN2"][data-kind="Quorum"]').first();
  const qt = await attr(quorum, 'data-t0');
  // Scroll the lanes to it and move the pointer onto it in one task: the browser dispatches the
  // pointer move before the scroll event, and the mark under the pointer is found all the same.
  const [qx, qy] = [await attr(quorum, 'data-x'), await attr(quorum, 'data-y')];
  await page.evaluate(([x, y]) => {
    const body = document.querySelector<HTMLElement>('[data-testid="timeline"] .tl-body')!;
    body.scrollTop = y - 40;
    const r = document.querySelector('[data-testid="timeline-canvas"]')!.getBoundingClientRect();
    document.querySelector('[data-testid="timeline-canvas"]')!.dispatchEvent(
      new MouseEvent('mousemove', { bubbles: true, clientX: r.left + x, clientY: r.top + y - body.scrollTop }));
  }, [qx, qy]);
  // At this zoom the tooltip shows the more severe of the two, and says the other is there.
  await expect(page.getByTestId('timeline-tooltip-more')).toContainText(/^also here \(\d+, (some in the same millisecond|within 3 px)\)/);
  let q = await markPoint(page, quorum);
  await page.mouse.move(q.x, q.y);
  await expect(page.getByTestId('timeline-tooltip-more')).toContainText(/^also here \(\d+, (some in the same millisecond|within 3 px)\)/);
  await page.keyboard.down('Control');
  for (let i = 0; i < 15; i++) await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await span(page)).span).toBeLessThan(30_000);
  // The list follows the view once it settles: read the mark's new place from it then.
  const zoomed = list(page, `[data-node="SQLN2"][data-kind="Quorum"][data-t0="${qt}"]`).first();
  await expect.poll(async () => {
    const v = await span(page);
    return (await attr(zoomed, 'data-x')) === Math.round(((qt - v.t0) / v.span) * (await page.getByTestId('timeline-canvas').boundingBox())!.width);
  }).toBe(true);
  q = await markPoint(page, zoomed);
  await page.mouse.move(q.x + 40, q.y);
  await page.mouse.move(q.x, q.y);
  await expect(page.getByTestId('timeline-tooltip')).toContainText('5925 ERROR_CLUSTER_NO_QUORUM');
  await page.screenshot({ path: 'test-results/timeline-tooltip.png' });
  // Zooming at the mark keeps its tooltip (the mark stays under the pointer); panning takes the
  // mark away from the pointer, and its tooltip with it.
  const before = (await span(page)).span;
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await span(page)).span).toBeLessThan(before);
  await expect(page.getByTestId('timeline-tooltip')).toContainText('5925 ERROR_CLUSTER_NO_QUORUM');
  await page.mouse.wheel(600, 0);
  await expect.poll(async () => (await page.getByTestId('timeline-tooltip').allTextContents()).join('')).not.toContain('5925');
});

test('zoom, pan, fit and range selection: keys, wheel, drag and the overview', async ({ page }) => {
  await openTimeline(page);
  const canvas = page.getByTestId('timeline-canvas');
  const box = (await canvas.boundingBox())!;
  const full = await span(page);
  // W narrows the visible range; S widens it again.
  await page.keyboard.press('w');
  await expect.poll(async () => (await span(page)).span).toBeLessThan(full.span * 0.8);
  await page.keyboard.press('s');
  await expect.poll(async () => (await span(page)).span).toBeCloseTo(full.span, -2);
  // Keys do nothing while the user types in a field.
  await page.getByTestId('search-input').click();
  await page.keyboard.type('ws');
  expect((await span(page)).span).toBeCloseTo(full.span, -2);
  await page.getByTestId('search-input').fill('');
  await page.mouse.click(box.x + box.width / 2, box.y - 30); // back on the page, off the canvas
  // Ctrl + wheel zooms around the pointer: the time under it stays where it was.
  const px = box.x + box.width * 0.25;
  const tUnder = full.t0 + 0.25 * full.span;
  await page.mouse.move(px, box.y + 20);
  await page.keyboard.down('Control');
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await span(page)).span).toBeLessThan(full.span * 0.5);
  const z = await span(page);
  expect(Math.abs(z.t0 + 0.25 * z.span - tUnder)).toBeLessThan(full.span * 0.01);
  // A plain wheel pans: same span, later start.
  await page.mouse.wheel(0, 200);
  await expect.poll(async () => (await span(page)).t0).toBeGreaterThan(z.t0);
  expect((await span(page)).span).toBeCloseTo(z.span, -1);
  // Shift + drag pans too (drag right = earlier).
  const beforeDrag = await span(page);
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + 400, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 500, box.y + 30, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect.poll(async () => (await span(page)).t0).toBeLessThan(beforeDrag.t0);
  // F fits everything again.
  await page.keyboard.press('f');
  await expect.poll(async () => (await span(page)).span).toBeCloseTo(full.span, -2);
  // A drag selects a time range: it filters the raw log; F then fits it.
  const dragFrom = full.t0 + full.span * 0.4;
  const dragTo = full.t0 + full.span * 0.6;
  await page.mouse.move(box.x + box.width * 0.4, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + 30, { steps: 6 });
  await page.mouse.up();
  const from = page.locator('input[placeholder*="from"]');
  const to = page.locator('input[placeholder*="to "]');
  // Both ends are the dragged times (to a pixel), and the log holds only lines between them.
  const asMs = async (l: Locator) => Date.parse(`${(await l.inputValue()).replace(' ', 'T')}Z`);
  await expect(from).not.toHaveValue('');
  await expect(to).not.toHaveValue('');
  const msPerPx = full.span / box.width;
  expect(Math.abs((await asMs(from)) - dragFrom)).toBeLessThanOrEqual(2 * msPerPx);
  expect(Math.abs((await asMs(to)) - dragTo)).toBeLessThanOrEqual(2 * msPerPx);
  await expect.poll(async () => {
    const rows = (await visibleRows(page)).filter((r) => r.time.trim());
    const lo = await asMs(from);
    const hi = await asMs(to);
    return rows.length > 0 && rows.every((r) => Date.parse(`${r.time.replace(' ', 'T')}Z`) >= lo && Date.parse(`${r.time.replace(' ', 'T')}Z`) <= hi);
  }).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(async () => (await span(page)).span).toBeLessThan(full.span * 0.3);
  // The overview's window shows the visible range; dragging it pans the view.
  const win = page.getByTestId('timeline-overview-window');
  const wb = (await win.boundingBox())!;
  const wx0 = Number(await win.getAttribute('data-x0'));
  const wx1 = Number(await win.getAttribute('data-x1'));
  const beforeView = await span(page);
  expect(wx1 - wx0).toBeCloseTo((beforeView.span / (full.span)) * wb.width, -1);
  const beforeBrush = beforeView;
  const mid = wb.x + (wx0 + wx1) / 2;
  await page.mouse.move(mid, wb.y + wb.height / 2);
  await page.mouse.down();
  await page.mouse.move(mid + 60, wb.y + wb.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await span(page)).t0).toBeGreaterThan(beforeBrush.t0);
  expect((await span(page)).span).toBeCloseTo(beforeBrush.span, -2);
  // Dragging its right edge narrows the view and keeps its start.
  const moved = await span(page);
  const edge = wb.x + Number(await win.getAttribute('data-x1'));
  await page.mouse.move(edge - 1, wb.y + wb.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge - 30, wb.y + wb.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await span(page)).span).toBeLessThan(moved.span * 0.9);
  expect((await span(page)).t0).toBeCloseTo(moved.t0, -3);
  // A click elsewhere on the strip centres the view there.
  const narrowed = await span(page);
  await page.mouse.click(wb.x + wb.width * 0.9, wb.y + wb.height / 2);
  await expect.poll(async () => { const v = await span(page); return Math.abs((v.t0 + v.t1) / 2 - (full.t0 + 0.9 * full.span)) < full.span * 0.01; }).toBe(true);
  expect((await span(page)).span).toBeCloseTo(narrowed.span, -2);
});

test('← / → step through the focused row, and ? lists the keys', async ({ page }) => {
  await openTimeline(page);
  // Focus SQLN2's join row with SQLN1, then step through its marks: each lands on its own line.
  await openTrack(page, 'SQLN2', 'join');
  await page.locator('.tl-row[data-node="SQLN2"][data-track="join"][data-row-label="SQLN1"]').click();
  await page.mouse.move(5, 5);
  const seen: string[] = [];
  await page.keyboard.press('Home'); // the raw selection (cursor) at the start, so → starts from there
  for (let i = 0; i < 3; i++) {
    const prev = await selectedLine(page).textContent().catch(() => '');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await selectedLine(page).textContent()) ?? '').not.toBe(prev ?? '');
    seen.push((await selectedLine(page).textContent()) ?? '');
  }
  expect(seen.some((s) => /join|Join|stage/i.test(s))).toBe(true);
  // ← goes back to the previous one.
  await page.keyboard.press('ArrowLeft');
  await expect(selectedLine(page)).toHaveText(seen[1]);
  // ? opens the list of keys; Esc closes it.
  await page.keyboard.press('?');
  await expect(page.getByTestId('timeline-help')).toContainText('zoom in / out');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('timeline-help')).toHaveCount(0);
});

test('lanes and tracks collapse, hide and reorder; groups expand into resources; the events filters apply', async ({ page }) => {
  await openTimeline(page);
  const lanes = () => page.getByTestId('timeline-lane').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.node));
  // Reorder: SQLN3 up, before SQLN2.
  const n3 = page.locator('[data-testid="timeline-lane"][data-node="SQLN3"]');
  await n3.hover();
  await n3.getByTitle('Move this lane up').click();
  expect(await lanes()).toEqual(['SQLN1', 'SQLN3', 'SQLN2']);
  // Hide SQLN3: its marks leave the list; it can be shown again.
  await n3.hover();
  await n3.getByTestId('lane-hide').click();
  expect(await lanes()).toEqual(['SQLN1', 'SQLN2']);
  await expect(list(page, '[data-node="SQLN3"]')).toHaveCount(0);
  await page.getByRole('button', { name: /SQLN3 ↺/ }).click();
  expect(await lanes()).toEqual(['SQLN1', 'SQLN3', 'SQLN2']);
  // Drag a lane's header onto another's upper half: it goes before it; onto the lower half of
  // the last one: to the end. (Lanes collapsed, so that all three headers are in view.)
  const lane = (n: string) => page.locator(`[data-testid="timeline-lane"][data-node="${n}"]`);
  for (const n of ['SQLN1', 'SQLN3', 'SQLN2']) await lane(n).getByRole('button', { name: '▾' }).click();
  await lane('SQLN2').dragTo(lane('SQLN1'), { targetPosition: { x: 60, y: 2 } });
  await expect.poll(lanes).toEqual(['SQLN2', 'SQLN1', 'SQLN3']);
  await lane('SQLN2').dragTo(lane('SQLN3'), { targetPosition: { x: 60, y: 12 } });
  await expect.poll(lanes).toEqual(['SQLN1', 'SQLN3', 'SQLN2']);
  for (const n of ['SQLN1', 'SQLN3', 'SQLN2']) await lane(n).getByRole('button', { name: '▸' }).click();
  // Collapse SQLN1: one row for the whole lane.
  const rowsOf = (node: string) => page.locator(`.tl-row[data-node="${node}"]:not(.tl-density-label)`).count();
  const before = await rowsOf('SQLN1');
  await page.locator('[data-testid="timeline-lane"][data-node="SQLN1"]').getByRole('button', { name: '▾' }).click();
  expect(await rowsOf('SQLN1')).toBe(1);
  await page.locator('[data-testid="timeline-lane"][data-node="SQLN1"]').getByRole('button', { name: '▸' }).click();
  expect(await rowsOf('SQLN1')).toBe(before);
  // A track can be hidden everywhere.
  await page.getByTestId('track-toggle-service').locator('input').uncheck();
  await expect(list(page, '[data-track="service"]')).toHaveCount(0);
  await page.getByTestId('track-toggle-service').locator('input').check();
  // The group row expands into its resources' state intervals.
  await openTrack(page, 'SQLN1', 'groups');
  const groupRow = page.locator(`.tl-row[data-node="SQLN1"][data-track="groups"][data-row-label="${move.fields.group}"]`);
  await expect(list(page, `[data-node="SQLN1"][data-parent="${move.fields.group}"]`)).toHaveCount(0);
  await groupRow.getByTestId('group-expand').click();
  await expect(list(page, `[data-node="SQLN1"][data-parent="${move.fields.group}"]`).first()).toBeAttached();
  const states = await list(page, `[data-parent="${move.fields.group}"]`).evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLElement).dataset.kind))]);
  expect(states).toContain('ResOnline');
  // The events panel's family filter applies to the timeline: network only.
  await page.getByTestId('family-network').click();
  await expect.poll(async () => [...new Set(await list(page).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.family)))]).toEqual(['network']);
  await page.getByTestId('family-network').click();
  // The name filter: the group's name keeps its owner spans, its arrow and its resources, not the routes.
  await page.getByTestId('event-name').fill(String(move.fields.group));
  await expect.poll(async () => list(page, '[data-track="network"]').count()).toBe(0);
  await expect(list(page, '[data-kind="MoveFailover"]')).toHaveCount(1);
  expect(await list(page, '[data-kind="Owner"]').count()).toBeGreaterThan(0);
  // The node filter hides the other lanes.
  await page.getByTestId('event-name').fill('');
  await page.getByTestId('event-node').selectOption('SQLN2');
  await expect.poll(lanes).toEqual(['SQLN2']);
  await page.screenshot({ path: 'test-results/timeline-filtered.png' });
});

test('the axis reads UTC, the nodes\u2019 local time, or one node\u2019s local time', async ({ page }) => {
  await openTimeline(page);
  const timeline = page.getByTestId('timeline');
  const base = page.getByTestId('timeline-axis-base');
  /** The axis's first label, as its accessible name gives it ("Time axis, NAME: FIRST to LAST, ..."). */
  const firstLabel = async () => /: (\S+) to /.exec((await page.getByTestId('timeline-axis').getAttribute('aria-label')) ?? '')?.[1] ?? '';
  const hour = (label: string) => Number(/(\d\d):\d\d/.exec(label)?.[1]);
  await expect(timeline).toHaveAttribute('data-axis', 'UTC');
  const utcHour = hour(await firstLabel());
  // The log view in node local time: the three nodes share UTC−07:00, and the axis follows.
  await page.getByRole('button', { name: 'Node local' }).click();
  await expect(timeline).toHaveAttribute('data-axis', 'local UTC−07:00');
  await expect.poll(async () => hour(await firstLabel())).toBe((utcHour + 24 - 7) % 24);
  // One node's clock set to another offset (its file's time base): the offsets differ, the axis
  // says so and stays in UTC, and that node's local time can be picked for it.
  const card = page.getByTestId('file-card').filter({ hasText: 'SQLN3' });
  await card.getByLabel(/UTC offset of/).fill('+01:00');
  await card.getByLabel(/UTC offset of/).press('Enter');
  await expect(timeline).toHaveAttribute('data-axis', 'UTC (node offsets differ or are unknown)');
  await expect(base.locator('option')).toHaveText(['UTC (node offsets differ or are unknown) (as the log)', 'UTC', 'SQLN1 local UTC−07:00', 'SQLN2 local UTC−07:00', 'SQLN3 local UTC+01:00']);
  await base.selectOption({ label: 'SQLN1 local UTC−07:00' });
  await expect(timeline).toHaveAttribute('data-axis', 'SQLN1 local UTC−07:00');
  await expect.poll(async () => hour(await firstLabel())).toBe((utcHour + 24 - 7) % 24);
  // UTC on the axis while the log shows local time.
  await base.selectOption('utc');
  await expect(timeline).toHaveAttribute('data-axis', 'UTC');
  await expect.poll(async () => hour(await firstLabel())).toBe(utcHour);
  await page.screenshot({ path: 'test-results/timeline-axis-base.png' });
});

test('the demo\u2019s three nodes fit the timeline at 1600\u00d71000; its height is dragged and remembered, and so is the legend', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openApp(page);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('timeline-lane')).toHaveCount(3);
  const body = page.getByTestId('timeline').locator('.tl-body');
  const fits = () => body.evaluate((el) => el.scrollHeight <= el.clientHeight);
  const rowCount = () => page.locator('.tl-row:not(.tl-density-label)').count();
  const height = async () => Math.round((await page.getByTestId('timeline').boundingBox())!.height);
  // All three lanes in view without scrolling: fitting drew some tracks on one row, and says so.
  await expect.poll(fits).toBe(true);
  await expect(page.getByTestId('tracks-fitted')).toBeVisible();
  const fittedRows = await rowCount();
  const h0 = await height();

  // Drag the bar under the timeline down: a taller timeline opens tracks again.
  const bar = page.getByTestId('timeline-splitter');
  const b = (await bar.boundingBox())!;
  await page.mouse.move(b.x + 200, b.y + 2);
  await page.mouse.down();
  await page.mouse.move(b.x + 200, b.y + 400, { steps: 8 });
  await page.mouse.up();
  // (The default height already holds the findings' row: 120 px more reaches the raw log's minimum.)
  await expect.poll(height).toBeGreaterThan(h0 + 120);
  // As far as the raw log keeps its room: it still shows rows under the bar.
  expect((await page.getByTestId('log-view').boundingBox())!.height).toBeGreaterThanOrEqual(100);
  await expect.poll(rowCount).toBeGreaterThan(fittedRows);
  const dragged = await height();
  await expect.poll(fits).toBe(true);

  // A track the user opens stays open when the timeline is made smaller again (keyboard on the bar).
  await bar.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
  await expect.poll(height).toBeLessThan(dragged - 100);
  const netRows = (node: string) => page.locator(`.tl-row[data-node="${node}"][data-track="network"]`).count();
  await openTrack(page, 'SQLNODE2', 'network');
  expect(await netRows('SQLNODE2')).toBeGreaterThan(1);
  await page.keyboard.press('ArrowDown'); // nothing else changes it back
  expect(await netRows('SQLNODE2')).toBeGreaterThan(1);
  const shown = await height();

  // The legend can be hidden; both survive a reload.
  await expect(page.getByTestId('timeline-legend')).toBeVisible();
  await page.getByTestId('legend-toggle').locator('input').uncheck();
  await expect(page.getByTestId('timeline-legend')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('timeline-lane')).toHaveCount(3);
  // The log starts at the first timestamped record, past the header and tables, from a warm cache too.
  await expect.poll(() => page.locator('.st.dim', { hasText: /^top / }).textContent()).toMatch(/^top (?!1$)[\d,]+$/);
  await expect.poll(height).toBe(shown);
  await expect(page.getByTestId('timeline-legend')).toHaveCount(0);
  // A double click on the bar gives the default height back.
  await page.getByTestId('timeline-splitter').dblclick();
  await expect.poll(height).toBe(h0);
  await page.getByTestId('legend-toggle').locator('input').check();
  await page.screenshot({ path: 'test-results/timeline-fitted.png' });
});
