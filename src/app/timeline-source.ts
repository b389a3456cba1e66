// Where the timeline's marks come from: the engine (the correlated model of the loaded files),
// or marks injected directly (the benchmark draws millions of synthetic marks through the real
// view without loading a log). Injection is never used by the app itself.

import { create } from 'zustand';
import type { TimelineMarks } from '../timeline/marks.ts';
import type { Density } from '../engine/api.ts';

/** Lines per bucket for injected marks (the engine's getDensity, answered by the page). */
export type InjectedDensity = (req: { t0: number; t1: number; buckets: number }) => Promise<Density | null>;

interface Injected {
  marks: TimelineMarks | null;
  density: InjectedDensity | null;
}

export const useInjectedMarks = create<Injected>()(() => ({ marks: null, density: null }));

/** Draw these marks (and this density) instead of the engine's (null: back to the engine). */
export function injectTimelineMarks(marks: TimelineMarks | null, density: InjectedDensity | null = null): void {
  useInjectedMarks.setState({ marks, density });
}
