// The data the timeline view draws, as hooks: its marks (from the engine or injected), the
// filter mask over them, the per-lane density histogram for the visible domain, the raw-log
// cursor, and each lane's UTC offset. Nothing here parses: it asks the engine and derives.

import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { TimelineMarks } from '../../timeline/marks.ts';
import { MARK_FAMILIES } from '../../timeline/marks.ts';
import type { Density, EventFilter } from '../../engine/api.ts';
import { useSnap } from '../../state/snapshot-store.ts';
import { useUi } from '../../state/ui-state.ts';
import { useInjectedMarks } from '../../state/timeline-source.ts';
import { useTimelineUi } from '../../state/timeline-state.ts';
import { getEngine } from '../../state/controller.ts';
import { currentDomain } from '../../state/timeline-nav.ts';
import type { DensityFrame } from './paint-input.ts';

/** Marks of the loaded files (rebuilt when the event list changes), or the injected ones. */
export function useMarks(): TimelineMarks | null {
  const injected = useInjectedMarks((s) => s.marks);
  const version = useSnap((s) => s.snap.events.timelineVersion);
  const [marks, setMarks] = useState<TimelineMarks | null>(null);
  useEffect(() => {
    if (injected) return;
    let live = true;
    void getEngine().getTimeline().then((m) => { if (live) setMarks(m); });
    return () => { live = false; };
  }, [version, injected]);
  const m = injected ?? marks;
  // Everything the timeline can show (the view fits it while tlDomain is null); a new set of marks drops the focused mark.
  useEffect(() => {
    if (!m || m.length === 0) return;
    const pad = Math.max(1000, (m.tMax - m.tMin) * 0.02);
    useUi.getState().set({ tlFull: [m.tMin - pad, m.tMax + pad] });
    useTimelineUi.getState().set({ focusMark: -1 });
  }, [m]);
  return m;
}

/** 1 per mark that passes the events panel's family and name filters (null: no filter). */
export function useMask(m: TimelineMarks | null, f: EventFilter): Uint8Array | null {
  const families = f.families.join(',');
  const needle = f.name.trim().toLowerCase();
  return useMemo(() => {
    if (!m || (!families && !needle)) return null;
    // A capture row's mark (CAPTURE_FAMILY, after the families) is no event: a family filter leaves it out.
    const famOk = [...MARK_FAMILIES.map((x) => !families || families.split(',').includes(x)), !families];
    // Names are matched once per distinct string, rows once per row, then looked up per mark.
    const nameOk = new Map<number, boolean>();
    const rowOk = m.rows.map((r) => !needle || `${r.label}\n${m.lanes[r.lane]?.node ?? ''}`.toLowerCase().includes(needle));
    const mask = new Uint8Array(m.length);
    for (let k = 0; k < m.length; k++) {
      if (!famOk[m.family[k]]) continue;
      if (needle && !rowOk[m.row[k]]) {
        const id = m.names[k];
        let ok = nameOk.get(id);
        if (ok === undefined) {
          ok = id > 0 && m.labels[id].includes(needle);
          nameOk.set(id, ok);
        }
        if (!ok) continue;
      }
      mask[k] = 1;
    }
    return mask;
  }, [m, families, needle]);
}

/** Lower-cased nodes left out by the events panel's node filter or by hiding all of a node's files. */
export function useFilteredNodes(): Set<string> {
  const nodesFilter = useUi((s) => s.eventFilter.nodes);
  const hiddenFiles = useUi((s) => s.hiddenFiles);
  const lanes = useSnap((s) => s.snap.nodes);
  return useMemo(() => {
    const out = new Set<string>();
    const keep = new Set(nodesFilter.map((n) => n.toLowerCase()));
    for (const l of lanes) {
      const name = l.name.toLowerCase();
      if (keep.size && !keep.has(name)) out.add(name);
      if (l.fileIds.length > 0 && l.fileIds.every((id) => hiddenFiles.includes(id))) out.add(name);
    }
    return out;
  }, [nodesFilter, hiddenFiles, lanes]);
}

/** The UTC time of the selected raw line (the timeline's cursor). */
export function useCursor(): number | null {
  const sel = useUi((s) => s.selected);
  const viewVersion = useSnap((s) => s.snap.viewVersion);
  const [t, setT] = useState<number | null>(null);
  useEffect(() => {
    if (!sel) { setT(null); return; }
    let live = true;
    void getEngine().getRows(sel.pos, 1).then(([r]) => { if (live) setT(r && Number.isFinite(r.utcMs) ? r.utcMs : null); });
    return () => { live = false; };
  }, [sel, viewVersion]);
  return t;
}

/** Each lane's UTC offset in minutes (null: unknown or the node's files disagree). */
export function useLaneOffsets(): Map<string, number | null> {
  const files = useSnap((s) => s.snap.files);
  return useMemo(() => {
    const out = new Map<string, number | null>();
    for (const f of files) {
      const node = f.facts.nodeLabel.toLowerCase();
      const off = f.facts.timeBase.utcOffsetMinutes;
      if (!out.has(node)) out.set(node, off);
      else if (out.get(node) !== off) out.set(node, null);
    }
    return out;
  }, [files]);
}

/** Each node's clock correction applied to its logs (What happened › Clocks), where one is. */
export function useLaneClocks(): Map<string, number> {
  const files = useSnap((s) => s.snap.files);
  return useMemo(() => {
    const out = new Map<string, number>();
    for (const f of files) {
      if (f.facts.capture || !f.facts.timeBase.skewMs) continue;
      out.set(f.facts.nodeLabel.toLowerCase(), f.facts.timeBase.skewMs);
    }
    return out;
  }, [files]);
}

export type DensityReq = { t0: number; t1: number; buckets: number };

/** Buckets asked for at a width: one per 2 px. */
const bucketsFor = (width: number): number => Math.max(16, Math.min(2048, Math.floor(width / 2)));

/**
 * What to ask for the visible domain's density, given the last request (null: nothing new).
 * A zoom (a new bucket width) asks for the view itself: every step of a zoom asks, so each
 * answer is kept small. A pan asks only when the view leaves the last answer, and then for the
 * view and one view's width either side, so that the rest of the pan asks for nothing (an
 * answer is drawn at its own times).
 */
export function viewDensityRequest(d: readonly [number, number], width: number, asked: DensityReq | null): DensityReq | null {
  const span = d[1] - d[0];
  if (!(span > 0)) return null;
  const n = bucketsFor(width);
  const bw = span / n;
  const sameWidth = !!asked && Math.abs((asked.t1 - asked.t0) / asked.buckets - bw) <= bw * 1e-3;
  if (!sameWidth) return { t0: d[0], t1: d[1], buckets: n };
  if (asked!.t0 <= d[0] && asked!.t1 >= d[1]) return null;
  return { t0: d[0] - span, t1: d[1] + span, buckets: 3 * n };
}

/**
 * Density requests with one in flight: a request made while one runs replaces any waiting one,
 * and is sent when the running one returns. Answers after stop() are dropped.
 */
function densityAsker(m: TimelineMarks, onAnswer: (f: DensityFrame) => void): { ask: (req: DensityReq) => void; stop: () => void } {
  const engine = getEngine();
  let live = true;
  let busy = false;
  let want: DensityReq | null = null;
  const next = (): void => {
    if (!want || busy || !live) return;
    const req = want;
    want = null;
    busy = true;
    void engine.getDensity(req).then((d) => {
      busy = false;
      if (!live) return;
      if (d) onAnswer(toFrame(d, m));
      next();
    }, () => { busy = false; });
  };
  return { ask: (req) => { want = req; next(); }, stop: () => { live = false; } };
}

/**
 * Lines per bucket over a domain that changes rarely (the overview's whole range), per lane and
 * severity class, in React state. The visible domain's density is useViewDensity's.
 */
export function useDensity(m: TimelineMarks | null, domain: readonly [number, number] | null, width: number, enabled: boolean): DensityFrame | null {
  const linesVersion = useSnap((s) => s.snap.densityVersion);
  const [frame, setFrame] = useState<DensityFrame | null>(null);
  const lanesKey = m ? m.lanes.map((l) => l.node).join('\n') : '';
  useEffect(() => {
    if (!m || !domain || !enabled) return;
    const asker = densityAsker(m, setFrame);
    asker.ask({ t0: domain[0], t1: domain[1], buckets: bucketsFor(width) });
    return asker.stop;
  }, [m, lanesKey, domain?.[0], domain?.[1], width, enabled, linesVersion]);
  return enabled ? frame : null;
}

/**
 * The density of the visible domain, outside React: it follows the store's domain itself and
 * calls `onFrame` (the view's repaint) when an answer arrives, so that a pan costs no render.
 * Meanwhile the last answer is drawn at its own times.
 */
export function useViewDensity(m: TimelineMarks | null, width: number, enabled: boolean, onFrame: () => void): RefObject<DensityFrame | null> {
  const linesVersion = useSnap((s) => s.snap.densityVersion);
  const frame = useRef<DensityFrame | null>(null);
  const lanesKey = m ? m.lanes.map((l) => l.node).join('\n') : '';
  useEffect(() => {
    if (!m || !enabled) {
      if (frame.current) { frame.current = null; onFrame(); }
      return;
    }
    const asker = densityAsker(m, (f) => { frame.current = f; onFrame(); });
    let asked: DensityReq | null = null;
    const request = (): void => {
      const d = currentDomain();
      const req = d ? viewDensityRequest(d, width, asked) : null;
      if (req) asker.ask((asked = req));
    };
    request();
    const unsubscribe = useUi.subscribe((s, prev) => {
      if ((s.tlDomain ?? s.tlFull) !== (prev.tlDomain ?? prev.tlFull)) request();
    });
    return () => { asker.stop(); unsubscribe(); };
  }, [m, lanesKey, width, enabled, linesVersion, onFrame]);
  return frame;
}

function toFrame(d: Density, m: TimelineMarks): DensityFrame {
  const laneOffset = new Int32Array(m.lanes.length).fill(-1);
  const byName = new Map(d.nodes.map((n, i) => [n.toLowerCase(), i]));
  m.lanes.forEach((l, L) => {
    const i = byName.get(l.node.toLowerCase());
    if (i !== undefined) laneOffset[L] = i * d.classes.length * d.buckets;
  });
  return { t0: d.t0, t1: d.t1, buckets: d.buckets, laneOffset, classes: d.classes.length, counts: d.counts, max: d.max };
}
