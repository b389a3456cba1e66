// The redaction the user chose for what leaves the tab: one choice for the case file, the
// exports and copied text (state/redaction.ts), shown in each dialog that writes something out.
import { CATEGORY_LABELS, REDACT_CATEGORIES, useRedaction, type Masked } from '../state/redaction.ts';

/** Masked values listed in a preview (the counts cover them all). */
const PREVIEW_ROWS = 200;

/** What gets masked: each value, its token and how often (the values shown as text). */
export function MaskedTable({ masked, extra }: { masked: readonly Masked[]; extra?: React.ReactNode }) {
  return (
    <div className="case-preview" data-testid="case-preview-list">
      <div className="dim">
        {masked.length.toLocaleString('en-US')} value{masked.length === 1 ? '' : 's'} masked:{' '}
        {REDACT_CATEGORIES.map((c) => `${masked.filter((m) => m.category === c).length} ${c}`).join(' · ')}
      </div>
      {extra}
      <table>
        <thead><tr><th>what</th><th>value</th><th>becomes</th><th>times</th></tr></thead>
        <tbody>
          {masked.slice(0, PREVIEW_ROWS).map((m) => (
            <tr key={`${m.category}:${m.token}:${m.value}`}><td className="dim">{m.category}</td><td className="mono">{m.value}</td><td className="mono">{m.token}</td><td className="num">{m.count.toLocaleString('en-US')}</td></tr>
          ))}
        </tbody>
      </table>
      {masked.length > PREVIEW_ROWS && <div className="dim">… and {masked.length - PREVIEW_ROWS} more</div>}
    </div>
  );
}

export function RedactionChoices({ disabled, children }: { disabled: boolean; children?: React.ReactNode }) {
  const r = useRedaction();
  return (
    <>
      <label className="case-opt">
        <input type="checkbox" data-testid="case-redact" checked={r.on} disabled={disabled} onChange={(e) => r.set({ on: e.target.checked })} />
        Redact: mask these the same way everywhere (case file, exports, copied lines):
      </label>
      {r.on && (
        <div className="case-redact">
          {REDACT_CATEGORIES.filter((c) => c !== 'patterns').map((c) => (
            <label key={c} className="case-opt">
              <input type="checkbox" checked={r.categories.includes(c)} disabled={disabled}
                onChange={(e) => r.set({ categories: e.target.checked ? [...r.categories, c] : r.categories.filter((x) => x !== c) })} />
              {CATEGORY_LABELS[c]}
            </label>
          ))}
          <label className="case-patterns">
            Your patterns (regular expressions, one per line), masked too:
            <textarea rows={3} value={r.patterns} disabled={disabled} data-testid="case-patterns" spellCheck={false}
              placeholder={'AG-[A-Z]+\\d*\nPayroll'} onChange={(e) => r.set({ patterns: e.target.value })} />
          </label>
          {children}
        </div>
      )}
    </>
  );
}
