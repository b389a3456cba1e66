// "What happened" (issue 13): the insight rules' story at the top of the events panel, in time
// order, a root-cause line first when the rules support one. A sentence picks the finding: the
// timeline frames it (its time and its evidence's, with room around) and highlights its marks, and
// the raw log goes to its first line; each cited line is a link of its own. Text only.
import { useEffect, useRef, useState } from 'react';
import { formatWall } from '../base/civil.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { usePrefs } from '../state/prefs.ts';
import { copyReport, goToEvidence, loadInsights, pickFinding, useInsights } from '../state/insights.ts';
import { ClockSkew } from './ClockSkew.tsx';

/** Findings listed before "Show all". */
const LIST_FIRST = 200;

const clock = (t: number) => (Number.isFinite(t) ? formatWall(t, false) : '');

export function WhatHappened() {
  const version = useSnap((s) => s.snap.events.version);
  const open = usePrefs((s) => s.insightsOpen ?? true);
  const ins = useInsights((s) => s.insights);
  /** How many findings the list shows (a day of failed joins is thousands; ] / [ and the timeline reach the rest). */
  const [shown, setShown] = useState(LIST_FIRST);
  const active = useInsights((s) => s.active);
  useEffect(() => loadInsights(version), [version]);
  // A finding picked on the timeline scrolls into view here.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => { if (active !== null) list.current?.querySelector('li.wh-active')?.scrollIntoView({ block: 'nearest' }); }, [active]);
  if (!ins) return null;
  const n = ins.findings.length;
  return (
    <section className="what-happened" data-testid="what-happened" aria-label="What happened">
      <div className="wh-top">
        <button type="button" className="wh-head" aria-expanded={open} onClick={() => usePrefs.getState().set({ insightsOpen: !open })}>
          {open ? '▾' : '▸'} What happened <span className="dim">({n === 0 ? 'no known failure chain' : `${n} finding${n === 1 ? '' : 's'}`})</span>
        </button>
        <button type="button" className="btn btn-small btn-ghost" data-testid="copy-report" onClick={() => void copyReport()}
          title="Copy the story as Markdown, each claim with its file and line (masked when redaction is on), as `clusterlens report` prints it">Copy report</button>
      </div>
      {open && (
        <div className="wh-body">
          {ins.rootCause && (
            <p className="wh-root" data-testid="root-cause"><b>Root cause</b> <span className="dim">({ins.rootCause.confidence} confidence)</span>: {ins.rootCause.sentence}</p>
          )}
          <ol className="wh-list" ref={list}>
            {ins.findings.slice(0, Math.max(shown, (active ?? -1) + 1)).map((f, i) => (
              <li key={i} data-rule={f.rule} className={active === i ? 'wh-active' : undefined}>
                <button type="button" className="wh-sentence" data-testid="finding" title="Frame it on the timeline, highlight its marks and go to its line" onClick={() => pickFinding(i)}>
                  <span className="mono dim">{clock(f.t)}</span> {f.sentence}
                </button>
                <span className="wh-meta dim">
                  {f.confidence}{f.verified ? '' : ' · rests on an unverified message text'} ·{' '}
                  {f.evidence.map((e, k) => (
                    <button key={k} type="button" className="wh-cite" title={`${e.what} — ${e.file} line ${e.line}`} onClick={() => goToEvidence(e)}>
                      {e.file.split(/[\\/]/).pop()}:{e.line}
                    </button>
                  ))}
                </span>
              </li>
            ))}
          </ol>
          {n > shown && (active ?? -1) + 1 < n && (
            <button type="button" className="btn btn-small btn-ghost" data-testid="findings-more" onClick={() => setShown(n)}
              title="The list stops at the first findings so that a long incident stays quick to read; the timeline's row and Copy report have them all">
              Show all {n} findings ({n - Math.max(shown, (active ?? -1) + 1)} more)
            </button>
          )}
          <ClockSkew clocks={ins.clocks} go={goToEvidence} />
        </div>
      )}
    </section>
  );
}
