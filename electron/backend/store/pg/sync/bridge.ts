import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { GlossError, type ErrorKind } from '../../../../../shared/index.ts';
import { describeDatabase } from '../migrate.ts';
import { THUNK, type BridgeChangeContext, type BridgeRequest, type BridgeResponse, type BridgeWorkerData } from './protocol.ts';

/** How long one request may take before the bridge gives up on its thread (a whole merge or import is many requests). */
const REQUEST_LIMIT_MS = 10 * 60_000;
/** How long the thread may take to start, connect and migrate (a large database's migration takes a while). */
const OPEN_LIMIT_MS = REQUEST_LIMIT_MS;

/**
 * A PostgreSQL database seen through synchronous calls, so that the
 * project's services, written for better-sqlite3's synchronous API, run on
 * PostgreSQL unchanged: each call is passed to a thread that owns the
 * connection (host.ts), and the calling thread waits for its answer
 * (Atomics.wait on a shared word, then the answer read off the channel with
 * receiveMessageOnPort). The caller is the store worker or the CLI, never a
 * thread that serves a user interface, so the wait blocks nothing else; a
 * round trip costs about a tenth of a millisecond over the query itself.
 *
 * Why not the async repositories directly: every service and handler would
 * have to become async first (about 60 transaction sites and the CLI), and
 * the two engines must give the same results meanwhile. Moving them onto
 * `StoreEngine` one domain at a time stays possible: the repositories the
 * bridge runs are the same ones.
 */
export class PostgresBridge {
  private depth = 0;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
    /** The database's URL without its password, for messages. */
    readonly where: string,
    private readonly context: () => BridgeChangeContext,
  ) {}

  /** Starts the bridge thread, connects and migrates; throws a clear error when the database cannot be used. */
  static open(url: string, context: () => BridgeChangeContext): PostgresBridge {
    const where = describeDatabase(url);
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const data: BridgeWorkerData = { port: port2, signal };
    // Loaded by a one-line wrapper, so that a module that fails to load still tells the waiting caller (the shared word's [1]).
    const entry = new URL('./pg-bridge.mjs', import.meta.url).href;
    const wrapper = `const { workerData } = require('node:worker_threads'); import(${JSON.stringify(entry)}).catch((err) => { process.stderr.write('gloss: the PostgreSQL thread could not start: ' + ((err && err.stack) || err) + '\\n'); Atomics.store(workerData.signal, 1, 1); Atomics.notify(workerData.signal, 0); });`;
    const worker = new Worker(wrapper, { eval: true, workerData: data, transferList: [port2] });
    // The thread must not keep a CLI command's process alive; close() ends it.
    worker.unref();
    const bridge = new PostgresBridge(worker, port1, signal, where, context);
    try {
      bridge.request({ op: 'open', url, where }, OPEN_LIMIT_MS);
    } catch (err) {
      bridge.close();
      throw err;
    }
    return bridge;
  }

  /** Whether a transaction is open on the connection. */
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `fn` in a transaction (a savepoint when one is open): committed when
   * it returns, rolled back when it throws. A write transaction takes the
   * engine's write lock, so writers take turns as on SQLite.
   */
  transaction<T>(write: boolean, fn: () => T): T {
    this.request({ op: 'begin', write, ...this.context() });
    this.depth++;
    let value: T;
    try {
      value = fn();
      if (value instanceof Promise) throw new TypeError('a transaction function cannot be async');
    } catch (err) {
      this.depth--;
      try {
        this.request({ op: 'rollback' });
      } catch {
        // The connection is gone; the server rolled the transaction back with it.
      }
      throw err;
    }
    this.depth--;
    this.request({ op: 'commit' });
    return value;
  }

  /** A repository whose every method is a synchronous call into the bridge thread's repository of that name. */
  repository<T>(name: string): T {
    return new Proxy(
      {},
      {
        get: (_target, method) => {
          if (typeof method !== 'string' || method === 'then') return undefined;
          return (...args: unknown[]) => this.request({ op: 'call', repo: name, method, args: args.map(passThunk), ...this.context() });
        },
      },
    ) as T;
  }

  schemaVersion(): number {
    return this.request({ op: 'schemaVersion' }) as number;
  }

  /** Moves when another connection commits a change. */
  dataVersion(): number {
    return this.request({ op: 'dataVersion' }) as number;
  }

  close(): void {
    if (this.closed) return;
    try {
      this.request({ op: 'close' }, 5_000);
    } catch {
      // Ending the thread below closes its connection too.
    }
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }

  /** Sends one request and waits for its answer. */
  request(request: BridgeRequest, limitMs = REQUEST_LIMIT_MS): unknown {
    if (this.closed) throw new GlossError('internal', `${this.where}: the project is closed`);
    const seen = Atomics.load(this.signal, 0);
    this.port.postMessage(request);
    const deadline = Date.now() + limitMs;
    for (;;) {
      Atomics.wait(this.signal, 0, seen, 1_000);
      const received = receiveMessageOnPort(this.port) as { message: BridgeResponse } | undefined;
      if (received) return unpack(received.message);
      if (Atomics.load(this.signal, 1) === 1) {
        this.closed = true;
        throw new GlossError('unavailable', `${this.where}: the PostgreSQL connection thread stopped; nothing of this change was stored`);
      }
      if (Date.now() > deadline) {
        this.closed = true;
        void this.worker.terminate();
        throw new GlossError('unavailable', `${this.where}: PostgreSQL did not answer within ${Math.round(limitMs / 1000)} s; nothing of this change was stored`);
      }
    }
  }
}

/**
 * A function cannot cross to the bridge thread. The repositories take one
 * kind, a thunk for a value they may need (annotations.update's document
 * text, read only when ranges change): it is evaluated here, before the call.
 */
function passThunk(arg: unknown): unknown {
  if (typeof arg !== 'function') return arg;
  if (arg.length !== 0) throw new TypeError('a repository method called through the PostgreSQL bridge cannot take a callback');
  return { [THUNK]: (arg as () => unknown)() };
}

function unpack(response: BridgeResponse): unknown {
  if (response.ok) return response.value;
  const { kind, message, code, constraint } = response.error;
  if (kind) throw new GlossError(kind as ErrorKind, message);
  throw Object.assign(new Error(message), code ? { code } : {}, constraint ? { constraint } : {});
}

/** Whether a `--db` value names a PostgreSQL database rather than a project file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}
