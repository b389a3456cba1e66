// The engine in this thread (test/helpers/in-thread-engine.ts): a file dropped again is not
// loaded twice; a search can be refused, stopped by its budget, or overtaken by a newer one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSilent } from '../helpers/generate-silent.ts';
import { engine } from '../helpers/in-thread-engine.ts';

const FIX = new URL('../fixtures/incident-2node/', import.meta.url).pathname;
const fixture = (d: string) => new File([readFileSync(join(FIX, d, 'Cluster.log'))], 'Cluster.log');

describe('inputs', () => {
  it('a file already open, or twice in one drop, is skipped and named; a same-sized different file is not', async () => {
    const e = engine(1, Infinity);
    try {
      const a = fixture('first');
      e.store.handle({ t: 'add', files: [{ file: a, path: 'Cluster.log' }], replace: true, demo: false });
      await e.done();
      const copy = new File([readFileSync(join(FIX, 'first', 'Cluster.log'))], 'Cluster.log');
      const b = fixture('second');
      // Same size as `a`, one byte different.
      const bytes = new Uint8Array(readFileSync(join(FIX, 'first', 'Cluster.log')));
      bytes[bytes.length - 3] ^= 1;
      const twin = new File([bytes], 'Cluster.log');
      e.store.handle({ t: 'add', files: [{ file: copy, path: 'x/first/Cluster.log' }, { file: b, path: 'x/second/Cluster.log' }, { file: b, path: 'y/second/Cluster.log' }, { file: twin, path: 'twin.log' }], replace: false, demo: false });
      const snap = await e.until((s) => s.skipped.seq > 0 && s.files.length === 3 && !s.loading && s.files.every((f) => f.progress.finishedAt !== null));
      expect(snap.files.map((f) => f.facts.path)).toEqual(['Cluster.log', 'x/second/Cluster.log', 'twin.log']);
      expect(snap.skipped.items).toEqual([
        { path: 'x/first/Cluster.log', size: a.size, sameAs: 'Cluster.log' },
        { path: 'y/second/Cluster.log', size: b.size, sameAs: 'x/second/Cluster.log' },
      ]);
    } finally {
      e.close();
    }
  });
});

describe('search', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlens-search-engine-'));
  let big: File;
  beforeAll(async () => {
    // Over two 8 MB blocks, so that a search has a 'between blocks'.
    await generateSilent(dir, ['--nodes', '2', '--size', '20MB', '--seed', '5', '--dialect', 'w2008']);
    big = new File([readFileSync(join(dir, 'SQLNODE1_cluster.log'))], 'SQLNODE1_cluster.log');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a pattern that can take exponential time is refused with why; the budget stops a search with a message; a newer search overtakes', async () => {
    const e = engine(1, Infinity);
    try {
      e.store.handle({ t: 'add', files: [{ file: big, path: big.name }], replace: true, demo: false });
      await e.done();
      e.store.handle({ t: 'search', spec: { text: '(\\w+\\d)+x', regex: true, caseSensitive: false } });
      let s = await e.until((x) => x.search.error !== null);
      expect(s.search.error).toMatch(/^\(\\w\+\\d\)\+x can take exponential time on a line: \(\\w\+\\d\)\+ repeats \\w\+/);
      // A budget of nothing: the first block is searched, then the search stops and says so.
      e.shards[0].searchBudgetMs = 0;
      e.store.handle({ t: 'search', spec: { text: 'quorum', regex: false, caseSensitive: false } });
      s = await e.until((x) => x.search.spec?.text === 'quorum' && !x.search.running);
      expect(s.search.error).toMatch(/^The search for 'quorum' was stopped after 0 s \(its time budget\), in SQLNODE1_cluster\.log: the hits so far are shown/);
      const partial = s.search.hits;
      // A full search finds more; one started while another runs replaces it (only its hits count).
      e.shards[0].searchBudgetMs = 60_000;
      e.store.handle({ t: 'search', spec: { text: 'quorum', regex: false, caseSensitive: true } });
      e.store.handle({ t: 'search', spec: { text: 'QUORUM', regex: false, caseSensitive: false } });
      s = await e.until((x) => x.search.spec?.text === 'QUORUM' && !x.search.running);
      expect(s.search.error).toBeNull();
      expect(s.search.hits).toBeGreaterThan(partial);
      const ignoreCase = s.search.hits;
      e.store.handle({ t: 'search', spec: { text: 'quorum', regex: false, caseSensitive: true } });
      s = await e.until((x) => x.search.spec?.text === 'quorum' && x.search.spec.caseSensitive && !x.search.running);
      expect(s.search.hits).toBeLessThanOrEqual(ignoreCase);
    } finally {
      e.close();
    }
  });
});
