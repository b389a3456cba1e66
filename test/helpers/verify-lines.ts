// Independent check of rendered lines against their truths: re-derives bucket, written time,
// level and component from the TEXT with formats.md's regexes (A.0, A.6.2, A.7) and the bucket
// rules of the project, then reports every disagreement. Used by tests; handy for debugging.

import type { GenDialect } from '../../src/generator/model.ts';
import type { RenderedLine } from '../../src/generator/render.ts';
import { componentOf } from '../../src/generator/template-fill.ts';

const RE_VIEWER = /^\s*\d+\s+(?=(?:\[(?:System|Operational|Verbose)\]\s+)?[0-9A-Fa-f]{1,8}(?:\.[0-9A-Fa-f]{1,8})?::)/;
const RE_RECORD = /^(?:\[(System|Operational|Verbose)\]\s+)?([0-9A-Fa-f]{1,8})\.([0-9A-Fa-f]{1,8})::(\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2}):(\d{2})\.(\d{3})(?:\s+(INFO|WARN|ERR|DBG))?(?=\s|$)\s?(.*)$/;
const RE_NT4 = /^([0-9a-f]{1,8})::(\d{2})-(\d{2}):(\d{2}):(\d{2})\.(\d{3})\s(.*)$/;
const RE_SECTION = /^\[===\s*(.+?)\s*===\]\s*$/;
const CHANNEL_SECTIONS = /^(System|Microsoft-Windows-FailoverClustering\/Operational logs|Microsoft-Windows-FailoverClustering\/DiagnosticVerbose|Microsoft-Windows-ClusterAwareUpdating.*)$/;

export interface CheckContext {
  dialect: GenDialect;
  pasted: boolean;
  node: string;
  /** `YYYY-MM` for NT4 logs (they carry only the day of month). */
  month?: string;
}

interface Derived {
  bucket: RenderedLine['truth']['bucket'];
  writtenMs: number | null;
  level: string | null;
  component: string | null;
}

export class LineChecker {
  private section: string | null = null;
  private lastRecordInSection = false;
  private lastMs = -Infinity;
  readonly problems: string[] = [];
  private index = 0;

  constructor(private readonly ctx: CheckContext) {}

  private derive(text: string): Derived {
    const none = (bucket: Derived['bucket']): Derived => ({ bucket, writtenMs: null, level: null, component: null });
    const sec = RE_SECTION.exec(text);
    if (sec) {
      this.section = sec[1];
      this.lastRecordInSection = false;
      this.lastMs = -Infinity;
      return none('structural');
    }
    if (text.trim() === '') return none('blank');
    const body = text.replace(RE_VIEWER, '');
    const m = RE_RECORD.exec(body);
    if (m) {
      const [y, mo, d, h, mi, s, ms] = m.slice(4, 11).map(Number);
      return { bucket: 'parsed', writtenMs: Date.UTC(y, mo - 1, d, h, mi, s, ms), level: m[11] ?? null, component: componentOf(m[12].trimStart()) };
    }
    const n = this.ctx.dialect === 'nt4' ? RE_NT4.exec(body) : null;
    if (n && this.ctx.month) {
      const [y, mo] = this.ctx.month.split('-').map(Number);
      const [d, h, mi, s, ms] = n.slice(2, 7).map(Number);
      return { bucket: 'parsed', writtenMs: Date.UTC(y, mo - 1, d, h, mi, s, ms), level: null, component: componentOf(n[7].trimStart()) };
    }
    const inChannel = this.section !== null && CHANNEL_SECTIONS.test(this.section);
    const inStructural = this.section !== null && !inChannel && this.section !== 'Cluster Logs';
    if (inStructural) return none('structural');
    const looseText = inChannel || ['w2000', 'w2003', 'nt4'].includes(this.ctx.dialect) || this.ctx.pasted;
    return none(looseText && this.lastRecordInSection ? 'continuation' : 'unparsed');
  }

  check(line: RenderedLine): void {
    const i = this.index++;
    const d = this.derive(line.text);
    const t = line.truth;
    const bad = (what: string, want: unknown, got: unknown): void => {
      if (this.problems.length < 50) this.problems.push(`line ${i + 1} ${what}: truth ${JSON.stringify(got)} vs text ${JSON.stringify(want)} | ${line.text.slice(0, 160)}`);
    };
    if (t.node !== this.ctx.node) bad('node', this.ctx.node, t.node);
    if (d.bucket !== t.bucket) bad('bucket', d.bucket, t.bucket);
    if (d.writtenMs !== t.writtenMs) bad('writtenMs', d.writtenMs, t.writtenMs);
    if (d.level !== t.level) bad('level', d.level, t.level);
    if (d.component !== t.component) bad('component', d.component, t.component);
    if (d.bucket === 'parsed') {
      this.lastRecordInSection = true;
      if (d.writtenMs !== null) {
        if (d.writtenMs < this.lastMs) bad('time order', `>= ${this.lastMs}`, d.writtenMs);
        this.lastMs = d.writtenMs;
      }
    }
  }
}

export function checkLines(lines: Iterable<RenderedLine>, ctx: CheckContext): { problems: string[]; lines: number } {
  const c = new LineChecker(ctx);
  let n = 0;
  for (const l of lines) {
    c.check(l);
    n++;
  }
  return { problems: c.problems, lines: n };
}
