// The raw log's columns at a given width: the message keeps at least half of the log. The
// narrow columns give way in a fixed order (pid.tid first, then the component, the level, the
// node, the date part of the time), unless the user set them: a width the user dragged and a
// column the user showed stay as they are, a column the user hid stays hidden.

import type { ColumnWidths } from '../state/ui-state.ts';

export type ColumnKey = keyof ColumnWidths;
export const COLUMN_KEYS: readonly ColumnKey[] = ['time', 'node', 'level', 'comp', 'tid'];
export const COLUMN_LABELS: Record<ColumnKey, string> = { time: 'Time', node: 'Node', level: 'Level', comp: 'Component', tid: 'PID.TID' };

/** Default widths in characters of the log font. */
export const FULL_CHARS: ColumnWidths = { time: 23, node: 10, level: 9, comp: 11, tid: 9 };
/** Time of day only (the date is in the cell's tooltip and the details strip). */
const TIME_SHORT_CHARS = 12;
/** The gutter (backwards / unparsed marks) before the columns, in px. */
const GUTTER_PX = 22;

export interface ColumnLayout {
  widths: ColumnWidths;
  hidden: ReadonlySet<ColumnKey>;
  /** The time column shows the time of day only. */
  timeShort: boolean;
  /** What gave way to keep the message at half the width, in words (the header says it). */
  squeezed: string[];
}

export interface ColumnChoices {
  /** Widths the user dragged (px). */
  widths: Partial<ColumnWidths> | null;
  /** Columns the user hid, and columns the user wants shown whatever the width. */
  hidden: readonly ColumnKey[];
  shown: readonly ColumnKey[];
}

/** `fineDigits`: the extra fraction digits some rows' times carry (a Procmon capture's 100 ns: 4). */
export function fitColumns(logWidth: number, charW: number, user: ColumnChoices, fineDigits = 0): ColumnLayout {
  const px = (chars: number) => Math.ceil(chars * charW + 13);
  const widths: ColumnWidths = { time: px(FULL_CHARS.time + fineDigits), node: px(FULL_CHARS.node), level: px(FULL_CHARS.level), comp: px(FULL_CHARS.comp), tid: px(FULL_CHARS.tid) };
  for (const k of COLUMN_KEYS) {
    const w = user.widths?.[k];
    if (typeof w === 'number' && w > 0) widths[k] = w;
  }
  const hidden = new Set<ColumnKey>(user.hidden);
  let timeShort = false;
  const squeezed: string[] = [];
  const fixed = () => GUTTER_PX + COLUMN_KEYS.reduce((s, k) => s + (hidden.has(k) ? 0 : widths[k]), 0);
  const budget = logWidth / 2;
  const free = (k: ColumnKey) => !user.shown.includes(k) && !hidden.has(k) && user.widths?.[k] === undefined;
  const steps: Array<[ColumnKey, () => void, string]> = [
    ['tid', () => hidden.add('tid'), 'PID.TID hidden'],
    ['comp', () => { widths.comp = px(8); }, 'component narrower'],
    ['level', () => { widths.level = px(5); }, 'level narrower'],
    ['node', () => { widths.node = px(8); }, 'node narrower'],
    ['time', () => { widths.time = px(TIME_SHORT_CHARS + fineDigits); timeShort = true; }, 'time of day only'],
    ['comp', () => hidden.add('comp'), 'component hidden'],
  ];
  for (const [k, apply, what] of steps) {
    if (fixed() <= budget) break;
    if (!free(k)) continue;
    apply();
    squeezed.push(what);
  }
  return { widths, hidden, timeShort, squeezed };
}
