// What the browser tests share: the generated inputs, opening the app, dropping files,
// waiting for a load to settle, reading the visible raw-log rows.
import { expect, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INPUTS } from './paths.ts';

export const logsIn = (dir: string): string[] =>
  readdirSync(join(INPUTS, dir))
    .filter((n) => n.endsWith('.log'))
    .sort()
    .map((n) => join(INPUTS, dir, n));

export async function openApp(page: Page): Promise<string[]> {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/');
  return requests;
}

export async function dropFiles(page: Page, files: string[]): Promise<void> {
  await page.setInputFiles('[data-testid="file-input"]', files);
}

export async function waitLoaded(page: Page, cards: number): Promise<void> {
  await expect(page.getByTestId('file-card')).toHaveCount(cards);
  await expect(page.getByTestId('load-state')).not.toHaveClass(/st-busy/, { timeout: 60_000 });
  // The last merge after loading re-reads the visible window: wait until the rows settle.
  let prev = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await visibleRows(page));
      const same = now === prev;
      prev = now;
      return same;
    }, { intervals: [250, 250, 500, 500, 1000] })
    .toBe(true);
}

/** Visible rows of the raw-log view: position, time text, level, node, text. */
export async function visibleRows(page: Page) {
  return page.$$eval('[data-testid="log-view"] [data-pos]', (els) =>
    els
      .map((e) => ({
        pos: Number((e as HTMLElement).dataset.pos),
        time: e.querySelector('.c-time')?.textContent ?? '',
        level: e.querySelector('.c-lvl')?.textContent ?? '',
        node: e.querySelector('.c-node')?.textContent ?? '',
        text: e.querySelector('.c-msg')?.textContent ?? '',
        backwards: !!e.querySelector('.ico-back'),
        cls: e.className,
      }))
      .sort((a, b) => a.pos - b.pos),
  );
}

