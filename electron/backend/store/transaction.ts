import { busyError, DEFAULT_BUSY_BUDGET_MS, isBusy, retryWhileBusy } from './busy.ts';
import type { Db } from './connection.ts';

const budgets = new WeakMap<Db, number>();

/** How long writes on `db` wait in all for another process's write lock (set when a project is opened). */
export function setBusyBudget(db: Db, ms: number): void {
  budgets.set(db, ms);
}

/**
 * Runs `fn` in one write transaction: all of it is stored, or none.
 *
 * It begins IMMEDIATE, taking the write lock before reading: a DEFERRED
 * transaction that reads first cannot wait for the lock when it writes later
 * (SQLite answers SQLITE_BUSY at once, or SQLITE_BUSY_SNAPSHOT when another
 * process wrote meanwhile). When another process holds the lock, the begin is
 * retried with backoff (`fn` has not run); past the budget the error names the
 * file and who holds it. Inside another transaction it is a savepoint.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn)();
  let began = false;
  const tx = db.transaction(() => {
    began = true;
    return fn();
  });
  return retryWhileBusy(
    db.name,
    () => {
      try {
        return tx.immediate();
      } catch (err) {
        // Busy after the work began (not expected in WAL mode): not repeated, as `fn` may have had effects outside the database.
        if (began && isBusy(err)) throw busyError(db.name);
        throw err;
      }
    },
    budgets.get(db) ?? DEFAULT_BUSY_BUDGET_MS,
  );
}

/**
 * Runs `fn`, which only reads, in one read transaction (BEGIN DEFERRED): it
 * sees one state of the project while other processes write and takes no
 * write lock. Inside another transaction it runs in that one.
 */
export function readTransaction<T>(db: Db, fn: () => T): T {
  return db.inTransaction ? fn() : db.transaction(fn).deferred();
}
