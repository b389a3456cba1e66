// Shared building blocks of scenario timelines: membership views and node joins with
// realistic stage latencies (formats.md B.1.1, B.2.1; S1 shows a join taking ~3.5 s).

import type { Rng } from './prng.ts';
import type { JoinStage, ScenarioEvent, StageMark, View } from './model.ts';

/** `<seq><2-digit proposer>`: seq 0 by node 1 is `001`, seq 11 by node 1 is `1101`. */
export function viewId(v: View): string {
  return `${v.seq}${String(v.proposer).padStart(2, '0')}`;
}

/** The next view: sequence numbers usually advance by 2 (S1: 001 → 201; R1: 1101 → 1301). */
export function nextView(rng: Rng, old: View, proposer: number, members: number[]): View {
  return { seq: old.seq + (rng.chance(0.8) ? 2 : 1), proposer, members: [...members].sort((a, b) => a - b) };
}

export type JoinEvent = Extract<ScenarioEvent, { kind: 'join' }>;
export type FailedJoinEvent = Extract<ScenarioEvent, { kind: 'join-attempt-failed' }>;

/**
 * A successful join of `joiner` to the members `peers` (sponsor first), starting at `at`.
 * Each side logs its own stages (joiner: connect/verify/wait; listener: establish/update/send).
 */
export function buildJoin(rng: Rng, at: number, joiner: number, sponsor: number, peers: number[]): JoinEvent {
  const stages: StageMark[] = [];
  const ports: Record<number, number> = {};
  let done = at;
  for (const peer of peers) {
    ports[peer] = rng.int(49152, 65000);
    const mark = (node: number, other: number, stage: JoinStage, t: number): number => {
      stages.push({ node, peer: other, stage, at: Math.round(t) });
      return t;
    };
    mark(peer, joiner, 'Listen for Connection', at);
    let t = mark(joiner, peer, 'Attempt Initial Connection', at + rng.range(3, 30));
    t = mark(joiner, peer, 'Exchange Node Information', t + rng.range(15, 60));
    t = mark(joiner, peer, 'Verify Network Role', t + rng.range(40, 150));
    const hb = mark(joiner, peer, 'Wait for Heartbeats on Initial NetFT Route', t + rng.range(80, 300));
    let l = mark(peer, joiner, 'Establish Connection over NetFT Adapter', hb + rng.range(20, 90));
    l = mark(peer, joiner, 'Update NetFT Route', l + rng.range(10, 60));
    l = mark(peer, joiner, 'Send Current Membership Status for Join Policy', l + rng.range(10, 60));
    const dad = mark(joiner, peer, 'Wait for NetFT Duplicate Address Detection', hb + rng.range(700, 1400));
    mark(peer, joiner, 'Join Succeeded', dad + rng.range(150, 600));
    t = dad + rng.range(700, 1300);
    if (peer === sponsor) t = mark(joiner, peer, 'Reporting Ready for Form/Join State Transfer', t);
    t = mark(joiner, peer, 'Join Succeeded', t + rng.range(250, 800));
    done = Math.max(done, t);
  }
  stages.sort((a, b) => a.at - b.at);
  return { kind: 'join', at, joiner, sponsor, peers, stages, ports, done: Math.round(done) };
}

/** A join attempt that times out (WSAETIMEDOUT 10060 after ~21 s) because the network is down. */
export function buildFailedJoin(rng: Rng, at: number, joiner: number, sponsor: number, peers: number[], ipOf: (id: number) => string): FailedJoinEvent {
  const until = Math.round(at + rng.range(21_000, 21_100));
  const stages: StageMark[] = peers.map((peer) => ({
    node: joiner, peer, stage: 'Attempt Initial Connection', at: until + rng.int(0, 15),
    status: 10060, reason: `Failed to connect to remote endpoint ${ipOf(peer)}:~3343~`,
  }));
  stages.sort((a, b) => a.at - b.at);
  return { kind: 'join-attempt-failed', at, joiner, sponsor, stages, until };
}
