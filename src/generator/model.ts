// The abstract scenario: who is in the cluster, what runs where, and what happens when.
// It says nothing about log text. Renderers (cluster.log dialects today; Procmon CSV and
// Netmon captures later) turn the same scenario into their own artefacts.

/** cluster.log dialects the generator can write (formats.md Part A). */
export type GenDialect = 'w2016' | 'w2008' | 'w2003' | 'w2000' | 'nt4';
export const GEN_DIALECTS: readonly GenDialect[] = ['w2016', 'w2008', 'w2003', 'w2000', 'nt4'];

export type LevelName = 'INFO' | 'WARN' | 'ERR' | 'DBG';

/**
 * Incident kinds the scenario builder knows (each about one node, `isolatedNodeId`):
 * - network-isolation: the node loses its network (removed, loses quorum, restarts, rejoins);
 * - resource-failure: its AG resource fails IsAlive, is restarted in place, fails again and its group fails over;
 * - rhs-deadlock: a restart's ONLINERESOURCE call hangs until the RHS deadlock timeout, RHS is terminated and restarted;
 * - clussvc-hang: its cluster service hangs, the watchdog terminates it, the others remove it, the SCM restarts it;
 * - join-blocked: its service is restarted but a firewall drops 3343: its joins time out until it is opened;
 * - none: a healthy cluster (the steady state only).
 */
export type IncidentKind = 'network-isolation' | 'resource-failure' | 'rhs-deadlock' | 'clussvc-hang' | 'join-blocked' | 'none';
export const INCIDENT_KINDS: readonly IncidentKind[] = ['network-isolation', 'resource-failure', 'rhs-deadlock', 'clussvc-hang', 'join-blocked', 'none'];

export interface ScenarioOptions {
  seed?: number;
  clusterName?: string;
  /** Number of nodes (default 3, or the length of `nodeNames`). */
  nodes?: number;
  nodeNames?: string[];
  /** Per-node clock error in ms (written time = true time + offset). Missing entries are 0. */
  clockOffsetsMs?: number[];
  /** Local time minus UTC in minutes, ISO sign (US Pacific daylight = -420). Same for all nodes. */
  utcOffsetMinutes?: number;
  /** ISO date-time (or ms) of the first service start, true UTC. */
  start?: string | number;
  witness?: 'File Share Witness' | 'Cloud Witness';
  /** Name of the availability-group role and of its resource (real logs share the name). */
  agName?: string;
  incident?: IncidentKind;
  /** 1-based id of the node that loses its network (default 2). */
  isolatedNodeId?: number;
  /** Steady state between the last join and the incident (default 10 min; grows with the size target). */
  steadyStateMs?: number;
  /** Background lines per second per node when no size target is given (default 3). */
  noiseRate?: number;
  /** Approximate size of each node's file; stretches the steady state and pads it with background traffic. */
  targetBytesPerNode?: number;
  /** Use localized (German) object names with non-ASCII letters, e.g. `Clusterdatenträger 1`. */
  localizedNames?: boolean;
}

export interface NodeSpec {
  /** 1-based cluster node id. */
  id: number;
  name: string;
  /** Public (and heartbeat) IPv4 address. */
  ip: string;
  /** NetFT virtual adapter link-local IPv6 address, without scope. */
  virtualIpv6: string;
  /** Interface scope id shown after `%` in IPv6 endpoints. */
  scopeId: number;
  clockOffsetMs: number;
  utcOffsetMinutes: number;
  /** Service sessions in time order (a restart opens a new one with new PIDs). */
  sessions: ServiceSession[];
}

export interface ServiceSession {
  clussvcPid: number;
  rhsPid: number;
  /** Fixed thread ids per activity of the clussvc process (`main`, `net`, `rcm`, ...). */
  threads: Record<string, number>;
  rhsThreads: number[];
  start: number;
  /** When the service process ended (null: still running at the end). */
  stop: number | null;
  /** When background traffic starts (the node is part of the membership). */
  activeFrom: number;
  /** When background traffic ends (membership lost or service stopping). */
  activeUntil: number | null;
  /** RHS processes started after the first (a terminated RHS is restarted with a new PID). */
  rhsRestarts?: Array<{ at: number; pid: number }>;
}

export type ResourceType =
  | 'IP Address' | 'Network Name' | 'File Share Witness' | 'Cloud Witness'
  | 'SQL Server Availability Group' | 'Physical Disk';

export interface ResourceSpec {
  name: string;
  type: ResourceType;
  group: string;
  guid: string;
}

export interface GroupSpec {
  name: string;
  /** Node id owning the group when the log ends. */
  finalOwner: number;
  /** Node id owning the group before the incident. */
  initialOwner: number;
  resources: string[];
  /** Failovers before this scenario (feeds `failoverCount=` / `lastFailoverTime=`). */
  priorFailovers: number;
  /** True UTC of the last failover before this scenario; null = never (prints 1601/01/01). */
  lastFailoverAt: number | null;
}

export interface NetworkSpec {
  name: string;
  id: number;
  subnet: string;
  role: 'ClusterAndClient' | 'Cluster';
}

/** Membership view `<seq><2-digit proposer>`, e.g. 1101 = sequence 11 proposed by node 1. */
export interface View {
  seq: number;
  proposer: number;
  members: number[];
}

export type JoinStage =
  | 'Listen for Connection' | 'Attempt Initial Connection' | 'Exchange Node Information'
  | 'Verify Network Role' | 'Wait for Heartbeats on Initial NetFT Route'
  | 'Wait for NetFT Duplicate Address Detection' | 'Establish Connection over NetFT Adapter'
  | 'Update NetFT Route' | 'Send Current Membership Status for Join Policy'
  | 'Reporting Ready for Form/Join State Transfer' | 'Join Succeeded';

export interface StageMark {
  /** Node whose log shows the stage. */
  node: number;
  peer: number;
  stage: JoinStage;
  at: number;
  /** Failed stage: Winsock status and reason text. */
  status?: number;
  reason?: string;
}

/** Abstract timeline events (true UTC ms). Renderers decide what each node writes for them. */
export type ScenarioEvent =
  | { kind: 'service-start'; at: number; node: number; session: number; reason: 'boot' | 'restart' }
  | { kind: 'form'; at: number; node: number; view: View }
  | { kind: 'join'; at: number; joiner: number; sponsor: number; peers: number[]; stages: StageMark[];
      /** Ephemeral TCP ports the joiner used towards each peer (for `[SV] New real route`). */
      ports: Record<number, number>; done: number }
  | { kind: 'join-attempt-failed'; at: number; joiner: number; sponsor: number; stages: StageMark[]; until: number }
  | { kind: 'route-up'; at: number; a: number; b: number }
  | { kind: 'view-change'; at: number; observers: number[]; joiners: number[]; downers: number[];
      newView: View; oldView: View; form: boolean }
  | { kind: 'group-online'; at: number; group: string; node: number; reason: 'form' | 'placement' }
  | { kind: 'network-loss'; at: number; node: number }
  | { kind: 'heartbeats-missed'; at: number; observer: number; peer: number; percent: number }
  | { kind: 'route-down'; at: number; observer: number; peer: number }
  | { kind: 'node-removed'; at: number; observer: number; removed: number[] }
  | { kind: 'quorum-kept'; at: number; observers: number[]; arbiter: number; members: number[]; arbitratedAt: number }
  | { kind: 'quorum-lost'; at: number; node: number; members: number[] }
  | { kind: 'service-stop'; at: number; node: number; session: number; reason: 'quorum-lost' | 'manual' }
  /** `cause` failure: a resource failed (no MoveType line, only the Operational failover lines, which are verified). */
  | { kind: 'group-failover'; at: number; group: string; from: number; to: number; onlineAt: number; cause?: 'node-down' | 'failure' }
  | { kind: 'resource-failure'; at: number; node: number; resource: string; group: string }
  | { kind: 'resource-restart'; at: number; node: number; resource: string; group: string; onlineAt: number }
  | { kind: 'group-offline'; at: number; node: number; group: string }
  /** An Online call that never returns: the deadlock monitor fires `timeoutMs` later, RHS is terminated and a new one started. */
  | { kind: 'rhs-deadlock'; at: number; node: number; resource: string; group: string; firedAt: number; newRhsAt: number; onlineAt: number }
  /** The service stops answering (no line of its own); the watchdog ends it at `killedAt`. */
  | { kind: 'clussvc-hang'; at: number; node: number; killedAt: number }
  | { kind: 'connection-closed'; at: number; observer: number; peer: number }
  | { kind: 'network-restored'; at: number; node: number };

export interface Scenario {
  seed: number;
  clusterName: string;
  domain: string;
  nodes: NodeSpec[];
  networks: NetworkSpec[];
  groups: GroupSpec[];
  resources: ResourceSpec[];
  witness: ResourceSpec;
  incident: IncidentKind;
  isolatedNodeId: number;
  /** True UTC of the first and last event. */
  start: number;
  end: number;
  /** Time span of the steady state (background traffic is densest here). */
  steadyFrom: number;
  steadyUntil: number;
  events: ScenarioEvent[];
  noiseRate: number;
  targetBytesPerNode: number | null;
  /** Windows build shown in the 2016+ header. */
  build: number;
}
