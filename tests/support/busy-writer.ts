// A stand-in for the app writing: opens the project in a store worker (as
// Electron and `gloss serve` do) and creates one proposition after another,
// with no pause, until the stop file appears; prints how many it wrote.
// Usage: node --import tsx tests/support/busy-writer.ts PROJECT READY_FILE STOP_FILE
import fs from 'node:fs';
import { createWorkerDispatcher } from '../../electron/backend/worker/dispatcher.ts';

const [file, ready, stop] = process.argv.slice(2) as [string, string, string];
const store = await createWorkerDispatcher(file);
let n = 0;
fs.writeFileSync(ready, '');
while (!fs.existsSync(stop)) {
  const r = await store.dispatch('propositions.create', { text: `written by the app ${n}` });
  if (!r.ok) {
    process.stderr.write(JSON.stringify(r.error));
    process.exit(1);
  }
  n++;
}
await store.close();
process.stdout.write(String(n));
