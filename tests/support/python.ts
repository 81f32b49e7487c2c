import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';

/** Runs a Python script of tests/support with JSON on stdin and returns its JSON output. */
export function runPython<T>(script: string, input: unknown): T {
  const r = spawnSync('python3', [path.join(REPO_ROOT, 'tests', 'support', script)], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`python3 ${script} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
