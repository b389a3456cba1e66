// What a file says about itself in the text of a few lines: the header section's facts, the
// log's own node (`Local node name =` of [NM], `<StartupConfig>` / `<Node>` blocks) and the
// local-time offsets of 2003 (`Local Time is ...`). Only those lines are ever decoded.

import { decoderFor, type Decoder } from '../base/decoders.ts';
import { applyHeaderLine, RE_LOCAL_TIME_IS, type HeaderFacts } from '../formats/header-lines.ts';
import { RE_LOCAL_NODE_NAME, RE_STARTUP_LOCAL_ID, RE_STARTUP_NODE } from '../formats/node-evidence.ts';
import type { PrefixResult, Units } from './prefix.ts';

/** Decoded text of units [s, e) for the rare lines whose text the indexer needs. */
export function decodeUnits(u: Units, s: number, e: number, decoder: Decoder | null): string {
  if (u instanceof Uint16Array) {
    let out = '';
    for (let i = s; i < e; i += 4096) out += String.fromCharCode.apply(null, u.subarray(i, Math.min(e, i + 4096)) as unknown as number[]);
    return out;
  }
  return (decoder ?? decoderFor('utf-8')).decode(u.subarray(s, e));
}

export class TextEvidence {
  readonly header: HeaderFacts = {};
  nodeInFile: string | null = null;
  startupLocalId: number | null = null;
  readonly startupNodes = new Map<number, string>();
  localTimeOffsets: number[] = [];

  headerLine(text: string): void {
    applyHeaderLine(text, this.header);
  }

  /** The name `<StartupConfig>` gives the local node, once both are seen. */
  startupName(): string | null {
    return this.startupLocalId !== null ? this.startupNodes.get(this.startupLocalId) ?? null : null;
  }

  /** A record's message [s, e) that starts with `m0` ('<' or 'L') or belongs to [NM]. */
  message(u: Units, s: number, e: number, m0: number, ts: number, decoder: Decoder | null, r: PrefixResult): void {
    if (m0 === 76) {
      // 'L': WS2003 `Local Time is ...` gives local minus GMT.
      if (this.localTimeOffsets.length < 50 && u[s + 1] === 111 && u[s + 6] === 84) {
        const m = RE_LOCAL_TIME_IS.exec(decodeUnits(u, s, Math.min(e, s + 64), decoder));
        if (m) {
          const local = r.dayMs(+m[1], +m[2], +m[3]) + +m[4] * 3_600_000 + +m[5] * 60_000 + +m[6] * 1000 + +m[7];
          this.localTimeOffsets.push(Math.round((local - ts) / 900_000) * 15);
        }
      }
      return;
    }
    if (m0 === 60 && u[s + 1] !== 83 && u[s + 1] !== 78) return; // only <StartupConfig and <Node
    if (this.nodeInFile !== null && m0 !== 60) return;
    const text = decodeUnits(u, Math.max(0, s - 8), Math.min(e, s + 400), decoder);
    if (m0 === 60) {
      if (this.startupLocalId === null) {
        const m = RE_STARTUP_LOCAL_ID.exec(text);
        if (m) this.startupLocalId = Number(m[1]);
      }
      const n = RE_STARTUP_NODE.exec(text);
      if (n && !this.startupNodes.has(Number(n[2]))) this.startupNodes.set(Number(n[2]), n[1]);
      return;
    }
    const m = RE_LOCAL_NODE_NAME.exec(text);
    if (m) this.nodeInFile = m[1];
  }
}
