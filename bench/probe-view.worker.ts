// The product's view worker plus one bench-only message, {t:'probe'}, that reports the
// byteLength of the view store's resident structures (per-file columns, merged order,
// view positions). Used only for the "view structures" figure; timings use the real engine.
import { ViewStore } from '../src/engine/view-store.ts';
import type { MainToView } from '../src/engine/protocol.ts';

const store = new ViewStore((msg) => self.postMessage(msg));

interface Arr { byteLength: number; buffer: ArrayBufferLike; length: number }
interface G { data: Arr; length: number }

function sizes(): Record<string, unknown> {
  // Private fields are plain properties at run time.
  const s = store as unknown as {
    files: Map<number, { ts: G; level: G; comp: G; flags: G; hits: Arr | null }>;
    merged: { length: number; file: Arr; line: Arr };
    view: { length: number; pos: Arr; hitRows: Arr };
  };
  let lines = 0;
  let colUsed = 0;
  let colAlloc = 0;
  let hits = 0;
  for (const f of s.files.values()) {
    lines += f.ts.length;
    for (const g of [f.ts, f.level, f.comp, f.flags]) {
      colUsed += g.length * (g.data.byteLength / g.data.length);
      colAlloc += g.data.buffer.byteLength;
    }
    if (f.hits) hits += f.hits.byteLength;
  }
  const merged = s.merged.file.buffer.byteLength + s.merged.line.buffer.byteLength;
  const view = s.view.pos.buffer.byteLength + s.view.hitRows.buffer.byteLength;
  return {
    lines,
    columnsUsed: colUsed,
    columnsAllocated: colAlloc,
    mergedOrder: merged,
    mergedLength: s.merged.length,
    viewPositions: view,
    viewLength: s.view.length,
    hitFlags: hits,
  };
}

self.onmessage = (e: MessageEvent<MainToView | { t: 'probe'; req: number }>) => {
  const m = e.data;
  if (m.t === 'probe') {
    self.postMessage({ t: 'reply', req: m.req, value: sizes() });
    return;
  }
  store.handle(m);
};
