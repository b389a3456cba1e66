// The rules (issue 13), declared once as data: what each detects over the recognized events and
// the correlated model, its explanation, the evidence it cites, its confidence, and whether the
// message texts it rests on are verified. Grouped by what they are about (rules/).

import type { Finding, InsightInput, Rule } from './types.ts';
import { MEMBERSHIP_RULES } from './rules/membership.ts';
import { RESOURCE_RULES } from './rules/resources.ts';
import { SERVICE_RULES } from './rules/service.ts';
import { EVENTLOG_RULES } from './rules/eventlog.ts';

export { evidenceOf, eventsBetween } from './rules/helpers.ts';
export { CAUSE_WINDOW_MS } from './rules/membership.ts';

export const RULES: readonly Rule[] = [...RESOURCE_RULES, ...MEMBERSHIP_RULES, ...SERVICE_RULES, ...EVENTLOG_RULES];

/** Every rule's findings, in time order. */
export function findAll(input: InsightInput, rules: readonly Rule[] = RULES): Finding[] {
  return rules.flatMap((r) => r.detect(input)).sort((a, b) => a.t - b.t || a.rule.localeCompare(b.rule));
}
