// The naive search baseline of the bench (T10, T11): what a first version would do with the
// lines of perf.md's naive parse kept as strings — one test per line string. The files are
// decoded and split before the clock starts (the product's bytes are resident too); only the
// scan over the lines is timed, in this one worker (the product searches with every shard).

import type { SearchSpec } from '../src/engine/api.ts';
import { median } from './report.ts';

export interface NaiveSearchRequest {
  files: File[];
  specs: { id: string; spec: SearchSpec }[];
  runs: number;
}

export interface NaiveSearchResult {
  lines: number;
  /** Per spec: the median of the runs (ms), every run, and the hits (a check against the product's). */
  bySpec: Record<string, { medianMs: number; allMs: number[]; hits: number }>;
  error?: string;
}

function matcher(spec: SearchSpec): (line: string) => boolean {
  if (spec.regex) {
    const re = new RegExp(spec.text, spec.caseSensitive ? '' : 'i');
    return (line) => re.test(line);
  }
  if (spec.caseSensitive) return (line) => line.includes(spec.text);
  const lower = spec.text.toLowerCase();
  return (line) => line.toLowerCase().includes(lower);
}

async function linesOf(file: File): Promise<string[]> {
  const enc = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const td = new TextDecoder(enc[0] === 0xff && enc[1] === 0xfe ? 'utf-16le' : 'utf-8');
  const out: string[] = [];
  let carry = '';
  for (let o = 0; o < file.size; o += 16 << 20) {
    const last = o + (16 << 20) >= file.size;
    const parts = (carry + td.decode(await file.slice(o, o + (16 << 20)).arrayBuffer(), { stream: !last })).split(/\r?\n/);
    carry = last ? '' : (parts.pop() as string);
    for (const p of parts) out.push(p);
  }
  if (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

self.onmessage = async (e: MessageEvent<NaiveSearchRequest>) => {
  const { files, specs, runs } = e.data;
  const res: NaiveSearchResult = { lines: 0, bySpec: {} };
  try {
    const all: string[][] = [];
    for (const f of files) all.push(await linesOf(f));
    res.lines = all.reduce((a, l) => a + l.length, 0);
    for (const { id, spec } of specs) {
      const test = matcher(spec);
      const ms: number[] = [];
      let hits = 0;
      // One warm-up, then the timed runs.
      for (let r = 0; r <= runs; r++) {
        const t0 = performance.now();
        hits = 0;
        for (const lines of all) for (let i = 0; i < lines.length; i++) if (test(lines[i])) hits++;
        if (r > 0) ms.push(performance.now() - t0);
      }
      res.bySpec[id] = { medianMs: median(ms), allMs: ms.map((x) => +x.toFixed(1)), hits };
    }
  } catch (err) {
    res.error = (err as Error).stack ?? String(err);
  }
  (self as unknown as Worker).postMessage(res);
};
