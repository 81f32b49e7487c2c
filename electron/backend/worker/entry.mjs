// The store worker's entry under plain Node (the CLI, the local server, the
// tests): the backend is TypeScript, so register tsx's loader in this thread
// before importing it. Electron loads the esbuild bundle (worker.cjs) instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
