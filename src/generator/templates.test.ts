import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMPLATES, referenceMessage, renderTemplate } from './templates.ts';
import { componentOf, extractValues } from './template-fill.ts';

// The repository root is two levels up from src/generator; the shared reference sits beside it.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const formatsPath = resolve(repoRoot, '../shared/reference/formats.md');
const corpusPath = resolve(repoRoot, '../shared/corpus/clusterlog/zeroch__FailoverDetector__TestCase_0.txt');
const haveFormats = existsSync(formatsPath);
const haveCorpus = existsSync(corpusPath);

describe('message templates', () => {
  it('have unique ids, a dialect and a component that matches the template text', () => {
    const ids = new Set<string>();
    for (const tpl of TEMPLATES) {
      expect(ids.has(tpl.id), tpl.id).toBe(false);
      ids.add(tpl.id);
      expect(tpl.dialects.length, tpl.id).toBeGreaterThan(0);
      expect(tpl.component, tpl.id).toBe(componentOf(tpl.template));
    }
  });

  for (const tpl of TEMPLATES.filter((x) => x.fidelity === 'verbatim')) {
    it(`${tpl.id} renders its reference line exactly`, () => {
      const { message, level } = referenceMessage(tpl.reference);
      const values = extractValues(tpl.template, message);
      expect(values, `template does not match reference:\n${tpl.template}\n${message}`).not.toBeNull();
      expect(renderTemplate(tpl.id, values ?? {})).toBe(message);
      if (level) expect(tpl.level, 'level of the reference line').toBe(level);
    });
  }

  for (const tpl of TEMPLATES.filter((x) => x.fidelity === 'inferred')) {
    it(`${tpl.id} keeps the literal start formats.md describes`, () => {
      const literal = tpl.reference.replace(/\s*…$/, '');
      expect(tpl.template.startsWith(literal)).toBe(true);
    });
  }

  it.skipIf(!haveFormats)(
    `every formats.md reference occurs verbatim in ${haveFormats ? formatsPath : '../shared/reference/formats.md (absent: skipped)'}`,
    () => {
      const text = readFileSync(formatsPath, 'utf8');
      const missing = TEMPLATES.filter((x) => x.source === 'formats.md' && !text.includes(x.reference)).map((x) => x.id);
      expect(missing).toEqual([]);
    },
  );

  it.skipIf(!haveCorpus)(
    `every corpus reference occurs verbatim in ${haveCorpus ? corpusPath : 'the shared corpus (absent: skipped)'}`,
    () => {
      const lines = readFileSync(corpusPath, 'utf8').split(/\r\n|\n|\r/);
      const missing = TEMPLATES.filter((x) => x.source === 'corpus' && !lines.includes(x.reference)).map((x) => x.id);
      expect(missing).toEqual([]);
    },
  );
});
