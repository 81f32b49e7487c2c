import fs from 'node:fs';
import { GlossError } from '../../../shared/index.ts';
import { connect, type Db } from './connection.ts';
import type { Migration } from './migrations/migration.ts';

/**
 * Gloss's mark in the SQLite header (`PRAGMA application_id`, bytes 68–71):
 * "Glos" in ASCII. Set on every project when it is created or migrated, so a
 * project is recognised by its header alone, without reading its tables.
 */
export const GLOSS_APPLICATION_ID = 0x476c6f73;

/** What a file named as a project is. Anything else is refused before it is opened for writing. */
export type ProjectFile =
  /** Does not exist yet, has zero bytes, or is an SQLite database without a single table: Gloss may make it a project. */
  | { kind: 'new' }
  /** A Gloss project at `version`; `marked` when its header carries Gloss's application_id. */
  | { kind: 'gloss'; version: number; marked: boolean };

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Decides whether `file` may be opened as a project, without changing it: a
 * refusal leaves the file byte for byte as it was, with no -wal or -shm beside
 * it. The header decides when it can (not SQLite; Gloss's or another
 * application's id). Files without an id (projects from Gloss versions before
 * the id, or databases of programs that set none) are read through SQLite:
 * they are projects when they hold the tables Gloss's migrations create up to
 * their `user_version`.
 */
export function identifyProjectFile(file: string, migrations: readonly Migration[]): ProjectFile {
  const header = readHeader(file);
  if (!header) return { kind: 'new' };
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw refusal(file, 'it is not an SQLite database');
  }
  const applicationId = header.readUInt32BE(68);
  const userVersion = header.readInt32BE(60);
  if (applicationId === GLOSS_APPLICATION_ID) return { kind: 'gloss', version: userVersion, marked: true };
  if (applicationId !== 0) {
    throw refusal(file, `it is the SQLite database of another application, application_id 0x${applicationId.toString(16).padStart(8, '0')}`);
  }
  const inside = readSchema(file);
  if (inside.applicationId === GLOSS_APPLICATION_ID) return { kind: 'gloss', version: inside.userVersion, marked: true };
  if (inside.applicationId !== 0) {
    throw refusal(file, `it is the SQLite database of another application, application_id 0x${inside.applicationId.toString(16).padStart(8, '0')}`);
  }
  if (inside.userVersion === 0 && inside.tables.length === 0) return { kind: 'new' };
  const known = Math.min(inside.userVersion, migrations[migrations.length - 1]?.version ?? 0);
  const expected = inside.userVersion > 0 ? expectedTables(migrations, known) : [];
  const missing = expected.filter((t) => !inside.tables.includes(t));
  if (inside.userVersion === 0 || expected.length === 0 || missing.length) {
    const tables = inside.tables.slice(0, 6).join(', ') + (inside.tables.length > 6 ? `, … ${inside.tables.length} in all` : '');
    throw refusal(file, inside.tables.length ? `it is the SQLite database of another application, with tables ${tables}` : 'it is an SQLite database without tables that another application numbered');
  }
  return { kind: 'gloss', version: inside.userVersion, marked: false };
}

/** The refusal of a file that is not a project, named, with the reason. Refused files are left as they were. */
export function refusal(file: string, why: string): GlossError {
  return new GlossError(
    'validation',
    `${file}: not a Gloss project file (${why})`,
  );
}

/** The first 100 bytes, and the page-1 header after them; undefined for a missing or zero-length file. */
function readHeader(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new GlossError('validation', `${file}: cannot read the project file: ${(err as Error).message}`);
  }
  try {
    if (fs.fstatSync(fd).isDirectory()) throw new GlossError('validation', `${file}: is a folder, not a project file`);
    const header = Buffer.alloc(108);
    const n = fs.readSync(fd, header, 0, header.length, 0);
    return n === 0 ? undefined : header.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

interface Schema {
  applicationId: number;
  userVersion: number;
  tables: string[];
}

/**
 * Reads the ids and table names through SQLite, leaving nothing behind. When no
 * -wal or -journal exists, a read-write connection is used: as the last one to
 * close, it removes the -wal and -shm it made, and with nothing written the
 * file keeps its bytes. Otherwise another program has the file open, or was
 * killed while writing: a read-only connection reads it without checkpointing
 * a WAL into the file or rolling a journal back (SQLite then refuses to read,
 * and so is the file).
 */
function readSchema(file: string): Schema {
  const readonly = fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-journal`);
  let db: Db | undefined;
  try {
    const conn = (db = connect(file, { readonly, fileMustExist: true, timeout: 2000 }));
    // One read transaction: ids and tables from the same state, even while another process creates the project.
    return conn
      .transaction(() => ({
        applicationId: conn.pragma('application_id', { simple: true }) as number,
        userVersion: conn.pragma('user_version', { simple: true }) as number,
        tables: conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[],
      }))
      .deferred();
  } catch (err) {
    if (err instanceof GlossError) throw err;
    throw refusal(file, `SQLite cannot read it: ${(err as Error).message}`);
  } finally {
    // A read-only connection may create a -shm (when a -wal has none) and cannot remove it; it is left, as another connection may be starting to use it.
    db?.close();
  }
}

const expectedCache = new WeakMap<readonly Migration[], Map<number, string[]>>();

/** The tables a project at `version` has: those its migrations create, found by running them on an empty database in memory. */
export function expectedTables(migrations: readonly Migration[], version: number): string[] {
  let byVersion = expectedCache.get(migrations);
  if (!byVersion) expectedCache.set(migrations, (byVersion = new Map()));
  const cached = byVersion.get(version);
  if (cached) return cached;
  const db = connect(':memory:');
  try {
    db.transaction(() => {
      for (const m of migrations) if (m.version <= version) m.up(db);
    })();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
    byVersion.set(version, tables);
    return tables;
  } finally {
    db.close();
  }
}
