/** Who makes the changes a write records in the change log, set at the start of each transaction. */
export interface BridgeChangeContext {
  actor: string;
  via: string | null;
  /** The undo step the changes are journaled under (null: none). */
  step: string | null;
  /** The client making them, recorded with the step. */
  client: string;
}

/** What the calling thread asks the PostgreSQL bridge thread to do; answered one at a time, in order. */
export type BridgeRequest =
  | { op: 'open'; url: string; where: string }
  | ({ op: 'begin'; write: boolean } & BridgeChangeContext)
  | { op: 'commit' }
  | { op: 'rollback' }
  | ({ op: 'call'; repo: string; method: string; args: unknown[] } & BridgeChangeContext)
  | { op: 'schemaVersion' }
  | { op: 'dataVersion' }
  | { op: 'close' };

/** An error as it crosses threads: a GlossError keeps its kind, a PostgreSQL error its code. */
export interface BridgeError {
  message: string;
  kind?: string;
  code?: string;
  constraint?: string;
}

export type BridgeResponse = { ok: true; value: unknown } | { ok: false; error: BridgeError };

/** What the bridge thread starts with: its end of the channel and the shared word it signals on. */
export interface BridgeWorkerData {
  port: import('node:worker_threads').MessagePort;
  /** [0] counts answers (the caller waits for it to move); [1] is 1 once the thread has ended. */
  signal: Int32Array;
}

/** Marks a thunk's value, evaluated by the caller, which the bridge thread passes on as a function again. */
export const THUNK = '$glossThunk';
