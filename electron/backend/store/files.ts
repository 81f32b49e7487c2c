import Database from 'better-sqlite3';
import type { Db } from './database.ts';

/** What a project file says about itself before it is read: its schema version and whether it has Gloss's tables. */
export interface ProjectFileInfo {
  version: number;
  isGloss: boolean;
}

/**
 * Copies the SQLite file `file` to `copy` with SQLite's online backup,
 * opening it read-only so it never changes. `check` sees the file's schema
 * version and tables first and throws to refuse it; nothing is copied then.
 * An error opening or reading the file is thrown as SQLite gives it.
 */
export async function copyProjectFile(file: string, copy: string, check: (info: ProjectFileInfo) => void): Promise<void> {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    const isGloss = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get() !== undefined;
    check({ version, isGloss });
    await source.backup(copy);
  } finally {
    source.close();
  }
}

/** Writes a consistent copy of the open project to `file` (SQLite's online backup). */
export async function backupDatabase(db: Db, file: string): Promise<void> {
  await db.backup(file);
}

/**
 * Runs `fn` with SQLite's page cache at `kib` KiB, then sets it back: one
 * transaction of hundreds of thousands of rows would otherwise spill dirty
 * pages to the WAL mid-transaction and read them back from it.
 */
export function withPageCache<T>(db: Db, kib: number, fn: () => T): T {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${kib}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}
