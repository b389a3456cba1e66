// A permalink (issue 12, first piece): a view built on the incident's two logs is copied as a
// link; a fresh page opened on it says which files it needs, and restores the view (level,
// search, time mode, the selected line) once they are dropped. A damaged link says why.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';
import { openApp, waitLoaded } from './helpers.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'incident-2node');
const picked = () => ['first', 'second'].map((d) => ({ name: 'Cluster.log', mimeType: 'text/plain', buffer: readFileSync(join(FIX, d, 'Cluster.log')) }));

test('a copied link restores the view in a fresh page once the same files are dropped', async ({ page, context }) => {
  const requests = await openApp(page);
  await waitLoaded(page, 3);
  await page.setInputFiles('[data-testid="file-input"]', picked());
  await waitLoaded(page, 2);
  await page.getByTestId('level-select').selectOption({ label: 'WARN+' });
  await page.getByTestId('search-input').fill('quorum');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Node local' }).click();
  const target = page.locator('[data-testid="log-view"] .row', { hasText: 'Quorum lost because failed to update witness epoch' });
  await target.click();
  await expect(page.locator('[data-testid="log-view"] .row.sel .c-msg')).toContainText('Quorum lost because');
  await page.getByTestId('copy-link').click();
  // The view history keeps the address bar up to date too: wait for the copy itself to be done.
  await expect(page.getByText(/Link copied|The link is in the address bar/)).toBeVisible();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#cl1\.[A-Za-z0-9_-]+$/);
  const url = await page.evaluate(() => location.href);
  expect(url.length).toBeLessThan(2000);

  // A fresh page on the link: the demo loads, the link says what it needs.
  const fresh = await context.newPage();
  const freshRequests: string[] = [];
  fresh.on('request', (r) => freshRequests.push(r.url()));
  await fresh.goto(url);
  await waitLoaded(fresh, 3);
  await expect(fresh.locator('.notice')).toContainText('This link shows a view of 2 files. Drop them to see it; missing: Cluster.log (1.2 KB), Cluster.log (2.2 KB)');
  await fresh.setInputFiles('[data-testid="file-input"]', picked());
  await waitLoaded(fresh, 2);
  await expect(fresh.getByTestId('level-select')).toHaveValue('3');
  await expect(fresh.getByTestId('search-input')).toHaveValue('quorum');
  await expect(fresh.getByRole('button', { name: 'Node local' })).toHaveAttribute('aria-pressed', 'true');
  await expect(fresh.locator('[data-testid="log-view"] .row.sel .c-msg')).toContainText('Quorum lost because failed to update witness epoch');
  // Nothing left the origin.
  const origin = new URL(url).origin;
  for (const r of [...requests, ...freshRequests]) expect(r.startsWith(origin) || r.startsWith('data:') || r.startsWith('blob:'), r).toBe(true);

  // A damaged link runs nothing and says why.
  const bad = await context.newPage();
  await bad.goto(url.replace(/#cl1\.(.{10})/, '#cl1.$1!!'));
  await waitLoaded(bad, 3);
  await expect(bad.locator('.notice')).toContainText('This link cannot be opened: the link is damaged');
});

test('Back and Forward walk the views (one entry per settled change), each in the address bar', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  const level = page.getByTestId('level-select');
  await level.selectOption({ label: 'WARN+' });
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#cl1\./);
  const first = await page.evaluate(() => location.hash);
  await page.getByTestId('search-input').fill('quorum');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(first);
  await page.goBack();
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await expect(level).toHaveValue('3');
  await page.goForward();
  await expect(page.getByTestId('search-input')).toHaveValue('quorum');
  await expect(level).toHaveValue('3');
});

test('a different file with the same name and size is named as a mismatch, and can be used anyway', async ({ page, context }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  await page.setInputFiles('[data-testid="file-input"]', picked());
  await waitLoaded(page, 2);
  await page.getByTestId('level-select').selectOption({ label: 'WARN+' });
  await page.getByTestId('copy-link').click();
  await expect(page.getByText(/Link copied|The link is in the address bar/)).toBeVisible();
  const url = await page.evaluate(() => location.href);

  // The second log with one character changed: same name, same size, other content.
  const files = picked();
  const changed = Buffer.from(files[1].buffer);
  const at = changed.indexOf('Cluster');
  expect(at).toBeGreaterThan(0);
  changed[at] = 'c'.charCodeAt(0);
  files[1] = { ...files[1], buffer: changed };

  const fresh = await context.newPage();
  await fresh.goto(url);
  await waitLoaded(fresh, 3);
  await fresh.setInputFiles('[data-testid="file-input"]', files);
  await waitLoaded(fresh, 2);
  const notice = fresh.locator('.notice');
  await expect(notice).toContainText(/Not the linked file: Cluster\.log: same size, but different content \(fingerprint [0-9a-f]{16}, the linked file's [0-9a-f]{16}\)/);
  await expect(fresh.getByTestId('level-select')).not.toHaveValue('3');
  await notice.getByRole('button', { name: 'Show the view on these files anyway' }).click();
  await expect(fresh.getByTestId('level-select')).toHaveValue('3');
  await expect(notice).toHaveCount(0);
});
