// The insights the engine found for the current events (issue 13), shared by the "What happened"
// panel and the timeline's findings row, and the finding the user picked: its time is framed,
// its first line selected, and its marks highlighted on the timeline.

import { create } from 'zustand';
import { reportMarkdown, type Evidence, type Finding, type Insights } from '../engine/api.ts';
import { redactOutgoing } from './redaction.ts';
import { getEngine, gotoLine } from './controller.ts';
import { setDomain } from './timeline-nav.ts';
import { useUi } from './ui-state.ts';

interface InsightsState {
  insights: Insights | null;
  /** The events version they were computed for. */
  version: number;
  /** The picked finding (an index into insights.findings), or null. */
  active: number | null;
  set(p: Partial<Omit<InsightsState, 'set'>>): void;
}

export const useInsights = create<InsightsState>((set) => ({
  insights: null,
  version: -1,
  active: null,
  set: (p) => set(p),
}));

/** Asks the engine for the insights of `version` once (the panel and the strip both ask). */
export function loadInsights(version: number): void {
  if (useInsights.getState().version === version) return;
  useInsights.getState().set({ version });
  void getEngine().getInsights().then((insights) => {
    if (useInsights.getState().version === version) useInsights.getState().set({ insights, active: null });
  }, () => {});
}

/** Selects a cited line in the raw log (the timeline's cursor follows it). */
export function goToEvidence(e: Evidence): void {
  useUi.getState().set({ activeEvent: `${e.fileId}:${e.line - 1}` });
  void gotoLine(e.fileId, e.line - 1);
}

/** Evidence further than this from a finding (a watchdog setting logged at the service's start) is cited, not framed. */
const FRAME_EVIDENCE_MS = 5 * 60_000;

/** A finding's span on the time axis: its time, its end, and its nearby evidence's times. */
export function findingSpan(f: Finding): [number, number] | null {
  const end = f.t1 ?? f.t;
  const near = f.evidence.map((e) => e.t).filter((t) => t >= f.t - FRAME_EVIDENCE_MS && t <= end + FRAME_EVIDENCE_MS);
  const ts = [f.t, end, ...near].filter(Number.isFinite);
  return ts.length ? [Math.min(...ts), Math.max(...ts)] : null;
}

/** Picks a finding: frames it on the timeline (with room around), selects its first line, highlights its marks. */
export function pickFinding(index: number): void {
  const f = useInsights.getState().insights?.findings[index];
  if (!f) return;
  useInsights.getState().set({ active: index });
  const span = findingSpan(f);
  if (span && useUi.getState().timelineOpen) {
    const pad = Math.max(5_000, (span[1] - span[0]) * 0.25);
    setDomain([span[0] - pad, span[1] + pad]);
  }
  if (f.evidence[0]) goToEvidence(f.evidence[0]);
}

/** The report as the CLI prints it (Markdown, each claim with its file and line), masked when redaction is on, to the clipboard. */
export async function copyReport(): Promise<string | null> {
  const ins = useInsights.getState().insights;
  if (!ins) return null;
  const text = redactOutgoing(reportMarkdown(ins.findings, ins.clocks));
  try {
    await navigator.clipboard.writeText(text);
    useUi.getState().set({ flash: `Report copied (${ins.findings.length} finding${ins.findings.length === 1 ? '' : 's'}, Markdown)` });
  } catch {
    useUi.getState().set({ flash: 'The clipboard was not available: the report was not copied' });
  }
  return text;
}
