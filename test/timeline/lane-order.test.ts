// Reordering lanes: the ↑ / ↓ buttons swap neighbours; a dragged lane header lands before the
// header it is dropped on (or at the end), the others keeping their order.
import { describe, expect, it } from 'vitest';
import { moveLane, placeLane, useTimelineUi } from '../../src/state/timeline-state.ts';

describe('lane order', () => {
  const lanes = ['N1', 'N2', 'N3', 'N4'];
  it('places a dragged lane before another, or at the end', () => {
    expect(placeLane(lanes, 'N4', 'N1')).toEqual(['N4', 'N1', 'N2', 'N3']);
    expect(placeLane(lanes, 'N1', 'N3')).toEqual(['N2', 'N1', 'N3', 'N4']);
    expect(placeLane(lanes, 'N2', null)).toEqual(['N1', 'N3', 'N4', 'N2']);
    // Onto itself, or a lane not drawn: nothing moves.
    expect(placeLane(lanes, 'N2', 'N2')).toEqual(lanes);
    expect(placeLane(lanes, 'N9', 'N1')).toEqual(lanes);
  });
  it('moves a lane one place with the buttons, not past the ends', () => {
    moveLane(lanes, 'N3', -1);
    expect(useTimelineUi.getState().laneOrder).toEqual(['N1', 'N3', 'N2', 'N4']);
    useTimelineUi.getState().set({ laneOrder: [] });
    moveLane(lanes, 'N1', -1);
    expect(useTimelineUi.getState().laneOrder).toEqual([]);
  });
});
