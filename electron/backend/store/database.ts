import fs from 'node:fs';
import path from 'node:path';
import { GlossError } from '../../../shared/index.ts';
import { ATTEMPT_TIMEOUT_MS, DEFAULT_BUSY_BUDGET_MS, retryWhileBusy } from './busy.ts';
import { connect, type Db } from './connection.ts';
import { storeError } from './errors.ts';
import { GLOSS_APPLICATION_ID, identifyProjectFile, refusal, type ProjectFile } from './identify.ts';
import { setBusyBudget } from './transaction.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.ts';

export type { Db } from './connection.ts';

export interface OpenOptions {
  /** Migrations to run; tests pass a prefix of the list to build old databases. */
  migrations?: readonly Migration[];
  /** `FULL` (default) makes each committed write durable across power loss. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits in all for another process's write lock before it fails, in ms. */
  busyBudgetMs?: number;
  /** better-sqlite3's native module, when not the one it finds itself (tests simulate a broken build). */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) a project file and brings its schema up to date.
 *
 * Opens nothing but a Gloss project or a new, empty file: anything else is
 * refused before a byte of it changes (see {@link identifyProjectFile}). New
 * files, their -wal and -shm, and migration backups are readable by their
 * owner only. Migrations run under the write lock with `user_version` read
 * again there, so processes opening an old file at once migrate it once, with
 * one backup; a migration that fails leaves the file as it was and removes
 * its backup. Refuses files from a newer Gloss.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Db> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const budget = options.busyBudgetMs ?? DEFAULT_BUSY_BUDGET_MS;
  const binding = options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {};
  // A native module that does not load is reported before anything is created.
  connect(':memory:', binding).close();
  let found: ProjectFile = { kind: 'new' };
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    createPrivately(file);
    found = identifyProjectFile(file, migrations);
    if (found.kind === 'gloss' && found.version > latest) throw newerError(file, found.version, latest);
  }
  const db = connect(file, { timeout: ATTEMPT_TIMEOUT_MS, ...binding });
  try {
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    setBusyBudget(db, budget);
    // A new file has nothing to keep as it was; an existing project switches only once its migration succeeded.
    if (found.kind === 'new') setWal(db, file, budget);
    await migrateUnderLock(db, file, migrations, budget);
    setWal(db, file, budget);
    return db;
  } catch (err) {
    db.close();
    throw storeError(err, file);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Creates a missing project file empty and readable by its owner only (0600).
 * SQLite gives the -wal and -shm the same permissions as the file itself.
 */
function createPrivately(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new GlossError('validation', `${file}: cannot create the project file: ${(err as Error).message}`);
  }
}

function setWal(db: Db, file: string, budget: number): void {
  if (db.pragma('journal_mode', { simple: true }) === 'wal' || file === ':memory:') return;
  retryWhileBusy(file, () => db.pragma('journal_mode = WAL'), budget);
}

/**
 * Reads the version; when a migration is due, takes the write lock
 * (BEGIN IMMEDIATE), reads the version again (another process may have
 * migrated meanwhile), backs the file up, migrates and stamps Gloss's
 * application_id, all in one transaction.
 */
async function migrateUnderLock(db: Db, file: string, migrations: readonly Migration[], budget: number): Promise<void> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const upToDate = () => schemaVersion(db) === latest && db.pragma('application_id', { simple: true }) === GLOSS_APPLICATION_ID;
  if (upToDate()) return;
  // Foreign keys off while migrating, as SQLite's procedure for rebuilding a
  // table asks (a dropped table must not cascade); every reference is checked
  // before the transaction commits. The pragma is a no-op inside a
  // transaction, so it is set before BEGIN.
  db.pragma('foreign_keys = OFF');
  let backup: string | undefined;
  try {
    retryWhileBusy(file, () => db.exec('BEGIN IMMEDIATE'), budget);
    const current = schemaVersion(db);
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId !== GLOSS_APPLICATION_ID && applicationId !== 0) throw refusal(file, `another application marked it as its own (application_id 0x${applicationId.toString(16)})`);
    if (current > latest) throw newerError(file, current, latest);
    if (current === 0 && db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() !== 0) throw refusal(file, 'another program gave it tables meanwhile');
    if (current < latest && current > 0 && file !== ':memory:') backup = await backupBeforeMigration(file, current);
    for (const m of migrations) {
      if (m.version <= current) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    if (applicationId !== GLOSS_APPLICATION_ID) db.pragma(`application_id = ${GLOSS_APPLICATION_ID}`);
    const broken = db.pragma('foreign_key_check') as { table: string }[];
    if (broken.length) throw new GlossError('internal', `a migration left ${broken.length} broken reference(s) in ${[...new Set(broken.map((b) => b.table))].join(', ')}`);
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (backup) fs.rmSync(backup, { force: true });
    throw err;
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/**
 * Copies the project beside itself (`<file>.v<N>-backup-<time>`), readable by
 * its owner only, with SQLite's online backup API. A second connection reads
 * it: the one migrating holds the write lock, and SQLite's backup from a
 * connection inside a transaction copies nothing.
 */
async function backupBeforeMigration(file: string, from: number): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.v${from}-backup-${stamp}`;
  fs.closeSync(fs.openSync(target, 'wx', 0o600));
  const source = connect(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } catch (err) {
    fs.rmSync(target, { force: true });
    throw new GlossError('internal', `${file}: cannot write the backup ${target} before migrating; the project was not changed: ${(err as Error).message}`);
  } finally {
    source.close();
  }
  return target;
}

function newerError(file: string, version: number, latest: number): GlossError {
  return new GlossError(
    'version',
    `${file}: this project was written by a newer version of Gloss (schema ${version}; this version knows up to ${latest}). Update Gloss to open it; the file was not changed.`,
  );
}

export { LATEST_SCHEMA_VERSION };
