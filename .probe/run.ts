import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
const configFile = 'bench/vite.config.ts';
await build({ configFile, logLevel: 'warn' });
const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1812, height: 900 } });
await page.goto(url + 'timeline.html');
await page.waitForFunction(() => (window as any).benchTl?.ready === true);
const tl = (f: string, ...a: unknown[]) => page.evaluate(([f, a]) => (window as any).benchTl[f as string](...(a as unknown[])), [f, a] as const);
await tl('build', Number(process.env.N ?? 1_000_000), 20, 1);
await tl('settle', 60000);
const g: any = await tl('geometry');
const v = g.visible; const y = v.top + Math.min(120, v.height / 2);
const wheel = async (dy: number) => { await page.keyboard.down('Control'); await page.mouse.wheel(0, dy); await page.keyboard.up('Control'); await tl('settle', 2000); };
for (let rep = 0; rep < 2; rep++) {
  await page.evaluate(() => { (globalThis as any).__tlt = {}; });
  for (let i = 0; i < 20; i++) { await page.mouse.move(v.left + v.width * (0.3 + 0.02 * i), y); await tl('settle', 400); await wheel(-100); }
  for (let i = 0; i < 20; i++) await wheel(100);
  const T: any = await page.evaluate(() => (globalThis as any).__tlt);
  const n = T.frames;
  console.log(`rep ${rep}: ${n} frames; per frame ms:`, Object.entries(T).filter(([k]) => k !== 'frames').map(([k, x]) => `${k} ${((x as number) / n).toFixed(3)}`).join(', '));
}
await browser.close();
await new Promise<void>((r) => server.httpServer.close(() => r()));
