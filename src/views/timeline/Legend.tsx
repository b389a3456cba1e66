// The timeline's legend (what each colour and shape means) and its help overlay (keys and
// mouse), both from tables: the legend from the painter's colours, the help from keys.ts.

import { Style } from '../../timeline/marks.ts';
import { DENSITY_COLORS, STYLE_COLORS } from './palette.ts';
import { POINTER_HELP, TIMELINE_KEYS } from './keys.ts';

type Swatch = { label: string; color: string; shape: 'bar' | 'point' | 'arrow' | 'hatch' | 'band' };

export const LEGEND: Array<{ group: string; items: Swatch[] }> = [
  { group: 'routes', items: [
    { label: 'up', color: STYLE_COLORS[Style.RouteUp], shape: 'bar' },
    { label: 'degraded', color: STYLE_COLORS[Style.RouteDegraded], shape: 'bar' },
    { label: 'down', color: STYLE_COLORS[Style.RouteDown], shape: 'bar' },
    { label: 'missed heartbeats', color: STYLE_COLORS[Style.HeartbeatMissed], shape: 'point' },
  ] },
  { group: 'resources', items: [
    { label: 'online', color: STYLE_COLORS[Style.ResOnline], shape: 'bar' },
    { label: 'pending', color: STYLE_COLORS[Style.ResPending], shape: 'bar' },
    { label: 'offline', color: STYLE_COLORS[Style.ResOffline], shape: 'bar' },
    { label: 'failed', color: STYLE_COLORS[Style.ResFailed], shape: 'bar' },
  ] },
  { group: 'groups', items: [
    { label: 'owner', color: STYLE_COLORS[Style.Owner], shape: 'bar' },
    { label: 'failover', color: STYLE_COLORS[Style.MoveFailover], shape: 'arrow' },
    { label: 'manual move', color: STYLE_COLORS[Style.MoveManual], shape: 'arrow' },
  ] },
  { group: 'joins', items: [
    { label: 'stage', color: STYLE_COLORS[Style.StageSpan], shape: 'bar' },
    { label: 'failed', color: STYLE_COLORS[Style.StageFailed], shape: 'point' },
  ] },
  { group: 'quorum', items: [
    { label: 'lost', color: STYLE_COLORS[Style.Quorum], shape: 'point' },
    { label: 'regained', color: STYLE_COLORS[Style.QuorumGained], shape: 'point' },
    { label: 'death timer', color: STYLE_COLORS[Style.DeathTimer], shape: 'bar' },
    { label: 'witness delay', color: STYLE_COLORS[Style.WitnessDelay], shape: 'bar' },
    { label: 'other', color: STYLE_COLORS[Style.QuorumInfo], shape: 'point' },
  ] },
  { group: 'membership', items: [
    { label: 'view', color: STYLE_COLORS[Style.ViewSpan], shape: 'bar' },
    { label: 'view inferred', color: STYLE_COLORS[Style.ViewInferred], shape: 'hatch' },
    { label: 'node down', color: STYLE_COLORS[Style.NodeDown], shape: 'point' },
    { label: 'views disagree', color: STYLE_COLORS[Style.Disagree], shape: 'band' },
  ] },
  { group: 'captures', items: [
    { label: 'file', color: STYLE_COLORS[Style.CapFile], shape: 'point' },
    { label: 'registry', color: STYLE_COLORS[Style.CapRegistry], shape: 'point' },
    { label: 'process', color: STYLE_COLORS[Style.CapProcess], shape: 'point' },
    { label: 'network', color: STYLE_COLORS[Style.CapNetwork], shape: 'point' },
    { label: 'cluster 3343', color: STYLE_COLORS[Style.CapCluster], shape: 'point' },
    { label: 'SMB/RPC', color: STYLE_COLORS[Style.CapSmbRpc], shape: 'point' },
    { label: 'cluster event', color: STYLE_COLORS[Style.CapClusterEvent], shape: 'point' },
    { label: 'not SUCCESS / warning', color: STYLE_COLORS[Style.CapWarn], shape: 'point' },
    { label: 'error', color: STYLE_COLORS[Style.CapError], shape: 'point' },
  ] },
  { group: 'density', items: [
    { label: 'info', color: DENSITY_COLORS[0], shape: 'bar' },
    { label: 'warning', color: DENSITY_COLORS[1], shape: 'bar' },
    { label: 'error', color: DENSITY_COLORS[2], shape: 'bar' },
    { label: 'critical', color: DENSITY_COLORS[3], shape: 'bar' },
  ] },
  { group: 'data', items: [
    { label: 'no data (file silent)', color: STYLE_COLORS[Style.NoData], shape: 'hatch' },
    { label: 'outside the files', color: 'rgba(120,120,120,0.35)', shape: 'band' },
  ] },
];

function Mark({ s }: { s: Swatch }) {
  if (s.shape === 'point') return <i className="tl-sw tl-sw-point" style={{ background: s.color }} />;
  if (s.shape === 'arrow') return <i className="tl-sw tl-sw-arrow" style={{ color: s.color }}>↓</i>;
  return <i className={`tl-sw tl-sw-${s.shape}`} style={{ background: s.color }} />;
}

export function TimelineLegend({ captures = true }: { captures?: boolean }) {
  return (
    <div className="tl-legend" data-testid="timeline-legend" aria-label="Legend">
      {LEGEND.filter((g) => captures || g.group !== 'captures').map((g) => (
        <span key={g.group} className="tl-legend-group">
          <b>{g.group}</b>
          {g.items.map((s) => <span key={s.label} className="tl-legend-item"><Mark s={s} />{s.label}</span>)}
        </span>
      ))}
    </div>
  );
}

export function TimelineHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="tl-help" role="dialog" aria-label="Timeline keys" data-testid="timeline-help">
      <div className="tl-help-head">
        <b>Timeline keys</b>
        <button type="button" className="btn btn-ghost" aria-label="Close" onClick={onClose}>×</button>
      </div>
      <table>
        <tbody>
          {TIMELINE_KEYS.map((k) => (
            <tr key={k.keys.join()}><td>{k.keys.map((x) => <kbd key={x}>{x}</kbd>)}</td><td>{k.what}</td></tr>
          ))}
          {POINTER_HELP.map(([a, b]) => (
            <tr key={a}><td className="dim">{a}</td><td>{b}</td></tr>
          ))}
        </tbody>
      </table>
      <div className="dim">Keys do nothing while you type in a field.</div>
    </div>
  );
}
