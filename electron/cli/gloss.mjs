#!/usr/bin/env node
// The `gloss` command. The backend is TypeScript run through tsx's loader,
// so the CLI, the local server and the tests share one source without a build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
await run(process.argv.slice(2));
