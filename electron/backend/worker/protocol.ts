import type { ApiErrorShape, Caller, Envelope } from '../../../shared/index.ts';
import type { OpenOptions } from '../store/database.ts';
import type { CallMeta } from '../api/dispatch.ts';

/** What the store worker receives at start (`workerData`). */
export interface StoreWorkerData {
  dbPath: string;
  /** How the project is opened. Plain data only, as it is cloned into the worker: tests relax durability to NORMAL. */
  openOptions?: Pick<OpenOptions, 'synchronous'>;
  /** Poll the file every this many ms for commits by other processes and report them (`external-write`); off when absent. */
  watchExternalWritesMs?: number;
}

/** Main thread → store worker. */
export type ToWorker =
  /** `caller`: the team server's account making the call, carried with each call so interleaved calls of several users never mix. */
  | { type: 'call'; id: number; method: string; args: unknown; caller?: Caller; meta?: CallMeta }
  /** Finish the calls in flight, close the project, exit. */
  | { type: 'close' };

/** Store worker → main thread. */
export type FromWorker =
  | { type: 'ready'; schemaVersion: number }
  /** The project could not be opened (newer schema, not a project file, …); the worker then exits. */
  | { type: 'failed'; error: ApiErrorShape }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  /** Another process committed to the project file (the CLI importing while the app is open). */
  | { type: 'external-write' }
  | { type: 'closed' };
