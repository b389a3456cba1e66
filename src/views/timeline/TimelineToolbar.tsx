// The timeline's toolbar: the tracks shown, the legend, what fitting, hiding and filtering
// leave out of the lanes (each can be undone from here), and the keys' help.

import { AddNoteButton } from './NotesStrip.tsx';
import { LANE_TRACKS, toggleLaneHidden, toggleTrackHidden, useTimelineUi } from '../../state/timeline-state.ts';
import { legendShownOf, usePrefs } from '../../state/prefs.ts';
import type { RowLayout } from './rows.ts';

export function TimelineToolbar({ rows, filteredOut, masked, captures = true, cursor = null }: { rows: RowLayout; filteredOut: ReadonlySet<string>; masked: boolean; captures?: boolean; cursor?: number | null }) {
  const tl = useTimelineUi();
  const legendShown = usePrefs(legendShownOf);
  const hiddenLanes = rows.order.filter((n) => tl.hiddenLanes.includes(n.toLowerCase()));
  return (
  <div className="tl-toolbar">
    <span className="tl-title">Timeline</span>
    <span className="tl-tracks" role="group" aria-label="Tracks shown">
      {LANE_TRACKS.filter((t) => captures || t !== 'captures').map((t) => (
        <label key={t} className="tl-chip" data-testid={`track-toggle-${t}`}>
          <input type="checkbox" checked={!tl.hiddenTracks.includes(t)} onChange={() => toggleTrackHidden(t)} />
          {t}
        </label>
      ))}
      <label className="tl-chip" data-testid="legend-toggle" title="The legend under the lanes (hidden, it leaves the lanes more room)">
        <input type="checkbox" checked={legendShown} onChange={() => usePrefs.getState().set({ legendShown: !legendShown })} />
        legend
      </label>
    </span>
    {/* Always there (hidden when nothing is fitted): its showing must not change the toolbar's lines, hence the height the fit is for. */}
    <span className={`tl-hidden dim${rows.fitted.length > 0 ? '' : ' tl-fitted-off'}`} aria-hidden={rows.fitted.length === 0} {...(rows.fitted.length > 0 ? { 'data-testid': 'tracks-fitted' } : {})}
      title="So that every lane fits the timeline's height, these tracks are drawn on one row each; ▸ on a track opens it (and it stays open), or drag the bar under the timeline">
      ⇕ fitted
    </span>
    {hiddenLanes.length > 0 && (
      <span className="tl-hidden dim">
        hidden:{' '}
        {hiddenLanes.map((n) => (
          <button key={n} type="button" className="btn btn-ghost tl-unhide" title={`Show ${n} again`} onClick={() => toggleLaneHidden(n)}>{n} ↺</button>
        ))}
      </span>
    )}
    {filteredOut.size > 0 && <span className="tl-hidden dim" title="The node or file filters leave these nodes out">filtered out: {[...filteredOut].join(', ')}</span>}
    {masked && <span className="tl-hidden dim" title="The events panel's family and name filters apply to the timeline too">marks filtered by the events panel</span>}
    <span className="tl-spacer" />
    <AddNoteButton cursor={cursor} />
    <button type="button" className="btn btn-ghost" title="Keys and mouse (?)" aria-expanded={tl.helpOpen} onClick={() => tl.set({ helpOpen: !tl.helpOpen })}>?</button>
  </div>
  );
}
