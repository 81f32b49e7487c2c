import { Worker } from 'node:worker_threads';
import { GlossError, type ApiErrorShape, type Envelope } from '../../../shared/index.ts';
import type { Dispatch } from '../api/dispatch.ts';
import { describeDatabase } from '../store/pg/migrate.ts';
import { isPostgresUrl } from '../store/pg/sync/bridge.ts';
import type { FromWorker, StoreWorkerData, ToWorker } from './protocol.ts';

/** A project opened in a worker thread, called like any other dispatcher. */
export interface WorkerDispatcher {
  /** Forwards a call to the worker; resolves with its envelope. Never rejects. */
  dispatch: Dispatch;
  /** Lets the calls in flight finish, closes the project and ends the worker. */
  close(): Promise<void>;
}

export interface WorkerDispatcherOptions {
  /**
   * The worker's script. Defaults to `entry.mjs` beside this file (TypeScript
   * through tsx); the Electron bundle passes its bundled `worker.cjs`.
   */
  entry?: string | URL;
  openOptions?: StoreWorkerData['openOptions'];
  /**
   * Called when another process commits to the project file (polled every
   * {@link EXTERNAL_WRITE_POLL_MS}); the local server announces it to its clients.
   * Without it the worker does not poll.
   */
  onExternalWrite?: () => void;
}

/** How often the store worker looks for other processes' commits, when asked to: four times a second keeps the app's live updates well under a second (a pragma read costs microseconds). */
export const EXTERNAL_WRITE_POLL_MS = 250;

/**
 * Opens the project at `dbPath` in a `worker_threads` Worker and resolves once
 * it is open. An opening error (a project from a newer Gloss, a file that is
 * not a project, …) rejects with the backend's own `GlossError`, message intact.
 */
export function createWorkerDispatcher(dbPath: string, options: WorkerDispatcherOptions = {}): Promise<WorkerDispatcher> {
  const data: StoreWorkerData = {
    dbPath,
    ...(options.openOptions ? { openOptions: options.openOptions } : {}),
    ...(options.onExternalWrite ? { watchExternalWritesMs: EXTERNAL_WRITE_POLL_MS } : {}),
  };
  const worker = new Worker(options.entry ?? new URL('./entry.mjs', import.meta.url), { workerData: data });
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  let nextId = 1;
  /** Set once the worker can take no more calls; every later call answers with it. */
  let stopped: ApiErrorShape | undefined;
  let closing: Promise<void> | undefined;

  const stop = (error: ApiErrorShape): void => {
    stopped ??= error;
    for (const resolve of pending.values()) resolve({ ok: false, error: stopped });
    pending.clear();
  };

  const dispatch: Dispatch = (method, args, caller, meta) => {
    if (stopped) return Promise.resolve({ ok: false, error: stopped });
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        worker.postMessage({ type: 'call', id, method, args, ...(caller ? { caller: { name: caller.name, role: caller.role } } : {}), ...(meta ? { meta: { step: meta.step, client: meta.client } } : {}) } satisfies ToWorker);
      } catch (err) {
        // Arguments that cannot be cloned (functions, say) never reach the contract.
        pending.delete(id);
        resolve({ ok: false, error: { kind: 'validation', message: `${method}: arguments cannot be sent: ${(err as Error).message}` } });
      }
    });
  };

  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      if (stopped) return void worker.terminate().then(() => resolve(), () => resolve());
      worker.once('exit', () => resolve());
      worker.postMessage({ type: 'close' } satisfies ToWorker);
    }).then(() => stop({ kind: 'internal', message: 'the project is closed' })));

  return new Promise((resolve, reject) => {
    let opened = false;
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          opened = true;
          resolve({ dispatch, close });
          break;
        case 'failed':
          stop(message.error);
          reject(new GlossError(message.error.kind, message.error.message));
          break;
        case 'result':
          pending.get(message.id)?.(message.envelope);
          pending.delete(message.id);
          break;
        case 'external-write':
          if (!closing) options.onExternalWrite?.();
          break;
        case 'closed':
          break;
      }
    });
    worker.on('error', (err) => {
      const error: ApiErrorShape = { kind: 'internal', message: `the store worker failed: ${err.message}` };
      stop(error);
      if (!opened) reject(new GlossError(error.kind, `${shownPath(dbPath)}: cannot open the project: ${err.message}`));
    });
    worker.on('exit', (code) => {
      stop({ kind: 'internal', message: closing ? 'the project is closed' : `the store worker stopped (exit code ${code})` });
      if (!opened) reject(new GlossError('internal', `${shownPath(dbPath)}: the store worker stopped before opening the project (exit code ${code})`));
    });
  });
}

/** The project file, or a PostgreSQL URL without its password. */
function shownPath(target: string): string {
  return isPostgresUrl(target) ? describeDatabase(target) : target;
}
