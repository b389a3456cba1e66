// The redaction the user chose for what leaves the tab: one choice for the case file, the
// exports and copied text (state/redaction.ts), shown in each dialog that writes something out.
import { CATEGORY_LABELS, REDACT_CATEGORIES, useRedaction } from '../state/redaction.ts';

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
