import { usePrefs } from '../state/prefs.ts';
import { validateQuery } from '../store/search.ts';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { filtersActive, useUi } from '../state/ui-state.ts';
import { useSnap } from '../state/snapshot-store.ts';
import type { ComponentCount, FileState } from '../engine/api.ts';
import { applySearch, getEngine, gotoHit } from '../state/controller.ts';
import { parseIsoTime } from '../base/civil.ts';
import { fmtInt, fmtMs, fmtTime } from './format.ts';

/** Calls `fn` `ms` after the last change of `value` (skipped on mount). */
function useDebounced<T>(value: T, ms: number, fn: (v: T) => void) {
  const first = useRef(true);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    const t = setTimeout(() => fnRef.current(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
}

// ------------------------------------------------------------------ search

function SearchBox() {
  const { searchText, regex, caseSensitive, set } = useUi(useShallow((s) => ({ searchText: s.searchText, regex: s.regex, caseSensitive: s.caseSensitive, set: s.set })));
  const search = useSnap((s) => s.snap.search);
  const apply = (text: string) => applySearch(text);
  useDebounced(searchText, 350, apply);
  // The engine's own check (syntax, and shapes that can take exponential time), said as the user types.
  const invalid = useMemo(() => (regex && searchText ? validateQuery({ text: searchText, regex, caseSensitive }) : null), [regex, searchText, caseSensitive]);
  const err = invalid ?? search.error;
  return (
    <div className="search" role="search">
      <input
        className={`input search-input${err ? ' input-bad' : ''}`}
        data-testid="search-input"
        type="text"
        spellCheck={false}
        autoComplete="off"
        placeholder="Search all lines   ( / )"
        aria-label="Search"
        title={err ?? 'Search text. Enter searches now; n / N jump to the next / previous hit.'}
        value={searchText}
        onChange={(e) => set({ searchText: e.currentTarget.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            applySearch(e.currentTarget.value, e.shiftKey ? -1 : 1);
          }
        }}
      />
      <button type="button" className="tog-btn mono" aria-pressed={regex} title="Regular expression" aria-label="Regular expression" onClick={() => set({ regex: !regex })}>.*</button>
      <button type="button" className="tog-btn mono" aria-pressed={caseSensitive} title="Match case" aria-label="Match case" onClick={() => set({ caseSensitive: !caseSensitive })}>Aa</button>
      <span className={`hit-count${err ? ' hit-count-bad' : ''}`} data-testid="hit-count" aria-live="polite" title={err ?? undefined}>
        {err ? (err.length > 90 ? `${err.slice(0, 88)}…` : err) : search.spec ? (
          <>
            {search.running ? (
              <>
                <span className="spinner" aria-label="searching" />
                <b>{fmtInt(search.hits)}</b> hits<span className="dim"> so far…</span>
              </>
            ) : (
              <span title={`${fmtInt(search.visibleHits)} hits in the current view, ${fmtInt(search.hits)} in all files; took ${fmtMs(search.elapsedMs)}`}>
                <b>{fmtInt(search.visibleHits)}</b>
                {search.hits !== search.visibleHits && <span className="dim"> of {fmtInt(search.hits)}</span>}
                {search.visibleHits === 1 ? ' hit' : ' hits'}
                <span className="dim"> · {fmtMs(search.elapsedMs)}</span>
              </span>
            )}
          </>
        ) : <span className="dim">no search</span>}
      </span>
      <button type="button" className="btn btn-icon" title="Previous hit (N)" aria-label="Previous hit" disabled={!search.spec} onClick={() => void gotoHit(-1)}>↑</button>
      <button type="button" className="btn btn-icon" title="Next hit (n)" aria-label="Next hit" disabled={!search.spec} onClick={() => void gotoHit(1)}>↓</button>
    </div>
  );
}

function OnlyHits() {
  const { onlyHits, context, set } = useUi(useShallow((s) => ({ onlyHits: s.onlyHits, context: s.context, set: s.set })));
  const [ctx, setCtx] = useState(String(context));
  useDebounced(ctx, 150, (v) => {
    const n = Math.max(0, Math.min(1000, Math.floor(Number(v))));
    if (Number.isFinite(n)) set({ context: n });
  });
  return (
    <div className="group">
      <label className="check" title="Show only lines that match the search, with context lines around each hit (across nodes)">
        <input type="checkbox" checked={onlyHits} onChange={(e) => set({ onlyHits: e.currentTarget.checked })} />
        only matching
      </label>
      <label className="ctx" title="Context lines before and after each hit">
        ±
        <input
          className="input input-num"
          type="number"
          min={0}
          max={1000}
          value={ctx}
          aria-label="Context lines"
          disabled={!onlyHits}
          onChange={(e) => setCtx(e.currentTarget.value)}
        />
      </label>
    </div>
  );
}

// ------------------------------------------------------------------ nodes

/** The file fields the chips depend on, as one string: the chips re-render only when it changes (not on progress). */
function chipFilesKey(files: FileState[]): string {
  let k = '';
  for (const f of files) k += `${f.id}\u0001${f.facts.status === 'error' ? 1 : 0}${f.facts.lines > 0 ? 1 : 0}\u0001${f.color}\u0001${f.facts.name}\u0001${f.facts.path}\u0002`;
  return k;
}

const NodeChips = memo(function NodeChips() {
  const filesKey = useSnap((s) => chipFilesKey(s.snap.files));
  const nodes = useSnap((s) => s.snap.nodes);
  const hidden = useUi((s) => s.hiddenFiles);
  const set = useUi((s) => s.set);
  // A chip per node (lane): a file whose node is unknown has a lane of its own, under its
  // provisional name, so no chip ever stands for a file name or for two nodes.
  const chips = useMemo(() => {
    const files = useSnap.getState().snap.files;
    // Lanes whose files all failed to load have nothing to filter: leave them out.
    const failed = new Set(files.filter((f) => f.facts.status === 'error').map((f) => f.id));
    const out: { key: string; label: string; color: string; ids: number[]; title: string }[] = nodes
      .filter((n) => n.fileIds.some((id) => !failed.has(id)))
      .map((n) => ({
        key: `n:${n.fileIds[0]}`, label: n.name, color: n.color, ids: n.fileIds, title: `${n.name}: ${n.fileIds.length} file${n.fileIds.length === 1 ? '' : 's'}`,
      }));
    return out;
  }, [filesKey, nodes]); // eslint-disable-line react-hooks/exhaustive-deps
  if (chips.length === 0) return null;
  const hiddenSet = new Set(hidden);
  return (
    <div className="group chips" role="group" aria-label="Nodes">
      {chips.map((c) => {
        const on = !c.ids.every((id) => hiddenSet.has(id));
        return (
          <button
            key={c.key}
            type="button"
            className={`chip${on ? '' : ' chip-off'}`}
            aria-pressed={on}
            title={`${c.title}. Click to ${on ? 'hide' : 'show'}; Shift+click to show only this one.`}
            onClick={(e) => {
              if (e.shiftKey) {
                const all = useSnap.getState().snap.files.map((f) => f.id).filter((id) => !c.ids.includes(id));
                set({ hiddenFiles: all });
              } else if (on) {
                set({ hiddenFiles: [...new Set([...hidden, ...c.ids])] });
              } else {
                set({ hiddenFiles: hidden.filter((id) => !c.ids.includes(id)) });
              }
            }}
          >
            <span className="chip-dot" style={{ background: c.color }} />
            {c.label}
          </button>
        );
      })}
    </div>
  );
});

// ------------------------------------------------------------------ components

const NO_COMPONENTS: ComponentCount[] = [];

/** One line of the component list; re-renders only when its count or check changes. */
const CompItem = memo(function CompItem({ name, count, checked, onToggle }: { name: string; count: number; checked: boolean; onToggle: (name: string) => void }) {
  return (
    <label className="comp-item" role="option" aria-selected={checked}>
      <input type="checkbox" checked={checked} onChange={() => onToggle(name)} />
      <span className="comp-name">{name}</span>
      <span className="comp-count">{fmtInt(count)}</span>
    </label>
  );
});

function ComponentPicker() {
  const [open, setOpen] = useState(false);
  // The list (its counts change all the time while files load) only while it is shown.
  const comps = useSnap((s) => (open ? s.snap.components : NO_COMPONENTS));
  const compCount = useSnap((s) => s.snap.components.length);
  const selected = useUi((s) => s.components);
  const set = useUi((s) => s.set);
  const [q, setQ] = useState('');
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => { if (boxRef.current && !boxRef.current.contains(e.target as Node)) setOpen(false); };
    const esc = (e: KeyboardEvent) => { if (e.key === 'Escape') setOpen(false); };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', esc);
    return () => { window.removeEventListener('mousedown', close); window.removeEventListener('keydown', esc); };
  }, [open]);
  const sel = new Set(selected);
  const ql = q.trim().toLowerCase();
  const shown = ql ? comps.filter((c) => c.name.toLowerCase().includes(ql)) : comps;
  const toggle = useCallback((name: string) => {
    const cur = useUi.getState().components;
    set({ components: cur.includes(name) ? cur.filter((x) => x !== name) : [...cur, name] });
  }, [set]);
  const label = selected.length === 0 ? 'all' : selected.length <= 2 ? selected.join(', ') : `${selected.length} of ${compCount}`;
  return (
    <div className="picker" ref={boxRef}>
      <button
        type="button"
        className={`btn${selected.length ? ' btn-active' : ''}`}
        aria-expanded={open}
        aria-haspopup="listbox"
        title="Show only some components"
        data-testid="component-button"
        onClick={() => setOpen(!open)}
      >
        Components: {label} ▾
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Components">
          <input
            className="input"
            autoFocus
            placeholder="Filter components"
            aria-label="Filter components"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <div className="popover-actions">
            <button type="button" className="btn btn-small" onClick={() => set({ components: [] })}>All</button>
            <button type="button" className="btn btn-small" disabled={!ql} onClick={() => set({ components: [...new Set([...selected, ...shown.map((c) => c.name)])] })}>Add matching</button>
            <span className="dim">{fmtInt(compCount)} components</span>
          </div>
          <div className="comp-list" role="listbox" aria-multiselectable="true">
            {shown.map((c) => <CompItem key={c.name} name={c.name} count={c.count} checked={sel.has(c.name)} onToggle={toggle} />)}
            {shown.length === 0 && <div className="dim pad">No component matches “{q}”.</div>}
          </div>
        </div>
      )}
    </div>
  );
}

// ------------------------------------------------------------------ time range

function TimeInput({ which }: { which: 'from' | 'to' }) {
  const value = useUi((s) => s[which]);
  const set = useUi((s) => s.set);
  const [text, setText] = useState(value === null ? '' : fmtTime(value));
  const [bad, setBad] = useState(false);
  // Follow outside changes (e.g. "from selection", reset).
  const lastApplied = useRef(value);
  useEffect(() => {
    if (value !== lastApplied.current) {
      lastApplied.current = value;
      setText(value === null ? '' : fmtTime(value));
      setBad(false);
    }
  }, [value]);
  const apply = (t: string) => {
    const s = t.trim();
    if (!s) { setBad(false); lastApplied.current = null; set({ [which]: null }); return; }
    const v = parseIsoTime(s);
    if (v === undefined) { setBad(true); return; }
    setBad(false);
    lastApplied.current = v;
    set({ [which]: v });
  };
  useDebounced(text, 150, apply);
  const fromSelection = async () => {
    const sel = useUi.getState().selected;
    if (!sel) return;
    const rows = await getEngine().getRows(sel.pos, 1);
    const t = rows[0]?.utcMs;
    if (t !== undefined && Number.isFinite(t)) { lastApplied.current = t; setText(fmtTime(t)); setBad(false); set({ [which]: t }); }
  };
  const hasSel = useUi((s) => s.selected !== null);
  return (
    <span className="time-in">
      <input
        className={`input input-time${bad ? ' input-bad' : ''}`}
        value={text}
        spellCheck={false}
        placeholder={which === 'from' ? 'from  YYYY-MM-DD HH:MM:SS' : 'to  YYYY-MM-DD HH:MM:SS'}
        aria-label={which === 'from' ? 'From time, UTC' : 'To time, UTC'}
        title={bad ? 'Not a time: use YYYY-MM-DD HH:MM:SS.mmm (UTC unless a Z or ±HH:MM is given)' : `${which === 'from' ? 'Start' : 'End'} of the time range, UTC`}
        onChange={(e) => setText(e.currentTarget.value)}
        // Enter commits and Esc abandons the edit; both give the keys back to the view.
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            apply(e.currentTarget.value);
            e.currentTarget.blur();
          } else if (e.key === 'Escape') {
            setText(value === null ? '' : fmtTime(value));
            setBad(false);
            e.currentTarget.blur();
          }
        }}
      />
      <button type="button" className="btn btn-small" disabled={!hasSel} title={`Set ${which === 'from' ? 'start' : 'end'} to the selected row's time`} onClick={() => void fromSelection()}>
        {which === 'from' ? '⇤ sel' : 'sel ⇥'}
      </button>
    </span>
  );
}

// ------------------------------------------------------------------ bar

const LEVELS: [number, string][] = [[0, 'All levels'], [1, 'DBG+'], [2, 'INFO+'], [3, 'WARN+'], [4, 'ERR+'], [5, 'CRIT']];

export function FilterBar() {
  const { minLevel, expandAll, set } = useUi(useShallow((s) => ({ minLevel: s.minLevel, expandAll: s.expandAll, set: s.set })));
  const active = useUi(filtersActive);
  return (
    <div className="filterbar">
      <div className="filterbar-row">
        <SearchBox />
        <OnlyHits />
        <div className="spacer" />
        <label className="check" title="Show multi-line entries expanded">
          <input type="checkbox" checked={expandAll} onChange={(e) => set({ expandAll: e.currentTarget.checked })} />
          expand all entries
        </label>
        <WrapToggle />
      </div>
      <div className="filterbar-row">
        <NodeChips />
        <select
          className={`select${minLevel ? ' select-active' : ''}`}
          value={minLevel}
          aria-label="Minimum level"
          title="Minimum level (by severity)"
          data-testid="level-select"
          onChange={(e) => set({ minLevel: Number(e.currentTarget.value) })}
        >
          {LEVELS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
        <ComponentPicker />
        <div className="group time-range">
          <TimeInput which="from" />
          <span className="dim">–</span>
          <TimeInput which="to" />
        </div>
        {active && (
          <button
            type="button"
            className="btn btn-small"
            title="Show everything again"
            onClick={() => set({ hiddenFiles: [], minLevel: 0, components: [], from: null, to: null, onlyHits: false })}
          >
            Reset filters
          </button>
        )}
      </div>
    </div>
  );
}

/** Long lines wrap (three lines a row), remembered. */
function WrapToggle() {
  const wrap = usePrefs((s) => s.wrapLines);
  return (
    <label className="check" title="Wrap long lines: rows three lines tall (the tooltip and the details strip give the whole line)">
      <input type="checkbox" data-testid="wrap-lines" checked={wrap} onChange={(e) => usePrefs.getState().set({ wrapLines: e.currentTarget.checked })} />
      wrap lines
    </label>
  );
}
