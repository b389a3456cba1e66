// A permalink (issue 12, first piece): a view built on the incident's two logs is copied as a
// link; a fresh page opened on it says which files it needs, and restores the view (level,
// search, time mode, the selected line) once they are dropped. A damaged link says why.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import Papa from 'papaparse';
import { join } from 'node:path';
import { ROOT } from './paths.ts';
import { openApp, waitLoaded } from './helpers.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'incident-2node');
const picked = () => ['first', 'second'].map((d) => ({ name: 'Cluster.log', mimeType: 'text/plain', buffer: readFileSync(join(FIX, d, 'Cluster.log')) }));

/** A view of no files with every filter at rest, as a link's state holds it (without its version). */
const EMPTY_VIEW = {
  files: [], view: { minLevel: 0, components: [], from: null, to: null, onlyHits: false, context: 0, expandAll: false, hiddenFiles: [] },
  search: null, timeMode: 'utc', domain: null,
  events: { families: [], kinds: [], nodes: [], name: '', verifiedOnly: false, minSeverity: 0 },
  timeline: { open: true, axis: '', laneOrder: [], hiddenLanes: [], collapsedLanes: [], hiddenTracks: [], collapsedTracks: [], expandedTracks: [], expandedGroups: [] },
  selected: null,
};

/** A link's fragment for `state`, written as the app writes it (deflate-raw, base64url), here by Node's zlib. */
const linkFragment = (state: object) => `cl1.${deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url')}`;

/** The app with the incident's two logs dropped (replacing the demo) and the WARN+ level chosen. */
async function twoLogsAtWarn(page: Page): Promise<void> {
  await waitLoaded(page, 3);
  await page.setInputFiles('[data-testid="file-input"]', picked());
  await waitLoaded(page, 2);
  await page.getByTestId('level-select').selectOption({ label: 'WARN+' });
}

/** Selects SVR12's "Quorum lost" line and pins a note to it; returns the line's row. */
async function noteOnQuorumLost(page: Page, text: string) {
  const target = page.locator('[data-testid="log-view"] .row', { hasText: 'Quorum lost because failed to update witness epoch' });
  await target.click();
  await page.getByTestId('note-line').click();
  await page.getByTestId('note-text').fill(text);
  await page.getByTestId('note-save').click();
  return target;
}

test('a copied link restores the view in a fresh page once the same files are dropped', async ({ page, context, browser }) => {
  const requests = await openApp(page);
  await twoLogsAtWarn(page);
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
  // Another browser context: this one remembers the files (a session), a colleague's does not.
  const other = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const fresh = await other.newPage();
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
  await other.close();
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

test('a different file with the same name and size is named as a mismatch, and can be used anyway', async ({ page, browser }) => {
  await openApp(page);
  await twoLogsAtWarn(page);
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

  // Another browser context: this one remembers the files (a session), a colleague's does not.
  const other = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const fresh = await other.newPage();
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
  await other.close();
});

test('notes, a zoom, a filter and a selected line travel in the link to a fresh browser context', async ({ page, browser }) => {
  await openApp(page);
  await twoLogsAtWarn(page);
  // A note on the selected line: its text is the user's, shown as text.
  const target = await noteOnQuorumLost(page, 'witness epoch <b>not</b> updated\nSVR12 lost quorum here');
  await expect(page.getByTestId('note-card')).toHaveCount(0);
  await expect(target.locator('.note-pin')).toHaveText('✎ witness epoch <b>not</b> updated');
  // A zoom, then a note at a moment of the timeline (double-click on the time axis).
  const canvas = page.getByTestId('timeline-canvas');
  const box = (await canvas.boundingBox())!;
  // (at the end of the logs: both notes stay in view)
  await page.mouse.move(box.x + box.width * 0.97, box.y + 10);
  await page.keyboard.down('Control');
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  const tl = page.getByTestId('timeline');
  await expect.poll(async () => Number(await tl.getAttribute('data-t1')) - Number(await tl.getAttribute('data-t0'))).toBeLessThan(60_000);
  const axis = page.getByTestId('timeline-axis');
  const ab = (await axis.boundingBox())!;
  await page.mouse.dblclick(ab.x + 20, ab.y + ab.height / 2);
  await page.getByTestId('note-text').fill('arbitration starts');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('timeline-note')).toHaveCount(2);
  await expect(page.getByTestId('timeline-note').filter({ hasText: 'arbitration starts' })).toBeVisible();
  await page.getByTestId('copy-link').click();
  await expect(page.getByText(/Link copied|The link is in the address bar/)).toBeVisible();
  const url = await page.evaluate(() => location.href);
  const want = { t0: await tl.getAttribute('data-t0'), t1: await tl.getAttribute('data-t1') };
  const lanes = await page.locator('[data-testid="timeline"] .tl-lane-name, [data-testid="timeline"] [data-lane]').allTextContents();

  // Another browser context: no storage, no clipboard, nothing shared but the link.
  const other = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const fresh = await other.newPage();
  const requests: string[] = [];
  fresh.on('request', (r) => requests.push(r.url()));
  await fresh.goto(url);
  await waitLoaded(fresh, 3);
  await fresh.setInputFiles('[data-testid="file-input"]', picked());
  await waitLoaded(fresh, 2);
  await expect(fresh.getByTestId('level-select')).toHaveValue('3');
  const ftl = fresh.getByTestId('timeline');
  await expect(ftl).toHaveAttribute('data-t0', want.t0!);
  await expect(ftl).toHaveAttribute('data-t1', want.t1!);
  expect(await fresh.locator('[data-testid="timeline"] .tl-lane-name, [data-testid="timeline"] [data-lane]').allTextContents()).toEqual(lanes);
  const sel = fresh.locator('[data-testid="log-view"] .row.sel');
  await expect(sel.locator('.c-msg')).toContainText('Quorum lost because failed to update witness epoch');
  await expect(sel.locator('.note-pin')).toHaveText('✎ witness epoch <b>not</b> updated');
  await expect(fresh.getByTestId('timeline-note')).toHaveCount(2);
  await expect(fresh.getByTestId('timeline-note').filter({ hasText: 'arbitration starts' })).toBeVisible();
  // The note opens on its card, as text (no element was made of it).
  await sel.locator('.note-pin').click();
  await expect(fresh.getByTestId('note-text')).toHaveValue('witness epoch <b>not</b> updated\nSVR12 lost quorum here');
  expect(await fresh.locator('[data-testid="log-view"] b').count()).toBe(0);
  const origin = new URL(url).origin;
  for (const r of requests) expect(r.startsWith(origin) || r.startsWith('data:') || r.startsWith('blob:'), r).toBe(true);
  await other.close();
});

test('a link made before notes (view version 1) still opens', async ({ page }) => {
  // Written as version 1 wrote it: no notes field.
  const frag = linkFragment({ ...EMPTY_VIEW, v: 1, view: { ...EMPTY_VIEW.view, minLevel: 3 }, search: { text: 'quorum', regex: false, caseSensitive: false } });
  await page.goto(`/#${frag}`);
  await waitLoaded(page, 3);
  await expect(page.getByTestId('search-input')).toHaveValue('quorum');
  await expect(page.getByTestId('level-select')).toHaveValue('3');
});

test('a case file carries the files, the view and its notes to a browser that has none of them', async ({ page, browser }) => {
  await openApp(page);
  await twoLogsAtWarn(page);
  await noteOnQuorumLost(page, 'the witness epoch could not be updated');
  await page.getByTestId('save-case').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('case-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^clusterlens-SVR12-SVR13-\d{8}-\d{4}\.zip$/);
  const path = test.info().outputPath('case.zip');
  await download.saveAs(path);
  await expect(page.getByText(/Case file saved as clusterlens-SVR12-SVR13-.*2 inputs, the view and its notes/)).toBeVisible();

  const other = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const fresh = await other.newPage();
  const requests: string[] = [];
  fresh.on('request', (r) => requests.push(r.url()));
  await openApp(fresh);
  await waitLoaded(fresh, 3);
  await fresh.setInputFiles('[data-testid="file-input"]', path);
  await waitLoaded(fresh, 2);
  await expect(fresh.getByTestId('level-select')).toHaveValue('3');
  const sel = fresh.locator('[data-testid="log-view"] .row.sel');
  await expect(sel.locator('.c-msg')).toContainText('Quorum lost because failed to update witness epoch');
  await expect(sel.locator('.note-pin')).toHaveText('✎ the witness epoch could not be updated');
  await expect(fresh.locator('.notice')).toHaveCount(0);
  for (const r of requests) expect(r.startsWith(new URL(fresh.url()).origin) || r.startsWith('blob:') || r.startsWith('data:'), r).toBe(true);
  await other.close();
});

test('a redacted case file: what gets masked is shown first, and the recipient sees tokens, the same in every file, the view and the notes', async ({ page, browser }) => {
  await openApp(page);
  await twoLogsAtWarn(page);
  await noteOnQuorumLost(page, 'SVR12 lost quorum, 10.10.10.23 unreachable');
  await page.getByTestId('save-case').click();
  await page.getByTestId('case-redact').check();
  // Nothing is written before the preview.
  await expect(page.getByTestId('case-save')).toBeDisabled();
  await page.getByTestId('case-preview').click();
  const list = page.getByTestId('case-preview-list');
  await expect(list.locator('tr', { hasText: 'SVR12' })).toContainText(/hosts\s*SVR12\s*HOST-\d/);
  await expect(list.locator('tr', { hasText: '10.10.10.23' })).toContainText('198.18.0.');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('case-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^clusterlens-\d{8}-\d{4}\.zip$/);
  const path = test.info().outputPath('redacted.zip');
  await download.saveAs(path);

  const other = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const fresh = await other.newPage();
  await openApp(fresh);
  await waitLoaded(fresh, 3);
  await fresh.setInputFiles('[data-testid="file-input"]', path);
  await waitLoaded(fresh, 2);
  await expect(fresh.locator('.notice')).toContainText('Its inputs were redacted');
  await expect(fresh.getByTestId('level-select')).toHaveValue('3');
  const sel = fresh.locator('[data-testid="log-view"] .row.sel');
  await expect(sel.locator('.c-msg')).toContainText('Quorum lost because failed to update witness epoch');
  await expect(sel.locator('.note-pin')).toHaveText(/^✎ HOST-\d lost quorum, 198\.18\.0\.\d+ unreachable$/);
  // No original name or address anywhere on the page.
  const body = await fresh.locator('body').innerText();
  expect(body).not.toMatch(/SVR1[23]|10\.10\.10\./);
  await expect(fresh.getByTestId('timeline-lane')).toHaveCount(2);
  expect((await fresh.getByTestId('timeline-lane').allTextContents()).join(' ')).toMatch(/HOST-\d.*HOST-\d/);
  await other.close();
});

/** Exports in `format` through the Export dialog; the downloaded bytes. */
async function exported(page: Page, format: string): Promise<Buffer> {
  await page.getByTestId('export').click();
  await page.getByTestId(`export-${format}`).check();
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  const path = test.info().outputPath(d.suggestedFilename());
  await d.saveAs(path);
  return readFileSync(path);
}

test('each export downloads and parses back; with redaction on, no name or address leaves', async ({ page }) => {
  await openApp(page);
  await twoLogsAtWarn(page);
  const download = async (format: string) => (await exported(page, format)).toString('utf8');
  const csv = Papa.parse<Record<string, string>>(await download('events-csv'), { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  expect(csv.data.length).toBe(21);
  expect(csv.data.find((r) => r.kind === 'quorum-lost')).toMatchObject({ node: 'SVR12', time_utc: '2020-05-12T01:17:51.909Z', severity: 'ERR' });
  const jsonl = (await download('events-jsonl')).trim().split('\n').map((l) => JSON.parse(l));
  expect(jsonl.length).toBe(21);
  for (const e of (await download('events-timesketch')).trim().split('\n').map((l) => JSON.parse(l))) {
    expect(e).toMatchObject({ message: expect.any(String), datetime: expect.stringMatching(/Z$/), timestamp_desc: expect.any(String) });
  }
  const trace = JSON.parse(await download('trace'));
  for (const e of trace.traceEvents) {
    expect(['M', 'i', 'X']).toContain(e.ph);
    for (const k of ['ts', 'pid', 'tid']) expect(Number.isInteger(e[k])).toBe(true);
    expect(typeof e.name).toBe('string');
  }
  expect(trace.traceEvents.filter((e: { name: string }) => e.name === 'process_name').map((e: { args: { name: string } }) => e.args.name).sort()).toEqual(['SVR12', 'SVR13']);
  const rows = Papa.parse<Record<string, string>>(await download('rows-csv'), { header: true, skipEmptyLines: true });
  expect(rows.data.map((r) => r.level)).toEqual(['WARN', 'WARN', 'ERR']);
  expect((await download('text')).split('\n')[2]).toContain('Quorum lost because failed to update witness epoch');

  // Redaction on: the same export holds tokens only.
  await page.getByTestId('export').click();
  await page.getByTestId('case-redact').check();
  await page.getByTestId('export-trace').check();
  // Nothing is written before the preview says what gets masked.
  await expect(page.getByTestId('export-save')).toBeDisabled();
  await page.getByTestId('export-preview').click();
  await expect(page.getByTestId('case-preview-list').locator('tr', { hasText: 'SVR12' })).toContainText(/HOST-\d/);
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  const path = test.info().outputPath('redacted-trace.json');
  await d.saveAs(path);
  const text = readFileSync(path, 'utf8');
  expect(text).not.toMatch(/SVR1[23]|10\.10\.10\./);
  expect(JSON.parse(text).traceEvents.filter((e: { name: string }) => e.name === 'process_name').map((e: { args: { name: string } }) => e.args.name).sort()).toEqual(['HOST-1', 'HOST-2']);
});

test('a reload restores the view from the session remembered in this browser; a session can be forgotten', async ({ page }) => {
  await openApp(page);
  await twoLogsAtWarn(page);
  const before = await page.evaluate(() => location.hash);
  await page.getByTestId('search-input').fill('quorum');
  await page.keyboard.press('Enter');
  // The view's history entry is written once the change settles.
  await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(before);
  // Remembered once loaded (in the background): the dialog lists it with its size.
  await page.getByTestId('sessions').click();
  await expect(page.getByTestId('session-row')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByTestId('session-row')).toContainText('2: Cluster.log, Cluster.log');
  await expect(page.getByTestId('session-row')).toContainText('3.4 KB');
  await page.keyboard.press('Escape');
  const hash = await page.evaluate(() => location.hash);

  await page.reload();
  // No file dropped: they come from the session, and the view with them.
  await waitLoaded(page, 2);
  await expect(page.getByTestId('level-select')).toHaveValue('3');
  await expect(page.getByTestId('search-input')).toHaveValue('quorum');
  await expect(page.locator('.notice')).toHaveCount(0);
  expect(await page.evaluate(() => location.hash)).toBe(hash);

  await page.getByTestId('sessions').click();
  await expect(page.getByTestId('session-row')).toHaveCount(1);
  await page.getByTestId('session-forget').click();
  await expect(page.getByTestId('session-row')).toHaveCount(0);
  await expect(page.getByTestId('sessions-used')).toHaveText('0 B');
});

test('#src= loads inputs from this origin only after the user says so, and says why others are not loaded', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/#src=demo/SQLNODE1_cluster.log&src=demo/SQLNODE2_cluster.log&src=demo/gone.log&src=https%3A%2F%2Fexample.com%2Fx.log');
  await waitLoaded(page, 3); // the demo, meanwhile
  const notice = page.locator('.notice');
  await expect(notice).toContainText('This link asks to load 3 inputs from http://127.0.0.1');
  await expect(notice).toContainText('Refused: https://example.com is not an origin this deployment may fetch from');
  // Nothing fetched before the user says so.
  expect(requests.filter((r) => /gone\.log|example\.com/.test(r))).toEqual([]);
  await notice.getByRole('button', { name: 'Load these 3' }).click();
  await waitLoaded(page, 2);
  await expect(page.getByTestId('file-card')).toContainText(['SQLNODE1_cluster.log', 'SQLNODE2_cluster.log']);
  // (the test server answers a path it does not have with its page, as many sites do)
  await expect(notice).toContainText(/Not loaded: http:\/\/127\.0\.0\.1:\d+\/demo\/gone\.log: the server answered (404|with a web page, not a file)/);
  expect(requests.filter((r) => r.includes('example.com'))).toEqual([]);
});

test('the visible timeline exports as SVG (vectors, lanes, axis, legend) and as PNG', async ({ page }) => {
  await openApp(page);
  await waitLoaded(page, 3);
  const picture = (format: string) => exported(page, format);
  const svg = (await picture('timeline-svg')).toString('utf8');
  // It parses as SVG, with the lanes' names, the axis's labels and the legend, and the marks as shapes.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const err = doc.querySelector('parsererror');
    return { err: err?.textContent ?? null, root: doc.documentElement.nodeName, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent), shapes: doc.querySelectorAll('rect, path').length };
  }, svg);
  expect(parsed.err).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.texts).toEqual(expect.arrayContaining(['SQLNODE1', 'SQLNODE2', 'SQLNODE3', 'missed heartbeats', 'ROUTES']));
  expect(parsed.texts.some((t) => /^\d\d:\d\d(:\d\d)?$/.test(t ?? ''))).toBe(true);
  expect(parsed.shapes).toBeGreaterThan(100);
  const png = await picture('timeline-png');
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Its size is twice the picture's (IHDR), and it decodes.
  const w = png.readUInt32BE(16);
  const h = png.readUInt32BE(20);
  expect(w).toBeGreaterThan(1000);
  expect(h).toBeGreaterThan(300);
  const decoded = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    return [bmp.width, bmp.height];
  }, png.toString('base64'));
  expect(decoded).toEqual([w, h]);
});

test('a hostile, truncated or oversized link is refused or shown as text, and runs no script', async ({ page }) => {
  const frag = linkFragment({
    ...EMPTY_VIEW, v: 2,
    search: { text: '<img src=x onerror="window.__pwned=1">', regex: false, caseSensitive: false },
    events: { ...EMPTY_VIEW.events, name: '<script>window.__pwned=2</script>' },
    notes: [{ text: '<img src=x onerror="window.__pwned=3">', t: Date.UTC(2024, 7, 8, 6, 55) }],
  });
  await page.goto(`/#${frag}`);
  await waitLoaded(page, 3);
  // Applied as text: the search box, the events filter and the note hold the markup as characters.
  await expect(page.getByTestId('search-input')).toHaveValue('<img src=x onerror="window.__pwned=1">');
  await expect(page.getByTestId('timeline-note')).toHaveText('<img src=x onerror="window.__pwned=3">');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img').count()).toBe(0);

  // Truncated: refused with why.
  await page.goto(`/#${frag.slice(0, frag.length - 40)}`);
  await expect(page.locator('.notice')).toContainText('This link cannot be opened: the link is damaged');
  // Oversized: refused before anything is decoded.
  await page.goto(`/#cl1.${'A'.repeat(20_000)}`);
  await expect(page.locator('.notice')).toContainText('This link cannot be opened: the link is 20004 characters long, more than the 16384 a link may have');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
