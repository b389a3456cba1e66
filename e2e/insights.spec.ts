// "What happened" (issue 13, first piece): the demo's story in the events panel, and a sentence
// that lands on its line.
import { expect, test } from '@playwright/test';
import { openApp, waitLoaded } from './helpers.ts';

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
