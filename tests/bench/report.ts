// Small helpers shared by the benchmark's Node and browser halves.
import fs from 'node:fs';

/** Progress lines go to stderr: stdout is kept for the results. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

export const p95 = (values: readonly number[]): number => percentile(values, 95);
export const median = (values: readonly number[]): number => percentile(values, 50);

/** Writes a half's results as JSON to the file named by `--out`, else to stdout. */
export async function writeResult(result: unknown): Promise<void> {
  const i = process.argv.indexOf('--out');
  const json = JSON.stringify(result, null, 2);
  if (i !== -1 && process.argv[i + 1]) fs.writeFileSync(process.argv[i + 1]!, json);
  else process.stdout.write(`${json}\n`);
}
