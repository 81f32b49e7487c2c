// Writes one proposition after another and acknowledges each on stdout
// ("ack N") only after the store returned, as the app answers a request only
// after its write committed. Stops after COUNT writes (0: until killed).
// Usage: node --import tsx tests/support/ack-writer.ts PROJECT project|worker COUNT [FULL|NORMAL]
import fs from 'node:fs';
import { Project } from '../../electron/backend/project.ts';
import { createWorkerDispatcher } from '../../electron/backend/worker/dispatcher.ts';

const [file, mode, countText, synchronous] = process.argv.slice(2) as [string, 'project' | 'worker', string, 'FULL' | 'NORMAL' | undefined];
const count = Number(countText);
const openOptions = synchronous ? { synchronous } : {};

let write: (text: string) => Promise<void>;
let close: () => Promise<void>;
if (mode === 'worker') {
  const store = await createWorkerDispatcher(file, { openOptions });
  write = async (text) => {
    const r = await store.dispatch('propositions.create', { text });
    if (!r.ok) throw new Error(r.error.message);
  };
  close = () => store.close();
} else {
  const project = await Project.open(file, openOptions);
  write = async (text) => void project.transaction(() => project.propositions.create({ text }));
  close = async () => project.close();
}
fs.writeSync(1, 'ready\n');
for (let n = 0; count === 0 || n < count; n++) {
  const text = `acknowledged ${process.pid}-${n}`;
  await write(text);
  fs.writeSync(1, `ack ${text}\n`);
}
await close();
