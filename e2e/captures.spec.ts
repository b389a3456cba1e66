// A Process Monitor export dropped beside the incident's logs (issue 11): a source of its own
// kind, on its node, aligned on that node's log with its reasons, its rows interleaved with the
// log lines by aligned time and shown to 100 ns; the user's fine offset moves them.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';
import { openApp, waitLoaded } from './helpers.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'incident-2node');
const PROCMON = [
  '"Time of Day","Process Name","PID","Operation","Path","Result","Detail"',
  '"9:17:41.9000001 PM","clussvc.exe","3352","TCP Disconnect","SVR12:56450 -> SVR13:3343","SUCCESS","Length: 0"',
  '"9:17:51.9095000 PM","clussvc.exe","3352","RegCloseKey","HKLM\\Cluster","SUCCESS",""',
  '"9:17:52.0000000 PM","rhs.exe","2900","RegOpenKey","HKLM\\Cluster\\Resources","ACCESS DENIED","Desired Access: Read"',
].join('\r\n');

test('a Procmon CSV beside the logs: its own card, aligned on its node, rows interleaved at 100 ns, moved by a fine offset', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  await page.setInputFiles('[data-testid="file-input"]', [
    ...['first', 'second'].map((d) => ({ name: 'Cluster.log', mimeType: 'text/plain', buffer: readFileSync(join(FIX, d, 'Cluster.log')) })),
    { name: 'SVR12_procmon.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${PROCMON}\r\n`) },
  ]);
  await waitLoaded(page, 3);
  const card = page.locator('[data-testid="file-card"][data-file-name="SVR12_procmon.csv"]');
  await expect(card.getByTestId('source-kind')).toHaveText('Process Monitor capture');
  await expect(card.getByTestId('capture-records')).toHaveText('3');
  await expect(card.getByTestId('capture-facts')).toContainText('21:17:41.9000001 → 21:17:52.0000000');
  await expect(card.getByLabel('Node name of SVR12_procmon.csv')).toHaveValue('SVR12');
  // Aligned on SVR12's log: its offset, and the date its time of day falls on, with the reasons.
  await expect(card.getByLabel('UTC offset of SVR12_procmon.csv (local minus UTC)')).toHaveValue('-04:00');
  await expect(card.getByLabel("Date of SVR12_procmon.csv's first row")).toHaveValue('2020-05-11');
  await expect(card.getByTestId('alignment-why')).toContainText("2020-05-11: its first time of day falls inside SVR12's Cluster.log on that date");
  // No dialect or encoding fields: a capture has none.
  await expect(card.getByLabel('Time base of SVR12_procmon.csv')).toHaveCount(0);

  // In the raw view: the row at 01:17:41.9000001 UTC, right after SVR12's 01:17:41.900 line (and the export's header).
  const log = page.getByTestId('log-view');
  await page.getByTestId('search-input').fill('TCP Disconnect');
  await page.keyboard.press('Enter');
  const row = log.locator('.row', { hasText: 'TCP Disconnect' });
  await expect(row.locator('.c-time')).toHaveText(/01:17:41\.9000001/);
  await expect(row.locator('.c-tid')).toHaveText('3352');
  await expect(row.locator('.c-comp')).toHaveText('TCP Disconnect');
  await page.getByTestId('search-input').fill('ACCESS DENIED');
  await page.keyboard.press('Enter');
  const denied = log.locator('.row', { hasText: 'ACCESS DENIED' });
  await expect(denied.locator('.c-lvl')).toHaveText('ERR');
  await page.screenshot({ path: '.cache/captures-procmon.png' });

  // On the timeline: SVR12's lane has a capture track, a row per cluster process (clussvc and rhs by PID).
  const fitted = page.locator('.tl-row[data-node="SVR12"][data-track="captures"][data-fitted="1"]');
  if ((await fitted.count()) > 0) await fitted.getByRole('button', { name: '▸ captures' }).click();
  const rows = page.locator('.tl-row[data-node="SVR12"][data-track="captures"]');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-row-label', 'procmon: clussvc.exe (3352)');
  await expect(rows.nth(1)).toHaveAttribute('data-row-label', 'procmon: rhs.exe (2900)');
  await expect(page.locator('.tl-row[data-node="SVR13"][data-track="captures"]')).toHaveCount(0);
  // The ACCESS DENIED row stands out, and a click on its mark selects its row in the raw view.
  const mark = page.locator('[data-testid="timeline-marks"] li[data-node="SVR12"][data-track="captures"][data-kind="CapError"]');
  await expect(mark).toHaveCount(1);
  const y = Number(await mark.getAttribute('data-y'));
  const body = page.getByTestId('timeline').locator('.tl-body');
  const top = await body.evaluate((el, yy) => { el.scrollTop = Math.max(0, yy - 40); return el.scrollTop; }, y);
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  await page.mouse.click(box.x + Number(await mark.getAttribute('data-x')), box.y + y - top);
  await expect(page.locator('[data-testid="log-view"] .row.sel .c-msg')).toContainText('rhs.exe  RegOpenKey  HKLM\\Cluster\\Resources  ACCESS DENIED');
  await page.screenshot({ path: '.cache/captures-timeline.png' });

  // A fine offset of +1000 ms moves the capture's rows, and the card says it is the user's.
  const fine = card.getByLabel('Fine offset of SVR12_procmon.csv in ms');
  await fine.fill('1000');
  await fine.press('Enter');
  await page.getByTestId('search-input').fill('TCP Disconnect');
  await page.keyboard.press('Enter');
  await expect(row.locator('.c-time')).toHaveText(/01:17:42\.9000001/);
  await expect(card.getByTestId('alignment-why')).toContainText('set by you');
  // The raw/aligned toggle: as written, its rows sit at the times the file writes; aligned again, back.
  await card.getByTestId('alignment-raw').click();
  await expect(card.getByTestId('alignment-raw')).toHaveText('aligned');
  await expect(card.getByTestId('alignment-why')).toContainText('shown as written');
  await expect(row.locator('.c-time')).toHaveText(/21:17:41\.9000001/);
  await card.getByTestId('alignment-raw').click();
  await expect(row.locator('.c-time')).toHaveText(/01:17:42\.9000001/);
});

test('a capture row and its log line are linked: one click goes from one to the other and back', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  // SVR12 connects to SVR13 from port 56450 (its [SV] New real route line); the capture's TCP Connect names the same port.
  const procmon = [
    '"Time of Day","Process Name","PID","Operation","Path","Result","Detail"',
    '"9:16:18.4350000 PM","clussvc.exe","3352","TCP Connect","SVR12:56450 -> SVR13:3343","SUCCESS","Length: 0"',
    '"9:17:52.0000000 PM","rhs.exe","2900","RegOpenKey","HKLM\\Cluster","SUCCESS",""',
  ].join('\r\n');
  await page.setInputFiles('[data-testid="file-input"]', [
    ...['first', 'second'].map((d) => ({ name: 'Cluster.log', mimeType: 'text/plain', buffer: readFileSync(join(FIX, d, 'Cluster.log')) })),
    { name: 'SVR12_procmon.csv', mimeType: 'text/csv', buffer: Buffer.from(procmon) },
  ]);
  await waitLoaded(page, 3);
  await page.getByTestId('search-input').fill('TCP Connect');
  await page.keyboard.press('Enter');
  const log = page.getByTestId('log-view');
  await log.locator('.row', { hasText: 'TCP Connect' }).click();
  // Two links: clussvc's PID 3352 (0xd18 in the log) names its service start, and the port its route line.
  const links = page.getByTestId('line-link');
  await expect(links).toHaveText(['Cluster.log 1 · PID 3352: service-start line of PID 3352', 'Cluster.log 2 · port 56450: [SV] New real route line of port 56450']);
  await links.nth(1).click();
  const selected = page.locator('[data-testid="log-view"] .row.sel .c-msg');
  await expect(selected).toContainText('[SV] New real route: local (10.10.10.23:~56450~)');
  // And back: the log line links to the capture row.
  await expect(page.getByTestId('line-link')).toHaveText(['SVR12_procmon.csv 2 · port 56450: clussvc.exe TCP Connect (port 56450)']);
  await page.getByTestId('line-link').click();
  await expect(selected).toContainText('clussvc.exe  TCP Connect  SVR12:56450 -> SVR13:3343');

});
