// Node naming for correlation: one node may be written `SQLNODE1`, `sqlnode1`,
// `SQLNODE1.contoso.local` or `node 1` (an unresolved id). Observers (the nodes whose
// logs we have) give the canonical spelling; ids map to names by the options' dictionary first,
// then by votes from the events' own fields (`Node N:` lines of a node's own log, peer ids next to
// peer names, move ids next to move names, downer ids next to the subjects materialize resolved).

import type { ClusterEvent, CoverageFile, NodeNameLookup } from './types.ts';

const UNRESOLVED = /^node (\d+)$/i;

export class NodeNames {
  private readonly canonical = new Map<string, string>();
  private readonly votes = new Map<number, Map<string, number>>();
  private resolved: Map<number, string> | null = null;

  constructor(private readonly lookup: NodeNameLookup | null = null) {}

  /** A name whose spelling wins (observers' names). */
  addObserver(name: string): void {
    if (name && !this.canonical.has(name.toLowerCase())) this.canonical.set(name.toLowerCase(), name);
  }

  vote(id: unknown, name: unknown, weight = 1): void {
    if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) return;
    if (typeof name !== 'string' || name === '' || UNRESOLVED.test(name)) return;
    const n = this.name(name);
    let m = this.votes.get(id);
    if (!m) this.votes.set(id, (m = new Map()));
    m.set(n, (m.get(n) ?? 0) + weight);
    this.resolved = null;
  }

  /** Canonical spelling of a written node name (case and domain suffix ignored). */
  name(written: string): string {
    const lower = written.toLowerCase();
    const hit = this.canonical.get(lower);
    if (hit) return hit;
    const un = UNRESOLVED.exec(written);
    if (un) return this.byId(Number(un[1]));
    const dot = lower.indexOf('.');
    if (dot > 0) {
      const short = this.canonical.get(lower.slice(0, dot));
      if (short) return short;
    }
    return written;
  }

  /** Name of a node id; `node N` when nothing names it. */
  byId(id: number): string {
    const fromLookup = this.lookup?.nodeName(id);
    if (fromLookup) return this.name(fromLookup);
    if (!this.resolved) {
      this.resolved = new Map();
      for (const [k, m] of this.votes) {
        let best = '';
        let n = -1;
        for (const [name, c] of m) if (c > n || (c === n && name < best)) [best, n] = [name, c];
        this.resolved.set(k, best);
      }
    }
    return this.resolved.get(id) ?? `node ${id}`;
  }

  ids(list: unknown): string[] {
    return Array.isArray(list) ? list.map((id) => this.byId(Number(id))) : [];
  }

  same(a: string | null | undefined, b: string | null | undefined): boolean {
    return !!a && !!b && this.name(a) === this.name(b);
  }
}

/** Builds the naming from observers and the events' own id/name pairs. */
export function buildNodeNames(events: readonly ClusterEvent[], files: readonly CoverageFile[], lookup?: NodeNameLookup): NodeNames {
  const nn = new NodeNames(lookup ?? null);
  for (const f of files) nn.addObserver(f.node);
  for (const e of events) nn.addObserver(e.node);
  for (const e of events) {
    const f = e.fields;
    // `Node N:` in a node's own lines is its own id: the strongest evidence.
    if (typeof f.localId === 'number') nn.vote(f.localId, e.node, 3);
    if (typeof f.peer === 'number') {
      if (typeof f.peerName === 'string') nn.vote(f.peer, f.peerName);
      else if (e.subject) nn.vote(f.peer, e.subject);
    }
    nn.vote(f.fromId, f.fromName ?? f.from);
    nn.vote(f.toId, f.toName ?? f.to);
    if (e.kind === 'view-change' && Array.isArray(f.downers)) {
      const subjects = e.subjects ?? (e.subject ? [e.subject] : []);
      if (subjects.length === f.downers.length) f.downers.forEach((id, i) => nn.vote(id, subjects[i]));
    }
  }
  return nn;
}
