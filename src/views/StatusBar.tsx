import { useShallow } from 'zustand/react/shallow';
import { useUi, filtersActive } from '../state/ui-state.ts';
import { useSnap } from '../state/snapshot-store.ts';
import type { EngineSnapshot } from '../engine/api.ts';
import { fmtInt, fmtMs } from './format.ts';

/** What the bar shows, as primitives: it re-renders only when one of them changes. */
function statusOf(snap: EngineSnapshot) {
  const s = snap.search;
  let loadingFiles = 0;
  let read = 0;
  let size = 0;
  let errors = 0;
  let needs = 0;
  for (const f of snap.files) {
    const st = f.facts.status;
    if (st === 'loading') { loadingFiles++; read += f.progress.bytesRead; size += f.progress.size; }
    else if (st === 'error') errors++;
    else if (st === 'needs-month') needs++;
  }
  let loadText = 'ready';
  if (snap.loading || loadingFiles) {
    loadText = `reading ${loadingFiles || ''} file${loadingFiles === 1 ? '' : 's'}${size ? ` ${Math.floor((read / size) * 100)}%` : ''}…`;
  }
  return {
    loading: snap.loading,
    loadText,
    totalLines: snap.totalLines,
    viewRows: snap.viewRows,
    files: snap.files.length,
    nodes: snap.nodes.length,
    errors,
    needs,
    spec: s.spec,
    error: s.error,
    hits: s.hits,
    visibleHits: s.visibleHits,
    running: s.running,
    elapsedMs: s.elapsedMs,
  };
}

export function StatusBar() {
  const st = useSnap(useShallow((x) => statusOf(x.snap)));
  const flash = useUi((s) => s.flash);
  const selPos = useUi((s) => s.selected?.pos ?? -1);
  const scrollRow = useUi((s) => Math.floor(s.scrollRow));
  const filtered = useUi(filtersActive);
  const { loadText, errors, needs } = st;
  const s = st;
  const at = selPos >= 0 ? selPos : scrollRow;
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className={`st ${st.loading ? 'st-busy' : 'st-ok'}`} data-testid="load-state">
        {st.loading && <span className="spinner" aria-hidden="true" />}
        {loadText}
      </span>
      {' '}
      <span className="st" data-testid="total-lines"><b>{fmtInt(st.totalLines)}</b> lines</span>
      {' '}
      {/* Space text nodes between items keep the bar's text readable (copy, tests, screen readers). */}
      <span className="st" data-testid="view-rows" title={filtered ? 'Filters are on' : undefined}>
        <b>{fmtInt(st.viewRows)}</b> in view{filtered && <span className="warn-text"> (filtered)</span>}
      </span>
      {' '}
      {st.viewRows > 0 && <span className="st dim">{selPos >= 0 ? 'row' : 'top'} {fmtInt(at + 1)}</span>}
      {' '}
      <span className="st"><b>{st.files}</b> file{st.files === 1 ? '' : 's'}</span>
      {' '}
      <span className="st"><b>{st.nodes}</b> node{st.nodes === 1 ? '' : 's'}</span>
      {' '}
      {errors > 0 && <span className="st err-text">{errors} not loaded</span>}
      {' '}
      {needs > 0 && <span className="st warn-text">{needs} need a month</span>}
      {' '}
      {s.spec && s.error && <span className="st err-text" title={s.error}>search: {s.error}</span>}
      {' '}
      {s.spec && !s.error && (
        <span className="st" title={`“${s.spec.text}”${s.spec.regex ? ' (regex)' : ''}${s.spec.caseSensitive ? ' (match case)' : ''}`}>
          search: <b>{fmtInt(s.hits)}</b> hits{s.visibleHits !== s.hits && <> (<b>{fmtInt(s.visibleHits)}</b> in view)</>}
          {s.running ? ' · searching…' : ` · ${fmtMs(s.elapsedMs)}`}
        </span>
      )}
      {' '}
      {flash && <span className="st st-flash" role="status">{flash}</span>}
      {' '}
      <span className="spacer" />
      <span className="st dim" title="Files are read by this page only. Nothing is uploaded or sent anywhere.">nothing leaves this browser</span>
    </footer>
  );
}
