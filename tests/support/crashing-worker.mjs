// A store worker that crashes on purpose, for the tests of what callers see
// when the worker dies. GLOSS_TEST_CRASH says how:
//   "exit:N"   the thread exits when the Nth call arrives, calls still pending;
//   "throw:N"  an uncaught exception when the Nth call arrives;
//   "insert:N" the thread exits inside a write transaction, at the Nth document stored.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const [how, nth] = (process.env.GLOSS_TEST_CRASH ?? '').split(':');
const limit = Number(nth);
if (how === 'insert') {
  const { DocumentStore } = await import('../../electron/backend/store/documents.ts');
  const insert = DocumentStore.prototype.insert;
  let stored = 0;
  DocumentStore.prototype.insert = function (doc) {
    insert.call(this, doc);
    if (++stored === limit) process.exit(9);
  };
} else {
  let calls = 0;
  parentPort.on('message', (message) => {
    if (message.type !== 'call' || ++calls !== limit) return;
    if (how === 'exit') process.exit(7);
    throw new Error('the store worker crashed on purpose');
  });
}
await import('../../electron/backend/worker/worker.ts');
