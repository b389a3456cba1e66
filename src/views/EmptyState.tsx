import { OpenButtons } from './TopBar.tsx';

export function EmptyState() {
  return (
    <div className="empty" data-testid="empty-state">
      <div className="empty-drop">
        <div className="empty-icon" aria-hidden="true">⤓</div>
        <h1 className="empty-title">Drop cluster.log files or a whole folder here</h1>
        <p className="empty-sub">
          One file per node is best: ClusterLens merges them into one timeline, in UTC.
        </p>
        <div className="empty-buttons">
          <OpenButtons big />
        </div>
        <div className="empty-help">
          <div className="empty-help-title">Getting the logs</div>
          <ul>
            <li>
              On any cluster node (PowerShell as admin): <code>Get-ClusterLog -Destination C:\Temp\ClusterLogs</code> writes one{' '}
              <code>&lt;node&gt;_cluster.log</code> per node. Add <code>-TimeSpan 60</code> to keep only the last 60 minutes.
            </li>
            <li>
              Each node also keeps its latest log in <code>C:\Windows\Cluster\Reports\Cluster.log</code>.
            </li>
            <li>Logs from Windows NT 4.0 up to Windows Server 2022 are read; UTF-8, UTF-16 and legacy code pages.</li>
          </ul>
        </div>
        <div className="empty-privacy">Files are read inside this browser tab. Nothing is uploaded or sent anywhere.</div>
      </div>
    </div>
  );
}
