// What a hovered mark says: its time (UTC and the node's local time), where it sits, its label,
// and the event behind it (kind, decoded codes, "unverified") when the engine has one at its line.

import { useEffect, useState } from 'react';
import type { TimelineMarks } from '../../timeline/marks.ts';
import type { EventRow } from '../../engine/api.ts';
import { getEngine } from '../../state/controller.ts';
import { formatWall } from '../../base/civil.ts';
import { describeEmbedded } from '../../events/types.ts';

const TIP_W = 360;

export function MarkTooltip({ marks: m, k, x, y, width, offsets, others = [] }: { marks: TimelineMarks; k: number; x: number; y: number; width: number; offsets: Map<string, number | null>; others?: number[] }) {
  const [ev, setEv] = useState<EventRow | null>(null);
  const fileId = m.fileId[k];
  const line = m.line[k];
  useEffect(() => {
    setEv(null);
    const engine = getEngine();
    if (fileId < 0) return;
    let live = true;
    void engine.getEventAt(fileId, line).then((e) => { if (live) setEv(e); });
    return () => { live = false; };
  }, [fileId, line]);
  const row = m.rows[m.row[k]];
  const node = m.lanes[row.lane]?.node ?? '';
  const off = offsets.get(node.toLowerCase());
  const t0 = m.t0[k];
  const t1 = m.t1[k];
  const local = off === undefined || off === null ? null : t0 + off * 60_000;
  return (
    <div className="tl-tip" role="tooltip" data-testid="timeline-tooltip" style={{ left: Math.max(0, Math.min(x + 14, width - TIP_W)), top: y + 16, width: TIP_W }}>
      <div className="mono dim">
        {formatWall(t0)}{t1 > t0 ? ` → ${formatWall(t1, false)} (${fmtDur(t1 - t0)})` : ''} UTC
        {local !== null && <> · {formatWall(local, false)} local</>}
      </div>
      <div className="tl-tip-label">{m.labels[m.label[k]]}</div>
      <div className="dim">{node} · {row.track} · {row.label}</div>
      {ev && (
        <div className="tl-tip-ev">
          <div><span className={`ev-kind fam-${ev.family}`}>{ev.kind}</span> {ev.summary}</div>
          {ev.codes.map((c) => <div key={c.field} className="ev-code">{c.field} {c.info.code} {c.info.name}: {c.info.meaning}</div>)}
          {ev.times.map((t) => <div key={t.field} className="dim">{describeEmbedded(t, formatWall)}</div>)}
          {!ev.verified && <div className="ev-unv">unverified: this message form is inferred, not seen in a real log</div>}
        </div>
      )}
      {others.length > 0 && (
        <div className="tl-tip-more" data-testid="timeline-tooltip-more">
          <div>also here ({others.length}, {others.some((o) => m.t0[o] === t0) ? 'some in the same millisecond' : 'within 3 px'}):</div>
          {others.slice(0, 6).map((o) => (
            <div key={o} className="tl-tip-other"><span className="mono dim">{formatWall(m.t0[o], false)}</span> {m.labels[m.label[o]]}</div>
          ))}
          {others.length > 6 && <div className="dim">and {others.length - 6} more</div>}
        </div>
      )}
      <div className="dim">{others.length > 0 ? 'click: choose which line to open' : fileId >= 0 ? `click: line ${line + 1} in the raw log` : 'no line of its own'}</div>
    </div>
  );
}

function fmtDur(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 60_000).toFixed(1)} min`;
}
