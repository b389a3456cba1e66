// The scenario generator run for the bench's inputs, its report sent to stderr (stdout is for
// the bench's results, e.g. --json).

export async function generateQuiet(dir: string, args: string[]): Promise<void> {
  const { runGenerate } = await import('../src/cli/generate.ts');
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => process.stderr.write(chunk)) as typeof process.stdout.write;
  let code: number;
  try {
    code = await runGenerate(['--out', dir, ...args]);
  } finally {
    process.stdout.write = write;
  }
  if (code !== 0) throw new Error(`generator failed (exit ${code})`);
}
