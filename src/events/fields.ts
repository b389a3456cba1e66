// Field values of one stored event, converted by FIELD_TYPES (the recognizer's fixed fields included).

import { CATALOGUE, convertField, groupNames, type Fields } from '../formats/messages/index.ts';
import type { FileEvents } from './columns.ts';

const GROUPS: readonly string[][] = CATALOGUE.map((r) => groupNames(r.re));

export function fieldsOf(ev: FileEvents, i: number): Fields {
  const k = ev.rec.data[i];
  const r = CATALOGUE[k];
  const out: Fields = {};
  if (r.fixed) for (const [name, v] of Object.entries(r.fixed)) out[name] = convertField(name, v);
  const names = GROUPS[k];
  for (let g = 0; g < names.length; g++) {
    const v = ev.value(i, g);
    if (v !== undefined) out[names[g]] = convertField(names[g], v);
  }
  return out;
}
