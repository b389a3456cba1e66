// The scenario generator run by tests, its report kept off the test output.
import { expect } from 'vitest';
import { runGenerate } from '../../src/cli/generate.ts';

export async function generateSilent(out: string, args: string[]): Promise<void> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    expect(await runGenerate(['--out', out, ...args])).toBe(0);
  } finally {
    process.stdout.write = write;
  }
}
