// A JSON-friendly summary of a scenario for manifests and the UI ("what should I find?").

import type { Scenario } from './model.ts';

export interface ScenarioSummary {
  seed: number;
  clusterName: string;
  incident: { kind: string; isolatedNode: string; networkLostAt: string; removedAt: string | null; rejoinedAt: string | null; failovers: Array<{ group: string; from: string; to: string; at: string }> };
  start: string;
  end: string;
  utcOffsetMinutes: number;
  nodes: Array<{ id: number; name: string; ip: string; clockOffsetMs: number; sessions: number }>;
  groups: Array<{ name: string; initialOwner: string; finalOwner: string; resources: string[] }>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function summarizeScenario(s: Scenario): ScenarioSummary {
  const name = (id: number): string => s.nodes[id - 1].name;
  const loss = s.events.find((e) => e.kind === 'network-loss');
  const removed = s.events.find((e) => e.kind === 'view-change' && e.downers.includes(s.isolatedNodeId));
  const rejoined = s.events.find((e) => e.kind === 'view-change' && e.joiners.includes(s.isolatedNodeId) && e.at > (loss?.at ?? 0));
  return {
    seed: s.seed,
    clusterName: s.clusterName,
    incident: {
      kind: s.incident,
      isolatedNode: name(s.isolatedNodeId),
      networkLostAt: iso(loss?.at ?? s.steadyUntil),
      removedAt: removed ? iso(removed.at) : null,
      rejoinedAt: rejoined ? iso(rejoined.at) : null,
      failovers: s.events.flatMap((e) => (e.kind === 'group-failover' ? [{ group: e.group, from: name(e.from), to: name(e.to), at: iso(e.at) }] : [])),
    },
    start: iso(s.start),
    end: iso(s.end),
    utcOffsetMinutes: s.nodes[0].utcOffsetMinutes,
    nodes: s.nodes.map((n) => ({ id: n.id, name: n.name, ip: n.ip, clockOffsetMs: n.clockOffsetMs, sessions: n.sessions.length })),
    groups: s.groups.map((g) => ({ name: g.name, initialOwner: name(g.initialOwner), finalOwner: name(g.finalOwner), resources: g.resources })),
  };
}
