import { main } from '../../src/cli';

/** Runs the CLI in this process; returns its exit code and what it wrote to stdout and stderr. */
export async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}
