// Steady-state background traffic of one node: GEM acks, GUM updates, RHS IsAlive calls,
// client connections, NetFT address churn (modern); quorum checks and disk arbitration (legacy).
// Lines are produced lazily in time order, so any size can be streamed. With a byte budget the
// gaps adapt to what is left, landing within a line or two of the target.

import { rngFor, type Rng } from './prng.ts';
import type { GenDialect, NodeSpec, Scenario, ServiceSession } from './model.ts';
import type { LogRecord } from './story.ts';
import { renderTemplate, templateById } from './templates.ts';
import type { Values } from './template-fill.ts';
import { LEGACY_DISK } from './narrate-legacy.ts';

interface Window { from: number; to: number; session: ServiceSession }

export interface NoisePlan {
  /** Lines per second (used when no budget is given). */
  rate: number;
  /** Bytes of noise to produce in total; the renderer reports actual bytes via `charge`. */
  budgetBytes?: number;
}

/** Owner timeline of each resource: [from, ownerId] pairs in time order. */
function ownershipOf(scenario: Scenario): Map<string, Array<[number, number]>> {
  const map = new Map<string, Array<[number, number]>>();
  for (const e of scenario.events) {
    if (e.kind !== 'group-online' && e.kind !== 'group-failover') continue;
    const owner = e.kind === 'group-online' ? e.node : e.to;
    const g = scenario.groups.find((x) => x.name === e.group)!;
    for (const r of g.resources) {
      const list = map.get(r) ?? [];
      list.push([e.at, owner]);
      map.set(r, list);
    }
  }
  return map;
}

export class NoiseSource {
  private readonly rng: Rng;
  private readonly windows: Window[];
  private readonly modern: boolean;
  private readonly ownership: Map<string, Array<[number, number]>>;
  private readonly ownedChanges: Array<[number, string[]]>;
  private ownedAt = -1;
  private readonly ownsDiskAt: (t: number) => boolean;
  private wi = 0;
  private t = 0;
  private pending: LogRecord[] = [];
  private remainingBudget: number;
  private windowBudget = 0;
  private chargedBytes = 0;
  /** Production steps so far (one step may yield a pair of lines). */
  private steps = 0;
  private gemSeq: number;
  private gumId: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly node: NodeSpec,
    dialect: GenDialect,
    private readonly channel: 'log' | 'Verbose',
    private readonly plan: NoisePlan,
  ) {
    this.rng = rngFor(scenario.seed, 'noise', channel, node.id, dialect);
    this.modern = dialect === 'w2016' || dialect === 'w2008';
    this.windows = node.sessions
      .map((s) => ({ from: s.activeFrom, to: Math.min(s.activeUntil ?? scenario.end, scenario.end), session: s }))
      .filter((w) => Number.isFinite(w.from) && w.to > w.from);
    this.remainingBudget = plan.budgetBytes ?? Number.POSITIVE_INFINITY;
    this.ownership = ownershipOf(scenario);
    this.ownedChanges = this.computeOwnedChanges();
    const disks = new Set(scenario.resources.filter((r) => r.type === 'Physical Disk').map((r) => r.name));
    this.ownsDiskAt = (t) => dialect !== 'nt4' && this.ownedResources(t).some((r) => disks.has(r));
    this.gemSeq = this.rng.int(100, 900);
    this.gumId = this.rng.int(300, 2000);
    if (this.windows.length > 0) this.enterWindow(0);
  }

  /** Report the encoded size of a line produced from this source (drives the byte budget). */
  charge(bytes: number): void {
    this.chargedBytes += bytes;
    if (this.plan.budgetBytes !== undefined) {
      this.remainingBudget -= bytes;
      this.windowBudget -= bytes;
    }
  }

  /** The next background record in time order, or null when done. */
  next(): LogRecord | null {
    for (;;) {
      // Paired lines (connect ... close) are queued in time order; release them once the clock has
      // passed them (or when nothing else will come).
      const done = this.wi >= this.windows.length;
      if (this.pending.length > 0 && (done || this.pending[0].t <= this.t)) return this.pending.shift()!;
      if (done) return null;
      const w = this.windows[this.wi];
      const gap = this.nextGap(w);
      if (gap !== null && this.t + gap < w.to) {
        this.t += gap;
        this.produce(w);
        this.steps++;
      } else {
        // The window is over: the clock jumps to the next one, flushing the queue on the way.
        this.enterWindow(this.wi + 1);
      }
    }
  }

  private enterWindow(i: number): void {
    this.wi = i;
    if (i >= this.windows.length) return;
    const w = this.windows[i];
    this.t = w.from;
    if (this.plan.budgetBytes !== undefined) {
      const left = this.windows.slice(i).reduce((sum, x) => sum + (x.to - x.from), 0);
      this.windowBudget = this.remainingBudget * ((w.to - w.from) / Math.max(1, left));
    }
  }

  private nextGap(w: Window): number | null {
    const expo = -Math.log(1 - this.rng.next());
    if (this.channel === 'Verbose') return 60_000 / Math.max(1, this.ownedResources(this.t).length) * (0.9 + 0.2 * this.rng.next());
    if (this.plan.budgetBytes === undefined) return (1000 / this.plan.rate) * expo;
    if (this.windowBudget <= 0) return null;
    const perStep = this.steps > 0 ? this.chargedBytes / this.steps : 140;
    const stepsLeft = this.windowBudget / perStep;
    return ((w.to - this.t) / Math.max(1, stepsLeft)) * expo;
  }

  /** Resources this node owns at `t` (t only grows, so a cursor over change points suffices). */
  private ownedResources(t: number): string[] {
    while (this.ownedAt + 1 < this.ownedChanges.length && this.ownedChanges[this.ownedAt + 1][0] <= t) this.ownedAt++;
    return this.ownedAt >= 0 ? this.ownedChanges[this.ownedAt][1] : [];
  }

  private computeOwnedChanges(): Array<[number, string[]]> {
    const times = [...new Set([...this.ownership.values()].flatMap((l) => l.map(([from]) => from)))].sort((a, b) => a - b);
    return times.map((t) => {
      const owned: string[] = [];
      for (const [res, list] of this.ownership) {
        let owner = -1;
        for (const [from, id] of list) if (from <= t) owner = id;
        if (owner === this.node.id) owned.push(res);
      }
      return [t, owned];
    });
  }

  private push(t: number, pid: number, tid: number, id: string, values: Values): void {
    const tpl = templateById(id);
    let at = this.pending.length;
    while (at > 0 && this.pending[at - 1].t > t) at--;
    this.pending.splice(at, 0, {
      t: Math.floor(t), pid, tid, level: tpl.level, noLevelWord: tpl.noLevelWord ?? false,
      message: renderTemplate(id, values), component: tpl.component, channel: this.channel, template: id, values,
    });
  }

  private produce(w: Window): void {
    const s = w.session;
    if (this.channel === 'Verbose') {
      const owned = this.ownedResources(this.t);
      if (owned.length > 0) this.push(this.t, s.rhsPid, this.rng.pick(s.rhsThreads), 'rhs-isalive-call', { res: this.rng.pick(owned) });
      return;
    }
    const n = this.node.id;
    const r = this.rng.next();
    if (!this.modern) {
      if (r < 0.5 && this.ownsDiskAt(this.t)) this.push(this.t, s.rhsPid, this.rng.pick(s.rhsThreads), 'w2k-diskarb', { disk: LEGACY_DISK, a: 1, b: 9999 });
      else this.push(this.t, s.clussvcPid, s.threads.main, 'w2k-check-quorum', {});
      return;
    }
    if (r < 0.36) {
      const a = this.rng.pick(this.scenario.nodes).id;
      const b = (this.gemSeq += this.rng.int(1, 3));
      this.push(this.t, s.clussvcPid, s.threads.gem, 'gem-deleting', { n, a, b, c: b + this.rng.int(1, 3) });
    } else if (r < 0.58) {
      this.push(this.t, s.clussvcPid, s.threads.gum, 'gum-exec', { n, id: this.gumId++, count: 1, action: '/dm/update' });
    } else if (r < 0.86) {
      const owned = this.ownedResources(this.t);
      const res = owned.length > 0 ? this.rng.pick(owned) : this.scenario.witness.name;
      this.push(this.t, s.rhsPid, this.rng.pick(s.rhsThreads), 'rhs-isalive-call', { res });
    } else if (r < 0.97) {
      // An admin/monitoring client connects and disconnects.
      const ep = `10.10.30.${this.rng.int(20, 60)}:~${this.rng.int(49152, 65000)}~`;
      this.push(this.t, s.clussvcPid, s.threads.api, 'accept-inbound', { ep });
      this.push(this.t + this.rng.range(5, 400), s.clussvcPid, s.threads.api, 'channel-close', { ep, status: 0 });
    } else {
      // Temporary IPv6 address churn on the NetFT adapter.
      const addr = `fe80::${this.rng.hex(4)}:${this.rng.hex(4)}:${this.rng.hex(4)}:${this.rng.hex(4)}`;
      this.push(this.t, s.clussvcPid, s.threads.net, 'netftapi-nsi-delete', { addr });
      this.push(this.t + this.rng.range(0, 3), s.clussvcPid, s.threads.net, 'netftapi-query-failed', { addr });
    }
  }
}
