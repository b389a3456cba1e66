// The message catalogue's vocabulary (formats.md Part B). Each recognizer is one entry of
// knowledge: the family and kind of event it yields, the line pattern whose named groups
// are the event's fields, how well formats.md verified the text, and a real example line
// that catalogue.test.ts runs. Adding a message form = adding one entry.

/** The seven event families of the timeline, plus `names` (dictionary evidence, not drawn). */
export type Family = 'join' | 'membership' | 'network' | 'resource' | 'group' | 'quorum' | 'service' | 'names';
export const EVENT_FAMILIES = ['join', 'membership', 'network', 'resource', 'group', 'quorum', 'service'] as const;

/** The zone of a time written inside a message: UTC, the node's local time, or not known. */
export type EmbeddedZone = 'utc' | 'local' | 'unknown';

/** formats.md verification tags. [V], [V-doc] and [V-emulation] count as verified. */
export type Verification = 'V' | 'V-doc' | 'I' | 'U';
export const isVerified = (v: Verification): boolean => v === 'V' || v === 'V-doc';

export interface Recognizer {
  /** Stable id, `family.what` (kept stable: permalinks and filters name it). */
  id: string;
  family: Family;
  kind: string;
  /**
   * Component tag the line carries (no brackets, as FileFacts.components holds it), or null
   * for component-less text: event-channel texts, `lost quorum (...)`, `LOG BEGIN`, 2000 free text.
   */
  comp: string | null;
  /** A literal every matching line contains: a cheap test before the pattern runs. */
  anchor: string;
  /** Runs on the whole physical line (or the whole entry when `multiline`); named groups become fields. */
  re: RegExp;
  /**
   * Times written inside the message (`YYYY/MM/DD-HH:MM:SS.mmm`) and the zone each is in: the
   * zone depends on the message, not on the log (formats.md A.6.3). `unknown`: no source says;
   * such a time is shown as written and says so, never converted.
   */
  times?: Readonly<Record<string, EmbeddedZone>>;
  /** Constant fields added to every event of this entry (e.g. `{ state: 'down' }`). */
  fixed?: Readonly<Record<string, string>>;
  /** The field naming the node acted on (an id or a name), when the event is about another node. */
  subject?: string;
  /** The pattern needs the entry's continuation lines (XML block, event text continued), joined by '\n'. */
  multiline?: boolean;
  /** Also tried on the lines inside a multi-line entry (the `<Node .../>` rows of a StartupConfig block). */
  members?: boolean;
  /**
   * The object a numeric `state` field belongs to, for decoding state codes (formats.md A.4):
   * the same number means different things for a resource, a group, a node...
   */
  stateOf?: 'resource' | 'group' | 'node' | 'network' | 'interface';
  verified: Verification;
  /** formats.md section and sources, e.g. `B.1.1 (S1, R1)`. */
  ref: string;
  /** A real line from formats.md (its quoted source), prefix included where formats.md shows one. */
  example: string;
  /** Continuation lines of the example entry (multiline recognizers). */
  exampleNext?: readonly string[];
  /** Fields the example must yield (after FIELD_TYPES conversion); checked by the tests. */
  expect: Readonly<Record<string, unknown>>;
  /** One line for the docs and tooltips: what the event means on the timeline. */
  meaning: string;
}

/**
 * How captured text becomes a field value, by field name. Names not listed stay strings.
 * Declared once so that every recognizer's `peer` is a number and every `joiners` a list.
 */
export const FIELD_TYPES: Readonly<Record<string, 'int' | 'ids' | 'bool'>> = {
  localId: 'int', peer: 'int', status: 'int', code: 'int', state: 'int', secs: 'int', left: 'int',
  pct: 'int', failures: 'int', fromId: 'int', toId: 'int', dest: 'int', failoverCount: 'int', delay: 'int', threshold: 'int',
  computedThreshold: 'int',
  id: 'int', by: 'int', gumId: 'int', updates: 'int', gen: 'int', network: 'int', error: 'int', payload: 'int',
  joiners: 'ids', downers: 'ids', members: 'ids', oldMembers: 'ids', isolated: 'ids', view: 'ids',
  proposedMembers: 'ids', currentMembers: 'ids', set: 'ids', weights: 'ids', fromWeights: 'ids', toWeights: 'ids',
  form: 'bool', joiner: 'bool', steady: 'bool', targeted: 'bool', nodeIsUp: 'bool',
  srcLine: 'int', enabled: 'bool',
};

export type FieldValue = string | number | boolean | number[] | null;

/**
 * Kinds whose events are state changes of an object (a resource, a group, an interface): every
 * one of them carries `from` and `to` state names once materialized (events/materialize.ts),
 * `to` decoded from a numeric `state` where the line writes a code, `from: null` where the line
 * does not say the state left.
 */
export const STATE_KINDS: ReadonlySet<string> = new Set(['resource-state', 'resource-transition', 'resource-reported', 'group-state', 'interface-state']);
export type Fields = Record<string, FieldValue>;

/** Converts one captured group by FIELD_TYPES. Unparseable numbers stay text (nothing is lost). */
export function convertField(name: string, raw: string): FieldValue {
  const t = FIELD_TYPES[name];
  if (t === 'int') {
    const s = raw.trim();
    if (/^-?\d+$/.test(s)) return Number(s);
    if (/^0x[0-9a-f]+$/i.test(s)) return Number.parseInt(s, 16);
    return raw;
  }
  if (t === 'ids') {
    const s = raw.trim();
    return s === '' ? [] : s.split(/[\s,]+/).map(Number);
  }
  if (t === 'bool') return raw === 'true' || raw === '1';
  return raw;
}

/** Named groups of a pattern, in the order they appear (the order captures are stored in). */
export function groupNames(re: RegExp): string[] {
  const out: string[] = [];
  for (const m of re.source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** Quote characters as real files write them and as blogs render them (S1: curly quotes). */
export const Q = "['\u2018\u2019]";
export const NQ = "[^'\u2018\u2019]";
