// The labels column: lane headers (collapse, hide, reorder by drag or buttons, the node's UTC
// offset) and row labels (a track's name and its collapse toggle, a group's resources toggle).

import { memo } from 'react';
import { create } from 'zustand';
import {
  moveLane, placeLane, toggleGroupExpanded, toggleLaneCollapsed, toggleLaneHidden, toggleTrackCollapsed, useTimelineUi,
} from '../../state/timeline-state.ts';
import { DENSITY_H, LANE_HEAD, type RowLayout } from './rows.ts';
import { fmtOffset } from './axis.ts';
import { useLaneClocks } from './data.ts';
import { LABEL_W } from './timeline-size.ts';

/** The lane header being dragged (to reorder the lanes), and the one it is over. */
const useLaneDrag = create<{ node: string | null; over: string | null }>(() => ({ node: null, over: null }));

export const RowLabels = memo(function RowLabels({ rows, colorOf, offsets, focus }: { rows: RowLayout; colorOf: Map<string, string>; offsets: Map<string, number | null>; focus: string | null }) {
  const tl = useTimelineUi.getState();
  const order = rows.lanes.map((l) => l.node);
  const clocks = useLaneClocks();
  const drag = useLaneDrag();
  // Dropped on a lane's header: the dragged lane goes before it (after it, on its lower half).
  const onDrop = (e: React.DragEvent, target: string) => {
    e.preventDefault();
    // From the store, not the render: the drop can come before React has rendered the drag.
    const node = useLaneDrag.getState().node;
    useLaneDrag.setState({ node: null, over: null });
    if (!node || node === target) return;
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const lower = e.clientY > box.top + box.height / 2;
    const drawn = rows.order.filter((n) => order.includes(n));
    const i = drawn.indexOf(target);
    tl.set({ laneOrder: placeLane(drawn, node, lower ? drawn[i + 1] ?? null : target) });
  };
  return (
    <div className="tl-labels" style={{ width: LABEL_W, height: rows.height }}>
      {rows.lanes.map((l) => {
        const off = offsets.get(l.node.toLowerCase());
        return (
          <div
            key={l.node}
            className={`tl-lane${drag.node === l.node ? ' dragging' : ''}${drag.over === l.node && drag.node !== l.node ? ' drop-over' : ''}`}
            data-testid="timeline-lane"
            data-node={l.node}
            style={{ top: l.y, height: LANE_HEAD - 2 }}
            draggable
            title="Drag to move this lane"
            onDragStart={(e) => { e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', l.node); useLaneDrag.setState({ node: l.node }); }}
            onDragEnd={() => useLaneDrag.setState({ node: null, over: null })}
            onDragOver={(e) => {
              const d = useLaneDrag.getState();
              if (!d.node) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (d.over !== l.node) useLaneDrag.setState({ over: l.node });
            }}
            onDrop={(e) => onDrop(e, l.node)}
          >
            <button type="button" className="tl-tog" aria-expanded={!l.collapsed} title={l.collapsed ? 'Expand this lane' : 'Collapse this lane to one row'} onClick={() => toggleLaneCollapsed(l.node)}>{l.collapsed ? '▸' : '▾'}</button>
            <span className="tl-lane-name" style={{ color: colorOf.get(l.node.toLowerCase()) ?? 'inherit' }}>{l.node}</span>
            <span className="tl-lane-off dim" title="The node's UTC offset (from its log)">{off === undefined || off === null ? '' : fmtOffset(off)}</span>
            {clocks.has(l.node.toLowerCase()) && (
              <span className="tl-lane-off tl-lane-clock" data-testid="lane-clock" title="Clock corrected: this node's logs are moved by this much (What happened › Clocks; Raw clocks undoes it)">
                {clocks.get(l.node.toLowerCase())! > 0 ? '+' : '−'}{Math.abs(clocks.get(l.node.toLowerCase())!)} ms
              </span>
            )}
            <span className="tl-lane-btns">
              <button type="button" className="tl-tog" title="Move this lane up" disabled={order[0] === l.node} onClick={() => moveLane(rows.order.filter((n) => order.includes(n)), l.node, -1)}>↑</button>
              <button type="button" className="tl-tog" title="Move this lane down" disabled={order[order.length - 1] === l.node} onClick={() => moveLane(rows.order.filter((n) => order.includes(n)), l.node, 1)}>↓</button>
              <button type="button" className="tl-tog" title="Hide this lane" data-testid="lane-hide" onClick={() => toggleLaneHidden(l.node)}>×</button>
            </span>
          </div>
        );
      })}
      {rows.lanes.filter((l) => l.densityY >= 0).map((l) => (
        <div key={`d-${l.node}`} className="tl-row tl-density-label" style={{ top: l.densityY, height: DENSITY_H }} title="Lines per time bucket, stacked by severity (derived severity for event-channel lines)">
          <span className="tl-track">density</span><span className="tl-row-label dim">lines by severity</span>
        </div>
      ))}
      {rows.labels.map((r) => (
        <div
          key={r.key}
          className={`tl-row${focus === r.key ? ' focus' : ''}${r.sub ? ' sub' : ''}`}
          data-track={r.track}
          data-row-label={r.label}
          data-node={r.node}
          style={{ top: r.y }}
          data-fitted={r.fitted ? '1' : undefined}
          title={r.fitted ? `${r.track}: ${r.label} drawn on one row so that every lane fits the height; ▸ opens it` : r.summary ? `${r.track}: ${r.label} drawn on one row` : r.label}
          onClick={() => tl.set({ focusRow: r.key, focusMark: -1 })}
        >
          {r.first ? (
            <button type="button" className="tl-track" title={r.summary ? 'Expand this track' : 'Collapse this track to one row'} onClick={(e) => { e.stopPropagation(); if (r.track === 'all') toggleLaneCollapsed(r.node); else toggleTrackCollapsed(r.node, r.track, r.summary); }}>
              {r.summary ? '▸' : '▾'} {r.track}
            </button>
          ) : <span className="tl-track" />}
          {r.children > 0 && (
            <button type="button" className="tl-tog" data-testid="group-expand" aria-expanded={r.expanded} title={r.expanded ? 'Hide the resources' : `Show its ${r.children} resources`} onClick={(e) => { e.stopPropagation(); toggleGroupExpanded(r.node, r.label); }}>
              {r.expanded ? '▾' : '▸'}
            </button>
          )}
          <span className="tl-row-label">{r.label}</span>
        </div>
      ))}
    </div>
  );
});


