import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';

/**
 * Global setup: the tests run the compiled CLI (dist-node/gloss.mjs) as users
 * do, so it is rebuilt first whenever any of its sources is newer.
 */
export default function buildNode(): void {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'build', 'scripts', 'build.mjs'), '--node', '--if-stale'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the CLI failed: ${r.stderr || r.stdout}`);
}
