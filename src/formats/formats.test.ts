// Every knowledge table entry carries an example; these tests run them.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from './dialects.ts';
import { applyHeaderLine, HEADER_RULES, LOCAL_TIME_IS_EXAMPLE, RE_LOCAL_TIME_IS } from './header-lines.ts';
import { LOCAL_NODE_NAME_EXAMPLE, nodeFromFileName, nodeFromFolder, PATH_EXAMPLES, RE_LOCAL_NODE_NAME, RE_STARTUP_LOCAL_ID, RE_STARTUP_NODE, STARTUP_EXAMPLES } from './node-evidence.ts';
import { RE_SECTION, SECTION_RULES, sectionKind } from './sections.ts';
import { SEVERITY_RULES, severityFromText } from './severity.ts';
import { indexBytes } from '../ingest/index.ts';

describe('knowledge tables run their examples', () => {
  it.each(SECTION_RULES.map((r) => [r.example, r]))('section %s', (example, r) => {
    const m = RE_SECTION.exec(example as string);
    expect(m).not.toBeNull();
    expect(sectionKind(m![1])).toBe((r as (typeof SECTION_RULES)[number]).kind);
  });
  it.each(HEADER_RULES.map((r) => [r.id, r]))('header line %s', (_id, r) => {
    const rule = r as (typeof HEADER_RULES)[number];
    const facts = {};
    expect(applyHeaderLine(rule.example, facts)).toBe(true);
    expect(rule.re.test(rule.example)).toBe(true);
  });
  it('the 2016 offset line gives local minus UTC (420 minutes -> -420)', () => {
    const facts: { utcOffsetMinutes?: number } = {};
    applyHeaderLine(HEADER_RULES.find((r) => r.id === 'tz-offset')!.example, facts);
    expect(facts.utcOffsetMinutes).toBe(-420);
  });
  it('Local Time is, node evidence', () => {
    expect(RE_LOCAL_TIME_IS.exec(LOCAL_TIME_IS_EXAMPLE)?.[4]).toBe('15');
    expect(RE_LOCAL_NODE_NAME.exec(LOCAL_NODE_NAME_EXAMPLE)?.[1]).toBe('NODE1');
    expect(RE_STARTUP_LOCAL_ID.exec(STARTUP_EXAMPLES[0])?.[1]).toBe('1');
    expect(RE_STARTUP_NODE.exec(STARTUP_EXAMPLES[1])?.[1]).toBe('2012R2Node1');
  });
  it.each(PATH_EXAMPLES.map((e) => [e.path, e]))('node from path %s', (_p, e) => {
    const x = e as (typeof PATH_EXAMPLES)[number];
    const got = x.from === 'folder' ? nodeFromFolder(x.path) : nodeFromFileName(x.path.split('/').pop()!);
    expect(got).toBe(x.node);
  });
  it.each(SEVERITY_RULES.map((r) => [r.label, r]))('severity rule: %s', (_l, r) => {
    const rule = r as (typeof SEVERITY_RULES)[number];
    expect(severityFromText(rule.example)).toBe(rule.severity);
    // Each example matches exactly one rule.
    expect(SEVERITY_RULES.filter((x) => x.re.test(rule.example)).length).toBe(1);
  });
  it.each(Object.values(DIALECTS).flatMap((d) => d.samples.map((s) => [d.id, s])))('dialect %s sample parses as a record', (id, sample) => {
    const f = indexBytes(new TextEncoder().encode(`${sample}\n`), { month: '1999-03' });
    expect(f.facts.buckets.parsed).toBe(1);
    if (id === 'nt4') expect(f.facts.dialect).toBe('nt4');
  });
});
