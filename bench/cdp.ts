// Chrome DevTools Protocol access to the page's targets, including dedicated workers
// (Playwright gives CDP sessions for pages only): a browser-level session attaches to each
// target in non-flattened mode and talks to it with Target.sendMessageToTarget.

import type { Browser, CDPSession } from '@playwright/test';

interface TargetInfo { targetId: string; type: string; title: string; url: string }

export interface HeapUsage {
  target: string;
  type: string;
  /** V8 JS heap in use (objects, strings), after a forced GC. */
  usedSize: number;
  totalSize: number;
  /** ArrayBuffer backing stores (raw bytes, typed-array columns): not JS heap. */
  backingStorageSize: number;
}

export class Cdp {
  private id = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly bs: CDPSession) {
    bs.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error.message));
      else p.resolve(m.result);
    });
  }

  static async open(browser: Browser): Promise<Cdp> {
    return new Cdp(await browser.newBrowserCDPSession());
  }

  async targets(filter: (t: TargetInfo) => boolean): Promise<TargetInfo[]> {
    const { targetInfos } = (await this.bs.send('Target.getTargets')) as unknown as { targetInfos: TargetInfo[] };
    return targetInfos.filter(filter);
  }

  async attach(targetId: string): Promise<TargetSession> {
    const { sessionId } = (await this.bs.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
    return new TargetSession(this, sessionId);
  }

  send<T>(sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.id;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.bs.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }

  detach(sessionId: string): Promise<unknown> {
    return this.bs.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }

  /** JS heap of the bench page and all live workers, each after a forced GC. */
  async heap(pageUrlPrefix: string): Promise<{ total: number; backing: number; targets: HeapUsage[] }> {
    const list = await this.targets((t) => (t.type === 'page' && t.url.startsWith(pageUrlPrefix)) || t.type === 'worker');
    const out: HeapUsage[] = [];
    for (const t of list) {
      const s = await this.attach(t.targetId);
      try {
        await s.send('HeapProfiler.collectGarbage');
        const u = await s.send<{ usedSize: number; totalSize: number; backingStorageSize?: number }>('Runtime.getHeapUsage');
        out.push({ target: t.title || t.url.split('/').pop() || t.url, type: t.type, usedSize: u.usedSize, totalSize: u.totalSize, backingStorageSize: u.backingStorageSize ?? NaN });
      } catch {
        // A worker that ended between getTargets and attach.
      } finally {
        await s.detach();
      }
    }
    return { total: out.reduce((a, x) => a + x.usedSize, 0), backing: out.reduce((a, x) => a + x.backingStorageSize, 0), targets: out };
  }
}

export class TargetSession {
  constructor(private readonly cdp: Cdp, readonly sessionId: string) {}
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.cdp.send<T>(this.sessionId, method, params);
  }
  detach(): Promise<unknown> {
    return this.cdp.detach(this.sessionId);
  }
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] }

/** Self time per function (name + file:line), from a V8 CPU profile, top N. */
export function selfTimes(p: CpuProfile, top = 25): { fn: string; ms: number; pct: number }[] {
  const byNode = new Map<number, ProfileNode>(p.nodes.map((n) => [n.id, n]));
  const time = new Map<number, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) time.set(samples[i], (time.get(samples[i]) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  const agg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of time) {
    const n = byNode.get(id);
    if (!n) continue;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    agg.set(key, (agg.get(key) ?? 0) + us);
    total += us;
  }
  return [...agg].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, us]) => ({ fn, ms: us / 1000, pct: (100 * us) / total }));
}
