// Resources and groups: a resource's failures and restarts in place, a group's failover (and
// storms of them), and RHS terminated or deadlocked with the resource that caused it.

import type { ClusterEvent } from '../../events/types.ts';
import type { Finding, Rule } from '../types.ts';
import { CAUSE_WINDOW_MS } from './membership.ts';
import { episodes, evidenceOf, eventsBetween, ISO, same } from './helpers.ts';

/** One failover seen in several lines (the operational "failover", "moving", and the RCM's move) within this. */
const SAME_MOVE_MS = 5_000;
/** More moves of one group than this within STORM_MS is a failover storm. */
const STORM_MOVES = 3;
const STORM_MS = 10 * 60_000;
const RESOURCE_FAILS = new Set(['health-check-failed', 'resource-failed', 'resource-create-failed']);
/** A failure's lines (the DLL's result, RHS's IsAlive, RCM's notification, 1069) within this are one failure. */
const ONE_FAILURE_MS = 5_000;
/** The default restart period: failures of one resource within it are one episode. */
const RESTART_PERIOD_MS = 15 * 60_000;

/** How long after its last failure a resource's restarts and its end are looked for. */
const AFTER_MS = 10 * 60_000;
/** A failure within this after its node's service ended (or lost quorum) is part of that stop, not a finding. */
const STOP_MS = 10_000;
const SERVICE_ENDS = new Set(['service-stop', 'service-fatal', 'service-terminated', 'quorum-lost']);

const resourceOf = (e: ClusterEvent): string | null => (typeof e.fields.resource === 'string' ? e.fields.resource : null);
const isFailure = (e: ClusterEvent) => RESOURCE_FAILS.has(e.kind) || (e.kind === 'monitor-reply' && e.fields.call === 'FAILURENOTIFICATION');

const groupFailover: Rule = {
  id: 'group-failover',
  name: 'A group failed over (and storms of them)',
  explains: 'The cluster moved a group to another node because its node went down or a resource in it failed; the failures before it in the same group say which. A group moving back and forth is a failover storm.',
  kinds: ['group-move', 'failover-attempt', ...RESOURCE_FAILS],
  detect({ events, resourceGroup, model }) {
    const out: Finding[] = [];
    /** The real source of a move whose line writes its target twice (a NodeDown move), as the correlated model infers it. */
    const realFrom = (group: string, t: number, to: string): string | null => {
      const m = model?.moves.find((x) => x.group === group && x.to === to && Math.abs(x.t - t) <= SAME_MOVE_MS);
      return m?.from && m.from !== to ? m.from : null;
    };
    /** A move, and what its sentence says (its type may come from a later line of the same move). */
    interface Move { group: string; from: string | null; to: string; t: number; manual: boolean; why: string; type: string | null; f: Finding }
    const say = (m: Move) => `${m.group} ${m.manual ? 'was moved' : 'failed over'}${m.type ? ` (${m.type})` : ''}${m.from ? ` from ${m.from}` : ''} to ${m.to} at ${ISO(m.t)}${m.why}.`;
    const typeOf = (e: ClusterEvent) => (typeof e.fields.moveType === 'string' ? `${e.fields.moveType}${typeof e.fields.failoverCount === 'number' ? `, failover ${e.fields.failoverCount}` : ''}` : null);
    const moves: Move[] = [];
    for (const e of events) {
      if ((e.kind !== 'group-move' && e.kind !== 'failover-attempt') || !Number.isFinite(e.t)) continue;
      const group = typeof e.fields.group === 'string' ? e.fields.group : null;
      const to = typeof e.fields.to === 'string' ? e.fields.to : null;
      if (!group || !to) continue;
      const manual = typeof e.fields.moveType === 'string' && /manual/i.test(e.fields.moveType);
      const dup = moves.find((m) => m.group === group && m.to === to && Math.abs(e.t - m.t) <= SAME_MOVE_MS);
      if (dup) {
        dup.f.evidence.push(evidenceOf(e));
        if (!dup.type && typeOf(e)) {
          dup.type = typeOf(e);
          dup.manual = manual;
          dup.f.sentence = say(dup);
        }
        continue;
      }
      const written = typeof e.fields.from === 'string' ? e.fields.from : null;
      const from = written && written !== to ? written : realFrom(group, e.t, to);
      // Its failures in the minute before, one per failure (a failure writes several lines within seconds).
      const fails: ClusterEvent[] = [];
      for (const x of eventsBetween(events, e.t - CAUSE_WINDOW_MS, e.t)) {
        if (!RESOURCE_FAILS.has(x.kind) || typeof x.fields.resource !== 'string' || (x.fields.resource !== group && resourceGroup?.(x.fields.resource) !== group)) continue;
        if (!fails.length || x.t - fails[fails.length - 1].t > ONE_FAILURE_MS) fails.push(x);
      }
      const why = fails.length ? ` after ${fails.length === 1 ? 'a failure' : `${fails.length} failures`} in it (${fails.slice(0, 2).map((x) => `${x.fields.resource} ${typeof x.fields.check === 'string' ? `${x.fields.check} ` : ''}failed at ${ISO(x.t)} on ${x.node}`).join(', ')})` : '';
      const m: Move = {
        group, from, to, t: e.t, manual, why, type: typeOf(e),
        f: {
          rule: 'group-failover', t: e.t, node: to, sentence: '', confidence: 'high', verified: e.verified && fails.every((x) => x.verified),
          evidence: [evidenceOf(e), ...fails.slice(0, 3).map((x) => evidenceOf(x))],
        },
      };
      m.f.sentence = say(m);
      moves.push(m);
      out.push(m.f);
    }
    // A group moving more than STORM_MOVES times within STORM_MS.
    const byGroup = new Map<string, Move[]>();
    for (const m of moves) byGroup.set(m.group, [...(byGroup.get(m.group) ?? []), m]);
    for (const [group, list] of byGroup) {
      for (let i = 0; i + STORM_MOVES < list.length; i++) {
        if (list[i + STORM_MOVES].t - list[i].t > STORM_MS) continue;
        const run = list.filter((m) => m.t >= list[i].t && m.t <= list[i].t + STORM_MS);
        out.push({
          rule: 'failover-storm', t: run[0].t, t1: run[run.length - 1].t, node: undefined,
          sentence: `${group} moved ${run.length} times in ${Math.round((run[run.length - 1].t - run[0].t) / 1000)} s (${run.map((m) => m.to).join(' → ')}): a failover storm.`,
          confidence: 'high', verified: run.every((m) => m.f.verified), evidence: run.map((m) => m.f.evidence[0]),
        });
        break;
      }
    }
    return out;
  },
};

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

const resourceFailure: Rule = {
  id: 'resource-failure',
  name: 'A resource failed, and what the cluster did',
  explains: 'A resource failed its health check (IsAlive/LooksAlive, the resource DLL\'s result, event 1069). The cluster restarts it in place up to its restart threshold within the restart period, then fails its group over; the count of restarts and where it ended say whether the policy was used up. The policy itself is written in cluster.log only when a failover is refused (failoverCount against its threshold).',
  kinds: [...RESOURCE_FAILS, 'monitor-reply', 'resource-call', 'group-move', 'failover-attempt', 'failover-refused', 'resource-reported'],
  detect({ events, resourceGroup }) {
    const out: Finding[] = [];
    // Episodes per resource and node: its failures within the restart period.
    const byRes = new Map<string, ClusterEvent[][]>();
    for (const e of events) {
      const res = resourceOf(e);
      if (!res || !isFailure(e) || !Number.isFinite(e.t)) continue;
      const key = `${e.node.toLowerCase()}\u0000${res}`;
      const eps = byRes.get(key) ?? [];
      const last = eps[eps.length - 1];
      if (last && e.t - last[0].t <= RESTART_PERIOD_MS) last.push(e);
      else eps.push([e]);
      byRes.set(key, eps);
    }
    for (const eps of byRes.values()) {
      for (const ep of eps) {
        const res = resourceOf(ep[0])!;
        const node = ep[0].node;
        if (eventsBetween(events, ep[0].t - STOP_MS, ep[0].t).some((e) => same(e.node, node) && SERVICE_ENDS.has(e.kind))) continue;
        const group = resourceGroup?.(res) ?? null;
        // Separate failures: lines more than ONE_FAILURE_MS apart.
        const failures: ClusterEvent[] = [];
        for (const e of ep) if (!failures.length || e.t - failures[failures.length - 1].t > ONE_FAILURE_MS) failures.push(e);
        const lastFail = ep[ep.length - 1].t;
        // Past the last failure by the deadlock timeout and more: a restart may hang that long (rhs-ended).
        const window = eventsBetween(events, ep[0].t, lastFail + AFTER_MS);
        const moved = window.find((e) => e.t >= lastFail && (e.kind === 'group-move' || e.kind === 'failover-attempt')
          && (e.fields.group === group || e.fields.group === res) && typeof e.fields.to === 'string' && !same(e.fields.to, node));
        const refused = window.find((e) => e.t >= lastFail && e.kind === 'failover-refused' && (e.fields.group === group || e.fields.group === res));
        const end = moved?.t ?? refused?.t ?? lastFail + AFTER_MS;
        const restarts = window.filter((e) => e.kind === 'resource-call' && same(e.node, node) && e.fields.call === 'Online' && resourceOf(e) === res && e.t > ep[0].t && e.t <= end);
        const online = window.filter((e) => e.kind === 'resource-reported' && same(e.node, node) && resourceOf(e) === res && e.fields.to === 'online' && e.t > lastFail);
        const check = ep.find((e) => typeof e.fields.check === 'string')?.fields.check;
        const outcome = moved
          ? `, then its group${group && group !== res ? ` ${group}` : ''} failed over to ${String(moved.fields.to)} at ${ISO(moved.t)}`
          : refused
            ? `; the failover was refused by policy at ${ISO(refused.t)}${refused.fields.failoverCount !== undefined ? ` (failoverCount ${String(refused.fields.failoverCount)}, threshold ${String(refused.fields.computedThreshold ?? refused.fields.threshold ?? '?')})` : ''}, so it stays failed`
            : online.length
              ? `; it came online again at ${ISO(online[0].t)}`
              : '; it is not seen online again in these logs';
        const span = failures.length > 1 ? ` from ${ISO(failures[0].t)} to ${ISO(failures[failures.length - 1].t)}` : ` at ${ISO(failures[0].t)}`;
        out.push({
          rule: 'resource-failure', t: ep[0].t, t1: moved?.t ?? online[0]?.t, node,
          facts: {
            resource: res, group: group ?? res, failures: failures.length, restarts: restarts.length,
            outcome: moved ? 'failover' : refused ? 'refused' : online.length ? 'online' : 'none', ...(moved ? { to: String(moved.fields.to) } : {}),
          },
          sentence: `${res} failed ${times(failures.length)} on ${node}${check ? ` (${String(check)})` : ''}${span}; ${restarts.length ? `it was restarted there ${times(restarts.length)}` : 'it was not restarted there'}${outcome}.`,
          confidence: 'high',
          verified: [...ep, ...restarts].every((e) => e.verified) && (!moved || moved.verified),
          evidence: [...failures.slice(0, 3).map((e) => evidenceOf(e, `${node}: ${res} fails`)), ...restarts.slice(0, 2).map((e) => evidenceOf(e, `${node}: Online issued to ${res}`)),
            ...(moved ? [evidenceOf(moved, `${group ?? res} moves`)] : refused ? [evidenceOf(refused)] : online.slice(0, 1).map((e) => evidenceOf(e, `${res} online`)))],
        });
      }
    }
    return out;
  },
};

const RHS_KINDS = new Set(['rhs-deadlock', 'rhs-terminated']);
/** A deadlock and the RHS termination that follows it (1146) are one episode. */
const RHS_EPISODE_MS = 60_000;

const rhsEnded: Rule = {
  id: 'rhs-ended',
  name: 'RHS terminated or deadlocked',
  explains: 'The resource host (RHS) process was terminated (event 1146), usually because a resource call did not return within the deadlock timeout (5 min by default); the resources it hosted are restarted in a new RHS. `Terminating resource` lines alone are the normal end of RHS when the service stops, and are not a finding.',
  kinds: [...RHS_KINDS],
  detect({ events }) {
    // An episode is a finding only with a deadlock line or event 1146; "Terminating resource" lines alone are a stop's.
    const eps = episodes(events, RHS_KINDS, RHS_EPISODE_MS);
    const out: Finding[] = [];
    for (const ep of eps) {
      const deadlock = ep.find((e) => e.kind === 'rhs-deadlock' && resourceOf(e));
      const ended = ep.find((e) => e.rec === 'resource.rhs-terminated-1146');
      if (!deadlock && !ended) continue;
      // RHS ending with the service (a stop, a quorum loss) is part of that stop.
      if (!deadlock && eventsBetween(events, ended!.t - STOP_MS, ended!.t).some((e) => same(e.node, ended!.node) && SERVICE_ENDS.has(e.kind))) continue;
      const res = deadlock ? resourceOf(deadlock) : null;
      const call = ep.find((e) => typeof e.fields.call === 'string')?.fields.call;
      const node = ep[0].node;
      const sentence = ended
        ? `RHS on ${node} was terminated at ${ISO(ended.t)} (event 1146)${deadlock ? ` after resource ${res} deadlocked${call ? ` in its ${String(call)} call` : ''} (timed out at ${ISO(deadlock.t)})` : ''}; the resources it hosted restart in a new RHS.`
        : `Resource ${res} deadlocked RHS on ${node} at ${ISO(deadlock!.t)}${call ? ` (its ${String(call)} call timed out)` : ''}.`;
      const cited = [deadlock, ended, ...ep.filter((e) => e !== deadlock && e !== ended)].filter((e): e is ClusterEvent => !!e);
      out.push({
        rule: 'rhs-ended', t: (deadlock ?? ended)!.t, node, sentence,
        facts: { deadlock: !!deadlock, terminated: !!ended, ...(res ? { resource: res } : {}), ...(typeof call === 'string' ? { call } : {}) }, confidence: 'high', verified: cited.every((e) => e.verified),
        evidence: cited.slice(0, 5).map((e) => evidenceOf(e)),
      });
    }
    return out;
  },
};

const GROUP_STATES = new Set(['group-state', 'role-failed']);

const groupLeftDown: Rule = {
  id: 'group-left-down',
  name: 'A group left offline or failed at the end of the logs',
  explains: 'The last state change any node logged for the group leaves it not online (Offline, Pending, Failed), or the cluster could not bring it online (event 1205) and no node brought it online after: the role is down when the logs end.',
  kinds: ['group-state', 'role-failed'],
  detect({ events }) {
    const last = new Map<string, { state: ClusterEvent; failed: ClusterEvent | null }>();
    for (const e of events) {
      if (!GROUP_STATES.has(e.kind) || !Number.isFinite(e.t) || typeof e.fields.group !== 'string') continue;
      const g = e.fields.group;
      const was = last.get(g);
      if (e.kind === 'role-failed') last.set(g, { state: was?.state ?? e, failed: e });
      // "successfully brought the clustered role online" has no `to`: it is Online.
      else last.set(g, { state: e, failed: (e.fields.to ?? 'Online') === 'Online' ? null : was?.failed ?? null });
    }
    const out: Finding[] = [];
    for (const [group, { state, failed }] of last) {
      const to = state.kind === 'role-failed' ? null : String(state.fields.to ?? 'Online');
      if (to === 'Online' && !failed) continue;
      const words = failed && (!to || to === 'Online') ? 'failed' : to ?? 'failed';
      const change = to && typeof state.fields.from === 'string' ? ` (${state.fields.from} → ${to})` : '';
      const cited = [state, ...(failed && failed !== state ? [failed] : [])];
      out.push({
        rule: 'group-left-down', t: state.t, node: state.node,
        sentence: `${group} is left ${words} at the end of the logs: its last state change was on ${state.node} at ${ISO(state.t)}${change}${failed ? `, and the cluster could not bring it online (event 1205 at ${ISO(failed.t)})` : ''}; no node brought it online after.`,
        confidence: 'high', verified: cited.every((e) => e.verified), evidence: cited.map((e) => evidenceOf(e)),
      });
    }
    return out;
  },
};

export const RESOURCE_RULES: readonly Rule[] = [groupFailover, resourceFailure, rhsEnded, groupLeftDown];
