// Captures taken on a node during the scenario, written as their tools export them (formats.md
// Part C), with templates of their own (never the parser's patterns): a Process Monitor CSV
// (clussvc and rhs process starts, the cluster's TCP connections on 3343, background registry
// and file traffic), a Wireshark CSV and a Netmon-style tab-separated frame summary (the TCP
// handshakes of the join routes, UDP 3343 heartbeats while the routes are up), and a System
// event log exported with Get-WinEvent | Export-Csv (1135, 1177, Service Control Manager).
// Times are the node's local clock (its UTC offset and clock error) and each row sits a known
// latency before (process, packet) or after (event log) the log line it goes with, so that
// tests know the truth of the alignment.

import type { GenDialect, NodeSpec, Scenario } from './model.ts';
import { rngFor, type Rng } from './prng.ts';
import { narrateNode } from './render.ts';
import type { LogRecord } from './story.ts';

export type GeneratedCaptureKind = 'procmon' | 'wireshark' | 'netmon' | 'eventlog';

export interface GeneratedCapture {
  kind: GeneratedCaptureKind;
  /** File name: `<node>_procmon.csv`, `<node>_wireshark.csv`, `<node>_netmon.txt`, `<node>_System.csv`. */
  name: string;
  text: string;
  rows: number;
}

/** What a test may assert about the captures' times. */
export interface CaptureTruth {
  /** The node's local time minus UTC: a capture's whole offset. */
  utcOffsetMinutes: number;
  /** The node's clock error (the log's and its captures' alike). */
  clockOffsetMs: number;
  /** A process or packet row comes this much before its log line (ms, min and max). */
  leadMs: [number, number];
  /** An event-log row comes this much after its log line (ms, min and max; it writes whole seconds). */
  lagMs: [number, number];
}

const LEAD: [number, number] = [0.2, 4];
const LAG: [number, number] = [5, 60];
/** Background Procmon rows per second. */
const PROCMON_RATE = 4;
const HEARTBEAT_MS = 1000;

export function captureTruth(scenario: Scenario, nodeIndex: number): CaptureTruth {
  const n = scenario.nodes[nodeIndex];
  return { utcOffsetMinutes: n.utcOffsetMinutes, clockOffsetMs: n.clockOffsetMs, leadMs: LEAD, lagMs: LAG };
}

// ---- clocks as the tools write them ----

/** The node's local wall clock (ms, as a UTC-based Date would read it) for true UTC `t`. */
const local = (node: NodeSpec, t: number) => t + node.clockOffsetMs + node.utcOffsetMinutes * 60_000;

const pad = (v: number, n = 2) => String(v).padStart(n, '0');

/** `h:mm:ss.fffffff AM` (Procmon, en-US), 100 ns from the fraction of `ms`. */
function procmonTime(ms: number): string {
  const d = new Date(Math.floor(ms));
  const h = d.getUTCHours();
  const frac = Math.floor((ms - Math.floor(ms / 1000) * 1000) * 10_000);
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(frac, 7)} ${h < 12 ? 'AM' : 'PM'}`;
}

/** `YYYY-MM-DD HH:MM:SS.ffffff` (Wireshark's Date and Time of Day). */
function wiresharkTime(ms: number): string {
  const d = new Date(Math.floor(ms));
  const us = Math.floor((ms - Math.floor(ms / 1000) * 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(us, 6)}`;
}

/** `HH:MM:SS.fffffff` (Netmon's Time Of Day). */
function netmonTime(ms: number): string {
  return wiresharkTime(ms).slice(11, 19) + '.' + pad(Math.floor((ms - Math.floor(ms / 1000) * 1000) * 10_000), 7);
}

/** `M/D/YYYY h:mm:ss AM` (Get-WinEvent's TimeCreated in en-US, whole seconds). */
function eventTime(ms: number): string {
  const d = new Date(Math.floor(ms));
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

const csv = (cells: readonly (string | number)[]) => cells.map((c) => `"${String(c).replaceAll('"', '""')}"`).join(',');

// ---- what happened on the node, from its story ----

interface Conn {
  /** True UTC of the connect (the log's route line). */
  t: number;
  localIp: string;
  localPort: number;
  peer: NodeSpec;
  /** Whether this node opened it (else the peer did, to this node's 3343). */
  outbound: boolean;
}

const endpoint = (v: unknown) => /^(.*):~(\d+)~$/.exec(String(v ?? ''));

function connections(scenario: Scenario, story: readonly LogRecord[]): Conn[] {
  const out: Conn[] = [];
  for (const r of story) {
    if (r.template === 'sv-new-route') {
      const l = endpoint(r.values.local);
      const peer = scenario.nodes.find((n) => n.name === r.values.peerName);
      if (l && peer) out.push({ t: r.t, localIp: l[1], localPort: Number(l[2]), peer, outbound: true });
    } else if (r.template === 'accept-inbound') {
      const e = endpoint(r.values.ep);
      const peer = scenario.nodes.find((n) => n.ip === e?.[1]);
      if (e && peer) out.push({ t: r.t, localIp: e[1], localPort: Number(e[2]), peer, outbound: false });
    }
  }
  return out;
}

export function renderCaptures(scenario: Scenario, nodeIndex: number, dialect: GenDialect = 'w2016'): GeneratedCapture[] {
  const node = scenario.nodes[nodeIndex];
  // The modern story has the process and route lines the captures pair with.
  const story = narrateNode(scenario, node, 'w2016');
  const rng = rngFor(scenario.seed, 'captures', node.id);
  const conns = connections(scenario, story);
  return [procmon(scenario, node, story, conns, rng), ...packets(scenario, node, conns, rng), eventLog(scenario, node, story, rng, dialect)];
}

function lead(rng: Rng): number {
  return rng.range(LEAD[0], LEAD[1]);
}

function procmon(scenario: Scenario, node: NodeSpec, story: readonly LogRecord[], conns: readonly Conn[], rng: Rng): GeneratedCapture {
  const rows: Array<[number, string[]]> = [];
  const add = (t: number, proc: string, pid: number, op: string, path: string, result: string, detail: string, tid: number) =>
    rows.push([t, [proc, String(pid), op, path, result, detail, String(tid)]]);
  for (const r of story) {
    if (r.channel !== 'log') continue;
    const t = r.t - lead(rng);
    if (r.template === 'log-begin') {
      add(t, 'clussvc.exe', r.pid, 'Process Start', '', 'SUCCESS', `Parent PID: 644, Command line: C:\\Windows\\Cluster\\clussvc.exe -s, Current directory: C:\\Windows\\system32\\`, r.tid);
      add(t + 0.05, 'clussvc.exe', r.pid, 'Load Image', 'C:\\Windows\\Cluster\\clussvc.exe', 'SUCCESS', 'Image Base: 0x7ff6a1b20000, Image Size: 0x2f1000', r.tid);
    } else if (r.template === 'rhs-init') {
      const cs = story.find((x) => x.template === 'log-begin' && x.t <= r.t);
      if (cs) add(t - 1.5, 'clussvc.exe', cs.pid, 'Process Create', 'C:\\Windows\\Cluster\\rhs.exe', 'SUCCESS', `PID: ${r.pid}, Command line: C:\\Windows\\Cluster\\rhs.exe`, cs.tid);
      add(t, 'rhs.exe', r.pid, 'Process Start', '', 'SUCCESS', `Parent PID: ${cs?.pid ?? 0}, Command line: C:\\Windows\\Cluster\\rhs.exe`, r.tid);
    }
  }
  for (const c of conns) {
    const s = story.find((x) => x.template === 'log-begin' && x.t <= c.t);
    if (!s) continue;
    const path = c.outbound ? `${node.name}:${c.localPort} -> ${c.peer.name}:3343` : `${node.name}:3343 -> ${c.peer.name}:${c.localPort}`;
    add(c.t - lead(rng), 'clussvc.exe', s.pid, c.outbound ? 'TCP Connect' : 'TCP Accept', path, 'SUCCESS', 'Length: 0, mss: 1460, sackopt: 1, tsopt: 0, wsopt: 1, rcvwin: 65535', s.tid);
  }
  // Background: the cluster database and registry hive, between the first and the last story line.
  const starts = story.filter((x) => x.template === 'log-begin');
  const first = story[0]?.t ?? scenario.start;
  const last = story[story.length - 1]?.t ?? scenario.end;
  for (let t = first + rng.range(50, 400); t < last; t += rng.range(0.5, 1.5) * (1000 / PROCMON_RATE)) {
    const s = [...starts].reverse().find((x) => x.t <= t);
    if (!s) continue;
    const pick = rng.int(0, 5);
    if (pick <= 2) add(t, 'clussvc.exe', s.pid, 'RegQueryValue', `HKLM\\Cluster\\Resources\\${scenario.resources[rng.int(0, scenario.resources.length - 1)].guid}\\PersistentState`, 'SUCCESS', 'Type: REG_DWORD, Length: 4, Data: 1', s.tid);
    else if (pick === 3) add(t, 'clussvc.exe', s.pid, 'ReadFile', 'C:\\Windows\\Cluster\\CLUSDB', 'SUCCESS', `Offset: ${rng.int(0, 4096) * 4096}, Length: 4,096, Priority: Normal`, s.tid);
    else if (pick === 4) add(t, 'svchost.exe', 1012, 'RegOpenKey', 'HKLM\\System\\CurrentControlSet\\Services\\ClusSvc\\Parameters', 'NAME NOT FOUND', 'Desired Access: Read', 1016);
    else add(t, 'MsMpEng.exe', 3120, 'CreateFile', 'C:\\Windows\\Cluster\\Reports\\Cluster.log', 'SHARING VIOLATION', 'Desired Access: Generic Read, Disposition: Open', 3124);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const header = csv(['Time of Day', 'Process Name', 'PID', 'Operation', 'Path', 'Result', 'Detail', 'TID']);
  const body = rows.map(([t, cells]) => csv([procmonTime(local(node, t)), ...cells]));
  return { kind: 'procmon', name: `${node.name}_procmon.csv`, text: `\uFEFF${[header, ...body].join('\r\n')}\r\n`, rows: rows.length };
}

interface Packet {
  t: number;
  src: string;
  dst: string;
  proto: 'TCP' | 'UDP';
  len: number;
  /** Wireshark's Info and Netmon's Description. */
  info: string;
  desc: string;
  conv: string;
}

function packets(scenario: Scenario, node: NodeSpec, conns: readonly Conn[], rng: Rng): GeneratedCapture[] {
  const list: Packet[] = [];
  for (const c of conns) {
    const [a, b] = c.outbound ? [node.ip, c.peer.ip] : [c.peer.ip, node.ip];
    const [pa, pb] = [c.localPort, 3343];
    const t = c.t - lead(rng);
    const conv = `{TCP:${list.length + 1}}`;
    list.push({ t, src: a, dst: b, proto: 'TCP', len: 66, info: `${pa} → ${pb} [SYN] Seq=0 Win=8192 Len=0 MSS=1460 WS=256 SACK_PERM`, desc: `TCP:Flags=CE....S., SrcPort=${pa}, DstPort=${pb}, PayloadLen=0, Seq=${rng.int(1e8, 4e9)}, Ack=0, Win=8192`, conv });
    list.push({ t: t + 0.15, src: b, dst: a, proto: 'TCP', len: 66, info: `${pb} → ${pa} [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0 MSS=1460 WS=256 SACK_PERM`, desc: `TCP:Flags=.E.A..S., SrcPort=${pb}, DstPort=${pa}, PayloadLen=0, Seq=${rng.int(1e8, 4e9)}, Ack=1, Win=8192`, conv });
    list.push({ t: t + 0.3, src: a, dst: b, proto: 'TCP', len: 54, info: `${pa} → ${pb} [ACK] Seq=1 Ack=1 Win=262656 Len=0`, desc: `TCP:Flags=...A...., SrcPort=${pa}, DstPort=${pb}, PayloadLen=0, Seq=1, Ack=1, Win=1026`, conv });
  }
  // Heartbeats: UDP 3343 both ways once a second on each route while both ends are up.
  const ups = scenario.events.filter((e) => e.kind === 'route-up' && (e.a === node.id || e.b === node.id));
  const lost = scenario.events.filter((e) => e.kind === 'network-loss').map((e) => e as { at: number; node: number });
  const restored = scenario.events.filter((e) => e.kind === 'network-restored').map((e) => e as { at: number; node: number });
  for (const u of ups) {
    if (u.kind !== 'route-up') continue;
    const peer = scenario.nodes[(u.a === node.id ? u.b : u.a) - 1];
    const down = lost.find((l) => (l.node === node.id || l.node === peer.id) && l.at > u.at)?.at ?? Infinity;
    const until = Math.min(down, scenario.end);
    const conv = `{UDP:${list.length + 1}}`;
    for (let t = u.at + rng.range(10, 900); t < until; t += HEARTBEAT_MS + rng.range(-20, 20)) {
      list.push({ t, src: node.ip, dst: peer.ip, proto: 'UDP', len: 154, info: '3343 → 3343 Len=112', desc: 'UDP:SrcPort = 3343, DstPort = 3343, Length = 112', conv });
      if (restored.some((r) => r.node === node.id && r.at < t)) continue;
      list.push({ t: t + rng.range(0.2, 0.8), src: peer.ip, dst: node.ip, proto: 'UDP', len: 154, info: '3343 → 3343 Len=112', desc: 'UDP:SrcPort = 3343, DstPort = 3343, Length = 112', conv });
    }
  }
  list.sort((a, b) => a.t - b.t);
  const ws = [csv(['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Info']), ...list.map((p, i) => csv([i + 1, wiresharkTime(local(node, p.t)), p.src, p.dst, p.proto, p.len, p.info]))];
  const nm = ['Frame Number\tTime Of Day\tProcess Name\tSource\tDestination\tProtocol Name\tDescription\tConv Id',
    ...list.map((p, i) => [i + 1, netmonTime(local(node, p.t)), p.proto === 'TCP' ? 'clussvc.exe' : 'System', p.src, p.dst, p.proto, p.desc, p.conv].join('\t'))];
  return [
    { kind: 'wireshark', name: `${node.name}_wireshark.csv`, text: `${ws.join('\r\n')}\r\n`, rows: list.length },
    { kind: 'netmon', name: `${node.name}_netmon.txt`, text: `${nm.join('\r\n')}\r\n`, rows: list.length },
  ];
}

function eventLog(scenario: Scenario, node: NodeSpec, story: readonly LogRecord[], rng: Rng, dialect: GenDialect): GeneratedCapture {
  const rows: Array<[number, string[]]> = [];
  const lag = () => rng.range(LAG[0], LAG[1]);
  const legacy = dialect === 'w2003' || dialect === 'w2000';
  for (const e of scenario.events) {
    // A hung service on 2000/2003 (seeds/003): ClusNet terminates it after 60 s without a heartbeat;
    // its disks are then taken without a flush, and the new owner finds the group's address in conflict.
    if (legacy && e.kind === 'clussvc-hang' && e.node === node.id) {
      rows.push([e.killedAt + lag(), ['ClusNet', '1228', 'Error', "ClusNet driver couldn't communicate with the ClusSvc for 60 seconds, the Cluster service is being terminated."]]);
      rows.push([e.killedAt + 4000 + rng.range(0, 3000), ['ftdisk', '57', 'Warning', 'The system failed to flush data to the transaction log. Corruption may occur.']]);
      rows.push([e.killedAt + 4200 + rng.range(0, 3000), ['Ntfs', '50', 'Warning', '{Delayed Write Failed} Windows was unable to save all the data for the file. The data has been lost.']]);
    }
    if (legacy && e.kind === 'group-failover' && e.to === node.id && scenario.events.some((x) => x.kind === 'clussvc-hang' && x.node === e.from)) {
      const from = scenario.nodes[e.from - 1];
      rows.push([e.onlineAt - 500 + lag(), ['Tcpip', '4199', 'Error', `The system detected an address conflict for IP address ${from.ip.replace(/\d+$/, '100')} with the system having network hardware address 00-15-5D-${rng.hex(2)}-${rng.hex(2)}-${rng.hex(2)}. Network operations on this system may be disrupted as a result.`]]);
    }
    if (e.kind === 'node-removed' && e.observer === node.id) {
      for (const id of e.removed) {
        rows.push([e.at + lag(), ['Microsoft-Windows-FailoverClustering', '1135', 'Critical', `Cluster node '${scenario.nodes[id - 1].name}' was removed from the active failover cluster membership. The Cluster service on this node may have stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster.`]]);
      }
    } else if (e.kind === 'quorum-lost' && e.node === node.id) {
      rows.push([e.at + lag(), ['Microsoft-Windows-FailoverClustering', '1177', 'Critical', 'The Cluster service is shutting down because quorum was lost. This could be due to the loss of network connectivity between some or all nodes in the cluster, or a failover of the witness disk.\n\nRun the Validate a Configuration wizard to check your network configuration.']]);
    } else if (e.kind === 'service-stop' && e.node === node.id) {
      rows.push([e.at + lag(), ['Service Control Manager', '7036', 'Information', 'The Cluster Service service entered the stopped state.']]);
    } else if (e.kind === 'service-start' && e.node === node.id) {
      rows.push([e.at + lag(), ['Service Control Manager', '7036', 'Information', 'The Cluster Service service entered the running state.']]);
    }
  }
  // Newest first, as Get-WinEvent lists them.
  rows.sort((a, b) => b[0] - a[0]);
  void story;
  const header = '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n' + csv(['TimeCreated', 'ProviderName', 'Id', 'LevelDisplayName', 'Message']);
  const body = rows.map(([t, cells]) => csv([eventTime(local(node, t)), ...cells]));
  return { kind: 'eventlog', name: `${node.name}_System.csv`, text: `${[header, ...body].join('\r\n')}\r\n`, rows: rows.length };
}
