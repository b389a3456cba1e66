// What each timeline frame cost the main thread: the frame owner records the time its paint
// callback took (canvas commands issued). The benchmark reads these; the app never does.

export interface FrameRecord {
  /** performance.now() when the frame's callback ran. */
  at: number;
  /** Milliseconds spent in the callback (layout of visible rows + canvas commands). */
  scriptMs: number;
  /** Marks looked at and canvas draw calls issued. */
  visited: number;
  draws: number;
}

const CAP = 4096;
const frames: FrameRecord[] = [];

export function recordFrame(f: FrameRecord): void {
  // Nobody reads them in the app: drop the older half at once (shift() per frame is O(CAP)).
  if (frames.length >= CAP) frames.splice(0, CAP / 2);
  frames.push(f);
}

/** The frames recorded since the last call (and forget them). */
export function takeFrames(): FrameRecord[] {
  return frames.splice(0, frames.length);
}
