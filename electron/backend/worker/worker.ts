import { parentPort, workerData } from 'node:worker_threads';
import { toApiError, type Envelope } from '../../../shared/index.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { Project } from '../project.ts';
import type { FromWorker, StoreWorkerData, ToWorker } from './protocol.ts';

/**
 * The store worker: owns the project's SQLite connection, so the synchronous
 * better-sqlite3 calls never run on the Electron main thread or the server's
 * event loop. Calls arrive as `{id, method, args}` and are answered with
 * `{id, envelope}`; validation against the contract happens here, in the
 * same dispatcher every transport uses.
 *
 * No top-level await: this file is also bundled as CommonJS for Electron.
 */
async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the store worker must run in a worker thread');
  const send = (message: FromWorker): void => port.postMessage(message);
  const { dbPath, openOptions, watchExternalWritesMs } = workerData as StoreWorkerData;

  let project: Project;
  try {
    project = await Project.open(dbPath, openOptions);
  } catch (err) {
    send({ type: 'failed', error: toApiError(err) });
    port.close();
    return;
  }
  const dispatch = createDispatcher(project);
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  const watch = watchExternalWritesMs ? watchExternalWrites(project, watchExternalWritesMs, () => send({ type: 'external-write' })) : undefined;

  port.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      if (closing) return;
      closing = true;
      if (watch) clearInterval(watch);
      void Promise.allSettled(inFlight).then(() => {
        try {
          project.close();
        } finally {
          send({ type: 'closed' });
          port.close();
        }
      });
      return;
    }
    const { id, method, args, caller, meta } = message;
    if (closing) {
      send({ type: 'result', id, envelope: { ok: false, error: { kind: 'internal', message: 'the project is closing' } } });
      return;
    }
    // The dispatcher answers every failure with an envelope; the second handler is a safety net.
    const call = dispatch(method, args, caller, meta).then(
      (envelope) => reply(id, envelope),
      (err: unknown) => reply(id, { ok: false, error: toApiError(err) }),
    );
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  });
  send({ type: 'ready', schemaVersion: project.schemaVersion });

  function reply(id: number, envelope: Envelope<unknown>): void {
    try {
      send({ type: 'result', id, envelope });
    } catch (err) {
      // A result that cannot be cloned is a bug in a handler; the caller still gets an answer.
      send({ type: 'result', id, envelope: { ok: false, error: { kind: 'internal', message: `the result could not be sent: ${toApiError(err).message}` } } });
    }
  }
}

/**
 * Polls SQLite's data_version, which moves only for other connections' commits,
 * so this worker's own writes (announced by the server with their method) are not
 * reported twice. A poll that fails (the file is busy being checkpointed) is
 * simply tried again on the next tick.
 */
function watchExternalWrites(project: Project, everyMs: number, changed: () => void): NodeJS.Timeout {
  let seen = project.dataVersion();
  return setInterval(() => {
    try {
      const now = project.dataVersion();
      if (now !== seen) {
        seen = now;
        changed();
      }
    } catch {
      // next tick
    }
  }, everyMs);
}

void serve();
