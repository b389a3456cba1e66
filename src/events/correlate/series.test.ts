import { describe, expect, it } from 'vitest';
import { correlate } from './index.ts';
import { normalizeEndpoint } from './series.ts';
import { Lines } from '../../../test/helpers/correlate-events.ts';

describe('resource series', () => {
  it('one change logged by RCM and the Operational channel is one point with both refs', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(100, 'A', 'resource-state', { resource: 'ag1', from: 'Offline', to: 'OnlineCallIssued' }),
      L.ev(101, 'A', 'resource-transition', { object: 'ag1', from: 'Offline', to: 'OnlineCallIssued' }),
      L.ev(102, 'A', 'resource-state', { resource: 'ag1', from: 'Offline', to: 'OnlineCallIssued' }, { channel: 'Operational' }),
      L.ev(3000, 'A', 'resource-state', { resource: 'ag1', from: 'OnlinePending', to: 'Online' }),
    ], []);
    expect(m.resources).toHaveLength(1);
    const pts = m.resources[0].points;
    expect(pts.map((p) => [p.t, p.state, p.from, p.node])).toEqual([[100, 'OnlineCallIssued', 'Offline', 'A'], [3000, 'Online', 'OnlinePending', 'A']]);
    // The TransitionToState line is left out (a resource-state of the same name lies within the window).
    expect(pts[0].refs.map((r) => r.line)).toEqual([0, 2]);
  });

  it('a transition counts when no resource-state says it; a group name goes to the group series', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'group-state', { group: 'Cluster Group', from: 'Offline', to: 'Pending' }),
      L.ev(10, 'A', 'resource-transition', { object: 'Cluster IP Address', from: 'Offline', to: 'OnlineCallIssued' }),
      L.ev(20, 'A', 'resource-transition', { object: 'Cluster Group', from: 'Pending', to: 'Online' }),
    ], []);
    expect(m.resources.map((r) => [r.resource, r.points.map((p) => p.state)])).toEqual([['Cluster IP Address', ['OnlineCallIssued']]]);
    expect(m.groups[0].points.map((p) => p.state)).toEqual(['Pending', 'Online']);
  });

  it('the same state on two nodes is two points', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'resource-state', { resource: 'r', to: 'Offline' }),
      L.ev(5, 'B', 'resource-state', { resource: 'r', to: 'Offline' }),
    ], []);
    expect(m.resources[0].points.map((p) => p.node)).toEqual(['A', 'B']);
  });
});

describe('route series', () => {
  it('up, degraded, down per (observer, local, remote); `~` marks ignored; repeats merged', () => {
    const L = new Lines();
    const ep = { local: '10.0.0.1:~3343~', remote: '10.0.0.2:~3343~' };
    const m = correlate([
      L.ev(0, 'A', 'route-added', ep),
      L.ev(500, 'A', 'route-up', { local: '10.0.0.1:3343', remote: '10.0.0.2:3343' }),
      L.ev(9000, 'A', 'heartbeat-missed', { ...ep, peerName: 'B', peer: 2 }, { subject: 'B' }),
      L.ev(9001, 'A', 'heartbeat-missed', ep),
      L.ev(12_000, 'A', 'route-down', ep),
      L.ev(12_010, 'A', 'connection-lost', { peerName: 'B' }, { subject: 'B' }),
    ], []);
    expect(m.routes).toHaveLength(2);
    const [nodeLevel, route] = m.routes;
    expect(route).toMatchObject({ node: 'A', local: '10.0.0.1:3343', remote: '10.0.0.2:3343', peer: 'B' });
    expect(route.points.map((p) => [p.t, p.state, p.refs.length])).toEqual([[0, 'up', 2], [9000, 'degraded', 2], [12_000, 'down', 1]]);
    expect(nodeLevel).toMatchObject({ local: '', remote: '', peer: 'B', points: [{ state: 'down', kind: 'connection-lost' }] });
  });

  it('a NetFT virtual route learns its peer from the route block that printed both addresses', () => {
    const L = new Lines();
    const m = correlate([
      L.ev(0, 'A', 'route-added', { local: '10.0.0.1:~3343~', remote: '10.0.0.2:~3343~', virtualRemote: 'fe80::2:~3343~' }),
      L.ev(10, 'A', 'heartbeat-missed', { local: '10.0.0.1:~3343~', remote: '10.0.0.2:~3343~', peerName: 'B' }, { subject: 'B' }),
      L.ev(20, 'A', 'route-down', { local: 'fe80::1:~0~', remote: 'fe80::2:~0~' }),
    ], []);
    expect(m.routes.map((r) => [r.remote, r.peer])).toEqual([['10.0.0.2:3343', 'B'], ['fe80::2:0', 'B']]);
  });

  it('normalizes endpoints', () => {
    expect(normalizeEndpoint('fe80::1%14:~3343~')).toBe('fe80::1%14:3343');
    expect(normalizeEndpoint(undefined)).toBe('');
  });
});
