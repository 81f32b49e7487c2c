import { GlossError } from '../../../../shared/index.ts';
import type { Queryable } from './documents.ts';

/** PostgreSQL's code for a unique constraint broken. */
export const UNIQUE_VIOLATION = '23505';
/** PostgreSQL's code for a foreign key broken. */
export const FOREIGN_KEY_VIOLATION = '23503';

/** Whether `err` is PostgreSQL's error with this SQLSTATE code. */
export function isPgError(err: unknown, code: string): boolean {
  return (err as { code?: unknown } | null)?.code === code;
}

/**
 * PostgreSQL's errors as the SQLite engine's store gives them (store/errors.ts):
 * a row referring to one deleted meanwhile (a foreign key broken) is
 * `not_found`, with the same words. Anything else is returned unchanged.
 */
export function pgStoreError(err: unknown): unknown {
  if (isPgError(err, FOREIGN_KEY_VIOLATION)) {
    return new GlossError('not_found', 'a record this change refers to no longer exists (another window or process may have deleted it); reload and try again');
  }
  return err;
}

/** Runs a statement and returns its rows, errors translated by {@link pgStoreError}. */
export async function rows<T>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  try {
    return (await db.query(sql, params as unknown[])).rows as T[];
  } catch (err) {
    throw pgStoreError(err);
  }
}

/** The first row of a statement, if any. */
export async function row<T>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await rows<T>(db, sql, params))[0];
}

/** Runs a statement for its effect; returns how many rows it changed (SQLite's `changes`). */
export async function exec(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<number> {
  try {
    return (await db.query(sql, params as unknown[])).rowCount ?? 0;
  } catch (err) {
    throw pgStoreError(err);
  }
}

/**
 * SQLite's NOCASE collation on PostgreSQL: ASCII letters folded, nothing
 * else (lower() would fold every alphabet, "Ä" = "ä", which SQLite does not),
 * compared byte for byte (`COLLATE "C"`, whatever the server's locale).
 */
export function nocase(column: string): string {
  return `translate(${column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C"`;
}
