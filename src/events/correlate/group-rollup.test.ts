import { describe, expect, it } from 'vitest';
import { coarse, deriveGroupStates, rollup } from './group-rollup.ts';
import type { GroupSeries, ResourceSeries } from './types.ts';

const ref = { fileId: 1, file: 'a.log', line: 0 };
const series = (resource: string, pts: Array<[number, string]>): ResourceSeries => ({
  resource, points: pts.map(([t, state]) => ({ t, state, node: 'N1', ref, refs: [ref] })),
});

describe('group state from its resources', () => {
  it('maps RCM states to the public ones and rolls them up (Failed > Pending > mix)', () => {
    expect(['Online', 'OnlineCallIssued', 'WaitingToGoOffline', 'OfflineDueToProvider', 'ProcessingFailure', 'Weird'].map(coarse))
      .toEqual(['Online', 'Pending', 'Pending', 'Offline', 'Failed', 'Unknown']);
    expect(rollup(['Online', 'Offline'])).toBe('PartialOnline');
    expect(rollup(['Online', 'Pending', 'Failed'])).toBe('Failed');
    expect(rollup(['Online', 'Online'])).toBe('Online');
  });

  it('follows the resources of the group through a failover, one point per change of the group state', () => {
    const groups: GroupSeries[] = [];
    const rs = [
      series('ag1', [[0, 'Online'], [100, 'WaitingToGoOffline'], [300, 'Offline'], [900, 'OnlineCallIssued'], [1200, 'Online']]),
      series('ag1 Listener IP', [[0, 'Online'], [200, 'Offline'], [1000, 'Online']]),
      series('Other', [[50, 'Failed']]),
    ];
    deriveGroupStates(groups, rs, (r) => (r.startsWith('ag1') ? 'ag1' : null));
    expect(groups).toHaveLength(1);
    expect(groups[0].derived!.map((d) => [d.t, d.state, d.resource])).toEqual([
      [0, 'Online', 'ag1'],
      [100, 'Pending', 'ag1'],
      [300, 'Offline', 'ag1'],
      [900, 'Pending', 'ag1'],
      [1200, 'Online', 'ag1'],
    ]);
  });
});
