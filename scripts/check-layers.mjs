#!/usr/bin/env node
// The layer check (run by `npm test`, as Perfetto's tools/check_imports.py is run by its CI):
// every import of product code (src/, test files excepted) must go down the table below.
// It reads the import, export-from, dynamic import() and import('…') type statements of
// every .ts/.tsx file with the TypeScript parser (a dev dependency already, so comments,
// strings and regular expressions are never taken for imports), prints each violation as
//   file:line imports X (layer A may not import layer B)
// and exits 1 when there is any.
//
// Usage: node scripts/check-layers.mjs [--root DIR] [--table-only]
//   --root DIR     check another tree (its src/, test/, e2e/, bench/, scripts/)
//   --table-only   without the technical-debt block (for fake trees: the unit test)

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/**
 * What each folder of src/ may import, besides itself (subfolders count as their folder).
 * An entry is a folder of src/ ('events') or one file of it ('engine/api.ts': only that
 * module of the folder, its public interface). '*' means everything: only the composition
 * root has it. A folder of src/ missing from the table is itself a violation.
 *
 * Order, bottom up: base · formats · captures · ingest · sources, events, store · timeline · engine · share ·
 * workers · state · views · app; generator and cli stand beside it (no UI, no browser engine).
 */
export const LAYERS = {
  // Units, civil time, growable arrays, levels. Imports nothing.
  base: [],
  // Dialects, sections, encodings, the message catalogue: data and matchers.
  formats: ['base'],
  // Capture exports (Procmon, Netmon, Wireshark, event logs): sniffing, times of day, columns.
  captures: ['base', 'formats'],
  // Byte-level reading of cluster.logs: chunking, lines, prefixes, time bases, dialect detection
  // (it asks captures/ whether an input is a capture export instead, for that file's one error).
  ingest: ['base', 'formats', 'captures'],
  // One model for every input: a source's kind from its first bytes, its indexer (ingest's for a
  // cluster.log, the capture indexer for an export), a capture's alignment on its node's logs.
  sources: ['base', 'formats', 'captures', 'ingest'],
  // Typed events over indexed files: extraction, materializing, names, correlation.
  events: ['base', 'formats', 'ingest'],
  // Pure functions over rows: filter, merge, dedupe, search.
  store: ['base', 'formats', 'ingest'],
  // The timeline model: marks columns, layout, density pyramid (no DOM).
  timeline: ['base', 'formats', 'ingest', 'events', 'store'],
  // The engine: the EngineClient interface (api.ts), worker-side stores, the worker client.
  engine: ['base', 'formats', 'ingest', 'sources', 'events', 'store', 'timeline', 'insights'],
  // Incident insights (issue 13): rules as data over the recognized events, and their narrative.
  insights: ['base', 'formats', 'ingest', 'events'],
  // Sharing a view (issue 12): the permalink's codec and schema, the case file (a zip of the
  // inputs and the view), redaction and exports. Pure: the app's state and the CLI both use it.
  share: ['base', 'formats', 'ingest', 'sources', 'events', 'store', 'timeline', 'engine/api.ts'],
  // Worker entry points (thin): each wraps one engine module.
  workers: ['base', 'engine'],
  // UI state (zustand stores) and the controller that binds them to an EngineClient.
  state: ['base', 'formats', 'ingest', 'events', 'store', 'timeline', 'engine/api.ts', 'share'],
  // React views and canvas painters: they reach the engine only through its interface.
  views: ['base', 'formats', 'ingest', 'events', 'store', 'timeline', 'engine/api.ts', 'state'],
  // The composition root: creates the engine, binds the state, mounts the views.
  app: '*',
  // The synthetic log writer: independent of the parser's patterns (its tests may read both).
  generator: ['base'],
  // The Node command line: every non-UI layer, never state/, views/ or app/.
  cli: ['base', 'formats', 'captures', 'ingest', 'sources', 'events', 'store', 'timeline', 'generator', 'share', 'insights'],
};

/**
 * Technical debt: imports that break the table today, each with its reason. Keep this
 * block short; an entry that no longer matches anything is reported, so that it is removed.
 * { file, imports, reason }: file and imports are repository paths, or folders ending in '/';
 * imports '(test code only)' excuses a module of src/ that only test code imports.
 */
export const TECHNICAL_DEBT = [];

/** 'src/views/' matches every file below it; any other path only itself. */
const covers = (pattern, path) => (pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern);

/** Folders scanned besides src/; all of them hold test code (tests, browser tests, benchmarks, tooling). */
const TEST_ROOTS = ['test', 'e2e', 'bench', 'scripts'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'scratch', '.cache']);
const SOURCE = /\.(ts|tsx|mts|cts)$/;
const TEST_FILE = /\.(test|spec)\.(ts|tsx|mts|cts)$/;
/** Product files that nothing imports on purpose: the page, worker and command-line entries. */
const ENTRY = /^src\/(app\/main\.tsx|workers\/[^/]+\.worker\.ts|cli\/main\.ts)$/;

function* walk(dir, root) {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) yield* walk(join(dir, e.name), root); }
    else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) yield relative(root, join(dir, e.name)).split(sep).join('/');
  }
}

/** Every module specifier of a file with its line (1-based). */
export function importsOf(text, fileName = 'x.ts') {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const out = [];
  const add = (lit) => { if (lit && ts.isStringLiteralLike(lit)) out.push({ spec: lit.text, line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1 }); };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** 'src/views/x.ts' -> { test: false, layer: 'views', inner: 'views/x.ts' }; test code -> { test: true }. */
export function classify(path) {
  if (!path.startsWith('src/')) return { test: true };
  if (TEST_FILE.test(path)) return { test: true };
  const inner = path.slice(4);
  const slash = inner.indexOf('/');
  return { test: false, layer: slash < 0 ? '(src/)' : inner.slice(0, slash), inner };
}

function allows(rule, target) {
  if (rule === '*') return true;
  return rule.some((e) => (SOURCE.test(e) ? target.inner === e : target.layer === e));
}

/**
 * Checks the tree at root. Returns { violations: string[], files: number }.
 * table and debt default to the ones above (the unit test passes its own tree, not its own table).
 */
export function checkLayers(root, table = LAYERS, debt = TECHNICAL_DEBT) {
  const files = [...walk(join(root, 'src'), root)];
  for (const t of TEST_ROOTS) files.push(...walk(join(root, t), root));
  const violations = [];
  const usedDebt = new Set();
  const importers = new Map(); // product file -> files that import it
  for (const file of files) {
    const from = classify(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const { spec, line } of importsOf(text, file)) {
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue; // a package, node: or virtual module
      const clean = spec.replace(/[?#].*$/, '');
      const target = clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(posix.dirname(file), clean));
      const to = classify(target);
      if (!to.test && SOURCE.test(target)) {
        if (!importers.has(target)) importers.set(target, []);
        importers.get(target).push(file);
      }
      if (from.test) continue; // test code may import anything
      const where = `${file}:${line} imports ${spec}`;
      const debtIndex = debt.findIndex((d) => covers(d.file, file) && covers(d.imports, target));
      if (debtIndex >= 0) { usedDebt.add(debtIndex); continue; }
      const rule = table[from.layer];
      if (rule === undefined) { violations.push(`${where} (layer ${from.layer} is not in the layer table of scripts/check-layers.mjs)`); continue; }
      if (to.test) { violations.push(`${where} (product code may not import test code: ${target})`); continue; }
      if (to.layer === from.layer) continue;
      if (allows(rule, to)) continue;
      const partly = rule !== '*' && rule.filter((e) => SOURCE.test(e) && e.startsWith(`${to.layer}/`));
      const only = partly && partly.length ? `, only ${partly.join(', ')}` : '';
      violations.push(`${where} (layer ${from.layer} may not import layer ${to.layer}${only})`);
    }
  }
  // Test doubles and data generators live with the tests or the bench, not in src/.
  for (const [target, by] of importers) {
    if (ENTRY.test(target) || by.some((f) => !classify(f).test)) continue;
    if (debt.some((d, i) => covers(d.file, target) && d.imports === '(test code only)' && usedDebt.add(i))) continue;
    violations.push(`${target} is imported only by test code (${by.slice(0, 3).join(', ')}${by.length > 3 ? ', …' : ''}): it belongs in test/ or bench/`);
  }
  debt.forEach((d, i) => { if (!usedDebt.has(i)) violations.push(`scripts/check-layers.mjs: the technical-debt entry ${d.file} -> ${d.imports} matches nothing: remove it`); });
  return { violations, files: files.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? resolve(process.argv[i + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');
  const { violations, files } = checkLayers(root, LAYERS, process.argv.includes('--table-only') ? [] : TECHNICAL_DEBT);
  for (const v of violations) console.error(v);
  if (violations.length) {
    console.error(`\nLayer check: ${violations.length} violation${violations.length === 1 ? '' : 's'} in ${files} files (the table is in scripts/check-layers.mjs).`);
    process.exit(1);
  }
  console.log(`Layer check: ${files} files, every import goes down the layers.`);
}
