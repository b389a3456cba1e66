// Opening files while others are open: add to them or replace them (asked once per tab), and
// what was not loaded because it is already open (same size and bytes).

import { useEffect, useRef } from 'react';
import { answerOpen } from '../state/controller.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { useUi } from '../state/ui-state.ts';
import { fmtBytes } from './format.ts';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function OpenChoice() {
  const pending = useUi((s) => s.pendingOpen);
  const open = useSnap((s) => s.snap.files.length);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (pending) first.current?.focus(); }, [pending]);
  if (!pending) return null;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); answerOpen('cancel'); } }}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="open-choice-title" data-testid="open-choice">
        <h2 id="open-choice-title" className="modal-title">Add or replace?</h2>
        <p>
          {plural(open, 'file')} {open === 1 ? 'is' : 'are'} open. Add the {plural(pending.length, 'new file')} to them, or replace them?
          Files already open (same size and content) are not loaded twice either way.
        </p>
        <p className="dim">ClusterLens does the same with the files you open next, until this tab is reloaded.</p>
        <div className="modal-buttons">
          <button ref={first} type="button" className="btn btn-primary" onClick={() => answerOpen('add')}>Add to them</button>
          <button type="button" className="btn" onClick={() => answerOpen('replace')}>Replace them</button>
          <button type="button" className="btn btn-ghost" onClick={() => answerOpen('cancel')}>Cancel</button>
        </div>
      </div>
    </div>
  );
}

/** Says, once per add, which inputs were not loaded because the same file is open. */
export function useSkippedNotice(): void {
  const skipped = useSnap((s) => s.snap.skipped);
  const seen = useRef(skipped.seq);
  useEffect(() => {
    if (skipped.seq === seen.current) return;
    seen.current = skipped.seq;
    if (skipped.items.length === 0) return;
    const same = skipped.items.filter((i) => i.sameAs !== undefined);
    const parts: string[] = [];
    if (same.length) parts.push(`Already open, not loaded again (same size and content): ${same.map((i) => `${i.path} (${fmtBytes(i.size)})${i.sameAs !== i.path ? ` is ${i.sameAs}` : ''}`).join('; ')}.`);
    // Not read (a zip's other entries): grouped by why, a few paths each.
    const byWhy = new Map<string, string[]>();
    for (const i of skipped.items) if (i.why) byWhy.set(i.why, [...(byWhy.get(i.why) ?? []), i.path]);
    for (const [why, paths] of byWhy) parts.push(`Not read, ${why}: ${paths.slice(0, 4).join('; ')}${paths.length > 4 ? ` and ${paths.length - 4} more` : ''}.`);
    useUi.getState().set({ notice: parts.join(' ') });
  }, [skipped]);
}
