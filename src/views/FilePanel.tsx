import { memo, useEffect, useState } from 'react';
import type { FileId, FileProgress, FileState } from '../engine/api.ts';
import type { BucketCounts, DialectId, FileFacts, TimeBase, TimeBaseKind } from '../ingest/types.ts';
import { BUCKET_NAMES } from '../ingest/types.ts';
import { SOURCE_KINDS } from '../formats/captures.ts';
import { useSnap } from '../state/snapshot-store.ts';
import { getEngine, removeFile } from '../state/controller.ts';
import { setDomain } from '../state/timeline-nav.ts';
import { useUi } from '../state/ui-state.ts';
import { filesApart, fmtDuration } from './span-overlap.ts';
import { parseOffset } from '../base/civil.ts';
import {
  CODE_PAGES, DIALECT_LABELS, DIALECT_ORDER, fmtBytes, fmtInt, fmtOffset, fmtRate, fmtTime,
} from './format.ts';

const NODE_SOURCE: Record<string, string> = {
  header: 'from the log header',
  folder: 'from the folder name',
  'file-name': 'from the file name',
  'in-file': 'from lines in the file',
  'node-id': 'from its node id in the lines',
  user: 'set by you',
};

const ENCODING_SOURCE: Record<string, string> = {
  bom: 'byte-order mark',
  sniffed: 'detected',
  fallback: 'fallback guess',
  user: 'set by you',
};

const TB_SOURCE: Record<string, string> = {
  dialect: 'this log format writes UTC',
  header: 'from the log header',
  'local-time-line': 'from a local-time line in the log',
  'embedded-utc': 'from a UTC time a line writes',
  'capture-node': "from its node's log",
  user: 'set by you',
};

const BUCKET_LABEL: Record<string, string> = {
  parsed: 'parsed',
  continuation: 'continuation',
  structural: 'structural',
  blank: 'blank',
  unparsed: 'unparsed',
};

const BUCKET_HELP: Record<string, string> = {
  parsed: 'Timestamped records',
  continuation: 'Text that continues the record above',
  structural: 'Section markers, header lines, table rows',
  blank: 'Empty lines',
  unparsed: 'Lines not recognized: kept and shown in the log',
};

// The card's parts take only the facts they show (objects keep their identity across
// snapshots while unchanged, see snapshot-store.ts), so while a file loads only the parts
// that change (progress, counts, span) re-render.

const NodeField = memo(function NodeField({ id, path, color, node, nodeSource, nodeEvidence }: {
  id: FileId; path: string; color: string; node: string | null; nodeSource: FileFacts['nodeSource']; nodeEvidence: FileFacts['nodeEvidence'];
}) {
  const [text, setText] = useState(node ?? '');
  useEffect(() => setText(node ?? ''), [node]);
  const commit = () => {
    const v = text.trim();
    if (v !== (node ?? '')) getEngine().setFileOptions(id, { node: v });
  };
  const ev = nodeEvidence.map((e) => `${e.name} (${e.source}: ${e.where})`).join('\n');
  return (
    <div className="field">
      <span className="field-label">Node</span>
      <span className="lane-dot" style={{ background: color }} aria-hidden="true" />
      <input
        className="input input-node"
        value={text}
        placeholder="unknown — type a name"
        aria-label={`Node name of ${path}`}
        spellCheck={false}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setText(node ?? ''); }}
      />
      <span className="field-note" title={ev || undefined}>{nodeSource ? NODE_SOURCE[nodeSource] : 'not found'}</span>
    </div>
  );
});

const DialectField = memo(function DialectField({ id, path, dialect, dialectSource, dialectEvidence }: {
  id: FileId; path: string; dialect: DialectId; dialectSource: FileFacts['dialectSource']; dialectEvidence: string;
}) {
  return (
    <div className="field field-col">
      <div className="field-line">
        <span className="field-label">Format</span>
        <select
          className="select select-small"
          value={dialect}
          aria-label={`Log format of ${path}`}
          title={dialectEvidence || undefined}
          onChange={(e) => getEngine().setFileOptions(id, { dialect: e.currentTarget.value as DialectId })}
        >
          {DIALECT_ORDER.map((d) => <option key={d} value={d}>{DIALECT_LABELS[d]}</option>)}
        </select>
        <span className="field-note">{dialectSource === 'user' ? 'set by you' : 'detected'}</span>
      </div>
      {dialectEvidence && <div className="field-sub" title={dialectEvidence}>{dialectEvidence}</div>}
    </div>
  );
});

const EncodingField = memo(function EncodingField({ id, path, encoding, encodingSource, bom }: {
  id: FileId; path: string; encoding: string; encodingSource: FileFacts['encodingSource']; bom: boolean;
}) {
  const pickable = encodingSource === 'fallback' || (encodingSource === 'user' && CODE_PAGES.includes(encoding));
  return (
    <div className="field">
      <span className="field-label">Encoding</span>
      {pickable ? (
        <select
          className="select select-small"
          value={encoding}
          aria-label={`Code page of ${path}`}
          title="The file is not valid UTF-8 or UTF-16. Pick the code page it was written in."
          onChange={(e) => getEngine().setFileOptions(id, { encoding: e.currentTarget.value })}
        >
          {!CODE_PAGES.includes(encoding) && <option value={encoding}>{encoding}</option>}
          {CODE_PAGES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      ) : (
        <span className="mono">{encoding}</span>
      )}
      <span className={`field-note${encodingSource === 'fallback' ? ' warn-text' : ''}`}>{ENCODING_SOURCE[encodingSource] ?? encodingSource}{bom && encodingSource !== 'bom' ? ', BOM' : ''}</span>
    </div>
  );
});

const TimeBaseField = memo(function TimeBaseField({ id, path, tb }: { id: FileId; path: string; tb: TimeBase }) {
  const [off, setOff] = useState(tb.utcOffsetMinutes === null ? '' : fmtOffset(tb.utcOffsetMinutes));
  const [bad, setBad] = useState(false);
  useEffect(() => { setOff(tb.utcOffsetMinutes === null ? '' : fmtOffset(tb.utcOffsetMinutes)); setBad(false); }, [tb.utcOffsetMinutes]);
  const send = (base: TimeBaseKind, minutes: number | null) => getEngine().setFileOptions(id, { timeBase: { base, utcOffsetMinutes: minutes } });
  const commitOffset = () => {
    const t = off.trim();
    if (!t) { setBad(false); if (tb.utcOffsetMinutes !== null) send(tb.base, null); return; }
    const v = parseOffset(t);
    if (v === undefined || Math.abs(v) > 14 * 60) { setBad(true); return; }
    setBad(false);
    if (v !== tb.utcOffsetMinutes) send(tb.base, v);
  };
  const assumed = tb.base === 'assumed-utc';
  return (
    <div className="field field-col">
      <div className="field-line">
        <span className="field-label">Time</span>
        <select
          className={`select select-small${assumed ? ' select-warn' : ''}`}
          value={tb.base}
          aria-label={`Time base of ${path}`}
          onChange={(e) => send(e.currentTarget.value as TimeBaseKind, tb.utcOffsetMinutes)}
        >
          <option value="utc">UTC</option>
          <option value="local">Local time</option>
          <option value="assumed-utc">Assumed UTC</option>
        </select>
        <span className="field-note">offset</span>
        <input
          className={`input input-offset mono${bad ? ' input-bad' : ''}`}
          value={off}
          placeholder="±HH:MM"
          aria-label={`UTC offset of ${path} (local minus UTC)`}
          title={bad ? 'Use ±HH:MM, e.g. -05:00' : 'Node local time minus UTC, ±HH:MM (US Eastern standard time is -05:00)'}
          spellCheck={false}
          onChange={(e) => setOff(e.currentTarget.value)}
          onBlur={commitOffset}
          onKeyDown={(e) => { if (e.key === 'Enter') commitOffset(); }}
        />
      </div>
      <div className={`field-sub${assumed ? ' warn-text' : ''}`}>
        {assumed
          ? 'Assumption: nothing in the file says which zone its times are in; treated as UTC. Change it if you know better.'
          : tb.base === 'local' && tb.utcOffsetMinutes === null
            ? 'Local time with an unknown offset: enter the offset to place it on the UTC timeline.'
            : `${TB_SOURCE[tb.source] ?? tb.source}${tb.reason ? `: ${tb.reason}` : ''}${tb.skewMs ? `; clock corrected by ${tb.skewMs > 0 ? '+' : ''}${tb.skewMs} ms` : ''}`}
      </div>
    </div>
  );
});

const TIME_FORMAT: Record<string, string> = {
  'time-of-day': 'time of day, no date',
  'date-time': 'date and time',
  relative: 'seconds from the capture start',
  utc: 'UTC',
  epoch: 'seconds since 1970',
  mangled: 'minutes and seconds only (hour lost)',
};

/** What a capture holds: its format, its rows accounted for, and its times as the file states them. */
const CaptureFacts = memo(function CaptureFacts({ cap }: { cap: NonNullable<FileFacts['capture']> }) {
  return (
    <div className="field field-col" data-testid="capture-facts">
      <div className="field-line">
        <span className="field-label">Rows</span>
        <span className="mono" data-testid="capture-records">{fmtInt(cap.records)}</span>
        <span className="field-note">records, {fmtInt(cap.imported)} imported{cap.malformed ? `, ${fmtInt(cap.malformed)} malformed` : ''}</span>
      </div>
      {cap.malformedRows.length > 0 && (
        <div className="field-sub warn-text" title={cap.malformedRows.map((m) => `row ${m.row}: ${m.why}`).join('\n')}>
          malformed: {cap.malformedRows.slice(0, 3).map((m) => `row ${m.row} (${m.why})`).join('; ')}{cap.malformed > 3 ? '…' : ''}
        </div>
      )}
      <div className="field-sub">
        {cap.format}{cap.status !== 'verified' ? ' (format unverified)' : ''} · {TIME_FORMAT[cap.timeFormat] ?? cap.timeFormat}
        {cap.firstTimeOfDay && <> · <span className="mono">{cap.firstTimeOfDay}</span> → <span className="mono">{cap.lastTimeOfDay}</span></>}
        {cap.midnights > 0 && ` · past midnight ${cap.midnights}×`}
      </div>
    </div>
  );
});

/** A capture's place on the axis: date (for undated rows), UTC offset and fine offset, each proposed with its reasons and changeable. */
const AlignmentField = memo(function AlignmentField({ id, path, tb, cap }: { id: FileId; path: string; tb: TimeBase; cap: NonNullable<FileFacts['capture']> }) {
  const dateOf = (ms: number | undefined) => {
    if (!ms) return '';
    const iso = new Date(ms).toISOString();
    return ms % 86_400_000 === 0 ? iso.slice(0, 10) : iso.slice(0, ms % 60_000 === 0 ? 16 : 19).replace('T', ' ');
  };
  const [date, setDate] = useState(dateOf(tb.dateMs));
  const [off, setOff] = useState(tb.utcOffsetMinutes === null ? '' : fmtOffset(tb.utcOffsetMinutes));
  const [fine, setFine] = useState(String(tb.skewMs));
  const [bad, setBad] = useState<string | null>(null);
  useEffect(() => { setDate(dateOf(tb.dateMs)); setOff(tb.utcOffsetMinutes === null ? '' : fmtOffset(tb.utcOffsetMinutes)); setFine(String(tb.skewMs)); setBad(null); }, [tb.dateMs, tb.utcOffsetMinutes, tb.skewMs]);
  const commit = () => {
    const d = date.trim();
    if (!cap.dated && d && !/^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.test(d)) return setBad('date: use YYYY-MM-DD (and HH:MM for a start or a lost hour)');
    const o = off.trim() ? parseOffset(off.trim()) : null;
    if (o === undefined || (o !== null && Math.abs(o) > 14 * 60)) return setBad('offset: use ±HH:MM');
    const ms = Number(fine.trim() || '0');
    if (!Number.isFinite(ms)) return setBad('fine offset: a number of ms');
    setBad(null);
    const next = { ...(cap.dated ? {} : { date: d || null }), utcOffsetMinutes: o, fineMs: ms };
    if ((cap.dated || dateOf(tb.dateMs) === d) && o === tb.utcOffsetMinutes && ms === tb.skewMs) return;
    getEngine().setFileOptions(id, { alignment: next });
  };
  const keys = (e: React.KeyboardEvent<HTMLInputElement>) => { if (e.key === 'Enter') { commit(); e.currentTarget.blur(); } };
  const conf = cap.alignment?.confidence;
  const raw = cap.raw;
  return (
    <div className="field field-col" data-testid="alignment">
      <div className="field-line field-wrap">
        <span className="field-label">Align</span>
        {!cap.dated && (
          <input className={`input input-date mono${cap.hourLost || cap.timeFormat === 'relative' ? ' input-wide' : ''}`} value={date}
            placeholder={cap.hourLost ? 'YYYY-MM-DD HH:00' : cap.timeFormat === 'relative' ? 'YYYY-MM-DD HH:MM:SS' : 'YYYY-MM-DD'} aria-label={`Date of ${path}'s first row`}
            title={cap.hourLost ? 'The date and the hour its times lost (Excel kept minutes and seconds only)' : cap.timeFormat === 'relative' ? "The capture's start, in local time (its times count from it)" : 'The date of the first row (its times carry none)'} spellCheck={false}
            onChange={(e) => setDate(e.currentTarget.value)} onBlur={commit} onKeyDown={keys} />
        )}
        <input className="input input-offset mono" value={off} placeholder="±HH:MM" aria-label={`UTC offset of ${path} (local minus UTC)`}
          title="The exporting machine's local time minus UTC" spellCheck={false}
          onChange={(e) => setOff(e.currentTarget.value)} onBlur={commit} onKeyDown={keys} />
        <input className="input input-fine mono" value={fine} aria-label={`Fine offset of ${path} in ms`}
          title="Milliseconds added after the offset (clock difference to the node's log)" spellCheck={false}
          onChange={(e) => setFine(e.currentTarget.value)} onBlur={commit} onKeyDown={keys} />
        <span className="field-note">ms</span>
        {tb.source === 'user' && !raw && (
          <button type="button" className="btn btn-small" onClick={() => getEngine().setFileOptions(id, { alignment: null })} title="Back to the proposed alignment">proposed</button>
        )}
        <button type="button" className="btn btn-small" data-testid="alignment-raw" aria-pressed={raw}
          title={raw ? 'Place its rows by its alignment again' : 'Show its times as written: no offset, no fine offset'}
          onClick={() => getEngine().setFileOptions(id, { alignment: { raw: !raw } })}>{raw ? 'aligned' : 'as written'}</button>
      </div>
      <div className={`field-sub${bad || conf === undefined || conf < 0.5 ? ' warn-text' : ''}`} data-testid="alignment-why">
        {bad ?? (raw ? 'shown as written (raw): its rows sit at the times the file writes, no offset applied' : (
          <>
            {tb.source === 'user' ? 'set by you; ' : ''}
            {conf !== undefined ? `proposed (confidence ${Math.round(conf * 100)} %): ${cap.alignment!.reasons.join('; ')}` : 'no proposal yet'}
          </>
        ))}
      </div>
    </div>
  );
});

const MonthField = memo(function MonthField({ id, path, month }: { id: FileId; path: string; month: string | null }) {
  const [text, setText] = useState(month ?? '');
  const ok = /^\d{4}-(0[1-9]|1[0-2])$/.test(text.trim());
  const commit = () => { if (ok) getEngine().setFileOptions(id, { month: text.trim() }); };
  return (
    <div className="field field-month">
      <span className="field-label">Month</span>
      <input
        className={`input input-month mono${text && !ok ? ' input-bad' : ''}`}
        value={text}
        placeholder="YYYY-MM"
        aria-label={`Year and month of ${path}`}
        title="NT 4.0 logs carry only the day of the month: enter the year and month the log was written in"
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); }}
      />
      <button type="button" className="btn btn-small btn-primary" disabled={!ok} onClick={commit}>Apply</button>
    </div>
  );
});

const Buckets = memo(function Buckets({ b, total }: { b: BucketCounts; total: number }) {
  const sum = BUCKET_NAMES.reduce((a, k) => a + b[k], 0);
  return (
    <div className="buckets" data-testid="bucket-counts">
      <div className="bucket-bar" aria-hidden="true">
        {BUCKET_NAMES.map((k) => (b[k] > 0 ? <span key={k} className={`bb bb-${k}`} style={{ flexGrow: b[k] }} /> : null))}
      </div>
      <div className="bucket-nums">
        {BUCKET_NAMES.map((k, i) => (
          <span key={k} className={`bn bn-${k}${k === 'unparsed' && b[k] > 0 ? ' bn-alert' : ''}`} title={BUCKET_HELP[k]}>
            {i > 0 && <span className="dim"> + </span>}
            <b>{fmtInt(b[k])}</b> {BUCKET_LABEL[k]}
          </span>
        ))}
        <span className="bn-total">
          <span className="dim"> = </span><b>{fmtInt(sum)}</b> lines
          {sum !== total && <span className="err-text" title="The buckets do not add up to the line count"> (file has {fmtInt(total)}!)</span>}
        </span>
      </div>
    </div>
  );
});

const Progress = memo(function Progress({ p, path }: { p: FileProgress; path: string }) {
  const pct = p.size > 0 ? Math.min(100, (p.bytesRead / p.size) * 100) : 0;
  // The fill is scaled, not sized: its transition then runs on the compositor, with no
  // layout or paint on the main thread while files load.
  return (
    <div className="progress" data-testid="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label={`Reading ${path}`}>
      <div className="progress-track"><div className="progress-fill" style={{ transform: `scaleX(${pct / 100})` }} /></div>
      <div className="progress-text">
        {fmtBytes(p.bytesRead)} / {fmtBytes(p.size)} · {fmtInt(p.lines)} lines · {fmtRate(p.rate)}
      </div>
    </div>
  );
});

/** `undated`: times written without a date that none was given for (a capture's): shown without the 1970 they count from. */
const Span = memo(function Span({ sp, undated }: { sp: FileState['span']; undated: boolean }) {
  if (!sp) return null;
  const x = fmtTime(sp.firstUtc).slice(undated ? 11 : 0, 19);
  const y = fmtTime(sp.lastUtc).slice(undated ? 11 : 0, 19);
  const sameDay = undated || x.slice(0, 10) === y.slice(0, 10);
  return (
    <div className="field span-field">
      <span className="field-label">Span</span>
      <span className="mono span-text" title={sp.known ? `First and last record, UTC: ${fmtTime(sp.firstUtc)} – ${fmtTime(sp.lastUtc)}` : 'As written: the UTC offset is unknown'}>
        {x} – {sameDay && !undated ? y.slice(11) : y}
        {undated ? <span className="warn-text"> no date</span> : sp.known ? <span className="dim"> UTC</span> : <span className="warn-text"> local?</span>}
      </span>
    </div>
  );
});

/** Error text that names its file, even when the engine's message does not. */
function withName(name: string, path: string, msg: string) {
  return msg.includes(name) ? msg : <><b>{path}:</b> {msg}</>;
}

const STATUS_LABEL: Record<string, string> = { loading: 'reading', done: 'ready', error: 'error', 'needs-month': 'needs month' };

const FileCard = memo(function FileCard({ f, gapMs, totalMs }: { f: FileState; gapMs?: number; totalMs?: number }) {
  const fx = f.facts;
  const isError = fx.status === 'error';
  const loading = fx.status === 'loading';
  const settings = SOURCE_KINDS[fx.kind].settings;
  return (
    <article
      className={`card card-${fx.status}`}
      data-testid="file-card"
      data-file-name={fx.name}
      data-status={fx.status}
      aria-label={`File ${fx.path}`}
    >
      <div className="card-color" style={{ background: f.color }} aria-hidden="true" />
      <header className="card-head">
        <div className="card-title">
          <div className="card-path" title={fx.path}>{fx.path}</div>
          <div className="card-meta">
            <span className={`pill pill-${fx.status}`}>{STATUS_LABEL[fx.status] ?? fx.status}</span>
            {fx.kind !== 'cluster-log' && <span className="pill" data-testid="source-kind">{SOURCE_KINDS[fx.kind].label}</span>}
            <span className="dim">{fmtBytes(fx.size)}</span>
            {fx.build && <span className="dim" title="Build">build {fx.build}</span>}
            {f.duplicates > 0 && <span className="dim" title="Lines also present in another file of the same node; shown once">{fmtInt(f.duplicates)} duplicate lines hidden</span>}
          </div>
        </div>
        <button type="button" className="btn btn-icon btn-ghost" title={`Remove ${fx.path}`} aria-label={`Remove ${fx.path}`} onClick={() => removeFile(f.id)}>×</button>
      </header>

      {isError && (
        <ul className="msgs msgs-error">
          {(fx.errors.length ? fx.errors : [`${fx.path} could not be read.`]).map((m, i) => (
            <li key={i} data-testid="file-error">{withName(fx.name, fx.path, m)}</li>
          ))}
        </ul>
      )}

      {loading && <Progress p={f.progress} path={fx.path} />}

      {!isError && (
        <div className="card-body">
          <NodeField id={f.id} path={fx.path} color={f.color} node={fx.node} nodeSource={fx.nodeSource} nodeEvidence={fx.nodeEvidence} />
          {fx.nodeConflicts.length > 0 && (
            <ul className="msgs msgs-warn">
              {fx.nodeConflicts.map((m, i) => <li key={i}>Node name conflict: {m}</li>)}
            </ul>
          )}
          {fx.capture && <CaptureFacts cap={fx.capture} />}
          {settings.includes('dialect') && <DialectField id={f.id} path={fx.path} dialect={fx.dialect} dialectSource={fx.dialectSource} dialectEvidence={fx.dialectEvidence} />}
          {settings.includes('encoding') && <EncodingField id={f.id} path={fx.path} encoding={fx.encoding} encodingSource={fx.encodingSource} bom={fx.bom} />}
          {settings.includes('timeBase') && <TimeBaseField id={f.id} path={fx.path} tb={fx.timeBase} />}
          {settings.includes('alignment') && fx.capture && <AlignmentField id={f.id} path={fx.path} tb={fx.timeBase} cap={fx.capture} />}
          {fx.status === 'needs-month' && <MonthField id={f.id} path={fx.path} month={fx.month} />}
          <Span sp={f.span} undated={!!fx.capture && !fx.capture.dated && !fx.timeBase.dateMs} />
          {fx.lines > 0 && <Buckets b={fx.buckets} total={fx.lines} />}
          {fx.backwards > 0 && (
            <div className="field-sub" title="Records whose time is earlier than the record before them; kept in file order and marked ↶">
              ↶ {fmtInt(fx.backwards)} time went backwards
            </div>
          )}
        </div>
      )}

      {gapMs !== undefined && totalMs !== undefined && f.span && (
        <ul className="msgs msgs-warn">
          <li data-testid="file-apart">
            This file's time span overlaps no other file's (the nearest is {fmtDuration(gapMs)} away), so the timeline spans {fmtDuration(totalMs)}: logs of different incidents?{' '}
            <button
              type="button"
              className="btn btn-small"
              data-testid="fit-file-span"
              onClick={() => { const sp = f.span!; useUi.getState().set({ timelineOpen: true }); setDomain([sp.firstUtc, Math.max(sp.lastUtc, sp.firstUtc + 1000)]); }}
            >
              Fit this file's span
            </button>
          </li>
        </ul>
      )}
      {fx.warnings.length > 0 && (
        <ul className="msgs msgs-warn">
          {fx.warnings.map((m, i) => <li key={i} data-testid="file-warning">{m}</li>)}
        </ul>
      )}
      {!isError && fx.errors.length > 0 && (
        <ul className="msgs msgs-error">
          {fx.errors.map((m, i) => <li key={i} data-testid="file-error">{withName(fx.name, fx.path, m)}</li>)}
        </ul>
      )}
    </article>
  );
});

export function FilePanel() {
  const files = useSnap((s) => s.snap.files);
  const errors = files.filter((f) => f.facts.status === 'error').length;
  const apart = filesApart(files.flatMap((f) => (f.span && f.facts.status !== 'error' ? [{ id: f.id, firstUtc: f.span.firstUtc, lastUtc: f.span.lastUtc }] : [])));
  return (
    <aside className="panel" aria-label="Files">
      <div className="panel-head">
        <span>Files <span className="dim">({files.length})</span></span>
        {errors > 0 && <span className="err-text">{errors} not loaded</span>}
      </div>
      <div className="panel-scroll">
        {files.map((f) => <FileCard key={f.id} f={f} gapMs={apart.get(f.id)?.gapMs} totalMs={apart.get(f.id)?.totalMs} />)}
      </div>
    </aside>
  );
}
