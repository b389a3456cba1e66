// Marks that share one place (often one millisecond: a quorum loss and the view change it
// caused) cannot be told apart by zooming: a click on them lists them all, most severe first,
// each with its time to the millisecond, and the one chosen opens its line.

import { useEffect, useRef } from 'react';
import { formatWall } from '../../base/civil.ts';
import type { TimelineMarks } from '../../timeline/marks.ts';
import { STYLE_COLORS } from './palette.ts';

export interface Pick {
  /** The mark clicked, then the others on its place. */
  ks: number[];
  x: number;
  y: number;
}

const W = 380;

export function MarkPicker({ marks: m, pick, width, onChoose, onClose }: { marks: TimelineMarks; pick: Pick; width: number; onChoose: (k: number) => void; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector('button')?.focus();
    const away = (e: MouseEvent) => { if (box.current && !box.current.contains(e.target as Node)) onClose(); };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);
  return (
    <div
      ref={box}
      className="tl-pick"
      role="menu"
      aria-label={`${pick.ks.length} marks here`}
      data-testid="timeline-pick"
      style={{ left: Math.max(0, Math.min(pick.x + 8, width - W)), top: pick.y + 12, width: W }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}
    >
      <div className="dim tl-pick-head">{pick.ks.length} marks here: choose one to open its line</div>
      {pick.ks.map((k) => (
        <button key={k} type="button" role="menuitem" className="tl-pick-item" onClick={() => onChoose(k)}>
          <i className="tl-sw tl-sw-point" style={{ background: STYLE_COLORS[m.style[k]] }} />
          <span className="mono dim">{formatWall(m.t0[k], false)}</span> {m.labels[m.label[k]]}
        </button>
      ))}
    </div>
  );
}
