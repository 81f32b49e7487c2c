import type { ClientBase } from 'pg';
import { GlossError } from '../../../../shared/index.ts';
import { PG_MIGRATIONS, type PgMigration } from './migrations.ts';

/** Any 64-bit number of our own: the advisory lock every Gloss starting on the same database takes to migrate. */
const MIGRATION_LOCK = 0x61_05_5e_00_00_00_0001n;

/** Where a database came from, for messages: its URL without the password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}

/**
 * Brings a PostgreSQL database to the schema this build writes, in one
 * transaction (PostgreSQL's DDL is transactional: all of it, or none).
 *
 * Servers starting at once take turns under an advisory lock, and each
 * reads the applied versions only after taking it, so a migration never runs
 * twice. A database with tables but no `gloss_migrations` is not Gloss's and
 * is refused untouched; one migrated by a newer Gloss is refused too (this
 * build does not know its schema). Returns the versions it applied.
 */
export async function migratePostgres(client: ClientBase, where: string, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  const latest = migrations[migrations.length - 1]!.version;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    const known = await client.query<{ exists: boolean }>("SELECT to_regclass('gloss_migrations') IS NOT NULL AS exists");
    if (!known.rows[0]!.exists) {
      const others = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_type IN ('BASE TABLE', 'VIEW')",
      );
      if (Number(others.rows[0]!.n) > 0) {
        throw new GlossError('validation', `${where}: this database holds tables that are not a Gloss project's; Gloss opens only an empty database or its own, and changed nothing`);
      }
      await client.query('CREATE TABLE gloss_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    }
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM gloss_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > latest) {
      throw new GlossError('version', `${where}: the database was migrated by a newer Gloss (schema ${newest}; this one knows up to ${latest}); upgrade Gloss to open it. Nothing was changed`);
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO gloss_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
