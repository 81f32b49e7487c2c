#!/usr/bin/env node
// Runs the CLI from its TypeScript sources through tsx (a dev dependency), for
// working on the CLI without rebuilding. Users and tests run the compiled
// dist-node/gloss.mjs (`npm run build:node`), which starts several times faster.
import { register } from 'tsx/esm/api';

register();
await import('./gloss.ts');
