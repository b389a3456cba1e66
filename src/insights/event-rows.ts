// The rows of imported event logs the rules read (issue 13): the ones EVENT_NAMES names, which
// the capture indexer keeps by line, placed on the UTC axis by the capture's alignment.

import { EVENT_NAMES } from '../formats/captures.ts';
import { toUtcShift } from '../ingest/timebase.ts';
import type { FileFacts } from '../ingest/types.ts';
import type { EventLogRow } from './types.ts';

export interface CaptureColumns {
  id: number;
  facts: FileFacts;
  /** The capture's written times per line. */
  ts: ArrayLike<number>;
}

export function eventLogRows(captures: readonly CaptureColumns[]): EventLogRow[] {
  const out: EventLogRow[] = [];
  for (const c of captures) {
    const named = c.facts.capture?.namedRows;
    if (!named?.length) continue;
    const shift = toUtcShift(c.facts.timeBase);
    for (const [line, k] of named) {
      const ev = EVENT_NAMES[k];
      if (!ev || line >= c.ts.length) continue;
      out.push({ fileId: c.id, file: c.facts.path, line: line + 1, t: c.ts[line] + shift, node: c.facts.nodeLabel, provider: ev.provider, id: ev.id, name: ev.name });
    }
  }
  return out.filter((r) => Number.isFinite(r.t)).sort((a, b) => a.t - b.t);
}
