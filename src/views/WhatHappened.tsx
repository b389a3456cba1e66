// "What happened" (issue 13): the insight rules' story at the top of the events panel, in time
// order, a root-cause line first when the rules support one. A sentence frames the finding on the
// timeline (its time and its evidence's, with room around) and goes to its first line (the
// timeline's cursor marks it); each cited line is a link of its own. Text only.
import { useEffect, useState } from 'react';
import type { Evidence, Finding, Insights } from '../engine/api.ts';
import { setDomain } from '../state/timeline-nav.ts';
import { getEngine, gotoLine } from '../state/controller.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { useUi } from '../state/ui-state.ts';
import { usePrefs } from '../state/prefs.ts';
import { ClockSkew } from './ClockSkew.tsx';

const clock = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString().slice(11, 23) : '');

function go(e: Evidence): void {
  useUi.getState().set({ activeEvent: `${e.fileId}:${e.line - 1}` });
  void gotoLine(e.fileId, e.line - 1);
}

/** Frames a finding on the timeline: its time (and its evidence's) with some room around. */
function frame(f: Finding): void {
  const ts = [f.t, f.t1 ?? f.t, ...f.evidence.map((e) => e.t)].filter(Number.isFinite);
  if (!ts.length || !useUi.getState().timelineOpen) return;
  const a = Math.min(...ts);
  const z = Math.max(...ts);
  const pad = Math.max(5_000, (z - a) * 0.25);
  setDomain([a - pad, z + pad]);
}

export function WhatHappened() {
  const version = useSnap((s) => s.snap.events.version);
  const open = usePrefs((s) => s.insightsOpen ?? true);
  const [ins, setIns] = useState<Insights | null>(null);
  useEffect(() => {
    let live = true;
    void getEngine().getInsights().then((x) => { if (live) setIns(x); }, () => {});
    return () => { live = false; };
  }, [version]);
  if (!ins) return null;
  const n = ins.findings.length;
  return (
    <section className="what-happened" data-testid="what-happened" aria-label="What happened">
      <button type="button" className="wh-head" aria-expanded={open} onClick={() => usePrefs.getState().set({ insightsOpen: !open })}>
        {open ? '▾' : '▸'} What happened <span className="dim">({n === 0 ? 'no known failure chain' : `${n} finding${n === 1 ? '' : 's'}`})</span>
      </button>
      {open && (
        <div className="wh-body">
          {ins.rootCause && (
            <p className="wh-root" data-testid="root-cause"><b>Root cause</b> <span className="dim">({ins.rootCause.confidence} confidence)</span>: {ins.rootCause.sentence}</p>
          )}
          <ol className="wh-list">
            {ins.findings.map((f, i) => (
              <li key={i} data-rule={f.rule}>
                <button type="button" className="wh-sentence" data-testid="finding" title="Go to its line" onClick={() => { frame(f); if (f.evidence[0]) go(f.evidence[0]); }}>
                  <span className="mono dim">{clock(f.t)}</span> {f.sentence}
                </button>
                <span className="wh-meta dim">
                  {f.confidence}{f.verified ? '' : ' · rests on an unverified message text'} ·{' '}
                  {f.evidence.map((e, k) => (
                    <button key={k} type="button" className="wh-cite" title={`${e.what} — ${e.file} line ${e.line}`} onClick={() => go(e)}>
                      {e.file.split(/[\\/]/).pop()}:{e.line}
                    </button>
                  ))}
                </span>
              </li>
            ))}
          </ol>
          <ClockSkew clocks={ins.clocks} go={go} />
        </div>
      )}
    </section>
  );
}
