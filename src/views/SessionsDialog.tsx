// "Sessions": the sets of files this browser remembers (copies in its own storage, never sent
// anywhere), with their size and the storage they take against the budget; each opens (with its
// last view) or is forgotten.
import { useEffect } from 'react';
import { formatBytes } from '../base/bytes.ts';
import { forgetAllSessions, forgetSession } from '../state/sessions.ts';
import { openSession, refreshSessions, useSessions } from '../state/session-flow.ts';

export function SessionsDialog() {
  const s = useSessions();
  useEffect(() => { if (s.open) void refreshSessions(); }, [s.open]);
  if (!s.open) return null;
  const close = () => s.set({ open: false });
  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) close(); }}>
      <div className="modal case-dialog" role="dialog" aria-modal="true" aria-label="Sessions" data-testid="sessions-dialog" onKeyDown={(e) => { if (e.key === 'Escape') close(); }}>
        <h2 className="modal-title">Sessions remembered in this browser</h2>
        {!s.available ? (
          <p className="warn-text">This browser keeps no sessions here (its private file storage is not available on this page).</p>
        ) : (
          <>
            <p className="dim">
              The files you open are kept as copies in this browser&apos;s own storage for this page (never uploaded), so that a reload or a link opens them again without dropping them.
              They take <b data-testid="sessions-used">{formatBytes(s.used)}</b> of the <b>{formatBytes(s.budget)}</b> they may use; past it, the least recently opened are forgotten.
            </p>
            {s.writing && <p className="dim">{s.writing}</p>}
            {s.problem && <p className="warn-text" role="alert">{s.problem}</p>}
            {s.list.length === 0 ? <p className="dim">No session yet: open your files, and they are remembered once loaded.</p> : (
              <table className="sessions">
                <thead><tr><th>remembered</th><th>last opened</th><th>files</th><th>size</th><th /></tr></thead>
                <tbody>
                  {s.list.map((x) => (
                    <tr key={x.id} data-testid="session-row">
                      <td>{new Date(x.created).toLocaleString()}</td>
                      <td>{new Date(x.opened).toLocaleString()}</td>
                      <td title={x.files.map((f) => f.path).join('\n')}>{x.files.length}: {x.files.slice(0, 3).map((f) => f.path).join(', ')}{x.files.length > 3 ? ', …' : ''}</td>
                      <td className="num">{formatBytes(x.bytes)}</td>
                      <td className="actions">
                        <button type="button" className="btn btn-small" onClick={() => { close(); void openSession(x); }}>Open</button>
                        <button type="button" className="btn btn-small" data-testid="session-forget" onClick={() => void forgetSession(x.id)}>Forget</button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
        <div className="modal-buttons">
          <span className="spacer" />
          {s.list.length > 0 && <button type="button" className="btn" onClick={() => void forgetAllSessions()}>Forget all</button>}
          <button type="button" className="btn btn-active" onClick={close}>Close</button>
        </div>
      </div>
    </div>
  );
}
