// Synthetic timeline marks for the benchmark: millions of marks shaped like a real incident
// (every track, sub-rows, arrows between lanes, coverage gaps), but dense. Deterministic for a
// seed. The columns are written directly (MarksBuilder.add per mark is too slow at 5 M), then
// ordered by orderMarks as MarksBuilder.build does: the result is a TimelineMarks exactly as
// marks.ts defines it. Never used by the app itself.

import { CAPTURE_FAMILY, MARK_FAMILIES, orderMarks, Style, type TimelineLane, type TimelineMarks, type TimelineRow, type TrackKind } from '../../src/timeline/marks.ts';
import type { EventFamily } from '../../src/events/types.ts';
import { seededRandom } from './random.ts';

export interface SyntheticOptions {
  /** Exact number of marks. */
  marks: number;
  /** Nodes (one lane each). */
  lanes: number;
  seed: number;
  /** Time covered (default 2 h). */
  spanMs?: number;
  /** UTC ms of the first instant (default 2024-08-08 06:00:00 UTC). */
  start?: number;
  /** Share of the dense bulk that is capture rows (points on each lane's capture track), 0 by default. */
  captureShare?: number;
}

/** A lane's capture rows: a Procmon capture's processes and a packet capture's conversations. */
const CAPTURE_ROW_NAMES = ['procmon: clussvc.exe (3352)', 'procmon: rhs.exe (2900)', 'procmon: rhs.exe (4100)', 'procmon: svchost.exe', 'procmon: MsMpEng.exe', 'procmon: other (14 more)', 'packets: 10.0.0.1 ↔ 10.0.0.2', 'packets: 10.0.0.1 ↔ 10.0.0.9'];
const CAPTURE_STYLES = [Style.CapFile, Style.CapRegistry, Style.CapRegistry, Style.CapProcess, Style.CapNetwork, Style.CapCluster, Style.CapSmbRpc, Style.CapOther];

/** Share of the marks that form the incident's skeleton (views, joins, route states, owners, sessions). */
const SKELETON = 0.08;
/** Of the dense rest: missed-heartbeat points, route flaps (short spans), resource flaps (short spans). */
const DENSE_HEARTBEATS = 0.6;
const DENSE_ROUTE_FLAPS = 0.25;
/** Fake line numbers per node file (click-through targets). */
const LINES_PER_FILE = 2_000_000;
const ROUTES = 6;
const DENSE_ROUTES = 2;
const RESOURCES = 2;

const FAMILY = Object.fromEntries(MARK_FAMILIES.map((f, i) => [f, i])) as Record<EventFamily, number>;

const rng = (seed: number) => seededRandom(seed || 0x9e3779b9);

export function syntheticMarks(opts: SyntheticOptions): TimelineMarks {
  const N = Math.max(0, Math.floor(opts.marks));
  const nLanes = Math.max(1, Math.floor(opts.lanes));
  const span = opts.spanMs ?? 2 * 3_600_000;
  const start = opts.start ?? Date.UTC(2024, 7, 8, 6, 0, 0);
  const end = start + span;
  const rand = rng(opts.seed);
  const int = (n: number): number => Math.floor(rand() * n);

  // ---- Columns, written in place ----
  const t0 = new Float64Array(N);
  const t1 = new Float64Array(N);
  const row = new Uint32Array(N);
  const row2 = new Int32Array(N);
  const style = new Uint8Array(N);
  const label = new Uint32Array(N);
  const fileId = new Int32Array(N);
  const line = new Int32Array(N);
  const family = new Uint8Array(N);
  const names = new Uint32Array(N);
  let w = 0;
  let tMin = Infinity;
  let tMax = -Infinity;

  const labels: string[] = [''];
  const labelIds = new Map<string, number>();
  const str = (s: string): number => {
    let l = labelIds.get(s);
    if (l === undefined) {
      l = labels.length;
      labels.push(s);
      labelIds.set(s, l);
    }
    return l;
  };
  const rows: TimelineRow[] = [];
  const rowLane: number[] = [];
  // Every fifth node has a hole in its files (a log that rolled over): shaded, no marks start there.
  const gapA = Array.from({ length: nLanes }, (_, L) => (L % 5 === 3 ? start + span * 0.4 : Infinity));
  const gapB = Array.from({ length: nLanes }, (_, L) => (L % 5 === 3 ? start + span * 0.46 : Infinity));
  const rowOf = (lane: number, track: TrackKind, lbl: string, parent = -1): number => {
    rows.push({ lane, track, label: lbl, parent });
    rowLane.push(lane);
    return rows.length - 1;
  };

  /** One mark; false once the column is full (the skeleton of a tiny request is cut short). */
  const add = (r: number, st: number, a: number, b: number, lbl: number, fam: number, nm: number, r2 = -1): boolean => {
    if (w >= N) return false;
    const L = rowLane[r];
    // Nothing starts inside a hole of the node's files: pushed to the hole's end.
    if (a >= gapA[L] && a < gapB[L]) {
      b += gapB[L] - a;
      a = gapB[L];
    }
    if (a < start) a = start;
    if (a > end) a = end;
    if (b > end) b = end;
    if (b < a) b = a;
    t0[w] = a;
    t1[w] = b;
    row[w] = r;
    row2[w] = r2;
    style[w] = st;
    label[w] = lbl;
    family[w] = fam;
    names[w] = nm;
    fileId[w] = L + 1;
    line[w] = Math.floor(((a - start) / span) * (LINES_PER_FILE - 1));
    if (a < tMin) tMin = a;
    if (b > tMax) tMax = b;
    w++;
    return true;
  };

  // ---- Bursts: a few incidents that every node sees, and a couple of its own per node ----
  const globalBursts = Array.from({ length: 6 }, () => ({ c: start + rand() * span, width: 10_000 + rand() * 170_000 }));
  const laneBursts = Array.from({ length: nLanes }, () => [
    ...globalBursts,
    ...Array.from({ length: 2 }, () => ({ c: start + rand() * span, width: 5_000 + rand() * 60_000 })),
  ]);
  /** A time on lane L: a third uniform over the span, the rest inside the lane's bursts. */
  const denseTime = (L: number): number => {
    if (rand() < 0.33) return start + rand() * span;
    const bs = laneBursts[L];
    const b = bs[int(bs.length)];
    // Sum of three uniforms: a bell around the burst's centre.
    return b.c + b.width * (rand() + rand() + rand() - 1.5);
  };
  /** Sorted random cut points in (a, b). */
  const cuts = (a: number, b: number, n: number): number[] => {
    const xs = Array.from({ length: n }, () => a + rand() * (b - a));
    return xs.sort((x, y) => x - y);
  };

  const node = (L: number): string => `NODE${String(L + 1).padStart(2, '0')}`;
  const lanes: TimelineLane[] = Array.from({ length: nLanes }, (_, L) => ({
    node: node(L),
    coverage: Number.isFinite(gapA[L]) ? [[start, gapA[L]], [gapB[L], end]] : [[start, end]],
  }));

  // ---- Rows: per lane membership, joins, routes, groups (+ resource sub-rows), service ----
  const S = Math.max(40, Math.floor((SKELETON * N) / nLanes));
  const viewRow: number[] = [];
  const quorumRow: number[] = [];
  const joinRows: Map<number, number>[] = [];
  const routeRows: number[][] = [];
  const routeNames: string[][] = [];
  const svcRow: number[] = [];
  const rhsRow: number[] = [];
  const peersOf = (L: number): number[] => (nLanes === 1 ? [] : nLanes === 2 ? [1 - L] : [(L + nLanes - 1) % nLanes, (L + 1) % nLanes]);
  // Group g is homed on lane g and may move to lane g+1: its row (and its resources' sub-rows)
  // exist on both lanes.
  const groupName = (g: number): string => (g === 0 ? 'Cluster Group' : g % 3 === 1 ? `ag${g}` : g % 3 === 2 ? `SQL Server (INST${g})` : `FileServer-${g}`);
  const resName = (g: number, k: number): string => (k === 0 ? `${groupName(g)} IP Address` : `${groupName(g)} Name`);
  const owners = (g: number): number[] => (nLanes === 1 ? [g] : [g, (g + 1) % nLanes]);
  const groupRow = new Map<string, number>();
  const resRow = new Map<string, number>();
  for (let L = 0; L < nLanes; L++) {
    viewRow.push(rowOf(L, 'membership', 'view'));
    quorumRow.push(rowOf(L, 'membership', 'quorum'));
    const jr = new Map<number, number>();
    for (const P of peersOf(L)) jr.set(P, rowOf(L, 'join', node(P)));
    if (nLanes === 1) jr.set(-1, rowOf(L, 'join', 'join'));
    joinRows.push(jr);
    const rr: number[] = [];
    const rn: string[] = [];
    for (let k = 0; k < ROUTES; k++) {
      const P = nLanes === 1 ? L : (L + 1 + (k >> 1)) % nLanes;
      const name = `10.${k & 1 ? 1 : 0}.${L}.1:~3343~ → 10.${k & 1 ? 1 : 0}.${P}.1:~3343~ (${node(P)})`;
      rr.push(rowOf(L, 'network', name));
      rn.push(name);
    }
    routeRows.push(rr);
    routeNames.push(rn);
    for (const g of nLanes === 1 ? [0] : [(L + nLanes - 1) % nLanes, L]) {
      const gr = rowOf(L, 'groups', groupName(g));
      groupRow.set(`${L}:${g}`, gr);
      for (let k = 0; k < RESOURCES; k++) resRow.set(`${L}:${g}:${k}`, rowOf(L, 'groups', resName(g, k), gr));
    }
    svcRow.push(rowOf(L, 'service', 'clussvc'));
    rhsRow.push(rowOf(L, 'service', 'RHS'));
  }

  // ---- Skeleton ----
  const F = FAMILY;
  // Membership: a series of installed views, view changes (some removing a node), a disagreement window, quorum.
  for (let L = 0; L < nLanes; L++) {
    const r = viewRow[L];
    const n = Math.max(3, Math.round((0.1 * S) / 2));
    const ts = [start, ...cuts(start, end, n - 1), end];
    for (let i = 0; i < n; i++) {
      const members = `NODE01..${node(nLanes - 1 - (i % 2))}`;
      add(r, Style.ViewSpan, ts[i], ts[i + 1], str(`view ${i + 1} (${members})`), F.membership, 0);
      if (i === 0) continue;
      const down = rand() < 0.2;
      const who = node(int(nLanes));
      add(r, down ? Style.NodeDown : Style.ViewChange, ts[i], ts[i], str(down ? `view ${i + 1}: ${who} removed` : `view ${i + 1} installed`), F.membership, down ? str(who.toLowerCase()) : 0);
      if (down && rand() < 0.5) add(r, Style.Disagree, ts[i] - 2_000, ts[i] + 1_000 + rand() * 8_000, str(`views disagree: ${node(L)} ${i}, ${who} ${i + 1}`), F.membership, 0);
      if (down && rand() < 0.3) {
        // On the quorum row: the death timer runs until quorum is lost or arbitrated.
        const q = quorumRow[L];
        const lost = rand() < 0.5;
        add(q, Style.DeathTimer, ts[i] - 6_500, ts[i] + 500, str(`death timer (90 s): ${lost ? 'ended by quorum loss' : 'stopped'} after 7.0 s`), F.quorum, 0);
        add(q, lost ? Style.Quorum : Style.QuorumGained, ts[i] + 500, ts[i] + 500, str(lost ? 'quorum lost (status 5925)' : 'quorum arbitrated by this node'), F.quorum, 0);
      }
    }
  }
  // Joins: each pair of neighbours, the joiner's half with its stages and the listener's half, linked.
  const STAGES = ['connect', 'security handshake', 'join version', 'regroup', 'end join', 'online'];
  for (let L = 0; L < nLanes; L++) {
    for (const P of peersOf(L)) {
      if (P < L && nLanes > 2) continue; // each neighbouring pair once (both rows exist)
      const rA = joinRows[L].get(P)!;
      const rB = joinRows[P].get(L)!;
      const n = Math.max(1, Math.round((0.15 * S) / 16));
      for (let j = 0; j < n; j++) {
        const [jr, lr, joiner, listener] = rand() < 0.5 ? [rA, rB, L, P] : [rB, rA, P, L];
        const a = start + rand() * span;
        const dur = 2_000 + rand() * 38_000;
        const u = rand();
        const outcome = u < 0.8 ? Style.JoinOk : u < 0.95 ? Style.JoinFailed : Style.JoinOpen;
        const what = outcome === Style.JoinOk ? 'joined' : outcome === Style.JoinFailed ? 'failed' : 'open';
        const nm = str(`${node(joiner)}\n${node(listener)}`.toLowerCase());
        add(jr, outcome, a, a + dur, str(`join ${node(joiner)} ↔ ${node(listener)} (joiner): ${what}`), F.join, nm);
        add(lr, outcome, a + 50, a + dur, str(`join ${node(listener)} ↔ ${node(joiner)} (listener): ${what}`), F.join, nm);
        add(jr, Style.JoinLink, a, a + dur, str(`join ${node(joiner)} → ${node(listener)}`), F.join, nm, lr);
        const ts = cuts(a, a + dur, STAGES.length);
        const last = outcome === Style.JoinFailed ? 3 + int(3) : STAGES.length;
        for (let s = 0; s < last; s++) {
          const failed = outcome === Style.JoinFailed && s === last - 1;
          add(jr, failed ? Style.StageFailed : Style.Stage, ts[s], ts[s], str(`${STAGES[s]}${failed ? ' — status 1460' : ''}`), F.join, nm);
          add(jr, Style.StageSpan, ts[s], s + 1 < last ? ts[s + 1] : a + dur, str(STAGES[s]), F.join, nm);
        }
      }
    }
  }
  // Routes: a state series per route (mostly up, some degraded or down), added at the start.
  const ROUTE_STATES = [Style.RouteUp, Style.RouteUp, Style.RouteUp, Style.RouteDegraded, Style.RouteDown];
  const ROUTE_WORDS: Record<number, string> = { [Style.RouteUp]: 'up', [Style.RouteDegraded]: 'degraded', [Style.RouteDown]: 'down' };
  for (let L = 0; L < nLanes; L++) {
    for (let k = 0; k < ROUTES; k++) {
      const r = routeRows[L][k];
      const name = routeNames[L][k];
      const nm = str(name.toLowerCase());
      const n = Math.max(3, Math.round((0.4 * S) / ROUTES));
      const ts = [start, ...cuts(start, end, n - 1), end];
      const added = start + rand() * 5_000;
      add(r, Style.RouteAdded, added, added, str(`route added: ${name}`), F.network, nm);
      for (let i = 0; i < n; i++) {
        const st = ROUTE_STATES[int(ROUTE_STATES.length)];
        add(r, st, ts[i], ts[i + 1], str(`${name}: ${ROUTE_WORDS[st]}`), F.network, nm);
      }
    }
  }
  // Groups: owner spans on whichever lane owns the group, resources pending then online (or
  // failed before a failover), moves drawn as arrows from the old owner's row to the new one's.
  for (let g = 0; g < nLanes; g++) {
    const own = owners(g);
    const moves = Math.max(2, Math.round((0.25 * S) / 8));
    const ts = [start, ...cuts(start, end, moves), end];
    const gn = groupName(g);
    const gnm = str(gn.toLowerCase());
    let o = 0;
    for (let i = 0; i <= moves; i++) {
      const L = own[o];
      const a = ts[i];
      const b = ts[i + 1];
      const failover = rand() < 0.7;
      add(groupRow.get(`${L}:${g}`)!, Style.Owner, a, b, str(`${gn} on ${node(L)}`), F.group, gnm);
      for (let k = 0; k < RESOURCES; k++) {
        const rr = resRow.get(`${L}:${g}:${k}`)!;
        const rn = resName(g, k);
        const rnm = str(`${rn}\n${gn}`.toLowerCase());
        const online = Math.min(b, a + 500 + rand() * 4_000);
        add(rr, Style.ResPending, a, online, str(`${rn}: online pending`), F.resource, rnm);
        const failAt = failover && i < moves ? Math.max(online, b - 1_000 - rand() * 10_000) : b;
        add(rr, Style.ResOnline, online, failAt, str(`${rn}: online`), F.resource, rnm);
        if (failAt < b) add(rr, Style.ResFailed, failAt, b, str(`${rn}: failed`), F.resource, rnm);
        else if (i < moves) add(rr, Style.ResOffline, b - 300, b, str(`${rn}: offline`), F.resource, rnm);
      }
      if (i === moves || own.length < 2) continue;
      const next = own[1 - o];
      if (failover && rand() < 0.5) add(groupRow.get(`${L}:${g}`)!, Style.GroupFailed, b - 200, b - 200, str(`group failed ${gn}`), F.group, gnm);
      add(groupRow.get(`${L}:${g}`)!, failover ? Style.MoveFailover : Style.MoveManual, b, b, str(`${failover ? 'failover' : 'move'} of ${gn}: ${node(L)} → ${node(next)}`), F.group, gnm, groupRow.get(`${next}:${g}`)!);
      o = 1 - o;
    }
  }
  // Service: clussvc sessions (some end in a crash), a no-data stretch, RHS processes.
  for (let L = 0; L < nLanes; L++) {
    const n = Math.max(2, Math.round((0.1 * S) / 3));
    const ts = [start, ...cuts(start, end, n - 1), end];
    for (let i = 0; i < n; i++) {
      const crash = i < n - 1 && rand() < 0.3;
      add(svcRow[L], crash ? Style.SessionCrash : Style.Session, ts[i] + 1_000, ts[i + 1], str(`clussvc pid ${1000 + i * 4}: start → ${crash ? 'crash' : 'stop'}`), F.service, 0);
      const rhs = 1 + int(3);
      for (let k = 0; k < rhs; k++) {
        const a = ts[i] + 2_000 + rand() * (ts[i + 1] - ts[i]) * 0.5;
        add(rhsRow[L], Style.Rhs, a, a + rand() * (ts[i + 1] - a), str(`RHS pid ${5000 + i * 16 + k}${crash ? ' (terminated)' : ''}`), F.service, 0);
      }
    }
    const gap = start + rand() * span;
    add(svcRow[L], Style.NoData, gap, gap + 60_000 + rand() * 240_000, str('no data (file logs nothing; not "down")'), F.service, 0);
  }

  // ---- The dense bulk: missed heartbeats and route flaps on two routes, resource flaps on one resource ----
  const dense = N - w;
  for (let L = 0; L < nLanes; L++) {
    const all = Math.floor(dense / nLanes) + (L < dense % nLanes ? 1 : 0);
    // Capture rows first (when asked for): dense points, a few warnings and errors over their class.
    const caps = Math.round(all * (opts.captureShare ?? 0));
    if (caps > 0) {
      const capRows = CAPTURE_ROW_NAMES.map((n) => rowOf(L, 'captures', n));
      const capLabels = CAPTURE_STYLES.map((_, k) => str(`procmon: operation ${k}`));
      const capNames = CAPTURE_ROW_NAMES.map((n) => str(n.toLowerCase()));
      for (let i = 0; i < caps; i++) {
        const k = int(CAPTURE_ROW_NAMES.length);
        const t = denseTime(L);
        const x = rand();
        const st = x < 0.01 ? Style.CapError : x < 0.06 ? Style.CapWarn : CAPTURE_STYLES[k];
        add(capRows[k], st, t, t, capLabels[k], CAPTURE_FAMILY, capNames[k]);
      }
    }
    const share = all - caps;
    const hb = Math.round(share * DENSE_HEARTBEATS);
    const flaps = Math.round(share * DENSE_ROUTE_FLAPS);
    const res = share - hb - flaps;
    const hbLabel: number[] = [];
    const flapLabel: number[][] = [];
    const routeNm: number[] = [];
    for (let k = 0; k < DENSE_ROUTES; k++) {
      const name = routeNames[L][k];
      hbLabel.push(str(`missed heartbeats: ${name}`));
      flapLabel.push([Style.RouteDegraded, Style.RouteDown, Style.RouteUp].map((st) => str(`${name}: ${ROUTE_WORDS[st]}`)));
      routeNm.push(str(name.toLowerCase()));
    }
    for (let i = 0; i < hb; i++) {
      const k = i & 1;
      const t = denseTime(L);
      add(routeRows[L][k], Style.HeartbeatMissed, t, t, hbLabel[k], F.network, routeNm[k]);
    }
    const FLAPS = [Style.RouteDegraded, Style.RouteDown, Style.RouteUp];
    for (let i = 0; i < flaps; i++) {
      const k = i & 1;
      const t = denseTime(L);
      const s = int(3);
      add(routeRows[L][k], FLAPS[s], t, t + 20 + rand() * rand() * 3_000, flapLabel[k][s], F.network, routeNm[k]);
    }
    const g = L;
    const rr = resRow.get(`${L}:${g}:0`)!;
    const rn = resName(g, 0);
    const rnm = str(`${rn}\n${groupName(g)}`.toLowerCase());
    const RES = [Style.ResPending, Style.ResOnline, Style.ResFailed, Style.ResOffline];
    const resLabels = [`${rn}: online pending`, `${rn}: online`, `${rn}: failed`, `${rn}: offline`].map(str);
    for (let i = 0; i < res; i++) {
      const t = denseTime(L);
      const s = i % 7 === 6 ? 2 + int(2) : int(2);
      add(rr, RES[s], t, t + 10 + rand() * rand() * 2_000, resLabels[s], F.resource, rnm);
    }
  }

  for (const l of lanes) for (const [a, b] of l.coverage) {
    tMin = Math.min(tMin, a);
    tMax = Math.max(tMax, b);
  }
  // The dense marks were drawn at random times, so their rows arrive unsorted; orderMarks puts
  // everything in (row, t0) order and fills rowStart, as MarksBuilder.build does.
  return orderMarks({
    lanes, rows, length: w, rowStart: new Uint32Array(rows.length + 1),
    t0, t1, row, row2, style, label, fileId, line, family, names, labels,
    tMin: Number.isFinite(tMin) ? tMin : 0, tMax: Number.isFinite(tMax) ? tMax : 0,
  });
}
