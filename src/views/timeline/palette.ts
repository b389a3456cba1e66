// The timeline's colours: one per mark style (and its name), the density row's severity
// classes, the aggregated rows' palette and the no-data hatch.

import { Style } from '../../timeline/marks.ts';

/** Colour per style (index = Style value). */
export const STYLE_COLORS: Record<number, string> = {
  [Style.ViewSpan]: '#2f4a6b', [Style.Disagree]: '#e3b341', [Style.ViewChange]: '#8fb3ff', [Style.NodeDown]: '#ff4d6d',
  [Style.JoinOk]: '#24513d', [Style.JoinFailed]: '#8c1d18', [Style.JoinOpen]: '#5c4f24', [Style.Stage]: '#9ad95f', [Style.StageFailed]: '#ff6b6b',
  [Style.RouteUp]: '#2d6a4f', [Style.RouteDegraded]: '#c9a227', [Style.RouteDown]: '#d9363e', [Style.HeartbeatMissed]: '#f0a030', [Style.RouteAdded]: '#5fd38d',
  [Style.Owner]: '#4a5d8a', [Style.MoveFailover]: '#ff7b54', [Style.MoveManual]: '#8fb3ff', [Style.GroupFailed]: '#ff4d6d',
  [Style.Session]: '#33465c', [Style.SessionCrash]: '#7a2e3a', [Style.Rhs]: '#3d3a5c', [Style.NoData]: '#555b63',
  [Style.Quorum]: '#ff4d6d', [Style.StageSpan]: '#3f7d5a', [Style.JoinLink]: '#9ad95f',
  [Style.ResOnline]: '#2d6a4f', [Style.ResPending]: '#c9a227', [Style.ResOffline]: '#4b5563', [Style.ResFailed]: '#d9363e', [Style.ResOther]: '#6b5b95',
  [Style.ViewInferred]: '#26364a', [Style.DeathTimer]: '#7a3b2e', [Style.WitnessDelay]: '#5c4f24', [Style.QuorumGained]: '#5fd38d', [Style.QuorumInfo]: '#b39ddb',
  // Capture rows: calm colours by class, so that warnings and errors stand out over them.
  [Style.CapOther]: '#5a6270', [Style.CapFile]: '#4f6d8f', [Style.CapRegistry]: '#6a5d8f', [Style.CapProcess]: '#3f8f7a', [Style.CapNetwork]: '#4f7f9f',
  [Style.CapCluster]: '#4fc3f7', [Style.CapSmbRpc]: '#9575cd', [Style.CapClusterEvent]: '#f06292', [Style.CapWarn]: '#c9a227', [Style.CapError]: '#e5534b',
};
export const STYLE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(Style).map(([k, v]) => [v, k]));

/** Severity classes of the density row, bottom to top. */
export const DENSITY_COLORS = ['#3b5070', '#c9a227', '#e5534b', '#ff4dd2'];

/** The no-data hatch: white at 8 % over the no-data grey, as an opaque colour. */
export const NO_DATA_HATCH = '#63686f';

/** Colour per aggregated pixel value (style + 1; 0 = nothing). */
export const STYLE_PALETTE: readonly string[] = ['', ...Array.from({ length: 63 }, (_, st) => STYLE_COLORS[st] ?? '#888888')];
