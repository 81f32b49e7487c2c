import type { Pool, PoolClient } from 'pg';
import type { Queryable } from './documents.ts';

/** Clients inside a transaction that {@link inTransaction} began. */
const open = new WeakSet<object>();
let savepoints = 0;

function isPool(db: Queryable): db is Pool {
  return typeof (db as Partial<Pool>).totalCount === 'number' && typeof (db as Partial<Pool>).connect === 'function';
}

/** Whether the client is inside a transaction: one we began, or one its last reply from the server reported ('T' in a block, 'E' a failed one). */
function inBlock(client: Queryable): boolean {
  const status = (client as { _txStatus?: string | null })._txStatus;
  return open.has(client) || status === 'T' || status === 'E';
}

/**
 * Runs `fn` in one transaction, the PostgreSQL side of the SQLite engine's
 * `writeTransaction`: all of it is stored, or none. Given a pool, it takes
 * one client for the whole of `fn` (BEGIN … COMMIT, ROLLBACK on a throw) and
 * gives it back; given a client already in a transaction, `fn` runs inside
 * that one, in a savepoint as SQLite nests (a throw undoes `fn`'s part only
 * and reaches the caller); given a client outside one, it begins one on it.
 */
export async function inTransaction<T>(db: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  if (isPool(db)) {
    const client: PoolClient = await db.connect();
    try {
      return await begun(client, fn);
    } finally {
      client.release();
    }
  }
  if (inBlock(db)) {
    const name = `gloss_sp_${++savepoints}`;
    await db.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn(db);
      await db.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await db.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await db.query(`RELEASE SAVEPOINT ${name}`);
      throw err;
    }
  }
  return begun(db, fn);
}

async function begun<T>(client: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  open.add(client);
  try {
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    open.delete(client);
  }
}
