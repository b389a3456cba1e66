// The hovered mark's tooltip: its own store, so that hovering re-renders only the tooltip, not
// the timeline (the frame owner and the mouse handlers set it).

import { memo, useEffect } from 'react';
import { create } from 'zustand';
import type { TimelineMarks } from '../../timeline/marks.ts';
import { MarkTooltip } from './MarkTooltip.tsx';

export interface Tip { k: number; x: number; y: number; /** The other marks on its place (marksNear). */ others: number[] }
export const useTip = create<{ tip: Tip | null }>(() => ({ tip: null }));
export function setTip(tip: Tip | null): void {
  const cur = useTip.getState().tip;
  if (cur === tip || (cur && tip && cur.k === tip.k && cur.x === tip.x && cur.y === tip.y && cur.others.join() === tip.others.join())) return;
  useTip.setState({ tip });
}
export const HoverTip = memo(function HoverTip({ marks, width, offsets }: { marks: TimelineMarks; width: number; offsets: Map<string, number | null> }) {
  const tip = useTip((s) => s.tip);
  // A new set of marks: the index may point elsewhere.
  useEffect(() => () => setTip(null), [marks]);
  if (!tip || tip.k >= marks.length) return null;
  return <MarkTooltip marks={marks} k={tip.k} x={tip.x} y={tip.y} width={width} offsets={offsets} others={tip.others} />;
});
