// The redaction the user chose for what leaves the tab (issue 12): one choice for the case file,
// every export and copied text, and one Redactor for the tab's session, so that a value gets the
// same token in all of them (HOST-1 in the case file is HOST-1 in an export and a copied line).
// The map of values to tokens stays in this tab.

import { create } from 'zustand';
import { patternProblem, Redactor, REDACT_CATEGORIES, type RedactCategory, type RedactOptions } from '../share/redact.ts';
import { useSnap } from './snapshot-store.ts';

interface RedactionState {
  on: boolean;
  categories: RedactCategory[];
  /** The user's patterns, one per line. */
  patterns: string;
  set: (p: Partial<Omit<RedactionState, 'set'>>) => void;
}

export const useRedaction = create<RedactionState>()((set) => ({
  on: false,
  categories: [...REDACT_CATEGORIES],
  patterns: '',
  set: (p) => set(p),
}));

/** The chosen redaction's options (null: off); throws with the first pattern that cannot be used. */
export function redactOptions(): RedactOptions | null {
  const d = useRedaction.getState();
  if (!d.on) return null;
  const patterns = d.patterns.split('\n').map((p) => p.trim()).filter(Boolean);
  for (const p of patterns) {
    const why = patternProblem(p);
    if (why) throw new Error(why);
  }
  const snap = useSnap.getState().snap;
  const hosts = new Set<string>();
  for (const n of snap.nodes) hosts.add(n.name);
  for (const f of snap.files) if (f.facts.node) hosts.add(f.facts.node);
  const categories = patterns.length ? [...new Set([...d.categories, 'patterns' as const])] : d.categories.filter((c) => c !== 'patterns');
  return { categories, hosts: [...hosts].sort(), patterns };
}

let cached: { key: string; r: Redactor } | null = null;

/** The session's Redactor for the chosen options (null: redaction is off). Throws on a bad pattern. */
export function sessionRedactor(): Redactor | null {
  const o = redactOptions();
  if (!o) return null;
  const key = JSON.stringify(o);
  if (cached?.key !== key) cached = { key, r: new Redactor(o) };
  return cached.r;
}

/** Text about to leave the tab (a copied line), masked when redaction is on (as it is if a pattern is unusable: nothing unmasked leaves). */
export function redactOutgoing(text: string): string {
  try {
    return sessionRedactor()?.text(text) ?? text;
  } catch {
    return new Redactor({ categories: REDACT_CATEGORIES.filter((c) => c !== 'patterns'), hosts: [], patterns: [] }).text(text);
  }
}

/** The categories and their names, for the dialogs. */
export { CATEGORY_LABELS, REDACT_CATEGORIES, type Masked } from '../share/redact.ts';
