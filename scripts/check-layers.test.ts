// The layer check against small fake trees (the real table of scripts/check-layers.mjs): it
// reports each import that goes up the layers, with file and line, and exits 1; it passes a
// tree that keeps to the table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'check-layers.mjs');
const roots: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-layers-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function check(root: string): { status: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root, '--table-only'], { encoding: 'utf8' });
  return { status: r.status, lines: r.stderr.split('\n').filter((l) => l && !l.startsWith('Layer check:')) };
}

afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

// A tree that keeps to the table: down the layers, through the engine's interface, tests anywhere.
const CLEAN: Record<string, string> = {
  'src/base/units.ts': 'export const MS = 1;\n',
  'src/ingest/types.ts': "import { MS } from '../base/units.ts';\nexport type DialectId = 'w2016';\nexport const X = MS;\n",
  'src/formats/dialects.ts': "export type TimeBaseKind = 'utc';\n",
  'src/engine/api.ts': "import type { DialectId } from '../ingest/types.ts';\nexport interface EngineClient { d: DialectId }\n",
  'src/engine/shard.ts': "import type { EngineClient } from './api.ts';\nexport type S = EngineClient;\n",
  'src/state/ui.ts': "import type { EngineClient } from '../engine/api.ts';\nexport let engine: EngineClient | null = null;\n",
  'src/views/App.tsx': "import { engine } from '../state/ui.ts';\nimport { X } from '../ingest/types.ts';\nexport const App = () => <div>{String(engine)}{X}</div>;\n",
  'src/app/main.tsx': "import { App } from '../views/App.tsx';\nimport '../engine/shard.ts';\nexport default App;\n",
  'src/views/App.test.ts': "import { S } from '../engine/shard.ts';\nimport { fake } from '../../test/doubles/fake.ts';\n",
  'test/doubles/fake.ts': "import type { EngineClient } from '../../src/engine/api.ts';\nimport { engine } from '../../src/state/ui.ts';\nexport const fake = engine as EngineClient | null;\n",
  'bench/page.ts': "import { S } from '../src/engine/shard.ts';\nconst m = await import('../test/doubles/fake.ts');\n",
};

describe('check-layers', () => {
  it('passes a tree whose imports go down the layers, with tests importing anything', () => {
    const r = check(tree(CLEAN));
    expect(r.lines).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('reports every import that goes up, as file:line imports X (layer A may not import layer B), and exits 1', () => {
    const r = check(tree({
      ...CLEAN,
      // import, export-from, dynamic import() and import('…') types; comments, strings and regexes are not imports.
      'src/formats/dialects.ts': "// import { no } from '../ingest/types.ts';\nconst re = /['\"]/;\nimport type { DialectId } from '../ingest/types.ts';\nexport type T = DialectId;\n",
      'src/views/Late.tsx': "const s = \"import('../app/main.tsx')\";\nconst re = /'/;\nexport const load = () => import('../app/main.tsx');\n",
      'src/views/reexport.ts': "export { type S } from '../engine/shard.ts';\n",
      'src/state/typed.ts': "export type E = import('../views/App.tsx').App;\n",
      'src/base/fixture.ts': "import { fake } from '../../test/doubles/fake.ts';\nexport const f = fake;\n",
      'src/views/bench-hook.ts': "export const page = () => import('../../bench/page.ts');\n",
      'src/gadgets/x.ts': "import { MS } from '../base/units.ts';\n",
    }));
    expect(r.status).toBe(1);
    expect(r.lines.sort()).toEqual([
      'src/base/fixture.ts:1 imports ../../test/doubles/fake.ts (product code may not import test code: test/doubles/fake.ts)',
      'src/formats/dialects.ts:3 imports ../ingest/types.ts (layer formats may not import layer ingest)',
      'src/gadgets/x.ts:1 imports ../base/units.ts (layer gadgets is not in the layer table of scripts/check-layers.mjs)',
      'src/state/typed.ts:1 imports ../views/App.tsx (layer state may not import layer views)',
      'src/views/Late.tsx:3 imports ../app/main.tsx (layer views may not import layer app)',
      'src/views/bench-hook.ts:1 imports ../../bench/page.ts (product code may not import test code: bench/page.ts)',
      'src/views/reexport.ts:1 imports ../engine/shard.ts (layer views may not import layer engine, only engine/api.ts)',
    ]);
  });

  it('reports a module of src/ that only tests and the bench import: it belongs with them', () => {
    const r = check(tree({
      ...CLEAN,
      'src/timeline/synthetic-marks.ts': 'export const marks = [];\n',
      'test/timeline/marks.test.ts': "import { marks } from '../../src/timeline/synthetic-marks.ts';\n",
      'bench/timeline-page.tsx': "import { marks } from '../src/timeline/synthetic-marks.ts';\n",
    }));
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      'src/timeline/synthetic-marks.ts is imported only by test code (test/timeline/marks.test.ts, bench/timeline-page.tsx): it belongs in test/ or bench/',
    ]);
  });
});
