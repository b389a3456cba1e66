// Every pattern the parser runs on a line's text (the message catalogue, header lines, section
// markers, severity rules, node evidence) must take time linear in its subject: a crafted or
// merely odd line must never stall a shard. Each pattern is pumped from its own example: a run
// of blanks, delimiters, or a repeat of the example's own text is inserted at every position,
// with and without the rest of the example after it (backtracking blows up where a match
// fails). The patterns run in a worker thread, so that a catastrophic one is stopped and named
// instead of hanging the suite.
//
// Timing is coarse on purpose: every pumped input of 2 Ki characters is timed once; only the
// suspects (over SUSPECT_MS) are timed again at 16 Ki characters, best of three, against
// BOUND_MS. A linear pattern takes well under a millisecond there; a quadratic one about a
// hundred; an exponential one never ends.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './messages/index.ts';
import { HEADER_RULES, LOCAL_TIME_IS_EXAMPLE, RE_LOCAL_TIME_IS } from './header-lines.ts';
import { LOCAL_NODE_NAME_EXAMPLE, RE_LOCAL_NODE_NAME, RE_STARTUP_LOCAL_ID, RE_STARTUP_NODE, STARTUP_EXAMPLES } from './node-evidence.ts';
import { RE_SECTION, SECTION_RULES } from './sections.ts';
import { SEVERITY_RULES } from './severity.ts';

interface Pattern {
  name: string;
  source: string;
  flags: string;
  example: string;
}

const pat = (name: string, re: RegExp, example: string): Pattern => ({ name, source: re.source, flags: re.flags, example });

const PATTERNS: Pattern[] = [
  ...CATALOGUE.map((r) => pat(r.id, r.re, [r.example, ...(r.exampleNext ?? [])].join('\n'))),
  ...HEADER_RULES.map((r) => pat(`header.${r.id}`, r.re, r.example)),
  pat('header.local-time-is', RE_LOCAL_TIME_IS, LOCAL_TIME_IS_EXAMPLE),
  ...SECTION_RULES.map((r) => pat(`section-marker (${r.example})`, RE_SECTION, r.example)),
  ...SECTION_RULES.map((r) => pat(`section.${r.kind} (${r.example})`, r.test, RE_SECTION.exec(r.example)?.[1] ?? r.example)),
  ...SEVERITY_RULES.map((r) => pat(`severity.${r.label}`, r.re, r.example)),
  pat('node.local-node-name', RE_LOCAL_NODE_NAME, LOCAL_NODE_NAME_EXAMPLE),
  pat('node.startup-local-id', RE_STARTUP_LOCAL_ID, STARTUP_EXAMPLES[0]),
  pat('node.startup-node', RE_STARTUP_NODE, STARTUP_EXAMPLES[1]),
];

const SWEEP_CHARS = 2048;
const CHECK_CHARS = 16384;
const SUSPECT_MS = 0.5;
const BOUND_MS = 50;
/** Without a word from the worker for this long, the pattern it is on is catastrophic. */
const STALL_MS = 20_000;

// Plain JavaScript: it runs in a worker thread made from this text.
const WORKER = String.raw`
const { parentPort } = require('node:worker_threads');
const BLANKS_AND_DELIMITERS = [' ', '\t', ':', '.', ',', "'", '\u2019', '(', ')', '<', '>', '[', ']', '/', '-', '=', '+', '_', 'a', '0', ' x'];
function* pumped(ex, n) {
  for (let p = 0; p <= ex.length; p++) {
    const own = [ex[p], ex.slice(p, p + 2), ex.slice(p, p + 6), ex.slice(Math.max(0, p - 12), p)];
    for (const unit of [...BLANKS_AND_DELIMITERS, ...own]) {
      if (!unit) continue;
      const run = unit.repeat(Math.ceil(n / unit.length));
      yield { p, unit, text: ex.slice(0, p) + run + ex.slice(p) };
      yield { p, unit, text: ex.slice(0, p) + run };
    }
  }
}
function time(re, text) {
  const t = performance.now();
  re.lastIndex = 0;
  re.exec(text);
  return performance.now() - t;
}
parentPort.on('message', ({ patterns, sweep, check, suspect, bound }) => {
  let beat = performance.now();
  patterns.forEach((pt, i) => {
    parentPort.postMessage({ type: 'start', i });
    const re = new RegExp(pt.source, pt.flags);
    let worst = { ms: 0, p: -1, unit: '', chars: 0 };
    let subjects = 0;
    for (const s of pumped(pt.example, sweep)) {
      subjects++;
      if (performance.now() - beat > 250) {
        beat = performance.now();
        parentPort.postMessage({ type: 'beat', i });
      }
      if (time(re, s.text) <= suspect) continue;
      // A suspect: the same pump at the larger size, best of three.
      const big = s.text.slice(0, s.p) + s.unit.repeat(Math.ceil(check / s.unit.length)) + s.text.slice(s.p + Math.ceil(sweep / s.unit.length) * s.unit.length);
      const ms = Math.min(time(re, big), time(re, big), time(re, big));
      if (ms > worst.ms) worst = { ms, p: s.p, unit: s.unit, chars: big.length };
      if (ms > bound) break; // one input over the bound is the finding
    }
    parentPort.postMessage({ type: 'done', i, worst, subjects });
  });
});
`;

interface Result {
  name: string;
  worst: { ms: number; p: number; unit: string; chars: number };
  subjects: number;
}

function runAll(patterns: Pattern[], stallMs = STALL_MS): Promise<{ results: Result[]; stalled: string | null }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true });
    const results: Result[] = [];
    let current = -1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void w.terminate();
        resolve({ results, stalled: patterns[current]?.name ?? '(before the first pattern)' });
      }, stallMs);
    };
    w.on('message', (m: { type: string; i: number; worst: Result['worst']; subjects: number }) => {
      if (m.type === 'beat') {
        arm();
        return;
      }
      if (m.type === 'start') {
        current = m.i;
        arm();
        return;
      }
      results.push({ name: patterns[m.i].name, worst: m.worst, subjects: m.subjects });
      if (results.length === patterns.length) {
        clearTimeout(timer);
        void w.terminate();
        resolve({ results, stalled: null });
      }
    });
    w.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    arm();
    w.postMessage({ patterns, sweep: SWEEP_CHARS, check: CHECK_CHARS, suspect: SUSPECT_MS, bound: BOUND_MS });
  });
}

describe('every line pattern runs in time linear in its subject', () => {
  it('pumped examples: no pattern stalls, none exceeds the bound at 16 Ki characters', { timeout: 600_000 }, async () => {
    expect(PATTERNS.length).toBeGreaterThan(CATALOGUE.length);
    const { results, stalled } = await runAll(PATTERNS);
    expect(stalled, `${stalled} did not finish a pumped input within ${STALL_MS / 1000} s (catastrophic backtracking)`).toBeNull();
    expect(results.length).toBe(PATTERNS.length);
    const slow = results.filter((r) => r.worst.ms > BOUND_MS);
    const say = (r: Result) => `${r.name}: ${r.worst.ms.toFixed(1)} ms on ${r.worst.chars} chars (${JSON.stringify(r.worst.unit)} pumped at ${r.worst.p})`;
    expect(slow.map(say), `over ${BOUND_MS} ms`).toEqual([]);
    const slowest = results.reduce((a, b) => (b.worst.ms > a.worst.ms ? b : a));
    const subjects = results.reduce((n, r) => n + r.subjects, 0);
    console.log(`linear patterns: ${results.length} patterns, ${subjects} pumped inputs of ${SWEEP_CHARS} chars; slowest: ${say(slowest)}; bound ${BOUND_MS} ms`);
  });

  it('the check itself catches a quadratic and an exponential pattern', { timeout: 120_000 }, async () => {
    // Two quantifiers over the same blanks: quadratic on a run of blanks with no colon after it.
    const quadratic = pat('quadratic', /^Res (?<resource>\w*)\s*\s*:/, 'Res ag :');
    const exponential = pat('exponential', /^(?:a+)+b$/, 'aaab');
    const q = await runAll([quadratic]);
    expect(q.stalled).toBeNull();
    console.log(`the quadratic sample: ${q.results[0].worst.ms.toFixed(1)} ms`);
    expect(q.results[0].worst.ms).toBeGreaterThan(BOUND_MS);
    const e = await runAll([exponential], 3000);
    expect(e.stalled).toBe('exponential');
  });
});
