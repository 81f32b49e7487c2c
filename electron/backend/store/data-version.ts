import type { Db } from './database.ts';

/**
 * SQLite's `PRAGMA data_version` for this connection: a number that changes
 * when another connection (another process, such as the CLI importing while
 * the app is open) has committed to the file since the last read, and stays
 * the same for this connection's own commits. Cheap: no lock, no table read.
 */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}
