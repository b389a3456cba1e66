// Message templates use `{name}` placeholders. They are compiled once into literal parts so
// that filling is plain string concatenation (millions of lines per second).

export type Values = Readonly<Record<string, string | number>>;

export interface CompiledTemplate {
  /** Literal text around the placeholders: parts.length === names.length + 1. */
  parts: string[];
  names: string[];
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export function compileTemplate(template: string): CompiledTemplate {
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    names.push(m[1]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return { parts, names };
}

export function fillTemplate(c: CompiledTemplate, values: Values): string {
  let out = c.parts[0];
  for (let i = 0; i < c.names.length; i++) {
    const v = values[c.names[i]];
    if (v === undefined) throw new Error(`missing value for {${c.names[i]}}`);
    out += v + c.parts[i + 1];
  }
  return out;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads placeholder values back out of a message produced by the template (or of a real
 * reference line). Returns null when the literal text does not match.
 */
export function extractValues(template: string, message: string): Record<string, string> | null {
  const c = compileTemplate(template);
  const seen = new Set<string>();
  let src = '^' + escapeRe(c.parts[0]);
  for (let i = 0; i < c.names.length; i++) {
    const n = c.names[i];
    src += seen.has(n) ? `\\k<${n}>` : `(?<${n}>.*?)`;
    seen.add(n);
    src += escapeRe(c.parts[i + 1]);
  }
  const m = new RegExp(src + '$', 's').exec(message);
  return m ? { ...(m.groups ?? {}) } : null;
}

// formats.md A.2.1 RE_COMPONENT and RE_RESDLL.
const RE_COMPONENT = /^\[([A-Za-z][A-Za-z0-9_]*)(?:\s[^\]]*)?\]/;
const RE_RESDLL = /^[A-Za-z][^<[\]]*?\s<[^>]*>:\s/;

/**
 * The component of a message: the tag in a `[...]` that opens the message (`[RCM] ...` → RCM,
 * `[CHANNEL 10.1.1.1:~3343~] ...` → CHANNEL, `[DM]: ...` → DM). 2000/2003 resource-DLL lines
 * (`Physical Disk <Disk D:>: [DISKARB] ...`) count as RES, like the `[RES]` lines of 2008+.
 * Free text has none.
 */
export function componentOf(message: string): string | null {
  const m = RE_COMPONENT.exec(message);
  if (m) return m[1];
  return RE_RESDLL.test(message) ? 'RES' : null;
}
