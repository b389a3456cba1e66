import { describe, expect, it } from 'vitest';
import { buildScenario } from './scenario.ts';
import { renderNodeBatches } from './render.ts';
import { encodeLineBatches, type EncodingName, type Eol } from './encode.ts';
import { defaultStartFor } from './presets.ts';
import type { GenDialect } from './model.ts';

function encodedSize(target: number, dialect: GenDialect, encoding: EncodingName, eol: Eol, bom: boolean): { bytes: number; lines: number; lastMs: number } {
  const s = buildScenario({ seed: 8, start: defaultStartFor(dialect), targetBytesPerNode: target });
  let bytes = 0, lines = 0, lastMs = 0;
  const texts = function* () {
    for (const batch of renderNodeBatches(s, 0, { dialect, encoding, eol, bom })) {
      lines += batch.length;
      for (const l of batch) if (l.truth.writtenMs !== null) lastMs = l.truth.writtenMs;
      yield batch.map((l) => l.text);
    }
  };
  for (const chunk of encodeLineBatches(texts(), { encoding, bom, eol })) bytes += chunk.length;
  return { bytes, lines, lastMs };
}

describe('size targets', () => {
  const cases: Array<[number, GenDialect, EncodingName, Eol, boolean]> = [
    [300_000, 'w2016', 'utf-16le', 'crlf', true],
    [1_000_000, 'w2008', 'utf-8', 'lf', false],
    [2_000_000, 'w2003', 'windows-1252', 'crlf', false],
    [500_000, 'w2000', 'utf-16be', 'cr', true],
    [400_000, 'nt4', 'utf-8', 'crlf', true],
  ];
  for (const [target, dialect, enc, eol, bom] of cases) {
    it(`${dialect} ${enc} reaches ${target} bytes within 2 %`, () => {
      const { bytes } = encodedSize(target, dialect, enc, eol, bom);
      expect(Math.abs(bytes - target) / target).toBeLessThan(0.02);
    });
  }

  it('20 MB of one node streams and lands within 1 %', () => {
    const { bytes, lines } = encodedSize(20_000_000, 'w2016', 'utf-8', 'crlf', false);
    expect(Math.abs(bytes - 20_000_000) / 20_000_000).toBeLessThan(0.01);
    expect(lines).toBeGreaterThan(100_000);
  });

  it('a bigger target stretches the steady state instead of crowding it', () => {
    const a = buildScenario({ seed: 8 });
    const b = buildScenario({ seed: 8, targetBytesPerNode: 50_000_000 });
    expect(b.steadyUntil - b.steadyFrom).toBeGreaterThan(5 * (a.steadyUntil - a.steadyFrom));
  });
});
