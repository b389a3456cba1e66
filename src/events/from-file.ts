// Extraction over a whole in-memory file (CLI, tests): the same extractor the shards run.

import type { IndexedFile } from '../ingest/index.ts';
import { CATALOGUE, type Fields } from '../formats/messages/index.ts';
import { FileEvents } from './columns.ts';
import { EventExtractor } from './extract.ts';
import { fieldsOf } from './fields.ts';

export function extractFile(file: IndexedFile, ex = new EventExtractor()): FileEvents {
  const c = file.columns;
  ex.run({
    count: c.length, comp: c.comp, flags: c.flags, thread: c.thread, pids: file.threads.pid,
    components: file.facts.components, sections: file.facts.sections, text: (i) => file.lineText(i), offsetOf: (i) => c.offset[i],
    locate: (i, at) => {
      const b = file.range(c.offset[i], i + 1 < c.length ? c.offset[i + 1] : file.facts.size);
      at.from = 0;
      at.to = b.length;
      return b;
    },
    encoding: file.facts.encoding,
  }, true);
  const ev = new FileEvents();
  const chunk = ex.take();
  if (chunk) ev.add(chunk);
  return ev;
}

/** Every recognized event of a file with its recognizer id, 0-based line and fields. */
export function extractAll(file: IndexedFile): Array<{ rec: string; line: number; fields: Fields }> {
  const ev = extractFile(file);
  const out = [];
  for (let i = 0; i < ev.length; i++) out.push({ rec: CATALOGUE[ev.rec.data[i]].id, line: ev.line.data[i], fields: fieldsOf(ev, i) });
  return out;
}
