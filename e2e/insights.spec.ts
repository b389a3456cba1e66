// "What happened" (issue 13, first piece): the demo's story in the events panel, and a sentence
// that lands on its line.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { dropFiles, openApp, waitLoaded } from './helpers.ts';
import { INPUTS } from './paths.ts';

test('the demo tells what happened, and a sentence lands on its line', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  const panel = page.getByTestId('what-happened');
  await expect(panel).toContainText('What happened');
  // The engine's rules see the correlated model too: SQLNODE2's silence, and ag1's failover with its cause.
  await expect(panel.locator('li[data-rule="no-data"]')).toContainText("SQLNODE2's log is silent for 61 s");
  await expect(panel.locator('li[data-rule="group-failover"]').first()).toContainText('ag1 failed over (NodeDown, failover 1) from SQLNODE2 to SQLNODE1');
  const removal = panel.locator('li[data-rule="node-removed"]').first();
  await expect(removal).toContainText(/was removed by SQLNODE\d at \d\d:\d\d:\d\d\.\d{3}.* from membership after a network loss: \d+ missed heartbeats/);
  const cite = await removal.locator('.wh-cite').first().textContent();
  await removal.getByTestId('finding').click();
  // Its first cited line is selected in the raw log (the timeline's cursor follows it).
  const line = Number(cite!.split(':').pop());
  await expect(page.getByTestId('details')).toContainText(`line ${line.toLocaleString('en-US')}`);
  await expect(page.locator('[data-testid="log-view"] .row.sel')).toHaveCount(1);
  // The timeline frames it: the removal's time is in view, with room around it (not the whole incident).
  const tl = page.getByTestId('timeline');
  const t = Date.parse(`2024-08-08T${(await removal.locator('.mono').first().textContent())!.trim()}Z`);
  await expect.poll(async () => {
    const [a, z] = [Number(await tl.getAttribute('data-t0')), Number(await tl.getAttribute('data-t1'))];
    return a < t && t < z && z - a < 5 * 60_000;
  }).toBe(true);
  await page.screenshot({ path: '.cache/what-happened.png' });
});

test('the clocks: SQLNODE3 runs 350 ms ahead, the correction moves it, travels in the link, and raw stays visible', async ({ page }) => {
  const { inflateRawSync } = await import('node:zlib');
  await openApp(page);
  await waitLoaded(page, 3);
  const clocks = page.getByTestId('clocks');
  await expect(clocks).toContainText('against SQLNODE');
  const row = clocks.locator('tr[data-node="SQLNODE3"]');
  const interval = async (cell: string) => {
    const text = (await row.getByTestId(cell).textContent())!;
    const [lo, hi] = [...text.matchAll(/([+−±])(\d+)/g)].map((m) => (m[1] === '−' ? -1 : 1) * Number(m[2]));
    return { lo, hi, text };
  };
  // The demo's manifest sets SQLNODE3's clock 350 ms ahead of the others.
  const raw = await interval('clock-raw');
  expect(raw.lo).toBeLessThanOrEqual(350);
  expect(raw.hi).toBeGreaterThanOrEqual(350);
  expect(raw.hi - raw.lo).toBeLessThanOrEqual(50);
  await expect(row.getByTestId('clock-now')).toHaveText('raw');
  await clocks.getByRole('button', { name: 'Apply clock correction' }).click();
  // Corrected: what is left straddles zero, and the raw interval is still shown beside it.
  await expect(row.getByTestId('clock-now')).not.toHaveText('raw');
  const now = await interval('clock-now');
  expect(now.lo).toBeLessThanOrEqual(1);
  expect(now.hi).toBeGreaterThanOrEqual(-1);
  expect((await interval('clock-raw')).text).toBe(raw.text);
  await expect(clocks).toContainText('Times shown: corrected');
  // The timeline's lane says its logs are moved.
  await expect(page.locator('[data-testid="timeline-lane"][data-node="SQLNODE3"] [data-testid="lane-clock"]')).toHaveText(/^−3\d\d ms$/);
  // The file card says so, and the view's link carries the correction.
  await expect(page.locator('.card', { hasText: 'SQLNODE3_cluster.log' })).toContainText(/clock corrected by −?-?3\d\d ms/);
  await expect.poll(async () => {
    const hash = await page.evaluate(() => location.hash);
    if (!hash.startsWith('#cl1.')) return null;
    const state = JSON.parse(inflateRawSync(Buffer.from(hash.slice(5), 'base64url')).toString('utf8'));
    return state.files.find((f: { name: string }) => f.name === 'SQLNODE3_cluster.log')?.clockMs ?? null;
    // The middle of the raw interval (shown rounded to whole ms: within 1 ms of it).
  }).toBeGreaterThanOrEqual(-Math.round((raw.lo + raw.hi) / 2) - 1);
  const hash = await page.evaluate(() => location.hash);
  const state = JSON.parse(inflateRawSync(Buffer.from(hash.slice(5), 'base64url')).toString('utf8'));
  expect(Math.abs(state.files.find((f: { name: string }) => f.name === 'SQLNODE3_cluster.log').clockMs + (raw.lo + raw.hi) / 2)).toBeLessThanOrEqual(1);
  await page.screenshot({ path: '.cache/clocks.png' });
  // Raw again.
  await clocks.getByRole('button', { name: 'Raw clocks' }).click();
  await expect(row.getByTestId('clock-now')).toHaveText('raw');
  await expect(clocks).toContainText('Times shown: raw');
  await expect(page.getByTestId('lane-clock')).toHaveCount(0);
});

test('the findings are drawn on the timeline; picking one highlights it in both places and lands on its line', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  const panel = page.getByTestId('what-happened');
  const sentences = panel.getByTestId('finding');
  await expect(sentences.first()).toBeVisible();
  const strip = page.getByTestId('timeline-findings');
  // Every finding of the panel is on the timeline (the whole incident is in view): a flag, or in a "+n" flag of a close cluster.
  const flags = strip.getByTestId('timeline-finding');
  const more = strip.getByTestId('timeline-findings-more');
  await expect(flags.first()).toBeVisible();
  const inMore = (await more.allTextContents()).reduce((n, t) => n + Number(t.replace('+', '')), 0);
  expect((await flags.count()) + inMore).toBe(await sentences.count());
  // The demo's quorum loss comes within a second of its stop and its failover: it sits in a cluster's list.
  await expect(strip.locator('[data-testid="timeline-finding"][data-rule="quorum-lost"]')).toHaveCount(0);
  await more.first().click();
  const pick = page.getByTestId('timeline-findings-pick');
  const item = pick.locator('[data-rule="quorum-lost"]');
  await expect(item).toHaveAttribute('title', /lost quorum at/);
  await item.click();
  await expect(pick).toHaveCount(0);
  await expect(more.first()).toHaveClass(/tl-finding-active/);
  const li = panel.locator('li.wh-active');
  await expect(li).toHaveCount(1);
  await expect(li).toHaveAttribute('data-rule', 'quorum-lost');
  // Its first cited line is selected.
  const cite = await li.locator('.wh-cite').first().textContent();
  await expect(page.getByTestId('details')).toContainText(`line ${Number(cite!.split(':').pop()).toLocaleString('en-US')}`);
  await page.screenshot({ path: '.cache/findings-strip.png' });
  // ] and [ step through the findings from the picked one.
  const order = await panel.locator('li[data-rule]').evaluateAll((els) => els.map((el) => el.getAttribute('data-rule')));
  const at = order.indexOf('quorum-lost');
  await page.keyboard.press(']');
  await expect(panel.locator('li.wh-active')).toHaveAttribute('data-rule', order[at + 1]!);
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await expect(panel.locator('li.wh-active')).toHaveAttribute('data-rule', order[at - 1]!);
});

test('a 2003 hang told from the dropped System event logs: ClusNet 1228 and its aftermath, each row a link', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  const dir = join(INPUTS, 'starved2003');
  await dropFiles(page, ['A1', 'A2', 'A3'].flatMap((n) => [join(dir, `${n}_cluster.log`), join(dir, `${n}_System.csv`)]));
  await waitLoaded(page, 6);
  const starved = page.getByTestId('what-happened').locator('li[data-rule="service-starved"]');
  await expect(starved).toContainText(/ClusNet on A2 terminated its cluster service at [\d:.]+: it had not heartbeated for 60 s \(event 1228/);
  await expect(starved).toContainText('A1 found an IP address in conflict');
  // Its first cite is the 1228 row of A2's event log: the raw view selects that row.
  const cite = starved.locator('.wh-cite').first();
  await expect(cite).toHaveText(/^A2_System\.csv:\d+$/);
  await cite.click();
  await expect(page.getByTestId('details')).toContainText('A2_System.csv');
  await expect(page.getByTestId('details')).toContainText('ClusNet');
});

test('Copy report puts the story on the clipboard as the CLI prints it, each claim with its file and line', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await waitLoaded(page, 3);
  await expect(page.getByTestId('root-cause')).toBeVisible();
  await page.getByTestId('copy-report').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('# Incident report');
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain('**Root cause (medium confidence):** SQLNODE2 lost quorum after it was removed from membership');
  const claims = md.split('\n').filter((x) => / confidence; /.test(x));
  expect(claims.length).toBe(await page.getByTestId('what-happened').getByTestId('finding').count());
  for (const l of claims) expect(l).toMatch(/SQLNODE\d_cluster\.log:\d+/);
  expect(md).toContain('## Clocks, from causal pairs');
});
