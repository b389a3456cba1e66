// How the painters and the hit test treat a mark style: which style wins a pixel that several
// marks share, and which styles are drawn as points. Tables indexed by Style value, looked up
// per mark per frame.

import { POINT_STYLES, Style } from '../../timeline/marks.ts';

/** What wins a pixel shared by several marks: failures and outages over the ordinary. */
const PRIORITY = new Uint8Array(64);
/** Which style an aggregated pixel shows when several meet there (the higher; the first of equals). */
export const STYLE_PRIORITY: Readonly<Uint8Array> = PRIORITY;
for (const [s, p] of [
  [Style.RouteDown, 9], [Style.NodeDown, 9], [Style.StageFailed, 9], [Style.GroupFailed, 9], [Style.ResFailed, 9], [Style.Quorum, 9], [Style.SessionCrash, 9], [Style.JoinFailed, 8],
  [Style.HeartbeatMissed, 7], [Style.QuorumGained, 7], [Style.DeathTimer, 6], [Style.RouteDegraded, 6], [Style.ResPending, 6], [Style.Disagree, 6], [Style.ViewChange, 5], [Style.Stage, 5], [Style.WitnessDelay, 5], [Style.QuorumInfo, 4], [Style.RouteAdded, 4],
  [Style.CapError, 8], [Style.CapWarn, 6], [Style.CapClusterEvent, 7], [Style.CapCluster, 3], [Style.CapSmbRpc, 2], [Style.CapProcess, 2], [Style.CapNetwork, 1],
  [Style.CapFile, 1], [Style.CapRegistry, 1],
] as const) PRIORITY[s] = p;

/**
 * Whether aggregated value `v` (style + 1) takes a pixel that holds `cur` (0: nothing): when it
 * is more severe. The first of equals keeps it, so the result is the first mark of the highest
 * priority, in the marks' order.
 */
export const takes = (v: number, cur: number): boolean => cur === 0 || PRIORITY[cur - 1] < PRIORITY[v - 1];

/** 1 for styles drawn as points (POINT_STYLES as a table: looked up per mark per frame). */
export const IS_POINT = new Uint8Array(64);
for (const st of POINT_STYLES) IS_POINT[st] = 1;
