import { useUi, filtersActive } from '../app/ui-state.ts';
import { useSnap } from '../app/snapshot-store.ts';
import { fmtInt, fmtMs } from './format.ts';

export function StatusBar() {
  const snap = useSnap((s) => s.snap);
  const flash = useUi((s) => s.flash);
  const selPos = useUi((s) => s.selected?.pos ?? -1);
  const scrollRow = useUi((s) => s.scrollRow);
  const filtered = useUi(filtersActive);
  const s = snap.search;
  const loadingFiles = snap.files.filter((f) => f.facts.status === 'loading');
  let loadText = 'ready';
  if (snap.loading || loadingFiles.length) {
    const read = loadingFiles.reduce((a, f) => a + f.progress.bytesRead, 0);
    const size = loadingFiles.reduce((a, f) => a + f.progress.size, 0);
    loadText = `reading ${loadingFiles.length || ''} file${loadingFiles.length === 1 ? '' : 's'}${size ? ` ${Math.floor((read / size) * 100)}%` : ''}…`;
  }
  const errors = snap.files.filter((f) => f.facts.status === 'error').length;
  const needs = snap.files.filter((f) => f.facts.status === 'needs-month').length;
  const at = selPos >= 0 ? selPos : Math.floor(scrollRow);
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className={`st ${snap.loading ? 'st-busy' : 'st-ok'}`} data-testid="load-state">
        {snap.loading && <span className="spinner" aria-hidden="true" />}
        {loadText}
      </span>
      {' '}
      <span className="st"><b>{fmtInt(snap.totalLines)}</b> lines</span>
      {' '}
      {/* Space text nodes between items keep the bar's text readable (copy, tests, screen readers). */}
      <span className="st" data-testid="view-rows" title={filtered ? 'Filters are on' : undefined}>
        <b>{fmtInt(snap.viewRows)}</b> in view{filtered && <span className="warn-text"> (filtered)</span>}
      </span>
      {' '}
      {snap.viewRows > 0 && <span className="st dim">{selPos >= 0 ? 'row' : 'top'} {fmtInt(at + 1)}</span>}
      {' '}
      <span className="st"><b>{snap.files.length}</b> file{snap.files.length === 1 ? '' : 's'}</span>
      {' '}
      <span className="st"><b>{snap.nodes.length}</b> node{snap.nodes.length === 1 ? '' : 's'}</span>
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
