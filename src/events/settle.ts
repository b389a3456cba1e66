// What the files' own lines say of them, settled once the cluster's names are known and before
// any event takes its file's node and time: the node of a file that names none
// (node-guess.ts), and the time base of a log nothing else decided (timebase-evidence.ts). The
// view worker and the CLI both settle files this way.

import type { FileFacts } from '../ingest/types.ts';
import type { FileEvents } from './columns.ts';
import type { NameDictionary } from './names.ts';
import { guessable, guessNode, type NodeGuess } from './node-guess.ts';
import { proposeFromPeers, proposeTimeBase, type TimeBaseProposal } from './timebase-evidence.ts';

export interface FileSettlement {
  node: NodeGuess | null;
  timeBase: TimeBaseProposal | null;
}

/** One settlement per file, in the files' order. */
export function settleFiles(files: ReadonlyArray<{ facts: FileFacts; events: FileEvents; ts: Float64Array }>, names: NameDictionary): FileSettlement[] {
  const nodes = files.map((f) => (guessable(f.facts) ? guessNode(f.events, names) : null));
  // A log that follows another's time base names it by its node, guessed just now if need be.
  const logs = files.map((f, i) => ({
    facts: nodes[i]?.name ? { ...f.facts, nodeLabel: nodes[i]!.name! } : f.facts,
    own: proposeTimeBase(f.events, f.ts),
  }));
  return files.map((_, i) => ({ node: nodes[i], timeBase: logs[i].own ?? proposeFromPeers(logs[i], logs) }));
}
