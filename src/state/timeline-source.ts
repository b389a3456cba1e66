// Where the timeline's marks come from: the engine (the correlated model of the loaded files),
// or marks injected directly (the benchmark draws millions of synthetic marks through the real
// view without loading a log). Injection is never used by the app itself.

import { create } from 'zustand';
import type { TimelineMarks } from '../timeline/marks.ts';
interface Injected {
  marks: TimelineMarks | null;
}

export const useInjectedMarks = create<Injected>()(() => ({ marks: null }));

/** Draw these marks instead of the engine's (null: back to the engine). Their density is still asked of the engine. */
export function injectTimelineMarks(marks: TimelineMarks | null): void {
  useInjectedMarks.setState({ marks });
}
