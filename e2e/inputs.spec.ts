// What users drop, as they drop it: nested folders with OS litter, hostile text, a file whose
// encoding or format the user corrects on its card.
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.ts';
import { openApp, visibleRows, waitLoaded } from './helpers.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'incident-2node');

test('Open folder…: nested node folders name the nodes, OS litter is left out', async ({ page }) => {
  const root = join(mkdtempSync(join(tmpdir(), 'clusterlens-nodes-')), 'case 4711');
  for (const [d, node] of [['first', 'SVR12'], ['second', 'SVR13']]) {
    mkdirSync(join(root, node, 'Reports'), { recursive: true });
    writeFileSync(join(root, node, 'Reports', 'Cluster.log'), readFileSync(join(FIX, d, 'Cluster.log')));
    writeFileSync(join(root, node, 'desktop.ini'), '[.ShellClassInfo]');
  }
  writeFileSync(join(root, '.DS_Store'), 'litter');
  await openApp(page);
  await waitLoaded(page, 3);
  await page.setInputFiles('[data-testid="folder-input"]', root);
  await waitLoaded(page, 2);
  const cards = page.getByTestId('file-card');
  await expect(cards.locator('.card-path')).toHaveText(['case 4711/SVR12/Reports/Cluster.log', 'case 4711/SVR13/Reports/Cluster.log']);
  await expect(cards.nth(0).getByLabel('Node name of case 4711/SVR12/Reports/Cluster.log')).toHaveValue('SVR12');
  await expect(cards.nth(1).getByLabel('Node name of case 4711/SVR13/Reports/Cluster.log')).toHaveValue('SVR13');
  for (const c of await cards.all()) await expect(c).toContainText('from the folder name');
  await expect(page.getByTestId('status-bar').locator('.st', { hasText: /node/ })).toHaveText('2 nodes');
});

test('hostile text in a log stays text in every view: no element, no script', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
  const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b>';
  const lines = [
    `00000a8c.00000b14::2020/05/11-21:17:42.347 WARN  [QUORUM] Node 2: One off quorum (2) ${evil}`,
    `00000a8c.00000b14::2020/05/11-21:17:43.000 INFO  [RCM] move of group ${evil} from SVR13(2) to SVR12(1) of type MoveType::Manual is about to succeed, failoverCount=0, lastFailoverTime=1601/01/01-00:00:00.000 targeted=false`,
    `00000a8c.00000b14::2020/05/11-21:17:44.000 ERR   [RCM] Res ${evil}: Online -> OfflineCallIssued( StateUnknown )`,
  ];
  await openApp(page);
  await waitLoaded(page, 3);
  // Elements the hostile text would make (the page's own <b>s come and go with its panels: only one holding the log's 'bold' counts).
  const made = () => page.evaluate(() => document.querySelectorAll('img, script').length + [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length);
  const before = await made();
  await page.setInputFiles('[data-testid="file-input"]', [{ name: 'SVR12_cluster.log', mimeType: 'text/plain', buffer: Buffer.from(`${lines.join('\r\n')}\r\n`) }]);
  await waitLoaded(page, 1);
  // Shown as written, in the raw log, the events panel and the card.
  await expect(page.getByTestId('log-view')).toContainText(evil);
  await expect(page.getByTestId('event-row').filter({ hasText: evil }).first()).toBeVisible();
  await page.locator('[data-testid="log-view"] [data-pos]').first().click();
  await expect(page.getByTestId('details')).toContainText(evil);
  await page.getByTestId('search-input').fill('<script>');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('hit-count')).toContainText(/^3 hits/);
  // The timeline draws it on a canvas; its accessible list and tooltips are text.
  await expect(page.locator('[data-testid="timeline-marks"] li').filter({ hasText: `${evil} on SVR12` }).first()).toBeAttached();
  await expect(page.locator('.tl-row-label').filter({ hasText: evil }).first()).toBeAttached();
  expect(await made()).toBe(before);
  expect(dialogs).toBe(0);
  expect((await visibleRows(page)).length).toBeGreaterThanOrEqual(3);
});

test('a code page chosen on the card re-reads the file as that code page; the format can be overridden too', async ({ page }) => {
  // Not UTF-8: byte A5 is '¥' in windows-1252 and 'Ą' in windows-1250.
  const text = Buffer.concat([
    Buffer.from('00000a8c.00000b14::2020/05/11-21:17:42.347 INFO  [RCM] Res Z', 'latin1'), Buffer.from([0xa5]),
    Buffer.from('rich-FS: Online -> OfflineCallIssued( StateUnknown )\r\n', 'latin1'),
  ]);
  await openApp(page);
  await waitLoaded(page, 3);
  await page.setInputFiles('[data-testid="file-input"]', [{ name: 'NODE1_cluster.log', mimeType: 'text/plain', buffer: text }]);
  await waitLoaded(page, 1);
  const card = page.getByTestId('file-card');
  const codePage = card.getByLabel('Code page of NODE1_cluster.log');
  await expect(codePage).toHaveValue('windows-1252');
  await expect(page.getByTestId('log-view')).toContainText('Res Z¥rich-FS');
  await codePage.selectOption('windows-1250');
  await expect(page.getByTestId('log-view')).toContainText('Res ZĄrich-FS');
  await expect(card).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('event-row').filter({ hasText: 'resource ZĄrich-FS: Online → OfflineCallIssued' })).toHaveCount(1);
  // The format: read as Windows 2003, then back to 2008; each re-reads the resident bytes.
  const format = card.getByLabel('Log format of NODE1_cluster.log');
  await format.selectOption('w2003');
  await expect(format).toHaveValue('w2003');
  await expect(card).toHaveAttribute('data-status', 'done');
  await expect(card).toContainText('Windows Server 2003');
  await format.selectOption('w2008');
  await expect(format).toHaveValue('w2008');
  await expect(page.getByTestId('event-row').filter({ hasText: 'resource ZĄrich-FS: Online → OfflineCallIssued' })).toHaveCount(1);
});
