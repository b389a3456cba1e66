// Incident insights, first rules (issue 13): the hand-built two-node failover (formats.md's R1
// lines) and the FailoverDetector corpus log yield what an engineer reading them concludes,
// each claim with its file and line; near misses do not fire.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../src/cli/events.ts';
import { insightInput } from '../../src/cli/cluster-output.ts';
import { indexPath } from '../../src/cli/read-file.ts';
import { CATALOGUE } from '../../src/formats/messages/index.ts';
import { generateSilent } from '../helpers/generate-silent.ts';
import { reportMarkdown, rootCause } from '../../src/insights/narrative.ts';
import { findAll, RULES } from '../../src/insights/rules.ts';
import type { InsightInput } from '../../src/insights/types.ts';

const root = join(import.meta.dirname, '..', '..');
const FIX = join(root, 'test', 'fixtures', 'incident-2node');
const CORPUS = join(root, '..', 'shared', 'corpus', 'clusterlog', 'zeroch__FailoverDetector__TestCase_0.txt');

function input(paths: string[], nodes: string[] = []): InsightInput {
  // The events, names and correlated model, as the view worker and the CLI give them to the rules.
  return insightInput(eventsOf(paths.map((p, i) => indexPath(p, nodes[i] ? { node: nodes[i] } : {}))));
}

const twoNode = () => input([join(FIX, 'first', 'Cluster.log'), join(FIX, 'second', 'Cluster.log')], ['SVR12', 'SVR13']);
const at = (iso: string) => Date.parse(`${iso}Z`);

describe('insight rules', () => {
  it('rest on catalogue kinds that exist', () => {
    const kinds = new Set(CATALOGUE.map((r) => r.kind));
    for (const r of RULES) for (const k of r.kinds) expect(kinds.has(k), `${r.id}: ${k}`).toBe(true);
  });

  it('tell the two-node failover: the broken connection, each side removing the other, quorum lost', () => {
    const f = findAll(twoNode());
    expect(f.map((x) => [x.rule, x.node, x.t])).toEqual([
      ['group-failover', 'SVR13', at('2020-05-12T01:17:42.347')],
      ['node-removed', 'SVR12', at('2020-05-12T01:17:48.802')],
      ['node-removed', 'SVR13', at('2020-05-12T01:17:51.909')],
      ['quorum-lost', 'SVR12', at('2020-05-12T01:17:51.909')],
    ]);
    // The NodeDown move writes SVR13 twice: its source is the owner before it (the correlated model's).
    expect(f[0].sentence).toBe('Cluster Group failed over (NodeDown, failover 0) from SVR12 to SVR13 at 01:17:42.347.');
    expect(f[1].sentence).toBe('SVR12 was removed by SVR13 at 01:17:48.802 from membership after a network loss: 1 broken connection (from 01:17:41.900 on SVR12).');
    expect(f[1].evidence.map((e) => `${e.file.split('/').slice(-2).join('/')}:${e.line}`)).toEqual(['second/Cluster.log:16', 'first/Cluster.log:5']);
    // What led to it: the removal SVR12 had just made, and the reason its line gives (the witness).
    expect(f[3].sentence).toBe('SVR12 lost quorum at 01:17:51.909 (ERROR_CLUSTER_NO_QUORUM) after removing SVR13 from its view (01:17:51.909), because it failed to update witness epoch after node failure.');
    expect(f[3].evidence.map((e) => e.line)).toEqual([8, 7]);
    expect(f.every((x) => x.verified)).toBe(true);
    const rc = rootCause(f)!;
    // The removal that explains the loss is SVR12's own (SVR13 cut it off), not the later one SVR12 logged.
    expect(rc.sentence).toBe('SVR12 lost quorum after it was removed from membership, following a network loss: 1 broken connection (from 01:17:41.900 on SVR12).');
    expect(rc.confidence).toBe('medium');
    // Every claim of the report names its file and line.
    const md = reportMarkdown(f);
    for (const line of md.split('\n').filter((l) => l.startsWith('- '))) expect(line).toMatch(/Cluster\.log:\d+/);
  });

  it('find a node\'s log silent inside its span (the demo\'s SQLNODE2, removed and cut off), and none in a log that only ends', () => {
    const demo = ['SQLNODE1', 'SQLNODE2', 'SQLNODE3'].map((n) => join(root, 'public', 'demo', `${n}_cluster.log`));
    const gaps = findAll(input(demo)).filter((f) => f.rule === 'no-data');
    expect(gaps.map((g) => [g.node, g.t, g.t1])).toEqual([['SQLNODE2', at('2024-08-08T06:59:28.414'), at('2024-08-08T07:00:29.236')]]);
    expect(gaps[0].sentence).toMatch(/^SQLNODE2's log is silent for 61 s, from 06:59:28\.414 to 07:00:29\.236, inside its span/);
    expect(gaps[0].evidence.map((e) => e.line).slice(0, 2)).toEqual([1856, 1857]);
    // It follows the service's end on that node (quorum lost), which it cites.
    expect(gaps[0].sentence).toMatch(/inside its span, after its cluster service (stopped|lost quorum) \(06:59:2\d\.\d{3}\)\.$/);
    // The root cause names the node the generator isolated.
    const truth = JSON.parse(readFileSync(join(root, 'public', 'demo', 'manifest.json'), 'utf8')).scenario.incident;
    expect(rootCause(findAll(input(demo)))!.sentence).toMatch(new RegExp(`^${truth.isolatedNode} lost quorum after it was removed from membership, following a network loss`));
    expect(findAll(twoNode()).filter((f) => f.rule === 'no-data')).toEqual([]);
  });

  it('name a quarantine with its failures and its end (the catalogue\'s real line)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clusterlens-insights-'));
    try {
      const path = join(dir, 'ze-2016-v1_cluster.log');
      writeFileSync(path, "[System] 00000844.00000d34::2017/10/23-17:09:06.645 ERR   Cluster node 'ze-2016-v2' has been quarantined.  The node experienced '3' consecutive failures within a short amount of time and has been removed from the cluster to avoid further disruptions. The node will be quarantined until '2017/10/23-17:19:06.645' and then the node will automatically attempt to re-join the cluster.\r\n");
      const q = findAll(input([path])).filter((f) => f.rule === 'quarantine');
      expect(q.map((f) => f.sentence)).toEqual(['ze-2016-v2 was quarantined at 17:09:06.645 after 3 consecutive failures, until 2017/10/23-17:19:06.645.']);
      expect(q[0].evidence[0].line).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('name the failed joins of a generated network isolation with their stage and error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clusterlens-insights-'));
    try {
      await generateSilent(dir, ['--seed', '5', '--nodes', '3', '--names', 'A1,A2,A3', '--dialect', 'w2016', '--encoding', 'utf-8', '--size', '400KB']);
      const truth = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).scenario.incident;
      expect(truth.kind).toBe('network-isolation');
      const f = findAll(input(['A1', 'A2', 'A3'].map((n) => join(dir, `${n}_cluster.log`))));
      const joins = f.filter((x) => x.rule === 'join-failed');
      expect(joins.length).toBeGreaterThan(0);
      // The isolated node's joins fail while it is cut off, before it rejoins.
      for (const j of joins) {
        expect(j.node).toBe(truth.isolatedNode);
        expect(j.t).toBeLessThan(Date.parse(truth.rejoinedAt));
        // One attempt towards both peers, and their side: their logs run, with no connection from A2.
        expect(j.sentence).toMatch(/^A2's join with A[13] and A[13] failed at \d\d:\d\d:\d\d\.\d{3} at stage 'Attempt Initial Connection' \(WSAETIMEDOUT\); A[13]'s log and A[13]'s log show no connection from it in the 22 s before/);
      }
      // And the isolation itself: A2 removed after the network loss, as the manifest says.
      const removal = f.find((x) => x.rule === 'node-removed' && x.node === truth.isolatedNode)!;
      expect(Math.abs(removal.t - Date.parse(truth.removedAt))).toBeLessThan(1000);
      expect(removal.sentence).toContain('after a network loss');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('tell a group\'s failover with the failure in it that caused it (the demo\'s ag1), and a storm of moves', () => {
    const demo = ['SQLNODE1', 'SQLNODE2', 'SQLNODE3'].map((n) => join(root, 'public', 'demo', `${n}_cluster.log`));
    const all = input(demo);
    const f = findAll(all).filter((x) => x.rule === 'group-failover');
    expect(f.map((x) => x.sentence)).toContain('ag1 failed over (NodeDown, failover 1) from SQLNODE2 to SQLNODE1 at 06:59:27.833 after a failure in it (ag1 IsAlive failed at 06:59:27.497 on SQLNODE2).');
    expect(findAll(all).filter((x) => x.rule === 'failover-storm')).toEqual([]);
    // The same move four times back and forth within minutes is a storm; three is not.
    const move = all.events.find((e) => e.kind === 'group-move' && typeof e.fields.moveType === 'string')!;
    const bounce = (n: number) => Array.from({ length: n }, (_, i) => ({ ...move, t: move.t + i * 60_000, fields: { ...move.fields, to: i % 2 ? 'SQLNODE2' : 'SQLNODE1', from: i % 2 ? 'SQLNODE1' : 'SQLNODE2' } }));
    const storm = findAll({ events: bounce(4) }).filter((x) => x.rule === 'failover-storm');
    expect(storm.map((x) => x.sentence)).toEqual(['ag1 moved 4 times in 180 s (SQLNODE1 → SQLNODE2 → SQLNODE1 → SQLNODE2): a failover storm.']);
    expect(findAll({ events: bounce(3) }).filter((x) => x.rule === 'failover-storm')).toEqual([]);
  });

  it('do not fire on a near miss: a broken connection without a removal, a removal without a cause is only medium', () => {
    const all = twoNode();
    const noRemoval = { ...all, events: all.events.filter((e) => e.kind !== 'view-change' && e.kind !== 'node-removed') };
    expect(findAll(noRemoval).filter((x) => x.rule === 'node-removed')).toEqual([]);
    const noCause = { ...all, events: all.events.filter((e) => e.kind !== 'connection-broken') };
    expect(findAll(noCause).filter((x) => x.rule === 'node-removed').map((x) => x.confidence)).toEqual(['medium', 'medium']);
    expect(findAll({ events: [] })).toEqual([]);
    expect(reportMarkdown([])).toContain('No known failure chain was found in these inputs.');
  });

  it.skipIf(!existsSync(CORPUS))('find the removals, the lost quorum and the unexpected shutdown in the FailoverDetector log (../shared)', () => {
    const f = findAll(input([CORPUS]));
    const count = (rule: string) => f.filter((x) => x.rule === rule).length;
    expect(count('node-removed')).toBe(2);
    expect(count('quorum-lost')).toBe(2);
    expect(f.filter((x) => x.rule === 'service-stopped').map((x) => x.sentence)).toEqual([
      expect.stringMatching(/ended unexpectedly at 21:20:11\.441 \(ERROR_CLUSTER_NODE_DOWN\)\.$/),
    ]);
    expect(f.filter((x) => x.rule === 'node-removed').every((x) => x.node === 'ze-2016-v1')).toBe(true);
  });
});

describe('insight rules on real lines (test/fixtures/insights-real)', () => {
  const REAL = join(root, 'test', 'fixtures', 'insights-real');
  it('R17: a resource deadlocked RHS in its Online call', () => {
    const f = findAll(input([join(REAL, 'r17-deadlock.log')], ['TSMNODE']));
    expect(f.map((x) => x.sentence)).toEqual(['Resource TSM-Server-TSM1 deadlocked RHS on TSMNODE at 08:13:01.001 (its ONLINERESOURCE call timed out).']);
    expect(f[0].evidence.map((e) => e.line)).toEqual([2, 3]);
    expect(f[0].verified).toBe(true);
  });
  it('R2: one IsAlive failure, and nothing said of a restart', () => {
    const f = findAll(input([join(REAL, 'r2-isalive.log')], ['SQLA']));
    expect(f.map((x) => [x.rule, x.sentence])).toEqual([['resource-failure', 'ag failed once on SQLA (IsAlive) at 13:27:41.121; it was not restarted there; it is not seen online again in these logs.']]);
  });
});

describe('clusterlens report', () => {
  it('prints the narrative as Markdown, and the findings as JSON with --json', async () => {
    const { spawnSync } = await import('node:child_process');
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
    const files = [join(FIX, 'first', 'Cluster.log'), join(FIX, 'second', 'Cluster.log'), '--node', 'SVR12', '--node', 'SVR13'];
    const md = cli('report', ...files);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('**Root cause (medium confidence):** SVR12 lost quorum after it was removed from membership');
    expect(md.stdout).toMatch(/- SVR12 lost quorum at 01:17:51\.909 \(ERROR_CLUSTER_NO_QUORUM\) after removing SVR13 .* — high confidence; .*first\/Cluster\.log:8/);
    const json = JSON.parse(cli('report', ...files, '--json').stdout);
    expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(['group-failover', 'node-removed', 'node-removed', 'quorum-lost']);
    expect(json.rootCause.confidence).toBe('medium');
    // R1's two halves hold no connection pair: the clocks are unknown, said as such (null for an open side).
    expect(json.clocks.reference).toBeNull();
    expect(json.clocks.nodes.every((n: { lo: null; hi: null }) => n.lo === null && n.hi === null)).toBe(true);
    // The demo's SQLNODE3 runs 350 ms ahead (its manifest): the report gives the interval and its lines.
    const demo = cli('report', ...['SQLNODE1', 'SQLNODE2', 'SQLNODE3'].map((n) => join(root, 'public', 'demo', `${n}_cluster.log`)));
    const line = demo.stdout.split('\n').find((l) => l.startsWith('- SQLNODE3: '))!;
    const [lo, hi] = [...line.matchAll(/([+−±])(\d+) ms/g)].slice(0, 2).map((m) => (m[1] === '−' ? -1 : 1) * Number(m[2]));
    expect(lo).toBeLessThanOrEqual(350);
    expect(hi).toBeGreaterThanOrEqual(350);
    expect(hi - lo).toBeLessThanOrEqual(50);
    expect(line).toMatch(/SQLNODE\d_cluster\.log:\d+ before .*SQLNODE3_cluster\.log:\d+/);
  }, 60_000);
});
