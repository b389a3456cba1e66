import { describe, expect, it } from 'vitest';
import { buildScenario } from './scenario.ts';
import { renderNodeLog, type RenderOptions } from './render.ts';
import { checkLines } from '../../test/helpers/verify-lines.ts';
import { defaultStartFor } from './presets.ts';
import { GEN_DIALECTS, type GenDialect } from './model.ts';
import { yearMonth } from './clock.ts';
import { TEMPLATES } from './templates.ts';

const scenarioFor = (dialect: GenDialect, extra = {}) =>
  buildScenario({ seed: 11, start: defaultStartFor(dialect), steadyStateMs: 60_000, clockOffsetsMs: [0, -250, 420], ...extra });

describe('rendered lines and their truths', () => {
  for (const dialect of GEN_DIALECTS) {
    for (const pasted of [false, true]) {
      it(`${dialect}${pasted ? ' pasted' : ''}: truths match the text, times never go back within a section`, () => {
        const s = scenarioFor(dialect);
        for (let i = 0; i < s.nodes.length; i++) {
          const { problems, lines } = checkLines(renderNodeLog(s, i, { dialect, pasted }), {
            dialect, pasted, node: s.nodes[i].name, month: yearMonth(s.start + s.nodes[i].clockOffsetMs),
          });
          expect(problems).toEqual([]);
          expect(lines).toBeGreaterThan(100);
        }
      });
    }
  }

  it('w2016 in local time: header says so, stamps are shifted by the zone offset', () => {
    const s = scenarioFor('w2016', { utcOffsetMinutes: -420 });
    const utc = [...renderNodeLog(s, 0, { dialect: 'w2016' })];
    const local = [...renderNodeLog(s, 0, { dialect: 'w2016', localTime: true })];
    expect(local.map((l) => l.text)).toContain('The logs were generated using local time');
    expect(utc.map((l) => l.text)).not.toContain('The logs were generated using local time');
    expect(utc.map((l) => l.text)).toContain('UTC = localtime + time zone offset; the time zone offset of this machine is 420 minutes, or 7 hours');
    const a = utc.filter((l) => l.truth.writtenMs !== null).map((l) => l.truth.writtenMs!);
    const b = local.filter((l) => l.truth.writtenMs !== null).map((l) => l.truth.writtenMs!);
    expect(b.length).toBe(a.length);
    expect(b.every((v, i) => v === a[i] - 420 * 60_000)).toBe(true);
    expect(() => renderNodeLog(s, 0, { dialect: 'w2000', localTime: true } as RenderOptions)).toThrow();
  });

  it('w2016 has the sections in Get-ClusterLog order with [=== Cluster Logs ===] last', () => {
    const s = scenarioFor('w2016');
    const markers = [...renderNodeLog(s, 1, { dialect: 'w2016' })].map((l) => l.text).filter((t) => t.startsWith('[==='));
    expect(markers[0]).toBe('[=== Cluster ===]');
    expect(markers.at(-1)).toBe('[=== Cluster Logs ===]');
    for (const m of ['[=== Resources ===]', '[=== Groups ===]', '[=== Nodes ===]', '[=== Networks ===]', '[=== System ===]',
      '[=== Microsoft-Windows-FailoverClustering/Operational logs ===]', '[=== Microsoft-Windows-FailoverClustering/DiagnosticVerbose ===]']) {
      expect(markers).toContain(m);
    }
    expect(markers.indexOf('[=== System ===]')).toBeLessThan(markers.indexOf('[=== Microsoft-Windows-FailoverClustering/DiagnosticVerbose ===]'));
  });

  it('the incident is told on every node (w2016)', () => {
    const s = scenarioFor('w2016');
    const text = (i: number) => [...renderNodeLog(s, i, { dialect: 'w2016' })].map((l) => l.text).join('\n');
    const [n1, n2, n3] = [0, 1, 2].map(text);
    expect(n1).toMatch(/\[RCM\] move of group ag1 from SQLNODE2\(2\) to SQLNODE1\(1\) of type MoveType::NodeDown is about to succeed, failoverCount=1, lastFailoverTime=\d{4}\/\d\d\/\d\d-\d\d:\d\d:\d\d\.\d{3} targeted=false/);
    expect(n1).toMatch(/\[CORE\] Node 1: New View is <ViewChanged joiners=\(\) downers=\(2\) newView=\d+01\(1 3\)/);
    expect(n3).toMatch(/\[CORE\] Node 3: New View is <ViewChanged joiners=\(\) downers=\(2\)/);
    expect(n1).toContain("DBG   Cluster node 'SQLNODE2' was removed from the active failover cluster membership.");
    expect(n1).toContain('[RCM] Handling downed nodes (2). Nodes in isolated state ()');
    expect(n1).toMatch(/\[QUORUM\] Node 1: death timer is started at .* and expires in 90 seconds/);
    expect(n2).toContain('[QUORUM] Node 2: Lost quorum (2)');
    expect(n2).toContain('WARN  lost quorum (status = 5925), executing OnStop');
    expect(n2).toContain('WARN  [RHS] Cluster service has terminated. Cluster.Service.Running.Event got signaled.');
    expect(n2.match(/---\+ LOG BEGIN \+---/g)).toHaveLength(2);
    expect(n2).toMatch(/stage: 'Attempt Initial Connection' status \(10060\)/);
    expect(n2.match(/\[RHS\] Initializing\./g)).toHaveLength(2);
  });

  it('embedded lastFailoverTime is the local time of the node', () => {
    const s = scenarioFor('w2016', { utcOffsetMinutes: -420 });
    const ag = s.groups.find((g) => g.name === 'ag1')!;
    const line = [...renderNodeLog(s, 0, { dialect: 'w2016' })].find((l) => l.text.includes('move of group ag1'))!;
    const m = /lastFailoverTime=(\d{4})\/(\d\d)\/(\d\d)-(\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(line.text)!;
    const written = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]);
    expect(written).toBe(ag.lastFailoverAt! + s.nodes[0].clockOffsetMs - 420 * 60_000);
  });

  it('pasted text has viewer numbers (left and right aligned), curly quotes and typographic dashes', () => {
    const s = scenarioFor('w2016', { steadyStateMs: 5 * 60_000 });
    const texts = [...renderNodeLog(s, 0, { dialect: 'w2016', pasted: true })].map((l) => l.text);
    expect(texts.some((t) => /^\d+ 0000/.test(t))).toBe(true);
    expect(texts.some((t) => /^ +\d+ 0000/.test(t))).toBe(true);
    expect(texts.some((t) => /^\d+ \[System\] /.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('—————————–+ LOG BEGIN +—————————–'))).toBe(true);
    expect(texts.some((t) => t.includes('stage: ‘Join Succeeded’'))).toBe(true);
    expect(texts.some((t) => t.includes("'"))).toBe(false);
  });

  it('a rendered message keeps the component of its template', () => {
    // The truth takes components from templates; that is only right when the tag is literal text.
    for (const tpl of TEMPLATES) expect(tpl.template.startsWith('{'), tpl.id).toBe(false);
  });
});

describe('background traffic', () => {
  it('stays in time order across service stops and restarts, for many seeds', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const s = buildScenario({ seed, steadyStateMs: 20_000, noiseRate: 40 });
      const { problems } = checkLines(renderNodeLog(s, 1, { dialect: 'w2008' }), { dialect: 'w2008', pasted: false, node: s.nodes[1].name });
      expect(problems, `seed ${seed}`).toEqual([]);
    }
  });
});
