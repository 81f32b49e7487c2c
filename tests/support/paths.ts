import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared` beside the repository: read-only fixtures (corpus, interop suites). */
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

/** The three real articles of the demo corpus. */
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus', 'critical-minerals');

/** The CLI entry point, run with `node`. */
/** The compiled CLI, as installed (`npm run build:node`; the unit and e2e set-ups build it when stale). */
export const GLOSS_BIN = path.join(REPO_ROOT, 'dist-node', 'gloss.mjs');
