// A real two-node incident as a new user opens it (issue "right on a real incident"): the two
// nodes' `Cluster.log`, same names, picked with *Open files…* (no folders), written in local time.
// The files are built from R1's lines (test/fixtures/incident-2node/README.md).
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.ts';
import { openApp, waitLoaded } from './helpers.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'incident-2node');
/** The two files as *Open files…* gives them: both named `Cluster.log`, no folder. */
const picked = () => ['first', 'second'].map((d) => ({ name: 'Cluster.log', mimeType: 'text/plain', buffer: readFileSync(join(FIX, d, 'Cluster.log')) }));

async function openIncident(page: Page): Promise<void> {
  await openApp(page);
  await waitLoaded(page, 3);
  await page.setInputFiles('[data-testid="file-input"]', picked());
  await waitLoaded(page, 2);
}

test('two same-named files picked without folders stay two nodes, each named by the lines', async ({ page }) => {
  await openIncident(page);
  await expect(page.getByTestId('status-bar').locator('.st', { hasText: /node/ })).toHaveText('2 nodes');
  const cards = page.getByTestId('file-card');
  // Each card's node: from its own `Node N:` lines, named by the other file's lines.
  await expect(cards.nth(0).getByLabel('Node name of Cluster.log')).toHaveValue('SVR12');
  await expect(cards.nth(1).getByLabel('Node name of Cluster.log')).toHaveValue('SVR13');
  for (const c of await cards.all()) {
    await expect(c).toContainText('from its node id in the lines');
    await expect(c).not.toContainText('No node name found');
  }
  // One chip per node, none named after the file; a chip toggles its node only.
  const chips = page.getByRole('group', { name: 'Nodes' }).getByRole('button');
  await expect(chips).toHaveText(['SVR12', 'SVR13']);
  await chips.nth(0).click();
  await expect(chips.nth(0)).toHaveAttribute('aria-pressed', 'false');
  await expect(chips.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await chips.nth(0).click();
  await expect(chips.nth(0)).toHaveAttribute('aria-pressed', 'true');
  // The timeline has a lane per node.
  await expect(page.locator('.tl-lane-name')).toHaveText(['SVR12', 'SVR13']);
  // The events are each node's own.
  await expect(page.getByTestId('log-view')).toContainText('SVR13');
});

test('the death timer line sets its log\'s time base (local, −04:00, the line as the reason), and its embedded time stays UTC', async ({ page }) => {
  await openIncident(page);
  const card = page.getByTestId('file-card').nth(1);
  await expect(card.getByLabel('Time base of Cluster.log')).toHaveValue('local');
  await expect(card.getByLabel('UTC offset of Cluster.log (local minus UTC)')).toHaveValue('-04:00');
  await expect(card).toContainText('from a UTC time a line writes: line 7 (death-timer-started at 2020/05/12-01:17:42.347, a UTC time) is stamped 2020-05-11 21:17:42.347');
  await expect(card).not.toContainText('does not say whether it was written in UTC');
  // The event's own line is at 01:17:42.347 UTC, and its embedded time is UTC as written.
  await page.getByTestId('event-kind').selectOption('death-timer');
  const row = page.getByTestId('event-row').first();
  await expect(row).toHaveAttribute('title', /at 2020\/05\/12-01:17:42\.347 \(UTC, as this message writes it\)/);
  await expect(row).toContainText('01:17:42.347');
});

test('a name typed on the card replaces the guess, and its warning stays gone', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  // One file alone: its id (1) is named by no line, so it keeps a provisional node of its own.
  await page.setInputFiles('[data-testid="file-input"]', picked().slice(0, 1));
  await waitLoaded(page, 1);
  const card = page.getByTestId('file-card');
  await expect(card).toContainText('No node name found');
  await expect(page.locator('.tl-lane-name')).toHaveText([/^node 1 of Cluster\.log \(\d+\.\d KB\)$/]);
  const field = card.getByLabel('Node name of Cluster.log');
  await expect(field).toHaveValue('');
  await field.fill('SVR12');
  await field.press('Enter');
  await expect(page.locator('.tl-lane-name')).toHaveText(['SVR12']);
  await expect(card).toContainText('set by you');
  await expect(card).not.toContainText('No node name found');
});

test('a time range follows its data when a time base changes; Enter in a range field gives the keys back', async ({ page }) => {
  await openIncident(page);
  const from = page.getByLabel('From time, UTC');
  const to = page.getByLabel('To time, UTC');
  // 01:17:40–01:17:45 UTC holds SVR13's one-off quorum and death timer (21:17:42 local, −04:00).
  await from.fill('2020-05-12 01:17:40');
  await from.press('Enter');
  await expect(from).not.toBeFocused();
  await to.fill('2020-05-12 01:17:45');
  await to.press('Escape');
  await expect(to).not.toBeFocused();
  await expect(to).toHaveValue('');
  await to.fill('2020-05-12 01:17:45');
  await to.press('Enter');
  await expect(page.getByTestId('log-view')).toContainText('death timer is started');
  // The user says SVR13's log is UTC after all: its lines move 4 h later, SVR12's stay: the range cannot follow both.
  await page.getByTestId('file-card').nth(1).getByLabel('Time base of Cluster.log').selectOption('utc');
  await expect(page.locator('.notice')).toContainText('The time range was cleared: the time base of SVR13 changed');
  await expect(from).toHaveValue('');
  await expect(page.getByTestId('log-view')).toContainText('death timer is started');
});

test('with one file, the range moves with it when its time base changes', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  await page.setInputFiles('[data-testid="file-input"]', picked().slice(1));
  await waitLoaded(page, 1);
  const from = page.getByLabel('From time, UTC');
  await from.fill('2020-05-12 01:17:40');
  await from.press('Enter');
  await page.getByLabel('To time, UTC').fill('2020-05-12 01:17:45');
  await page.getByLabel('To time, UTC').press('Enter');
  await expect(page.getByTestId('log-view')).toContainText('death timer is started');
  await page.getByTestId('file-card').getByLabel('Time base of Cluster.log').selectOption('utc');
  await expect(from).toHaveValue('2020-05-11 21:17:40.000');
  await expect(page.getByTestId('log-view')).toContainText('death timer is started');
  await expect(page.locator('.notice')).toHaveCount(0);
});

test('Open folder… after Open files… loads nothing twice: asked once to add or replace, the copies are named as skipped', async ({ page }) => {
  // The same two logs in a folder, as Get-ClusterLog's output folder would hold them, with OS litter.
  const dir = join(mkdtempSync(join(tmpdir(), 'clusterlens-folder-')), 'incident');
  for (const d of ['first', 'second']) {
    mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, d, 'Cluster.log'), readFileSync(join(FIX, d, 'Cluster.log')));
  }
  writeFileSync(join(dir, 'Thumbs.db'), 'litter');
  await openIncident(page);
  await page.setInputFiles('[data-testid="folder-input"]', dir);
  const dialog = page.getByTestId('open-choice');
  await expect(dialog).toContainText('2 files are open. Add the 2 new files to them, or replace them?');
  await dialog.getByRole('button', { name: 'Add to them' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.notice')).toContainText('Already open, not loaded again (same size and content): ');
  await expect(page.locator('.notice')).toContainText(/incident\/first\/Cluster\.log \(1\.\d KB\) is Cluster\.log of SVR12/);
  await expect(page.locator('.notice')).toContainText(/incident\/second\/Cluster\.log \(2\.\d KB\) is Cluster\.log of SVR13/);
  await expect(page.getByTestId('file-card')).toHaveCount(2);
  await expect(page.getByTestId('status-bar').locator('.st', { hasText: /node/ })).toHaveText('2 nodes');
  // A line that exists once is found once.
  await page.getByTestId('search-input').fill('death timer is started');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('hit-count')).toContainText(/^1 hit/);
  // Asked once: the next folder is added without a question, and again nothing is loaded twice.
  await page.locator('.notice').getByRole('button', { name: 'Dismiss notice' }).click();
  await page.setInputFiles('[data-testid="folder-input"]', dir);
  await expect(page.locator('.notice')).toContainText('Already open, not loaded again');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('file-card')).toHaveCount(2);
});

test('Node local with an unknown offset still shows every time, as written and marked, and the control says for which node', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  // SVR12's log alone: nothing in it says its zone (assumed UTC, offset unknown).
  await page.setInputFiles('[data-testid="file-input"]', picked().slice(0, 1));
  await waitLoaded(page, 1);
  await page.getByRole('button', { name: /^Node local/ }).click();
  await expect(page.getByTestId('local-unknown')).toHaveAttribute('aria-label', /local time unknown for node 1 of Cluster\.log/);
  const times = page.locator('[data-testid="log-view"] [data-pos] .c-time');
  await expect(times.filter({ hasText: '2020-05-11 21:17:51.909' }).first()).toHaveClass(/as-written/);
  for (const t of await times.allTextContents()) expect(t.trim()).toMatch(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\*)?$/);
  await expect(page.getByTestId('event-row').first().locator('.ev-time')).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}\*$|^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\*$/);
});

test('a search pattern that can take exponential time is refused with why, and the page keeps answering', async ({ page }) => {
  await openIncident(page);
  await page.getByRole('button', { name: 'Regular expression' }).click();
  await page.getByTestId('search-input').fill('(a+)+b');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('hit-count')).toContainText('(a+)+b can take exponential time on a line: (a+)+ repeats a+');
  // The page answers: a key moves the selection, a literal search finds its line.
  await page.getByTestId('search-input').fill('Quorum lost because');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('hit-count')).toContainText(/^1 hit/);
});

const marks = (page: Page, sel = '') => page.locator(`[data-testid="timeline-marks"] li${sel}`);

test('quorum has a row: the death timer, the witness delay, quorum lost and regained; the events panel\'s quorum family shows them', async ({ page }) => {
  await openIncident(page);
  const q13 = marks(page, '[data-node="SVR13"][data-track="membership"][data-row="quorum"]');
  await expect(q13.filter({ hasText: /^death timer \(90 s\): stopped after 6\.5 s$/ })).toHaveCount(1);
  await expect(q13.filter({ hasText: /witness arbitration/ })).toHaveAttribute('data-kind', 'WitnessDelay');
  const delay = q13.filter({ hasText: /witness arbitration/ });
  expect(Number(await delay.getAttribute('data-t1')) - Number(await delay.getAttribute('data-t0'))).toBe(6000);
  await expect(q13.filter({ hasText: /regained|arbitrated/ }).first()).toHaveAttribute('data-kind', 'QuorumGained');
  const lost = marks(page, '[data-node="SVR12"][data-track="membership"][data-row="quorum"][data-kind="Quorum"]');
  await expect(lost).toHaveCount(1);
  await expect(lost).toHaveAttribute('data-t0', String(Date.UTC(2020, 4, 12, 1, 17, 51, 909)));
  // The events panel's quorum family: the timeline shows the quorum marks, and only them.
  await page.getByTestId('family-quorum').click();
  await expect(marks(page, '[data-family="quorum"]').first()).toBeAttached();
  expect(await marks(page).evaluateAll((els) => els.every((e) => (e as HTMLElement).dataset.family === 'quorum'))).toBe(true);
  expect(await marks(page).count()).toBeGreaterThanOrEqual(10);
});

test('marks of one millisecond are reachable: the tooltip lists them and a click offers them, the most severe first', async ({ page }) => {
  await openIncident(page);
  // 21:17:48.802 on SVR13: quorum arbitrated, the death timer stopped, quorum regained, in one millisecond.
  const at = Date.UTC(2020, 4, 12, 1, 17, 48, 802);
  const here = marks(page, `[data-node="SVR13"][data-track="membership"][data-row="quorum"][data-point="true"][data-t0="${at}"]`);
  await expect(here).toHaveCount(3);
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  const body = page.getByTestId('timeline').locator('.tl-body');
  const y = Number(await here.first().getAttribute('data-y'));
  const top = await body.evaluate((el, yy) => { el.scrollTop = Math.max(0, yy - 40); return el.scrollTop; }, y);
  const pt = { x: box.x + Number(await here.first().getAttribute('data-x')), y: box.y + y - top };
  await page.mouse.move(pt.x, pt.y);
  const tip = page.getByTestId('timeline-tooltip');
  await expect(tip.getByTestId('timeline-tooltip-more')).toContainText('also here (2, some in the same millisecond)');
  await page.mouse.click(pt.x, pt.y);
  const pick = page.getByTestId('timeline-pick');
  await expect(pick.getByRole('menuitem')).toHaveCount(3);
  await expect(pick).toContainText('3 marks here: choose one to open its line');
  // The most severe first: quorum regained and arbitrated before the death timer's routine stop.
  await expect(pick.getByRole('menuitem').last()).toContainText('death timer stopped');
  await pick.getByRole('menuitem').filter({ hasText: 'regained' }).click();
  await expect(pick).toHaveCount(0);
  await expect(page.locator('[data-testid="log-view"] .row.sel .c-msg')).toContainText('regained quorum, restarting group distribution');
});

test('the events panel reads as sentences with names, kinds grouped by family, and the most severe can be shown alone', async ({ page }) => {
  await openIncident(page);
  const rows = page.getByTestId('event-row');
  await expect(rows.filter({ hasText: 'quorum arbitrated by this node (SVR13)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'the owner of the quorum resource, SVR12, died' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'witness arbitration delayed 6 s' })).toHaveCount(1);
  for (const t of await page.locator('[data-testid="event-row"] .ev-sum').allTextContents()) expect(t).not.toMatch(/\w=\S/);
  // Kinds under their family, in the panel's family order.
  const groups = await page.getByTestId('event-kind').locator('optgroup').evaluateAll((els) => els.map((e) => (e as HTMLOptGroupElement).label));
  expect(groups).toEqual(['join', 'membership', 'network', 'resource', 'group', 'quorum', 'service'].filter((f) => groups.includes(f)));
  expect(groups).toContain('quorum');
  // ERR and worse: the incident's one ERR line, quorum lost on SVR12.
  await page.getByTestId('event-severity').selectOption({ label: 'ERR and worse' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('quorum lost: failed to update witness epoch after node failure');
  await expect(rows.first().getByTestId('event-severity-tag')).toHaveText('ERR');
});

test('membership as the lines imply it: views known only from a later oldView are drawn, marked inferred; the split window is shaded', async ({ page }) => {
  await openIncident(page);
  const view = (node: string) => marks(page, `[data-node="${node}"][data-track="membership"][data-row="view"]`);
  // SVR12's only install line is 1301; its oldView says it held 1101 (SVR12, SVR13) before: from where its log begins.
  const inferred12 = view('SVR12').filter({ hasText: /^view 1101 \(SVR12, SVR13\) — inferred: held before view 1301 \(that line's oldView\)/ });
  await expect(inferred12).toHaveAttribute('data-kind', 'ViewInferred');
  await expect(inferred12).toHaveAttribute('data-t0', String(Date.UTC(2020, 4, 12, 1, 16, 17, 902)));
  await expect(inferred12).toHaveAttribute('data-t1', String(Date.UTC(2020, 4, 12, 1, 17, 51, 909)));
  // SVR13 formed 002 (SVR13); its 1302 line says 1101 came in between.
  await expect(view('SVR13').filter({ hasText: /^view 1101 \(SVR12, SVR13\) — inferred: held before view 1302/ })).toHaveAttribute('data-kind', 'ViewInferred');
  // From SVR13's 1302 (21:17:48.802) the nodes are in different views (1101 against 1302, then 1301 against 1302)
  // until SVR12's log ends (21:17:51.910): shaded on both lanes.
  for (const node of ['SVR12', 'SVR13']) {
    const d = view(node).and(page.locator('[data-kind="Disagree"]'));
    await expect(d).toHaveCount(1);
    await expect(d).toHaveAttribute('data-t0', String(Date.UTC(2020, 4, 12, 1, 17, 48, 802)));
    await expect(d).toHaveAttribute('data-t1', String(Date.UTC(2020, 4, 12, 1, 17, 51, 910)));
  }
});

test('a move whose line names one node twice says why the arrow comes from the other; service bars end in words', async ({ page }) => {
  await openIncident(page);
  const move = marks(page, '[data-node="SVR12"][data-track="groups"][data-kind="MoveFailover"]');
  await expect(move).toHaveAttribute('data-to-node', 'SVR13');
  await expect(move).toHaveText('failover of Cluster Group: SVR12 → SVR13 (NodeDown) · the line says from SVR13 to SVR13 (a NodeDown move writes the survivor twice); the source is the node view 1302 removed, SVR12 (installed 6.5 s after it)');
  await expect(marks(page, '[data-node="SVR12"][data-track="service"]').first()).toHaveText('clussvc (pid 3352) started, terminated after losing quorum');
  await expect(marks(page, '[data-node="SVR12"][data-track="service"]').first()).toHaveAttribute('data-kind', 'SessionCrash');
  await expect(marks(page, '[data-node="SVR13"][data-track="service"]').first()).toHaveText('clussvc (pid 2700) running (its start is not in the log), still running where the log ends');
});

test('a readable raw log: the line keeps half the width at 1600×1000 with both panels, and at 1280×720 the panels and legend fold', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openIncident(page);
  const msgWidth = async () => (await page.locator('.log-header .c-msg').boundingBox())!.width;
  const logWidth = async () => (await page.getByTestId('log-view').boundingBox())!.width;
  await expect(page.getByTestId('file-card')).toHaveCount(2);
  await expect(page.getByTestId('events-panel')).toBeVisible();
  expect(await msgWidth()).toBeGreaterThanOrEqual((await logWidth()) / 2 - 1);
  // A cut cell shows its whole line on hover.
  const long = page.locator('[data-testid="log-view"] [data-pos] .c-msg').filter({ hasText: 'move of group' });
  await expect(long).toHaveAttribute('title', /targeted=false$/);
  // Columns hide and come back from the menu, and are remembered.
  await page.getByTestId('column-menu').click();
  await page.getByRole('menuitemcheckbox', { name: 'Node' }).locator('input').uncheck();
  await expect(page.locator('.log-header .c-node')).toBeHidden();
  await page.reload();
  await waitLoaded(page, 3);
  await expect(page.locator('.log-header .c-node')).toBeHidden();
  await page.getByTestId('column-menu').click();
  await page.getByRole('button', { name: 'Reset columns' }).click();
  await expect(page.locator('.log-header .c-node')).toBeVisible();
  // Wrapped lines: rows three lines tall, remembered.
  await page.getByTestId('wrap-lines').check();
  await expect.poll(async () => (await page.locator('[data-testid="log-view"] [data-pos]').first().boundingBox())!.height).toBe(54);

  // 1280×720 in a fresh page: the files panel and the legend start folded (the cards' warnings counted on ☰), the
  // timeline shows both lanes, and the line keeps half the log's width.
  const small = await page.context().newPage();
  await small.setViewportSize({ width: 1280, height: 720 });
  await small.evaluate(() => localStorage.clear()).catch(() => {});
  await small.goto('/');
  await small.evaluate(() => localStorage.clear());
  await small.reload();
  await expect(small.getByTestId('load-state')).not.toHaveClass(/st-busy/, { timeout: 60_000 });
  await small.setInputFiles('[data-testid="file-input"]', picked());
  await expect(small.getByTestId('status-bar')).toContainText('2 files');
  await expect(small.getByTestId('file-card')).toHaveCount(0);
  await expect(small.getByTestId('timeline-legend')).toHaveCount(0);
  await expect(small.getByTestId('timeline-lane')).toHaveCount(2);
  for (const lane of await small.getByTestId('timeline-lane').all()) await expect(lane).toBeInViewport();
  const m = (await small.locator('.log-header .c-msg').boundingBox())!.width;
  const l = (await small.getByTestId('log-view').boundingBox())!.width;
  expect(m).toBeGreaterThanOrEqual(l / 2 - 1);
  // Opening the panel is remembered.
  await small.getByRole('button', { name: 'Show file panel' }).click();
  await expect(small.getByTestId('file-card')).toHaveCount(2);
  await small.reload();
  await expect(small.getByRole('button', { name: 'Hide file panel' })).toBeVisible();
});

test('clicking an event centres its line in the raw log, with its context above and below (never under the details strip)', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openApp(page);
  await waitLoaded(page, 3);
  const scroller = page.locator('.log-scroller');
  for (const k of [2, 10, 18]) {
    await page.getByTestId('event-row').nth(k).click();
    const sel = page.locator('[data-testid="log-view"] .row.sel');
    await expect(sel).toHaveCount(1);
    const s = (await scroller.boundingBox())!;
    await expect.poll(async () => {
      const r = (await sel.boundingBox())!;
      return Math.abs(r.y + r.height / 2 - (s.y + s.height / 2)) <= 2 * r.height;
    }).toBe(true);
  }
});
