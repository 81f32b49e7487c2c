import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { GlossError } from '../../../shared/index.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Migrations to run; tests pass a prefix of the list to build old databases. */
  migrations?: readonly Migration[];
  /** `FULL` (default) makes each committed write durable across power loss. */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * Opens (creating if needed) a project file and brings its schema up to date.
 * Before migrating a database that already holds data, writes a backup copy
 * beside it with SQLite's online backup API. Refuses files from a newer Gloss.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Db> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    assertSqliteFile(file);
  }
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw new GlossError('internal', `${file}: cannot open the project file: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Checked before any pragma that writes (switching to WAL rewrites the header), so a refused file stays as it was.
    const current = schemaVersion(db);
    if (current > latest) {
      throw new GlossError(
        'version',
        `${file}: this project was written by a newer version of Gloss (schema ${current}; this version knows up to ${latest}). Update Gloss to open it; the file was not changed.`,
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    if (current < latest) {
      if (current > 0 && file !== ':memory:') await backupBeforeMigration(db, file, current);
      migrate(db, migrations, current);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs the pending migrations in one transaction and records the version in `PRAGMA user_version`. */
function migrate(db: Db, migrations: readonly Migration[], from: number): void {
  const pending = migrations.filter((m) => m.version > from);
  // Foreign keys off while migrating, as SQLite's procedure for rebuilding a
  // table asks (a dropped table must not cascade); every reference is checked
  // before the transaction commits.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of pending) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
      const broken = db.pragma('foreign_key_check') as { table: string }[];
      if (broken.length) throw new GlossError('internal', `a migration left ${broken.length} broken reference(s) in ${[...new Set(broken.map((b) => b.table))].join(', ')}`);
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

async function backupBeforeMigration(db: Db, file: string, from: number): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.v${from}-backup-${stamp}`;
  await db.backup(target);
  return target;
}

/** A clear error for a file that exists but is not a SQLite database (a text file picked by mistake, say). */
function assertSqliteFile(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return; // does not exist yet: it will be created
  }
  try {
    const header = Buffer.alloc(16);
    const n = fs.readSync(fd, header, 0, 16, 0);
    if (n === 0) return;
    if (n < 16 || header.toString('latin1') !== 'SQLite format 3\0') {
      throw new GlossError('validation', `${file}: not a Gloss project file (it is not an SQLite database)`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

export { LATEST_SCHEMA_VERSION };
