// A link's inputs among the loaded files: matched by name, size and content fingerprint, in
// order; a file with the name but another size or content is a mismatch, said with what differs.
import { describe, expect, it } from 'vitest';

describe('a link\'s files among the loaded ones', () => {
  it('are found by name and size in order (same-named files of two nodes stay apart); the missing are named', async () => {
    const { matchFiles } = await import('./share.ts');
    const loaded = [
      { id: 5, facts: { name: 'Cluster.log', size: 2345 } }, { id: 6, facts: { name: 'Cluster.log', size: 1234 } }, { id: 7, facts: { name: 'Cluster.log', size: 1234 } },
    ] as unknown as Parameters<typeof matchFiles>[1];
    expect(matchFiles([{ name: 'Cluster.log', size: 1234 }, { name: 'Cluster.log', size: 1234 }, { name: 'Cluster.log', size: 2345 }], loaded)).toEqual({ ids: [6, 7, 5], missing: [], mismatched: [] });
    expect(matchFiles([{ name: 'Other.log', size: 999 }, { name: 'Cluster.log', size: 2345 }], loaded)).toEqual({ ids: [null, 5], missing: [{ name: 'Other.log', size: 999 }], mismatched: [] });
  });

  it('name a file with the name but another size or content as a mismatch, after the exact matches', async () => {
    const { matchFiles } = await import('./share.ts');
    const loaded = [
      { id: 5, facts: { name: 'Cluster.log', size: 2345, contentHash: 'aaaaaaaaaaaaaaaa' } }, { id: 6, facts: { name: 'Cluster.log', size: 1234, contentHash: 'bbbbbbbbbbbbbbbb' } },
    ] as unknown as Parameters<typeof matchFiles>[1];
    const m = matchFiles([{ name: 'Cluster.log', size: 999 }, { name: 'Cluster.log', size: 2345, hash: 'aaaaaaaaaaaaaaaa' }], loaded);
    expect(m.ids).toEqual([6, 5]);
    expect(m.missing).toEqual([]);
    expect(m.mismatched).toEqual([{ want: { name: 'Cluster.log', size: 999 }, fileId: 6, why: "its size is 1,234 bytes, the linked file's was 999" }]);
    const c = matchFiles([{ name: 'Cluster.log', size: 1234, hash: 'cccccccccccccccc' }], loaded);
    expect(c.mismatched[0].why).toBe("same size, but different content (fingerprint bbbbbbbbbbbbbbbb, the linked file's cccccccccccccccc)");
    // A link made before fingerprints matches on name and size alone.
    expect(matchFiles([{ name: 'Cluster.log', size: 1234 }], loaded).mismatched).toEqual([]);
  });
});
