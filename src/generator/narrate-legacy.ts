// What a Windows 2000 / 2003 (and NT4) node writes for the scenario's events. These logs were
// written live by clussvc with the old component set ([NM], [FM], [ClMsg], [EP], [DM], [JOIN]),
// resource-DLL lines (`Physical Disk <...>: ...`) and resources named by GUID (formats.md A.2-A.4).

import type { GenDialect, ResourceSpec, ScenarioEvent } from './model.ts';
import { Cursor, type StoryWriter } from './story.ts';

type Ev<K extends ScenarioEvent['kind']> = Extract<ScenarioEvent, { kind: K }>;

const VERSION: Record<GenDialect, string> = { nt4: '1.224', w2000: '3.2051', w2003: '4.3790', w2008: '', w2016: '' };
const CLUSDB: Record<GenDialect, string> = {
  nt4: 'C:\\WINNT\\cluster\\CLUSDB', w2000: 'C:\\WINNT\\cluster\\CLUSDB', w2003: 'C:\\WINDOWS\\cluster\\CLUSDB', w2008: '', w2016: '',
};

/** Disk name as the Physical Disk DLL prints it (`Disk D:`). */
export const LEGACY_DISK = 'Disk Q:';

export function narrateLegacy(w: StoryWriter): void {
  for (const e of w.scenario.events) {
    switch (e.kind) {
      case 'service-start': if (e.node === w.id) serviceStart(w, e); break;
      case 'form': if (e.node === w.id) form(w, e); break;
      case 'join': join(w, e); break;
      case 'join-attempt-failed': if (e.joiner === w.id) failedJoin(w, e); break;
      case 'route-down': if (e.observer === w.id) routeDown(w, e); break;
      case 'view-change': if (e.observers.includes(w.id) && e.downers.length > 0) nodesDown(w, e); break;
      case 'quorum-kept': if (e.arbiter === w.id) arbitrate(w, e.arbitratedAt); break;
      case 'quorum-lost': if (e.node === w.id) w.cs(e.at, 'quorum', 'w2k-check-quorum'); break;
      case 'group-online': if (e.node === w.id) groupOnline(w, e.at, e.group, false, 0); break;
      case 'group-failover': if (e.to === w.id) groupOnline(w, e.at, e.group, true, e.onlineAt - e.at); break;
      default: break; // heartbeats, routes up, stops: no verified legacy texts; the log just goes quiet
    }
  }
}

function quorumResource(w: StoryWriter): ResourceSpec {
  // Pre-2008 clusters used a disk (2000) or Majority Node Set (2003) as quorum resource.
  return w.dialect === 'w2003' ? w.scenario.witness : w.scenario.resources.find((r) => r.type === 'Physical Disk')!;
}

function serviceStart(w: StoryWriter, e: Ev<'service-start'>): void {
  const c = new Cursor(w.rng, e.at);
  if (w.dialect === 'nt4') {
    w.cs(c.t, 'main', 'nt4-service-started', { ver: VERSION.nt4 });
    w.cs(c.step(1, 20), 'main', 'w2k-cs-starting');
    w.cs(c.step(5, 60), 'main', 'nt4-nminit');
  } else {
    w.cs(c.t, 'main', 'w2k-service-started', { ver: VERSION[w.dialect] });
    w.cs(c.step(0, 5), 'main', 'w2k3-local-time', { local: w.localStamp(c.t) });
    w.cs(c.step(0, 3), 'main', 'w2k-cs-starting');
  }
  w.cs(c.step(100, 400), 'dm', 'w2k-dm-loading', { path: CLUSDB[w.dialect] });
  w.cs(c.step(50, 250), 'main', 'w2k-local-node', { name: w.node.name });
  w.cs(c.step(20, 200), 'rcm', 'w2k3-resmon', { ep: 'LRPC' });
  if (w.dialect === 'w2003' && w.scenario.nodes.length > 1) {
    w.cs(c.step(50, 200), 'rcm', 'w2k3-mns-share', { res: quorumResource(w).name, status: 0 });
  }
  if (w.id === 1 && e.reason === 'boot') {
    // The first node tries to find a sponsor before it forms the cluster.
    w.cs(c.step(100, 300), 'join', 'w2k-attempt-join', { cluster: w.scenario.clusterName });
    for (const other of w.scenario.nodes.slice(1)) w.cs(c.step(0, 5), 'join', 'w2k-join-spawn', { ip: other.ip });
    for (const other of w.scenario.nodes.slice(1)) w.cs(c.step(300, 900), 'join', 'w2k-sponsor-unavailable', { ip: other.ip, status: 1722 });
  }
}

function form(w: StoryWriter, e: Ev<'form'>): void {
  const c = new Cursor(w.rng, e.at);
  w.cs(c.t, 'main', 'w2k-forming');
  arbitrate(w, c.step(20, 80));
  c.step(250, 350);
  for (const r of w.scenario.resources) w.cs(c.step(0, 4), 'rcm', 'w2k-fm-name', { guid: r.guid, name: r.name });
}

function arbitrate(w: StoryWriter, at: number): void {
  const c = new Cursor(w.rng, at);
  w.cs(c.t, 'main', 'w2k-check-quorum');
  const q = quorumResource(w);
  if (q.type === 'Physical Disk') w.rhs(c.step(20, 100), 'w2k-diskarb', { disk: LEGACY_DISK, a: 1, b: 9999 });
  w.cs(c.step(50, 200), 'rcm', 'w2k-arbitrated', { guid: q.guid });
}

function join(w: StoryWriter, e: Ev<'join'>): void {
  const sponsor = w.nodeById(e.sponsor);
  if (w.id === e.joiner) {
    const c = new Cursor(w.rng, e.at);
    w.cs(c.t, 'join', 'w2k-attempt-join', { cluster: w.scenario.clusterName });
    w.cs(c.step(1, 10), 'join', 'w2k-join-spawn', { ip: sponsor.ip });
    w.cs(c.step(5, 60), 'join', 'w2k-join-ask', { name: sponsor.name });
    c.t = e.done;
    for (const r of w.scenario.resources) w.cs(c.step(0, 4), 'rcm', 'w2k-fm-name', { guid: r.guid, name: r.name });
  } else if (w.id === e.sponsor) {
    w.cs(e.at + w.rng.range(40, 120), 'join', 'w2k-nmjoin', { id: e.joiner });
  }
}

function failedJoin(w: StoryWriter, e: Ev<'join-attempt-failed'>): void {
  const sponsor = w.nodeById(e.sponsor);
  const c = new Cursor(w.rng, e.at);
  w.cs(c.t, 'join', 'w2k-attempt-join', { cluster: w.scenario.clusterName });
  w.cs(c.step(1, 10), 'join', 'w2k-join-spawn', { ip: sponsor.ip });
  w.cs(e.until, 'join', 'w2k-sponsor-unavailable', { ip: sponsor.ip, status: 1722 });
}

function routeDown(w: StoryWriter, e: Ev<'route-down'>): void {
  const peer = w.nodeById(e.peer);
  const c = new Cursor(w.rng, e.at);
  w.cs(c.t, 'net', 'w2k-clmsg-unreachable', { id: peer.id, net: 1 });
  w.cs(c.step(0, 3), 'net', 'w2k-comm-lost', { guid: w.rng.guid(), name: peer.name, net: `${w.scenario.networks[0].name}(1)` });
}

function nodesDown(w: StoryWriter, e: Ev<'view-change'>): void {
  const c = new Cursor(w.rng, e.at + w.rng.range(2, 20));
  w.cs(c.t, 'net', 'w2k-holding-io');
  for (const d of e.downers) {
    if (w.id !== e.newView.proposer) w.cs(c.step(1, 30), 'net', 'w2k-node-failed', { id: d, err: 5 });
  }
  w.cs(c.step(5, 80), 'main', 'w2k-ep-nodes-down');
  w.cs(c.step(2, 20), 'dm', 'w2k-dm-node-down');
  if (e.newView.members.length > 1) w.cs(c.step(20, 200), 'net', 'w2k-resuming-io');
}

function groupOnline(w: StoryWriter, at: number, groupName: string, failover: boolean, onlineAfterMs: number): void {
  const g = w.scenario.groups.find((x) => x.name === groupName)!;
  const c = new Cursor(w.rng, at);
  for (const name of g.resources) {
    const r = w.scenario.resources.find((x) => x.name === name)!;
    if (r.type === 'Physical Disk') w.rhs(c.step(5, 40), 'w2k-diskarb', { disk: LEGACY_DISK, a: 1, b: 9999 });
    if (failover && r.type === 'SQL Server Availability Group') {
      // The first online attempt after a node failure errors out; the retry succeeds (KB 883732).
      w.rhs(c.step(500, 1500), 'w2k3-sqsrvres-online-error', { res: r.name });
    }
    w.cs(c.step(1, 10), 'rcm', 'w2k-fm-online-returning', { guid: r.guid, state: 129, status: 997 });
  }
  c.step(Math.max(200, onlineAfterMs * 0.8), Math.max(400, onlineAfterMs));
  for (const name of g.resources) {
    const r = w.scenario.resources.find((x) => x.name === name)!;
    w.cs(c.step(1, 30), 'rcm', 'w2k-fm-online-returning', { guid: r.guid, state: 2, status: 0 });
  }
}
