// Each generated incident yields exactly its findings, and the healthy cluster none (issue 13).
// The generator writes each incident from its own templates (src/generator), the rules read
// them through the parser and the catalogue: the two check each other. Each list below is also
// its rules' near misses: what an incident does NOT say is asserted as much as what it says
// (a silence after a stop is no hang; RHS ending with its service is no RHS failure; a resource
// failing as its service stops is part of that stop; the survivors' one-off quorum is no loss).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../src/cli/events.ts';
import { insightInput } from '../../src/cli/cluster-output.ts';
import { indexPath } from '../../src/cli/read-file.ts';
import { findAll } from '../../src/insights/rules.ts';
import { rootCause } from '../../src/insights/narrative.ts';
import type { Finding } from '../../src/insights/types.ts';
import { generateSilent } from '../helpers/generate-silent.ts';

const NODES = ['A1', 'A2', 'A3'];
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

type Input = Parameters<typeof findAll>[0];

async function incident(kind: string): Promise<{ findings: Finding[]; truth: { incident: Record<string, unknown> }; input: Input }> {
  const dir = mkdtempSync(join(tmpdir(), `clusterlens-${kind}-`));
  dirs.push(dir);
  await generateSilent(dir, ['--seed', '7', '--names', NODES.join(','), '--dialect', 'w2016', '--encoding', 'utf-8', '--incident', kind, '--size', '150KB']);
  const input = insightInput(eventsOf(NODES.map((n) => indexPath(join(dir, `${n}_cluster.log`)))));
  return { findings: findAll(input), truth: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).scenario, input };
}

const shape = (f: Finding[]) => f.map((x) => `${x.rule} ${x.node ?? ''}`.trim());
const near = (t: number, iso: unknown, ms: number) => Math.abs(t - Date.parse(String(iso))) <= ms;

describe('generated incidents yield exactly their findings', () => {
  it('a healthy cluster: none', async () => {
    const { findings } = await incident('none');
    expect(findings).toEqual([]);
    expect(rootCause(findings)).toBeNull();
  }, 60_000);

  it('a resource failure: failed twice, restarted once in place, then its group failed over', async () => {
    const { findings, truth } = await incident('resource-failure');
    expect(shape(findings)).toEqual(['resource-failure A2', 'group-failover A1']);
    expect(rootCause(findings)?.sentence).toBe('ag1 failed its health check on A2 twice (restarted there once), so ag1 failed over from A2 to A1.');
    expect(findings[0].sentence).toMatch(/^ag1 failed twice on A2 \(IsAlive\) from [\d:.]+ to [\d:.]+; it was restarted there once, then its group failed over to A1 at [\d:.]+\.$/);
    const move = (truth.incident.failovers as Array<{ to: string; at: string }>)[0];
    expect(move.to).toBe('A1');
    expect(near(findings[1].t, move.at, 1000)).toBe(true);
    // Every claim cites lines: the failures, the restart, the move.
    expect(findings[0].evidence.length).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('a resource failure whose failover the policy refuses: its threshold is told, and it stays failed', async () => {
    const { input } = await incident('resource-failure');
    const move = input.events.find((e) => e.kind === 'failover-attempt' && e.fields.group === 'ag1')!;
    // The RCM's refusal in place of the move (formats.md B.4.2: `Not failing over group …, failoverCount …`).
    const refused = { ...move, kind: 'failover-refused', rec: 'group.failover-refused', fields: { group: 'ag1', failoverCount: 3, threshold: 4294967295, computedThreshold: 2 } };
    const events = input.events.filter((e) => !((e.kind === 'failover-attempt' || e.kind === 'group-move') && e.fields.group === 'ag1')).concat(refused).sort((a, b) => a.t - b.t);
    const f = findAll({ ...input, events }).filter((x) => x.rule === 'resource-failure');
    expect(f.map((x) => x.sentence)).toEqual([expect.stringMatching(/; it was restarted there once; the failover was refused by policy at [\d:.]+ \(failoverCount 3, threshold 2\), so it stays failed\.$/)]);
  }, 60_000);

  it('a failed join whose connection the peer did accept: the failure is past the TCP connect', async () => {
    const { input, findings } = await incident('join-blocked');
    const join = findings.find((x) => x.rule === 'join-failed')!;
    // A1 accepting a connection from A2's address during the attempt (an authentication failure, not a firewall).
    const accept = input.events.find((e) => e.node === 'A1' && e.kind === 'tcp-connection' && e.fields.direction === 'accepted' && String(e.fields.remote).startsWith('10.10.20.12:'))!;
    const moved = { ...accept, t: join.t - 3000 };
    const f = findAll({ ...input, events: [...input.events, moved].sort((a, b) => a.t - b.t) }).filter((x) => x.rule === 'join-failed');
    expect(f[0].sentence).toMatch(/; A3's log shows no connection from it in the 22 s before \(its SYNs did not reach it: a firewall or the network\); A1 accepted its connection at [\d:.]+, so the failure is past the TCP connect\.$/);
    expect(f[0].evidence.some((e) => e.node === 'A1' && e.t === moved.t)).toBe(true);
  }, 60_000);

  it('a group left offline at the end: the same failure when the new owner never brings it online', async () => {
    const { input } = await incident('resource-failure');
    // The near miss is the incident itself (ag1 ends online on A1: no finding above); without A1's lines of it coming online, it is left offline.
    const online = (e: Input['events'][number]) => e.node === 'A1' && e.fields.group === 'ag1' && (e.kind === 'group-state') && (e.fields.to ?? 'Online') === 'Online';
    const left = findAll({ ...input, events: input.events.filter((e) => !online(e)) }).filter((f) => f.rule === 'group-left-down');
    expect(left.map((f) => f.sentence)).toEqual([expect.stringMatching(/^ag1 is left (Offline|Pending) at the end of the logs: its last state change was on A[12] at [\d:.]+ \(\w+ → (Offline|Pending)\); no node brought it online after\.$/)]);
  }, 60_000);

  it('an RHS deadlock: the restart\'s Online call hangs 5 min, RHS is terminated, the resource comes back', async () => {
    const { findings } = await incident('rhs-deadlock');
    expect(shape(findings)).toEqual(['resource-failure A2', 'rhs-ended A2']);
    expect(rootCause(findings)?.sentence).toBe('Resource ag1 hung in its ONLINERESOURCE call on A2 past the RHS deadlock timeout, so RHS was terminated and its resources restarted.');
    expect(findings[0].sentence).toMatch(/restarted there twice; it came online again at/);
    expect(findings[1].sentence).toMatch(/^RHS on A2 was terminated at [\d:.]+ \(event 1146\) after resource ag1 deadlocked in its ONLINERESOURCE call \(timed out at [\d:.]+\)/);
    // The deadlock fired 5 min after the failure that started the restart.
    const gap = findings[1].t - findings[0].t;
    expect(gap).toBeGreaterThan(5 * 60_000);
    expect(gap).toBeLessThan(5 * 60_000 + 5_000);
  }, 60_000);

  it('a hung cluster service: silent without a stop, removed when its watchdog ends it, back as a new process', async () => {
    const { findings, truth } = await incident('clussvc-hang');
    expect(shape(findings)).toEqual(['service-hung A2', 'node-removed A2', 'group-failover A1']);
    // The root cause is the hang, not the broken connections the others saw when the watchdog ended it.
    expect(rootCause(findings)).toMatchObject({ sentence: "A2's cluster service hung with no stop logged; the other nodes removed it and failed its groups over, and it came back as a new process.", confidence: 'medium' });
    expect(findings[0].sentence).toMatch(/^A2's cluster service stopped answering at [\d:.]+ with no stop logged: its log is silent for 2\.0 min; A[13] removed it at [\d:.]+; it started again at [\d:.]+ as a new process \(PID \d+, was \d+\)\. Its watchdog: 60 s → BugCheck Node; 60 s → TerminateProcess\.$/);
    expect(findings[1].sentence).toContain('after its log went silent');
    expect(near(findings[1].t, truth.incident.removedAt, 1000)).toBe(true);
  }, 60_000);

  it('a blocked join: stopped, removed, silent while down, then joins time out and the peers saw no connection', async () => {
    const { findings } = await incident('join-blocked');
    expect(shape(findings)).toEqual(['service-stopped A2', 'node-removed A2', 'no-data A2', 'group-failover A1', 'join-failed A2', 'join-failed A2']);
    expect(rootCause(findings)?.sentence).toBe("A2 cannot join: its joins timed out twice and the other nodes' logs show no connection from it (a firewall or the network drops TCP 3343 between them).");
    expect(findings[0].sentence).toMatch(/^The cluster service on A2 stopped at/);
    expect(findings[1].sentence).toContain('after its cluster service stopped');
    for (const j of findings.filter((f) => f.rule === 'join-failed')) {
      expect(j.sentence).toMatch(/\(WSAETIMEDOUT\); A1's log and A3's log show no connection from it/);
    }
  }, 60_000);

  it('a network isolation: each side removes the other after the network loss, quorum lost, the AG fails over, a join times out', async () => {
    const { findings } = await incident('network-isolation');
    expect(shape(findings)).toEqual(['node-removed A1', 'node-removed A3', 'node-removed A2', 'quorum-lost A2', 'service-stopped A2', 'group-failover A1', 'join-failed A2']);
    expect(rootCause(findings)?.sentence).toMatch(/^A2 lost quorum after it was removed from membership, following a network loss: /);
    expect(findings.filter((f) => f.rule === 'node-removed').every((f) => f.sentence.includes('after a network loss'))).toBe(true);
    // What led to the quorum loss: the two removals A2 had just made, the witness, and who was left.
    expect(findings[3].sentence).toMatch(/^A2 lost quorum at [\d:.]+ \(ERROR_CLUSTER_NO_QUORUM\) after removing A[13] and A[13] from its view \([\d:.]+\), because it failed to update witness epoch after node failure; it was left with A2 \(1 node\)\.$/);
  }, 60_000);
});

describe('a starved cluster service on 2003, from the System event log (seeds/003)', () => {
  it('tells ClusNet\'s 1228 with its aftermath on both nodes; the IP conflict alone is its own finding', async () => {
    const { spawnSync } = await import('node:child_process');
    const root = join(import.meta.dirname, '..', '..');
    const dir = mkdtempSync(join(tmpdir(), 'clusterlens-starved-'));
    dirs.push(dir);
    await generateSilent(dir, ['--seed', '7', '--names', NODES.join(','), '--dialect', 'w2003', '--incident', 'clussvc-hang', '--size', '150KB', '--captures']);
    const files = NODES.flatMap((n) => [join(dir, `${n}_cluster.log`), join(dir, `${n}_System.csv`)]);
    const run = (inputs = files) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'report', ...inputs, '--json'], { cwd: root, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout).findings as Finding[];
    };
    const findings = run();
    // The hung node's silence is the 1228's (no separate hang or silence); its removal is by id (2003 logs name no node there).
    expect(shape(findings)).toEqual(['service-starved A2', 'node-removed node 2']);
    expect(rootCause(findings)?.sentence).toBe("A2's cluster service stopped heartbeating and was terminated (event 1228); the failover of its groups and what went wrong with it followed.");
    const s = findings[0];
    expect(s.sentence).toMatch(/^ClusNet on A2 terminated its cluster service at [\d:.]+: it had not heartbeated for 60 s \(event 1228, a hung or starved service\); then .*A1 found an IP address in conflict at [\d:.]+ \(Tcpip 4199: A2 still answered for it\)/);
    expect(s.sentence).toMatch(/ftdisk 57 and Ntfs 50 on A2 from [\d:.]+ \(disks taken without a flush\)/);
    // Each claim cites its event-log row.
    expect(s.evidence.map((e) => e.file.split(/[\\/]/).pop())).toEqual(expect.arrayContaining(['A2_System.csv', 'A1_System.csv']));
    // Without the hung node's event log, A1's 4199 is an IP conflict of its own, and no starvation is claimed.
    const alone = run(files.filter((f) => !f.endsWith('A2_System.csv')));
    expect(alone.filter((f) => f.rule === 'service-starved')).toEqual([]);
    expect(alone.filter((f) => f.rule === 'ip-conflict').map((f) => f.sentence)).toEqual([expect.stringMatching(/^A1 found an IP address in conflict at [\d:.]+ \(Tcpip 4199\)/)]);
  }, 120_000);
});
