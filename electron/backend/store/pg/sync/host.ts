import { workerData } from 'node:worker_threads';
import pg from 'pg';
import { GlossError } from '../../../../../shared/index.ts';
import type { Repositories } from '../../engine.ts';
import { reachError, repositoriesOn, WRITE_LOCK } from '../engine.ts';
import { installPgChangeLog } from '../change-log-triggers.ts';
import { migratePostgres } from '../migrate.ts';
import { THUNK, type BridgeChangeContext, type BridgeError, type BridgeRequest, type BridgeResponse, type BridgeWorkerData } from './protocol.ts';

/**
 * The PostgreSQL bridge thread: holds one connection, as a SQLite project
 * holds one, and runs the PostgreSQL repositories on it for a calling thread
 * that waits for each answer (see bridge.ts). Requests come one at a time.
 *
 * Transactions nest as on SQLite: the outermost is BEGIN … COMMIT, inner ones
 * are savepoints. A write transaction takes the engine's advisory write lock
 * first, so writers from every process take turns; a repository call made
 * outside any transaction runs in a transaction of its own, also under the
 * lock, since a PostgreSQL repository method may be several statements.
 */
const { port, signal } = workerData as BridgeWorkerData;

let url = '';
let where = 'the PostgreSQL database';
let client: pg.Client | undefined;
let repos: Repositories | undefined;
let depth = 0;
/** Whether the outermost transaction holds the write lock (a read transaction takes it when a write nests inside). */
let locked = false;
/** change_log's newest id after this connection's own last commit: what {@link dataVersion} compares against. */
let ownLastId = 0;
let version = 0;

async function connection(): Promise<pg.Client> {
  if (client) return client;
  const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A connection the server closes must not end the thread: the next request connects again.
  next.on('error', () => {
    if (client === next) drop();
  });
  try {
    await next.connect();
  } catch (err) {
    throw reachError(where, err);
  }
  client = next;
  repos = repositoriesOn(next);
  return next;
}

function drop(): void {
  const old = client;
  client = undefined;
  repos = undefined;
  depth = 0;
  locked = false;
  void old?.end().catch(() => undefined);
}

/**
 * BEGIN with who is writing (and, for a write, the engine's write lock) in
 * one round trip: a simple query may hold several statements, and the values
 * go in as escaped literals since such a query takes no parameters.
 */
function beginStatements(db: pg.Client, context: BridgeChangeContext, lock: boolean, isolation = ''): string {
  return [
    `BEGIN${isolation}`,
    `SELECT ${lock ? `pg_advisory_xact_lock(${WRITE_LOCK}), ` : ''}set_config('gloss.actor', ${db.escapeLiteral(context.actor)}, true), set_config('gloss.via', ${db.escapeLiteral(context.via ?? '')}, true), set_config('gloss.step', ${db.escapeLiteral(context.step ?? '')}, true), set_config('gloss.client', ${db.escapeLiteral(context.client)}, true)`,
  ].join('; ');
}

async function begin(write: boolean, context: BridgeChangeContext): Promise<void> {
  const db = await connection();
  if (depth === 0) {
    // A read sees one snapshot, as SQLite's read transaction does.
    await db.query(beginStatements(db, context, write, write ? '' : ' ISOLATION LEVEL REPEATABLE READ'));
    locked = write;
  } else {
    if (write && !locked) {
      await db.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      locked = true;
    }
    await db.query(`SAVEPOINT gloss_${depth}`);
  }
  depth++;
}

async function commit(): Promise<void> {
  const db = await connection();
  if (depth === 0) throw new GlossError('internal', 'commit without a transaction');
  depth--;
  if (depth > 0) {
    await db.query(`RELEASE SAVEPOINT gloss_${depth}`);
    return;
  }
  const wrote = locked;
  locked = false;
  if (!wrote) {
    await committing(db.query('COMMIT'));
    return;
  }
  // The change log's newest entry as this transaction leaves it, read with the COMMIT in one round trip.
  const results = (await committing(db.query(`SELECT coalesce(max(id), 0)::text AS id FROM change_log; COMMIT`))) as unknown as pg.QueryResult<{ id: string }>[];
  ownLastId = Number(results[0]?.rows[0]?.id ?? ownLastId);
}

/**
 * A connection lost while COMMIT was on its way leaves it unknown whether
 * the change was stored: said so, and not as `unavailable`, which promises
 * that nothing was (the app sends such a call again).
 */
async function committing<T>(commit: Promise<T>): Promise<T> {
  try {
    return await commit;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (/^(08|57P)/.test(code) || ['ECONNRESET', 'EPIPE'].includes(code) || /Connection terminated/i.test(String(err))) {
      drop();
      throw new GlossError('internal', `${where}: the connection to PostgreSQL was lost while the change was being committed; it may or may not be stored: look before doing it again`);
    }
    throw err;
  }
}

async function rollback(): Promise<void> {
  if (depth === 0 || !client) return;
  depth--;
  if (depth > 0) {
    await client.query(`ROLLBACK TO SAVEPOINT gloss_${depth}; RELEASE SAVEPOINT gloss_${depth}`);
    return;
  }
  locked = false;
  await client.query('ROLLBACK');
}

async function call(repo: string, method: string, args: unknown[], context: BridgeChangeContext): Promise<unknown> {
  await connection();
  const target = (repos as unknown as Record<string, Record<string, unknown> | undefined>)[repo];
  const fn = target?.[method];
  if (typeof fn !== 'function') throw new GlossError('unsupported', `${where}: ${repo}.${method} is not available on PostgreSQL yet`);
  args = args.map((a) => (a && typeof a === 'object' && THUNK in a ? () => (a as Record<string, unknown>)[THUNK] : a));
  if (depth > 0) return (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
  // A call outside any transaction (SQLite would run it in autocommit): all of its statements in one transaction,
  // without the write lock, which only the services' transactions need (their reads and writes must not interleave another's).
  const db = await connection();
  await db.query(beginStatements(db, context, false));
  depth++;
  try {
    const value = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
    depth--;
    await committing(db.query('COMMIT'));
    return value;
  } catch (err) {
    if (depth > 0) {
      depth--;
      await db.query('ROLLBACK').catch(() => drop());
    }
    throw err;
  }
}

async function lastChangeId(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM change_log');
  return Number(rows[0]?.id ?? 0);
}

/** Moves when another connection commits a change (SQLite's data_version does the same for other processes). */
async function dataVersion(): Promise<number> {
  if (depth > 0) return version;
  const last = await lastChangeId(await connection());
  if (last !== ownLastId) {
    ownLastId = last;
    version++;
  }
  return version;
}

async function handle(request: BridgeRequest): Promise<unknown> {
  switch (request.op) {
    case 'open': {
      url = request.url;
      where = request.where;
      const db = await connection();
      await migratePostgres(db, where);
      await installPgChangeLog(db);
      ownLastId = await lastChangeId(db);
      return null;
    }
    case 'begin':
      return begin(request.write, request);
    case 'commit':
      return commit();
    case 'rollback':
      return rollback();
    case 'call':
      return call(request.repo, request.method, request.args, request);
    case 'schemaVersion': {
      const { rows } = await (await connection()).query<{ v: number | null }>('SELECT max(version) AS v FROM gloss_migrations');
      return rows[0]?.v ?? 0;
    }
    case 'dataVersion':
      return dataVersion();
    case 'close':
      drop();
      return null;
  }
}

function toBridgeError(err: unknown): BridgeError {
  const reached = reachError(where, err);
  if (reached instanceof GlossError) return { kind: reached.kind, message: reached.message };
  const e = reached as { message?: unknown; code?: unknown; constraint?: unknown };
  return {
    message: typeof e.message === 'string' ? e.message : String(reached),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}),
  };
}

function answer(response: BridgeResponse): void {
  try {
    port.postMessage(response);
  } catch (err) {
    port.postMessage({ ok: false, error: { kind: 'internal', message: `a PostgreSQL result could not be passed back: ${(err as Error).message}` } } satisfies BridgeResponse);
  }
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (request: BridgeRequest) => {
  handle(request).then(
    (value) => answer({ ok: true, value }),
    (err: unknown) => {
      // A connection lost mid-transaction cannot be rolled back: start again on a fresh one.
      if (client && (err as { code?: string }).code && /^(08|57P)/.test((err as { code: string }).code)) drop();
      answer({ ok: false, error: toBridgeError(err) });
    },
  );
});

process.on('exit', () => {
  Atomics.store(signal, 1, 1);
  Atomics.notify(signal, 0);
});
