// The events panel: the recognized events of the current files and filters, with facet
// filters (family, kind, node, name) and counts; a click goes to the event's raw line.
// Rows come from the view worker in windows; text is rendered as text only.

import { WhatHappened } from './WhatHappened.tsx';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { EventFilter, EventRow } from '../engine/api.ts';
import { useUi, type TimeMode } from '../state/ui-state.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { getEngine, gotoLine } from '../state/controller.ts';
import { formatWall } from '../base/civil.ts';
import { describeEmbedded } from '../events/types.ts';
import { AS_WRITTEN_TIP, fmtInt, levelClass, levelName, shownTime } from './format.ts';
import { Level } from '../base/levels.ts';

/** Two lines per event: when, where, what kind; then what happened. */
const ROW_H = 36;
const OVERSCAN = 20;
const FAMILIES = ['join', 'membership', 'network', 'resource', 'group', 'quorum', 'service'] as const;

function setFilter(patch: Partial<EventFilter>): void {
  const ui = useUi.getState();
  ui.set({ eventFilter: { ...ui.eventFilter, ...patch } });
}

function codesTitle(r: EventRow): string {
  const parts = [`${r.kind} (${r.rec})`, `${r.ref.file} line ${r.ref.line + 1}`];
  for (const c of r.codes) parts.push(`${c.field} ${c.info.code}: ${c.info.name} — ${c.info.meaning}${c.info.known ? '' : ' (not in the code table)'}`);
  for (const t of r.times) parts.push(describeEmbedded(t, formatWall));
  if (!r.verified) parts.push('Unverified: this message form is inferred, not seen verbatim in a real log (formats.md [I]/[U]).');
  return parts.join('\n');
}

const EventLine = memo(function EventLine({ r, timeMode, color, active }: { r: EventRow; timeMode: TimeMode; color: string; active: boolean }) {
  const { t, asWritten } = shownTime(timeMode, r.t, r.localMs, r.writtenMs);
  return (
    <div
      className={`ev-row${active ? ' sel' : ''}`}
      style={{ top: r.pos * ROW_H }}
      role="row"
      aria-selected={active}
      data-testid="event-row"
      data-kind={r.kind}
      data-family={r.family}
      data-node={r.node}
      data-line={r.ref.line}
      title={codesTitle(r)}
      onClick={() => {
        useUi.getState().set({ activeEvent: `${r.ref.fileId}:${r.ref.line}` });
        void gotoLine(r.ref.fileId, r.ref.line);
      }}
    >
      <div className="ev-head">
        <span className={`ev-time mono${asWritten ? ' as-written' : ''}`} title={asWritten ? AS_WRITTEN_TIP : undefined}>
          {Number.isFinite(t) ? formatWall(t, false) : '—'}{asWritten && <span className="as-written-mark" aria-label="as written, UTC">*</span>}
        </span>
        <span className="ev-node" style={{ color }}>{r.node}</span>
        <span className={`ev-kind fam-${r.family}`}>{r.kind}</span>
        {r.severity >= Level.WARN && <span className={`lvl lvl-${levelClass(r.severity)}`} data-testid="event-severity-tag">{levelName(r.severity)}</span>}
        {r.codes.length > 0 && <span className="ev-code">{r.codes.map((c) => `${c.info.code} ${c.info.name}`).join(', ')}</span>}
        {!r.verified && <span className="ev-unv" aria-label="unverified recognizer">unverified</span>}
      </div>
      <div className="ev-sum">{r.summary}</div>
    </div>
  );
});

function Facets() {
  const ev = useSnap((s) => s.snap.events);
  const filter = useUi((s) => s.eventFilter);
  const famCount = new Map(ev.families.map((f) => [f.name, f.count]));
  const toggleFamily = (f: string) => {
    const has = filter.families.includes(f);
    setFilter({ families: has ? filter.families.filter((x) => x !== f) : [...filter.families, f], kinds: [] });
  };
  const kinds = ev.kinds.filter((k) => filter.families.length === 0 || filter.families.includes(k.family ?? ''));
  return (
    <div className="ev-facets">
      <div className="ev-fams" role="group" aria-label="Event families">
        {FAMILIES.map((f) => (
          <button
            key={f}
            type="button"
            className={`chip fam-${f}`}
            aria-pressed={filter.families.includes(f)}
            disabled={!famCount.get(f) && !filter.families.includes(f)}
            data-testid={`family-${f}`}
            onClick={() => toggleFamily(f)}
          >
            {f} <span className="chip-n">{fmtInt(famCount.get(f) ?? 0)}</span>
          </button>
        ))}
      </div>
      <div className="ev-selects">
        <select aria-label="Event kind" data-testid="event-kind" value={filter.kinds[0] ?? ''} onChange={(e) => setFilter({ kinds: e.target.value ? [e.target.value] : [] })}>
          <option value="">All kinds</option>
          {FAMILIES.filter((f) => kinds.some((k) => k.family === f)).map((f) => (
            <optgroup key={f} label={f}>
              {kinds.filter((k) => k.family === f).map((k) => <option key={k.name} value={k.name}>{k.name} ({fmtInt(k.count)})</option>)}
            </optgroup>
          ))}
        </select>
        <select aria-label="Minimum severity" data-testid="event-severity" value={filter.minSeverity} onChange={(e) => setFilter({ minSeverity: Number(e.target.value) })}>
          <option value={0}>All severities</option>
          <option value={Level.WARN}>WARN and worse</option>
          <option value={Level.ERR}>ERR and worse</option>
          <option value={Level.CRIT}>CRIT only</option>
        </select>
        <select aria-label="Node" data-testid="event-node" value={filter.nodes[0] ?? ''} onChange={(e) => setFilter({ nodes: e.target.value ? [e.target.value] : [] })}>
          <option value="">All nodes</option>
          {ev.nodes.map((n) => <option key={n.name} value={n.name}>{n.name} ({fmtInt(n.count)})</option>)}
        </select>
      </div>
      <div className="ev-selects">
        <input
          type="search"
          placeholder="Resource, group or node name"
          aria-label="Filter events by name"
          data-testid="event-name"
          value={filter.name}
          onChange={(e) => setFilter({ name: e.target.value })}
        />
        <label className="ev-check" title="Hide events recognized from inferred or unknown message text">
          <input type="checkbox" checked={filter.verifiedOnly} onChange={(e) => setFilter({ verifiedOnly: e.target.checked })} /> verified only
        </label>
      </div>
    </div>
  );
}

export function EventsPanel() {
  const ev = useSnap((s) => s.snap.events);
  const nodes = useSnap((s) => s.snap.nodes);
  const loading = useSnap((s) => s.snap.loading);
  const timeMode = useUi((s) => s.timeMode);
  const active = useUi((s) => s.activeEvent);
  const scroller = useRef<HTMLDivElement>(null);
  const [win, setWin] = useState({ top: 0, height: 400 });
  const [rows, setRows] = useState<EventRow[]>([]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (el) setWin({ top: el.scrollTop, height: el.clientHeight });
  }, []);
  useEffect(() => {
    onScroll();
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(onScroll);
    ro.observe(el);
    return () => ro.disconnect();
  }, [onScroll]);

  const first = Math.max(0, Math.floor(win.top / ROW_H) - OVERSCAN);
  const count = Math.ceil(win.height / ROW_H) + 2 * OVERSCAN;
  useEffect(() => {
    let live = true;
    void getEngine().getEventRows(first, count).then((r) => { if (live) setRows(r); });
    return () => { live = false; };
  }, [first, count, ev.version]);

  const colorOf = new Map(nodes.map((n) => [n.name, n.color]));
  const filtered = ev.shown !== ev.total;
  return (
    <aside className="panel events-panel" aria-label="Events" data-testid="events-panel">
      <div className="panel-head">
        <span>Events</span>
        <span className="dim ev-count" data-testid="event-count">
          {filtered ? `${fmtInt(ev.shown)} of ${fmtInt(ev.total)}` : fmtInt(ev.total)}
          {loading ? ' · loading' : ''}
        </span>
      </div>
      <WhatHappened />
      <Facets />
      {ev.unverified > 0 && (
        <div className="ev-note dim">{fmtInt(ev.unverified)} from unverified message forms (marked); hover a row for codes and sources</div>
      )}
      <div className="ev-list" ref={scroller} onScroll={onScroll} role="grid" aria-rowcount={ev.shown} data-testid="event-list">
        <div style={{ height: ev.shown * ROW_H, position: 'relative' }}>
          {rows.map((r) => (
            <EventLine key={`${r.ref.fileId}:${r.ref.line}:${r.rec}`} r={r} timeMode={timeMode} color={colorOf.get(r.node) ?? 'inherit'} active={active === `${r.ref.fileId}:${r.ref.line}`} />
          ))}
        </div>
        {ev.shown === 0 && (
          <div className="ev-empty dim">{ev.total === 0 ? (loading ? 'Recognizing events…' : 'No recognized events in these files and filters.') : 'No event matches these filters.'}</div>
        )}
      </div>
    </aside>
  );
}
