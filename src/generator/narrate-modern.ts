// What a WS2008+ node (ETW era: w2008 and w2016 dialects) writes for each scenario event.
// Texts come from templates.ts; latencies between lines are a few ms, between causes and
// effects as described in formats.md (heartbeats, regroup, quorum, RCM).

import type { GroupSpec, NodeSpec, ResourceSpec, ScenarioEvent, View } from './model.ts';
import { Cursor, type StoryWriter } from './story.ts';
import { viewId } from './timeline.ts';

type Ev<K extends ScenarioEvent['kind']> = Extract<ScenarioEvent, { kind: K }>;

const members = (ids: readonly number[]): string => ids.join(' ');
const realEp = (n: NodeSpec): string => `${n.ip}:~3343~`;
const apiEp = (n: NodeSpec): string => `${n.ip}:3343`;
const virtEp = (n: NodeSpec, port = 3343): string => `${n.virtualIpv6}:~${port}~`;
const scopedEp = (n: NodeSpec): string => `${n.virtualIpv6}%${n.scopeId}:~3343~`;

/** RGP connectivity mask: 65 bits, bit `id` (from the right) set for each connected node. */
function rgpMask(connected: readonly number[]): string {
  const bits = Array.from({ length: 65 }, () => '0');
  for (const id of connected) bits[64 - id] = '1';
  return bits.join('');
}

export function narrateModern(w: StoryWriter): void {
  for (const e of w.scenario.events) {
    switch (e.kind) {
      case 'service-start': if (e.node === w.id) serviceStart(w, e); break;
      case 'form': if (e.node === w.id) form(w, e); break;
      case 'join': join(w, e); break;
      case 'join-attempt-failed': if (e.joiner === w.id) failedJoin(w, e); break;
      case 'route-up': if (e.a === w.id || e.b === w.id) routeUp(w, e); break;
      case 'view-change': if (e.observers.includes(w.id)) viewChange(w, e); break;
      case 'group-online': if (e.node === w.id) groupOnline(w, e.at, group(w, e.group)); break;
      case 'heartbeats-missed': if (e.observer === w.id) heartbeatsMissed(w, e); break;
      case 'route-down': if (e.observer === w.id) routeDown(w, e); break;
      case 'node-removed': if (e.observer === w.id) nodeRemoved(w, e); break;
      case 'quorum-kept': if (e.observers.includes(w.id)) quorumKept(w, e); break;
      case 'quorum-lost': if (e.node === w.id) quorumLost(w, e); break;
      case 'service-stop': if (e.node === w.id) serviceStop(w, e); break;
      case 'group-failover': if (e.to === w.id) groupFailover(w, e); break;
      case 'resource-failure': if (e.node === w.id) resourceFailure(w, e); break;
      case 'resource-restart': if (e.node === w.id) resourceOnline(w, e.at, group(w, e.group), resource(w, e.resource), Math.max(200, e.onlineAt - e.at), 2); break;
      case 'group-offline': if (e.node === w.id) groupOffline(w, e); break;
      case 'rhs-deadlock': if (e.node === w.id) rhsDeadlock(w, e); break;
      case 'connection-closed': if (e.observer === w.id) connectionClosed(w, e); break;
      // Physical events, and a hung service: no line of their own.
      case 'network-loss': case 'network-restored': case 'clussvc-hang': break;
    }
  }
}

function group(w: StoryWriter, name: string): GroupSpec {
  return w.scenario.groups.find((g) => g.name === name)!;
}

function resource(w: StoryWriter, name: string): ResourceSpec {
  return w.scenario.resources.find((r) => r.name === name)!;
}

function serviceStart(w: StoryWriter, e: Ev<'service-start'>): void {
  const c = new Cursor(w.rng, e.at);
  const n = { n: w.id };
  w.cs(c.t, 'main', 'log-begin');
  w.cs(c.step(0, 2), 'main', 'cs-starting-service');
  w.cs(c.step(0, 3), 'main', 'cs-logging-level', { level: 5 });
  w.cs(c.step(5, 40), 'main', 'cs-route-history', { n: 10 });
  w.cs(c.step(0, 3), 'net', 'netft-route-history', { n: 10 });
  w.cs(c.step(10, 60), 'hm', 'hm-init');
  w.cs(c.step(20, 120), 'dm', 'dm-loading-hive', n);
  w.cs(c.step(5, 40), 'dm', 'dm-reading-qconfig', n);
  w.cs(c.step(5, 60), 'dm', 'dm-paxos-read', { tag: paxosTag(w, 0) });
  w.cs(c.step(20, 90), 'main', 'cs-started');
  w.cs(c.step(1, 10), 'main', 'cs-watchdog');
  w.cs(c.step(0, 5), 'main', 'wm-monitoring');
  w.cs(c.step(1, 8), 'rcm', 'rcm-heartbeat-timeout', { secs: 60, action: 'BugCheck Node' });
  w.cs(c.step(0, 4), 'core', 'core-deadlock-values', { action: 'TerminateProcess', secs: 60 });
  w.rhs(c.step(200, 600), 'rhs-init');
  w.cs(c.step(20, 80), 'main', 'cs-reporting-scm');
  w.cs(c.step(5, 40), 'main', 'cs-starting-jpm');
  for (const other of w.scenario.nodes) {
    if (other.id !== w.id) w.cs(c.step(0, 3), 'join', 'jpm-dead-node', { n: w.id, peerName: other.name });
  }
  if (w.id !== 1 || e.reason === 'restart') w.cs(c.step(2, 20), 'quorum', 'quorum-not-lowest', n);
}

/** Paxos tag `a:b:seq`, advancing with each epoch change of the scenario. */
function paxosTag(w: StoryWriter, epochs: number): string {
  const base = 40 + (w.scenario.seed % 50);
  const seq = 31000 + (w.scenario.seed % 900) + epochs * 9;
  return `${base + epochs}:${base + epochs}:${seq}`;
}

function form(w: StoryWriter, e: Ev<'form'>): void {
  const c = new Cursor(w.rng, e.at);
  const n = w.id;
  w.cs(c.t, 'quorum', 'quorum-coordinator', { n });
  for (const manager of ['Global Update Manager', 'Database Manager', 'Resource Control Manager']) {
    w.cs(c.step(3, 30), 'core', 'core-form-phase', { n, phase: 'Calling form for', manager });
  }
  w.cs(c.step(5, 20), 'gem', 'rgp-emit', { n, view: viewId(e.view), members: members(e.view.members) });
  w.cs(c.step(1, 5), 'gem', 'gem-pause', { n, pView: viewId(e.view), pMembers: '1', cView: viewId(e.view), cMembers: '1', joiners: '', steady: 'true' });
  w.cs(c.step(0, 3), 'gem', 'gem-repair', { n });
  w.cs(c.step(0, 3), 'gem', 'gem-green', { n });
  w.cs(c.step(0, 3), 'gem', 'gem-emit', { n, view: viewId(e.view), members: members(e.view.members) });
  w.cs(c.step(0, 4), 'core', 'view-new', {
    n, joiners: String(n), downers: '', newView: viewId(e.view), newMembers: members(e.view.members),
    oldView: '000', oldMembers: '', joiner: 'true', form: 'true',
  });
  w.cs(c.step(5, 30), 'quorum', 'quorum-target-weights', { n, from: '', to: members(w.scenario.nodes.map((x) => x.id)) });
  w.cs(c.step(0, 3), 'quorum', 'quorum-dynamic', { n, on: 'true' });
  w.channel(c.step(10, 60), 'Operational', 'op-formed', { cluster: w.scenario.clusterName });
}

function join(w: StoryWriter, e: Ev<'join'>): void {
  const me = w.id;
  const joiner = w.nodeById(e.joiner);
  const isJoiner = me === e.joiner;
  if (!isJoiner && !e.peers.includes(me)) return;
  for (const s of e.stages.filter((x) => x.node === me)) {
    const peer = w.nodeById(s.peer);
    if (isJoiner && s.stage === 'Attempt Initial Connection') {
      w.cs(s.at - w.rng.int(1, 3), 'hm', 'hm-trying', { peerName: peer.name, ep: realEp(peer) });
      w.cs(s.at, 'join', 'join-stage', { n: me, peer: s.peer, stage: s.stage });
      const c = new Cursor(w.rng, s.at);
      w.cs(c.step(1, 8), 'net', 'connect-established', { ep: realEp(peer) });
      w.cs(c.step(1, 6), 'net', 'sv-outgoing', { peerName: peer.name, ep: realEp(peer) });
      w.cs(c.step(3, 15), 'net', 'sv-auth-ok');
      w.cs(c.step(0, 3), 'net', 'sv-new-route', { local: `${joiner.ip}:~${e.ports[s.peer]}~`, peerName: peer.name, remote: realEp(peer) });
      continue;
    }
    w.cs(s.at, 'join', 'join-stage', { n: me, peer: s.peer, stage: s.stage });
    if (!isJoiner && s.stage === 'Listen for Connection') {
      // The inbound TCP connection arrives a few ms after the joiner's attempt (its own clock).
      const attempt = e.stages.find((x) => x.node === e.joiner && x.peer === me && x.stage === 'Attempt Initial Connection')!;
      const c = new Cursor(w.rng, attempt.at + w.rng.range(1, 4));
      w.cs(c.t, 'net', 'accept-inbound', { ep: `${joiner.ip}:~${e.ports[me]}~` });
      w.cs(c.step(3, 15), 'net', 'sv-auth-ok');
      w.cs(c.step(0, 4), 'net', 'sv-incoming-secure', { peerName: joiner.name });
      w.cs(c.step(1, 6), 'join', 'jpm-new-stream', { peerName: joiner.name });
      w.cs(c.step(1, 6), 'core', 'mm-add-stream', { n: me, peer: e.joiner });
      if (me === e.sponsor) {
        w.cs(c.step(5, 30), 'quorum', 'quorum-info-reply', {
          n: me, tag: paxosTag(w, 0), set: `0 ${members(e.peers)}`, weights: `0 ${members(e.peers)}`,
        });
      }
    }
    if (isJoiner && s.stage === 'Reporting Ready for Form/Join State Transfer') {
      const c = new Cursor(w.rng, s.at);
      for (const manager of ['Global Update Manager', 'Database Manager', 'Resource Control Manager']) {
        w.cs(c.step(5, 40), 'core', 'core-form-phase', { n: me, phase: 'Installing state for', manager });
      }
    }
  }
  if (isJoiner) {
    w.cs(e.done + w.rng.range(2, 10), 'join', 'jpm-all-known');
    w.channel(e.done + w.rng.range(150, 400), 'Operational', 'op-joined', { cluster: w.scenario.clusterName });
  }
}

function failedJoin(w: StoryWriter, e: Ev<'join-attempt-failed'>): void {
  for (const s of e.stages) {
    const peer = w.nodeById(s.peer);
    w.cs(e.at + w.rng.range(1, 20), 'hm', 'hm-trying', { peerName: peer.name, ep: realEp(peer) });
  }
  for (const s of e.stages) {
    w.cs(s.at, 'join', 'join-stage-failed', { n: w.id, peer: s.peer, stage: s.stage, status: s.status ?? 10060, reason: s.reason ?? '' });
  }
  const first = e.stages[0];
  const sponsor = w.nodeById(e.sponsor);
  w.cs(first.at + w.rng.range(1, 6), 'join', 'join-farthest', {
    n: w.id, peerName: sponsor.name.toLowerCase(), peer: sponsor.id, stage: first.stage,
    time: w.utcStamp(first.at), status: first.status ?? 10060, reason: first.reason ?? '',
  });
}

function routeUp(w: StoryWriter, e: Ev<'route-up'>): void {
  const local = w.nodeById(w.id);
  const remote = w.nodeById(e.a === w.id ? e.b : e.a);
  const c = new Cursor(w.rng, e.at + (w.id === e.b ? w.rng.range(5, 60) : 0));
  w.cs(c.t, 'net', 'netft-added-route', {}, {
    block: [
      ['route-real-local', { ep: realEp(local) }], ['route-real-remote', { ep: realEp(remote) }],
      ['route-virtual-local', { ep: virtEp(local) }], ['route-virtual-remote', { ep: virtEp(remote) }],
      ['route-delay', { ms: 1000 }], ['route-threshold', { n: 5 }], ['route-priority', { n: 99 }],
      ['route-attributes', { n: 1 }], ['route-end'],
    ],
  });
  const reach = { remote: realEp(remote), local: realEp(local), state: 'reachable' };
  w.cs(c.step(100, 900), 'net', 'netftapi-signaled', { ev: 'NetftRemoteReachable', local: apiEp(local), remote: apiEp(remote) });
  w.cs(c.step(0, 2), 'net', 'netftevm-handler', { consumer: 'FTI', ...reach });
  w.cs(c.step(0, 2), 'net', 'netftevm-dispatch', { consumer: 'TM', ...reach });
  w.cs(c.step(0, 3), 'net', 'im-remote-event', reach);
}

function viewChange(w: StoryWriter, e: Ev<'view-change'>): void {
  const me = w.id;
  const order = e.observers.indexOf(me);
  const c = new Cursor(w.rng, e.at + (me === e.newView.proposer ? 0 : w.rng.range(2, 12) + order * w.rng.range(1, 6)));
  const view = (v: View) => ({ view: viewId(v), members: members(v.members) });
  const change = {
    n: me, joiners: members(e.joiners), downers: members(e.downers),
    newView: viewId(e.newView), newMembers: members(e.newView.members),
    oldView: viewId(e.oldView), oldMembers: members(e.oldView.members),
    joiner: String(e.joiners.includes(me)), form: String(e.form),
  };
  if (me === e.newView.proposer && e.observers.length > 1) {
    w.cs(c.t, 'gem', 'gem-pause', {
      n: me, pView: viewId(e.newView), pMembers: members(e.newView.members), cView: viewId(e.oldView),
      cMembers: members(e.oldView.members), joiners: members(e.joiners), steady: 'true',
    });
    w.cs(c.step(0, 3), 'core', 'view-proposed', change);
  }
  for (const j of e.joiners) if (j !== me) w.cs(c.step(0, 4), 'gem', 'rgp-node-conn', { n: me, ev: 'Connected', peer: j, mask: rgpMask(e.newView.members) });
  for (const d of e.downers) w.cs(c.step(0, 4), 'gem', 'rgp-node-conn', { n: me, ev: 'Disconnected', peer: d, mask: rgpMask(e.newView.members) });
  w.cs(c.step(1, 6), 'core', 'view-new', change);
  w.cs(c.step(0, 3), 'gem', 'mrr-process-view', { n: me, ...view(e.newView) });
  w.cs(c.step(0, 3), 'gem', 'gem-emit', { n: me, ...view(e.newView) });
  if (e.downers.length === 0) return;
  for (const d of e.downers) {
    w.cs(c.step(1, 5), 'core', 'core-failed-handlers', { n: me, peer: d });
    w.cs(c.step(0, 3), 'core', 'node-cleanup', { n: me, peer: d });
    w.cs(c.step(0, 2), 'core', 'node-closing-conns', { n: me, peer: d });
    w.cs(c.step(0, 2), 'core', 'node-closing-channels', { n: me, peer: d });
    w.cs(c.step(0, 4), 'core', 'node-eating', { n: me, peer: d });
  }
  w.cs(c.step(1, 8), 'gum', 'gum-went-down', { n: me });
  w.cs(c.step(0, 5), 'core', 'core-clear-cookie', { n: me, cookie: w.rng.guid() });
  w.cs(c.step(1, 10), 'rcm', 'rcm-downed', { down: members(e.downers), isolated: '' });
}

function heartbeatsMissed(w: StoryWriter, e: Ev<'heartbeats-missed'>): void {
  const local = w.nodeById(w.id);
  const peer = w.nodeById(e.peer);
  const c = new Cursor(w.rng, e.at);
  // WS2016 prints "two-fifth" (R5); 2012 R2-era builds "two" (R1).
  const amount = w.dialect === 'w2016' ? 'two-fifth' : 'two';
  w.cs(c.t, 'net', 'im-missed-hb', { local: realEp(local), amount, remote: realEp(peer) });
  w.cs(c.step(0, 2), 'net', 'chm-missed-hb', { amount: 'two', remote: realEp(peer), local: realEp(local) });
  w.cs(c.step(0, 3), 'net', 'net-missed-hb', { pct: e.percent, peerName: peer.name, peer: peer.id, local: realEp(local), remote: realEp(peer) });
  w.channel(c.step(0, 5), 'Operational', 'op-hb-missed', { pct: e.percent }, {
    more: [['op-hb-local-endpoint', { ep: realEp(local) }], ['op-hb-remote-endpoint', { ep: realEp(peer) }]],
  });
}

function routeDown(w: StoryWriter, e: Ev<'route-down'>): void {
  const local = w.nodeById(w.id);
  const peer = w.nodeById(e.peer);
  const c = new Cursor(w.rng, e.at);
  const unreach = { remote: realEp(peer), local: realEp(local), state: 'unreachable' };
  w.cs(c.t, 'net', 'netftapi-signaled', { ev: 'NetftRemoteUnreachable', local: apiEp(local), remote: apiEp(peer) });
  w.cs(c.step(0, 2), 'net', 'netftevm-handler', { consumer: 'FTI', ...unreach });
  w.cs(c.step(0, 2), 'net', 'netftevm-dispatch', { consumer: 'TM', ...unreach });
  w.cs(c.step(0, 2), 'net', 'im-remote-event', unreach);
  w.cs(c.step(0, 3), 'net', 'im-mark-route', { local: realEp(local), remote: realEp(peer), state: 'down' });
  const rseq = w.rng.int(100_000, 900_000);
  for (let i = 1; i <= 3; i++) {
    w.cs(c.step(0, 1), 'net', 'im-route-history', {
      n: i, age: (i * 1.0 + w.rng.range(0, 0.05) + 3).toFixed(3).padStart(6, '0'), msg: 'Request', rseq: rseq - i, recv: rseq - 6,
      cnt: 5, thr: 5, err: 'Success', nt: 0, ts: w.utcStamp(e.at - (i + 3) * 1000), ticks: 4,
    });
  }
  w.cs(c.step(1, 8), 'net', 'ndp-all-down', { local: virtEp(local, 0), remote: virtEp(peer, 0) });
  w.cs(c.step(1, 10), 'net', 'node-conn-broken', {
    n: w.id, peer: peer.id, reason: 'GracefulClose', code: 1226, why: `channel to remote endpoint ${scopedEp(peer)} is closed`,
  });
  w.cs(c.step(0, 4), 'net', 'channel-close', { ep: `${peer.ip}:~${w.rng.int(49152, 65000)}~`, status: 0 });
  w.cs(c.step(0, 4), 'net', 'net-lost-connection', { peerName: peer.name });
  w.channel(c.step(0, 6), 'Operational', 'op-udp-lost', { local: realEp(local), remote: realEp(peer) });
}

function nodeRemoved(w: StoryWriter, e: Ev<'node-removed'>): void {
  let t = e.at;
  for (const id of e.removed) {
    w.channel(t, 'System', 'sys-1135', { node: w.nodeById(id).name });
    t += w.rng.range(1, 4);
  }
}

function quorumKept(w: StoryWriter, e: Ev<'quorum-kept'>): void {
  const me = w.id;
  const c = new Cursor(w.rng, e.at);
  w.cs(c.t, 'quorum', 'quorum-one-off', { n: me, members: members(e.members) });
  w.channel(c.t, 'Verbose', 'quorum-one-off', { n: me, members: members(e.members) });
  // The witness lives in the core cluster group; its owner dying delays arbitration.
  const witnessOwner = w.scenario.groups[0].initialOwner;
  if (!e.members.includes(witnessOwner)) w.cs(c.step(0, 2), 'quorum', 'quorum-owner-died', { n: me, owner: witnessOwner });
  const started = c.step(0, 2);
  // The death timer writes its start in UTC, whatever the log's time base (formats.md A.6.3, R1).
  w.cs(started, 'quorum', 'death-timer-start', { n: me, utc: w.utcStamp(started), secs: 90 });
  for (let left = 88; started + (90 - left) * 1000 < e.arbitratedAt; left -= 2) {
    w.cs(started + (90 - left) * 1000 + w.rng.range(-80, 80), 'quorum', 'death-timer-running', { n: me, left });
  }
  const ca = new Cursor(w.rng, e.arbitratedAt + (me === e.arbiter ? 0 : w.rng.range(3, 25)));
  if (me === e.arbiter) {
    const witness = w.scenario.witness.name;
    w.cs(e.arbitratedAt - w.rng.range(150, 280), 'rcm', 'rcm-issuing', { call: 'Arbitrate', res: witness });
    w.rhs(e.arbitratedAt - w.rng.range(140, 270), 'rhs-enqueue', { call: 'Arbitrate' });
    w.rhs(e.arbitratedAt - w.rng.range(120, 260), 'rhs-wait-dequeue', { call: 'Arbitrate' });
  }
  w.cs(ca.t, 'quorum', 'quorum-arbitrated', { n: me, by: e.arbiter });
  w.channel(ca.t, 'Verbose', 'quorum-arbitrated', { n: me, by: e.arbiter });
  w.cs(ca.step(0, 2), 'quorum', 'death-timer-stop', { n: me });
  w.cs(ca.step(1, 6), 'dm', 'dm-paxos-updated', { tag: paxosTag(w, 1) });
  w.cs(ca.step(1, 6), 'gum', 'gum-epoch-needed', { n: me });
  if (me === e.arbiter) {
    w.cs(ca.step(1, 8), 'rcm', 'rcm-regained-quorum');
    w.cs(ca.step(1, 8), 'rcm', 'rcm-arbitrated-rest');
  }
}

function quorumLost(w: StoryWriter, e: Ev<'quorum-lost'>): void {
  const c = new Cursor(w.rng, e.at);
  w.cs(c.t, 'quorum', 'quorum-lost', { n: w.id, members: members(e.members) });
  w.channel(c.t, 'Verbose', 'quorum-lost', { n: w.id, members: members(e.members) });
  w.cs(c.step(0, 2), 'quorum', 'quorum-going-away', { n: w.id, going: 0, shutdown: 0 });
  w.cs(c.step(1, 10), 'quorum', 'quorum-lost-witness', { status: 5925 });
  w.cs(c.step(1, 10), 'main', 'lost-quorum-onstop', { status: 5925 });
  w.channel(c.step(1, 8), 'System', 'sys-1177', {}, { more: [['sys-1177-cont']] });
  w.channel(c.step(150, 250), 'System', 'sys-5050', { code: 5050 });
}

function serviceStop(w: StoryWriter, e: Ev<'service-stop'>): void {
  const c = new Cursor(w.rng, e.at);
  w.cs(c.t, 'main', 'cs-stopping');
  w.cs(c.step(1, 10), 'net', 'net-shutting-down');
  w.cs(c.step(2, 20), 'rcm', 'rcm-shutdown-all', { reason: 'Other' });
  const owned = w.scenario.groups.filter((g) => g.initialOwner === w.id);
  // Quorum lost: the AG's lease expires as the service goes (an administrator's stop takes it offline first).
  const ag = e.reason === 'quorum-lost' ? w.scenario.resources.find((r) => r.type === 'SQL Server Availability Group' && owned.some((g) => g.name === r.group)) : undefined;
  const r = new Cursor(w.rng, c.t + w.rng.range(40, 200));
  if (ag) {
    w.rhs(r.t, 'hadrag-lease-timeout');
    w.rhs(r.step(0, 3), 'hadrag-alive-result', { resType: 'SQL Server Availability Group', resName: `<${ag.name}>`, result: 0 });
    w.rhs(r.step(1, 5), 'rhs-isalive-failed', { res: ag.name });
  }
  w.rhs(r.step(20, 120), 'rhs-cs-terminated');
  w.rhs(r.step(0, 4), 'rhs-closing-all');
  for (const g of owned) for (const res of g.resources) w.rhs(r.step(0, 3), 'rhs-terminating', { res, state: 'Online' });
  w.channel(r.step(20, 90), 'System', 'sys-1146');
  w.cs(c.step(300, 700), 'dm', 'dm-shutting-down');
  w.cs(c.step(50, 200), 'net', 'netft-preterminate');
  w.cs(c.step(100, 300), 'main', 'cs-stopped');
  w.cs(c.step(1, 20), 'main', 'cs-exit');
}

/** RCM + RHS + Operational lines of bringing one resource online on this node. */
function resourceOnline(w: StoryWriter, at: number, g: GroupSpec, res: ResourceSpec, onlineAfterMs: number, gen: number): number {
  const c = new Cursor(w.rng, at);
  const st = (from: string, to: string): void => {
    w.cs(c.step(0, 2), 'rcm', 'rcm-res-state', { res: res.name, from, to, why: 'StateUnknown' });
    w.cs(c.step(0, 1), 'rcm', 'rcm-transition', { res: res.name, from, to });
    w.channel(c.step(0, 2), 'Operational', 'op-res-transition', { res: res.name, group: g.name, from, to });
  };
  st('Offline', 'OnlineCallIssued');
  w.cs(c.step(0, 2), 'rcm', 'rcm-issuing', { call: 'Online', res: res.name });
  w.rhs(c.step(1, 4), 'rhs-enqueue', { call: 'Online' });
  st('OnlineCallIssued', 'OnlinePending');
  c.step(onlineAfterMs * 0.8, onlineAfterMs * 1.2);
  w.rhs(c.t, 'rhs-came', { res: res.name, state: 'online' });
  w.cs(c.step(1, 4), 'rcm', 'rcm-monitor-reply', { kind: 'ONLINERESOURCE', res: res.name, gen, r1: 0, r2: 0 });
  st('OnlinePending', 'Online');
  return c.t;
}

function groupOnline(w: StoryWriter, at: number, g: GroupSpec): number {
  const c = new Cursor(w.rng, at);
  w.channel(c.t, 'Operational', 'op-group-transition', { group: g.name, from: 'Offline', to: 'BringingToPersistentState' });
  w.channel(c.step(0, 3), 'Operational', 'op-group-transition', { group: g.name, from: 'BringingToPersistentState', to: 'Pending' });
  const list = g.resources.map((name) => resource(w, name));
  const ip = list.find((r) => r.type === 'IP Address');
  const netName = list.find((r) => r.type === 'Network Name');
  for (const res of list) {
    if (res === netName && ip) {
      // The name waits for its IP address (dependency), then comes online after it.
      w.channel(c.step(0, 3), 'Operational', 'op-res-waiting', { res: res.name, group: g.name, from: 'Offline', to: 'WaitingToComeOnline', deps: ip.name });
      continue;
    }
    const online = res.type === 'SQL Server Availability Group' ? 2500 : res.type === 'Physical Disk' ? 900 : 250;
    c.t = Math.max(c.t, resourceOnline(w, c.step(1, 8), g, res, online, 1));
  }
  if (netName && ip) c.t = resourceOnline(w, c.step(1, 8), g, netName, 1200, 1);
  w.channel(c.step(1, 5), 'Operational', 'op-group-transition', { group: g.name, from: 'Pending', to: 'Online' });
  return c.t;
}

function groupFailover(w: StoryWriter, e: Ev<'group-failover'>): void {
  const g = group(w, e.group);
  const from = w.nodeById(e.from);
  const c = new Cursor(w.rng, e.at);
  w.channel(c.t, 'Operational', 'op-failover-attempt', { group: g.name, from: from.name, to: w.node.name });
  w.channel(c.step(0, 3), 'Operational', 'op-role-moving', { group: g.name, from: from.name, to: w.node.name });
  const last = g.lastFailoverAt === null ? '1601/01/01-00:00:00.000' : w.localStamp(g.lastFailoverAt);
  // Only a node-down move has its verified MoveType line; a failure's move is told by the Operational lines.
  if (e.cause !== 'failure') {
    w.cs(c.step(0, 3), 'rcm', 'rcm-move-succeed', {
      group: g.name, fromName: from.name, fromId: from.id, toName: w.node.name, toId: w.id, type: 'NodeDown',
      count: g.priorFailovers, last, targeted: 'false',
    });
  }
  w.channel(c.step(0, 3), 'Operational', 'op-group-transition', { group: g.name, from: 'Offline', to: 'Pending' });
  const gen = 2;
  let end = c.t;
  for (const name of g.resources) {
    const res = resource(w, name);
    end = Math.max(end, resourceOnline(w, c.step(1, 6), g, res, Math.max(200, e.onlineAt - c.t), gen));
  }
  w.channel(end + w.rng.range(1, 5), 'Operational', 'op-group-transition', { group: g.name, from: 'Pending', to: 'Online' });
  w.channel(end + w.rng.range(5, 12), 'Operational', 'op-role-online', { group: g.name });
}

/** A resource failing its health check: the resource DLL's own result, RHS's IsAlive failure, RCM's failure notification, event 1069. */
function resourceFailure(w: StoryWriter, e: Ev<'resource-failure'>): void {
  const res = resource(w, e.resource);
  const c = new Cursor(w.rng, e.at);
  if (res.type === 'SQL Server Availability Group') w.rhs(c.t, 'hadrag-alive-result', { resType: res.type, resName: `<${res.name}>`, result: 0 });
  w.rhs(c.step(0, 3), 'rhs-isalive-failed', { res: res.name });
  w.cs(c.step(1, 5), 'rcm', 'rcm-monitor-reply', { kind: 'FAILURENOTIFICATION', res: res.name, gen: 1, r1: 1, r2: 0 });
  w.channel(c.step(2, 20), 'System', 'sys-1069', { res: res.name, type: res.type, group: e.group });
}

/** RCM + RHS lines of a resource state change (and its Operational twin). */
function resState(w: StoryWriter, c: Cursor, g: GroupSpec, res: ResourceSpec, from: string, to: string): void {
  w.cs(c.step(0, 2), 'rcm', 'rcm-res-state', { res: res.name, from, to, why: 'StateUnknown' });
  w.cs(c.step(0, 1), 'rcm', 'rcm-transition', { res: res.name, from, to });
  w.channel(c.step(0, 2), 'Operational', 'op-res-transition', { res: res.name, group: g.name, from, to });
}

/** The old owner takes a failed group offline before it moves. */
function groupOffline(w: StoryWriter, e: Ev<'group-offline'>): void {
  const g = group(w, e.group);
  const c = new Cursor(w.rng, e.at);
  w.channel(c.t, 'Operational', 'op-group-transition', { group: g.name, from: 'Online', to: 'Pending' });
  for (const name of g.resources) {
    const res = resource(w, name);
    resState(w, c, g, res, 'Online', 'WaitingToGoOffline');
    resState(w, c, g, res, 'WaitingToGoOffline', 'OfflineCallIssued');
    w.cs(c.step(0, 2), 'rcm', 'rcm-issuing', { call: 'Offline', res: res.name });
    w.rhs(c.step(1, 4), 'rhs-enqueue', { call: 'Offline' });
    w.rhs(c.step(200, 900), 'rhs-came', { res: res.name, state: 'offline' });
    resState(w, c, g, res, 'OfflineCallIssued', 'Offline');
  }
  w.channel(c.step(1, 5), 'Operational', 'op-group-transition', { group: g.name, from: 'Pending', to: 'Offline' });
}

/** An Online call that hangs: the deadlock monitor, RHS terminated (1146), a new RHS, the resource online in it. */
function rhsDeadlock(w: StoryWriter, e: Ev<'rhs-deadlock'>): void {
  const g = group(w, e.group);
  const res = resource(w, e.resource);
  const c = new Cursor(w.rng, e.at);
  resState(w, c, g, res, 'Offline', 'OnlineCallIssued');
  w.cs(c.step(0, 2), 'rcm', 'rcm-issuing', { call: 'Online', res: res.name });
  w.rhs(c.step(1, 4), 'rhs-enqueue', { call: 'Online' });
  resState(w, c, g, res, 'OnlineCallIssued', 'OnlinePending');
  const d = new Cursor(w.rng, e.firedAt);
  w.rhs(d.t, 'rhs-deadlock-monitor', { call: 'ONLINERESOURCE', res: res.name });
  w.rhs(d.step(0, 1), 'rhs-handling-deadlock', { res: res.name });
  for (const other of w.scenario.groups.filter((x) => x.initialOwner === w.id).flatMap((x) => x.resources)) {
    w.rhs(d.step(1, 20), 'rhs-terminating', { res: other, state: other === res.name ? 'OnlinePending' : 'Online' });
  }
  w.channel(d.step(20, 90), 'System', 'sys-1146');
  w.rhs(e.newRhsAt, 'rhs-init');
  resourceOnline(w, e.newRhsAt + w.rng.range(50, 200), g, res, Math.max(200, e.onlineAt - e.newRhsAt), 3);
}

/** The peer's service went away: its TCP connections close (the process ended), so the channel breaks. */
function connectionClosed(w: StoryWriter, e: Ev<'connection-closed'>): void {
  const peer = w.nodeById(e.peer);
  const c = new Cursor(w.rng, e.at);
  w.cs(c.t, 'net', 'node-conn-broken', {
    n: w.id, peer: peer.id, reason: 'GracefulClose', code: 1226, why: `channel to remote endpoint ${scopedEp(peer)} is closed`,
  });
  w.cs(c.step(0, 4), 'net', 'channel-close', { ep: `${peer.ip}:~${w.rng.int(49152, 65000)}~`, status: 0 });
  w.cs(c.step(0, 4), 'net', 'net-lost-connection', { peerName: peer.name });
}
