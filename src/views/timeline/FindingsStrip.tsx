// The findings' row of the timeline (issue 13), under the notes: each finding of "What happened"
// as a flag at its time, or a band over the time it lasted, coloured by what it is about
// (membership, the service, resources). A click picks it, as its sentence does: the timeline
// frames it and highlights its marks (paint-overlays), and the raw log goes to its first line.
import { useEffect, useState } from 'react';
import { formatWall } from '../../base/civil.ts';
import type { Finding } from '../../engine/api.ts';
import { loadInsights, pickFinding, useInsights } from '../../state/insights.ts';
import { useSnap } from '../../state/snapshot-store.ts';
import { useUi } from '../../state/ui-state.ts';
import { xOf } from './view-coords.ts';
import { LABEL_W } from './timeline-size.ts';

/** A few words per rule for its flag (the sentence is its title). */
const RULE_WORDS: Record<string, [string, 'membership' | 'service' | 'resource']> = {
  'node-removed': ['removed', 'membership'], 'service-hung': ['hung', 'membership'], 'no-data': ['no data', 'membership'],
  quarantine: ['quarantined', 'membership'], 'quorum-lost': ['quorum lost', 'service'], 'service-stopped': ['service stopped', 'service'],
  'join-failed': ['join failed', 'service'], 'group-failover': ['failover to', 'resource'], 'failover-storm': ['failover storm', 'resource'],
  'resource-failure': ['resource failed on', 'resource'], 'rhs-ended': ['RHS', 'resource'],
};
const SUB_H = 16;
/** The row's height with one sub-row (the timeline's default height grows by it). */
export const FINDINGS_ROW_H = SUB_H + 4;
const MAX_SUBROWS = 1;

export const findingLabel = (f: Finding) => `${RULE_WORDS[f.rule]?.[0] ?? f.rule}${f.node ? ` ${f.node}` : ''}`;

/** A flag is at least this wide (a few letters and its edge): findings closer than this are one cluster. */
const MIN_FLAG_W = 28;

interface Flag { items: { f: Finding; i: number }[]; a: number; b: number; sub: number; w: number; shown: boolean }

/**
 * Flags in up to two sub-rows so that close findings do not hide each other: findings within
 * a flag's width are one cluster, one sub-row each; a cluster of more than two shows one and a
 * "+n" flag that lists the rest. Each label then shrinks to the next flag of its sub-row.
 */
function place(findings: readonly Finding[], v: { t0: number; t1: number; width: number }): Flag[] {
  const flags: Flag[] = [];
  let cluster: Flag[] = [];
  const flush = () => {
    if (cluster.length > MAX_SUBROWS) {
      const rest = cluster.slice(MAX_SUBROWS - 1);
      cluster = [...cluster.slice(0, MAX_SUBROWS - 1), { items: rest.flatMap((x) => x.items), a: rest[0].a, b: rest[0].a, sub: 0, w: 0, shown: rest.some((x) => x.shown) }];
    }
    cluster.forEach((x, k) => { x.sub = k; flags.push(x); });
    cluster = [];
  };
  findings.forEach((f, i) => {
    const a = xOf(v, f.t);
    const b = f.t1 !== undefined && f.t1 > f.t ? xOf(v, f.t1) : a;
    if (cluster.length && a - cluster[0].a > MIN_FLAG_W) flush();
    cluster.push({ items: [{ f, i }], a, b, sub: 0, w: 0, shown: b >= 0 && a <= v.width });
  });
  flush();
  // Each flag's next one in its sub-row, walking back once (a day of failed joins is thousands of findings, drawn every pan frame).
  const nextA = new Array<number>(MAX_SUBROWS).fill(Infinity);
  const nextOf = new Map<Flag, number>();
  for (let k = flags.length - 1; k >= 0; k--) {
    nextOf.set(flags[k], nextA[flags[k].sub]);
    if (flags[k].a < nextA[flags[k].sub]) nextA[flags[k].sub] = flags[k].a;
  }
  for (const p of flags) {
    const next = nextOf.get(p)!;
    const label = p.items.length > 1 ? `+${p.items.length}` : findingLabel(p.items[0].f);
    const want = Math.max(p.b - p.a, Math.min(170, label.length * 6.2 + 12));
    p.w = Math.max(p.b - p.a, Math.min(want, next - p.a - 2));
  }
  return flags;
}

export function FindingsStrip({ width }: { width: number }) {
  const version = useSnap((s) => s.snap.events.version);
  useEffect(() => loadInsights(version), [version]);
  const findings = useInsights((s) => s.insights?.findings);
  const active = useInsights((s) => s.active);
  /** The "+n" flag whose list is open (by its first finding's index). */
  const [open, setOpen] = useState<number | null>(null);
  const domain = useUi((s) => s.tlDomain ?? s.tlFull);
  if (!domain || !findings?.length) return null;
  const v = { t0: domain[0], t1: domain[1], width };
  const placed = place(findings, v);
  const openFlag = open === null ? null : placed.find((p) => p.items.length > 1 && p.items[0].i === open) ?? null;
  const rows = Math.max(1, ...placed.filter((p) => p.shown).map((p) => p.sub + 1));
  const family = (f: Finding) => RULE_WORDS[f.rule]?.[1] ?? 'service';
  return (
    <div className="tl-head tl-findings-row" style={{ height: rows * SUB_H + 4 }}>
      <span className="tl-keys dim tl-notes-key" style={{ width: LABEL_W }} title="What happened: the findings, as in the events panel">findings</span>
      <div className="tl-findings" style={{ width, height: rows * SUB_H + 4 }} data-testid="timeline-findings">
        {placed.filter((p) => p.shown).map((p) => {
          const many = p.items.length > 1;
          const { f, i } = p.items[0];
          const isActive = p.items.some((x) => x.i === active);
          return (
            <button key={i} type="button" data-testid={many ? 'timeline-findings-more' : 'timeline-finding'} data-rule={many ? undefined : f.rule}
              className={`tl-finding tl-finding-${many ? 'more' : family(f)}${p.b > p.a ? ' tl-finding-span' : ''}${isActive ? ' tl-finding-active' : ''}`}
              style={{ left: Math.max(0, p.a), top: 2 + p.sub * SUB_H, width: Math.max(2, Math.min(width, p.a + p.w) - Math.max(0, p.a)) }}
              title={p.items.map((x) => x.f.sentence).join('\n')}
              onClick={() => (many ? setOpen(open === i ? null : i) : pickFinding(i))}>
              {many ? `+${p.items.length}` : findingLabel(f)}
            </button>
          );
        })}
        {openFlag && (
          <div className="tl-pick tl-findings-pick" role="menu" data-testid="timeline-findings-pick"
            style={{ left: Math.min(Math.max(0, openFlag.a), Math.max(0, width - 320)), top: 2 + (openFlag.sub + 1) * SUB_H }}>
            {openFlag.items.map(({ f, i }) => (
              <button key={i} type="button" role="menuitem" className="tl-pick-item" data-rule={f.rule} title={f.sentence}
                onClick={() => { setOpen(null); pickFinding(i); }}>
                <span className={`tl-sw tl-finding-${family(f)}`} style={{ background: 'var(--fc)' }} />
                {findingLabel(f)} <span className="dim">{formatWall(f.t, false)}</span>
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
