import { build } from 'vite';
import { REPO_ROOT } from './paths.ts';

/** Global setup of the end-to-end tests: they drive the renderer as built now, never a stale build. */
export default async function buildRenderer(): Promise<void> {
  await build({ configFile: `${REPO_ROOT}/vite.config.ts`, logLevel: 'warn' });
}
