// Clocks (issue 13): each node's clock against a reference, estimated only from causal pairs,
// as an interval with the lines it rests on. The user may apply the correction (each node's
// logs move by the middle of its interval); raw and corrected are both always shown, and the
// correction is a file option, so it travels in the permalink and the case file.
import { correctionOf, sayInterval, type CausalPair, type Clocks, type Evidence } from '../engine/api.ts';
import { getEngine } from '../state/controller.ts';
import { useSnap } from '../state/snapshot-store.ts';

/** The panel's narrow form of an interval: "+347 … +353 ms". */
const short = (lo: number, hi: number) => sayInterval(lo, hi).replace(' ms to ', ' … ');

const base = (e: Evidence) => `${e.file.split(/[\\/]/).pop()}:${e.line}`;

function PairCite({ p, go }: { p: CausalPair; go: (e: Evidence) => void }) {
  return (
    <span className="wh-pair">
      <button type="button" className="wh-cite" title={`${p.before.what} — ${p.before.file} line ${p.before.line}`} onClick={() => go(p.before)}>{base(p.before)}</button>
      {' before '}
      <button type="button" className="wh-cite" title={`${p.after.what} — ${p.after.file} line ${p.after.line}`} onClick={() => go(p.after)}>{base(p.after)}</button>
    </span>
  );
}

/** Sets each node's logs' clock correction (0: raw). */
function applyAll(perNode: Map<string, number>): void {
  const files = useSnap.getState().snap.files;
  for (const f of files) {
    if (f.facts.capture || f.facts.status === 'error') continue;
    const want = perNode.get(f.facts.nodeLabel);
    if (want !== undefined && want !== f.facts.timeBase.skewMs) getEngine().setFileOptions(f.id, { clockMs: want });
  }
}

export function ClockSkew({ clocks, go }: { clocks: Clocks; go: (e: Evidence) => void }) {
  const others = clocks.nodes.filter((n) => n.node !== clocks.reference);
  if (clocks.nodes.length < 2 && !clocks.conflict) return null;
  const ref = clocks.nodes.find((n) => n.node === clocks.reference);
  const refApplied = ref?.applied ?? 0;
  const corrections = new Map<string, number>();
  for (const n of clocks.nodes) {
    const c = n.node === clocks.reference ? refApplied : correctionOf(n, refApplied);
    if (c !== null) corrections.set(n.node, c);
  }
  const applied = clocks.nodes.some((n) => n.applied !== 0);
  const pending = clocks.nodes.some((n) => corrections.has(n.node) && corrections.get(n.node) !== n.applied);
  return (
    <div className="wh-clocks" data-testid="clocks">
      <p className="wh-clocks-head">
        <b>Clocks</b>{' '}
        {clocks.conflict
          ? <span>the {clocks.pairs} causal pairs contradict each other (a clock drifted, or lines that are not one exchange were paired): no interval is given.</span>
          : clocks.reference
            ? <span className="dim">against {clocks.reference}, from {clocks.pairs} causal pair{clocks.pairs === 1 ? '' : 's'} (a connection's two ends, a view's proposal and installs{clocks.verified ? '' : '; the pairing is inferred'}). Times shown: {applied ? 'corrected' : 'raw'}.</span>
            : <span className="dim">no causal pair ties the nodes' clocks together: their skew is unknown.</span>}
      </p>
      {clocks.conflict && (
        <p className="wh-meta dim">{clocks.conflict.map((p, i) => <PairCite key={i} p={p} go={go} />)}</p>
      )}
      {clocks.reference && (
        <table className="wh-clock-table">
          <thead><tr><th>node</th><th title="Its lead over the reference as written: its log reads this much later for the same instant">raw clock</th><th>correction</th><th>now</th></tr></thead>
          <tbody>
            {others.flatMap((n) => [
              <tr key={n.node} data-node={n.node}>
                <td>{n.node}</td>
                <td className="mono" data-testid="clock-raw" title={n.lo <= 0 && n.hi >= 0 ? 'The interval holds zero: no skew is shown' : undefined}>{short(n.lo, n.hi)}</td>
                <td className="mono">{n.applied ? `${n.applied > 0 ? '+' : '−'}${Math.abs(n.applied)} ms` : 'none'}</td>
                <td className="mono" data-testid="clock-now">{n.applied || refApplied ? short(n.shownLo, n.shownHi) : 'raw'}</td>
              </tr>,
              <tr key={`${n.node}-pairs`} className="wh-clock-pairs"><td colSpan={4} className="wh-meta">{n.evidence.slice(0, 4).map((p, i) => <PairCite key={i} p={p} go={go} />)}</td></tr>,
            ])}
          </tbody>
        </table>
      )}
      {clocks.reference && (
        <p className="wh-clock-actions">
          <button type="button" className="btn btn-small" disabled={!pending} onClick={() => applyAll(corrections)}
            title="Move each node's lines by the middle of its interval, onto the reference's clock">Apply clock correction</button>{' '}
          <button type="button" className="btn btn-small" disabled={!applied} onClick={() => applyAll(new Map(clocks.nodes.map((n) => [n.node, 0])))}
            title="Show every log as its clock wrote it">Raw clocks</button>
        </p>
      )}
    </div>
  );
}
