// `events` verb and the event parts of `summary`: the same extraction, names, codes and
// correlation the browser runs, printed as JSON lines (schema in docs/events.md).

import { isoUtc } from '../base/civil.ts';
import { EVENT_FAMILIES } from '../formats/messages/types.ts';
import { FileEvents } from '../events/columns.ts';
import { extractFile } from '../events/from-file.ts';
import { materializeFile, type EventFile } from '../events/materialize.ts';
import { buildNames, type NameDictionary } from '../events/names.ts';
import { applyNodeGuess, labelNodes } from '../events/node-guess.ts';
import { settleFiles } from '../events/settle.ts';
import { applyTimeBaseProposal } from '../events/timebase-evidence.ts';
import type { ClusterEvent } from '../events/types.ts';
import type { IndexedFile } from '../ingest/index.ts';

export interface CliEvents {
  files: EventFile[];
  names: NameDictionary;
  /** Every event of every file, in time order. */
  events: ClusterEvent[];
}

export function eventsOf(indexed: readonly IndexedFile[]): CliEvents {
  const files: EventFile[] = indexed.map((f, i) => ({
    id: i + 1, path: f.facts.path, facts: f.facts, ts: f.columns.ts, flags: f.columns.flags, level: f.columns.level,
    // A capture's rows are no catalogue messages.
    events: f.facts.capture ? new FileEvents() : extractFile(f),
  }));
  const names = buildNames(files);
  // What the files' own lines say of their nodes and time bases, as the view worker settles it.
  const found = settleFiles(files, names);
  files.forEach((f, i) => {
    applyNodeGuess(f.facts, found[i].node);
    applyTimeBaseProposal(f.facts, found[i].timeBase);
  });
  const labels = labelNodes(files.map((f, i) => ({ id: f.id, facts: f.facts, guess: found[i].node })));
  for (const f of files) f.facts.nodeLabel = labels.get(f.id) ?? f.facts.nodeLabel;
  const events = files.flatMap((f) => materializeFile(f, names));
  events.sort((a, b) => ((a.t === a.t ? a.t : -Infinity) - (b.t === b.t ? b.t : -Infinity)) || a.ref.fileId - b.ref.fileId || a.ref.line - b.ref.line);
  return { files, names, events };
}

/** Keys of the printed object that event fields must not overwrite. */
const RESERVED = new Set(['t', 'node', 'subject', 'subjects', 'family', 'kind', 'file', 'line', 'offset', 'verified', 'rec', 'channel', 'pid', 'codeName', 'codeMeaning', 'stateName']);

/** One event as the flat JSON object the CLI prints (docs/events.md). */
export function eventRecord(e: ClusterEvent): Record<string, unknown> {
  const o: Record<string, unknown> = { t: e.t === e.t ? isoUtc(e.t) : null, node: e.node };
  if (e.subject !== undefined) o.subject = e.subject;
  if (e.subjects) o.subjects = e.subjects;
  o.family = e.family;
  o.kind = e.kind;
  o.file = e.ref.file;
  o.line = e.ref.line + 1;
  o.offset = e.ref.offset;
  o.verified = e.verified;
  o.rec = e.rec;
  if (e.channel) o.channel = e.channel;
  if (e.pid >= 0) o.pid = e.pid;
  for (const [k, v] of Object.entries(e.fields)) {
    if (k === 'localId') continue; // the observer's own id: `node` says it
    if (RESERVED.has(k)) {
      if (v !== e.subject) o[`${k}Field`] = v;
      continue;
    }
    o[k] = v;
  }
  const status = e.codes.find((c) => c.field !== 'state');
  if (status) {
    o.code = status.info.code;
    o.codeName = status.info.name;
    o.codeMeaning = status.info.meaning;
  }
  const state = e.codes.find((c) => c.field === 'state');
  if (state) o.stateName = state.info.name;
  for (const tm of e.times) {
    o[`${tm.field}Utc`] = tm.utc === null ? null : isoUtc(tm.utc);
    o[`${tm.field}Note`] = tm.note;
  }
  return o;
}

/** Event counts per family for one file (the `summary` verb). */
export function familyCounts(events: readonly ClusterEvent[], fileId: number): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(EVENT_FAMILIES.map((f) => [f, 0]));
  for (const e of events) if (e.ref.fileId === fileId) out[e.family]++;
  return out;
}
