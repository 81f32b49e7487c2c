// The PostgreSQL bridge thread's entry under plain Node (the CLI, the local
// server, the tests): register tsx's loader, then load the TypeScript host.
// The bundles build host.ts itself as pg-bridge.mjs beside them.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  await import('./host.ts');
} catch (err) {
  // The caller is waiting on the shared word: tell it this thread is gone.
  process.stderr.write(`gloss: the PostgreSQL thread could not start: ${err?.stack ?? err}\n`);
  Atomics.store(workerData.signal, 1, 1);
  Atomics.notify(workerData.signal, 0);
}
