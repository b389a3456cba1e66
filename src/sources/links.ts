// Links between a capture row and a log line that name the same thing (issue 11): the same
// cluster process (PID) or the same connection (ephemeral port to or from 3343), on the same
// node. From a capture row: the log's line that starts that process or opens that connection;
// from a log line: the capture rows that start or open it. Pure.

import type { CaptureAnchor, FileFacts, LogAnchor } from '../ingest/types.ts';

export interface LineLink {
  fileId: number;
  line: number;
  /** The linked line's file path. */
  path: string;
  /** What links them, in words. */
  what: string;
}

/** Ports a line's text names with the cluster's port: `A:~e~`, `A:e -> B:3343`, `e → 3343`. */
export function portsIn(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/:~(\d{1,5})~/g)) out.add(Number(m[1]));
  // A pair of ports counts when one side is the cluster's (an address's digits are no port).
  const pair = (a: string, b: string) => {
    if (a === '3343' || b === '3343') for (const v of [a, b]) out.add(Number(v));
  };
  for (const m of text.matchAll(/:(\d{1,5})\s*->\s*\S*:(\d{1,5})/g)) pair(m[1], m[2]);
  for (const m of text.matchAll(/(?<![\d.])(\d{1,5})\s*(?:→|>)\s*(\d{1,5})(?![\d.])/g)) pair(m[1], m[2]);
  for (const m of text.matchAll(/SrcPort\s*=\s*(\d{1,5}),\s*DstPort\s*=\s*(\d{1,5})/g)) pair(m[1], m[2]);
  out.delete(3343);
  out.delete(0);
  return [...out];
}

const same = (a: string | null, b: string | null) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/**
 * The lines linked to line `line` of file `fileId`, whose row shows `pid` (-1: none) and `text`.
 * `files`: every loaded file's id and facts; `logAnchors`: the logs' anchor lines.
 */
export function linksOf(fileId: number, line: number, pid: number, text: string, files: ReadonlyArray<{ id: number; facts: FileFacts }>, logAnchors: readonly LogAnchor[]): LineLink[] {
  const self = files.find((f) => f.id === fileId);
  if (!self) return [];
  const node = self.facts.nodeLabel;
  const ports = new Set(portsIn(text));
  const wants = (kind: 'pid' | 'port', key: number) => (kind === 'pid' ? key === pid : ports.has(key));
  const out: LineLink[] = [];
  const pathOf = (id: number) => files.find((f) => f.id === id)?.facts.path ?? `file ${id}`;
  if (self.facts.capture) {
    for (const a of logAnchors) {
      if (!same(a.node, node) || !wants(a.kind, a.key) || (a.fileId === fileId && a.line === line)) continue;
      out.push({ fileId: a.fileId, line: a.line, path: pathOf(a.fileId), what: a.kind === 'pid' ? `PID ${a.key}: ${a.what}` : `port ${a.key}: ${a.what}` });
    }
  } else {
    for (const f of files) {
      if (!f.facts.capture || !same(f.facts.nodeLabel, node)) continue;
      for (const a of f.facts.capture.anchors as CaptureAnchor[]) {
        if (!wants(a.kind, a.key)) continue;
        out.push({ fileId: f.id, line: a.line, path: f.facts.path, what: `${a.kind === 'pid' ? `PID ${a.key}` : `port ${a.key}`}: ${a.what}` });
      }
    }
  }
  return out.slice(0, 12);
}
