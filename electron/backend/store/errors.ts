import { GlossError } from '../../../shared/index.ts';
import { busyError } from './busy.ts';

/**
 * Turns an error SQLite raised into one a user can act on, naming the project
 * file: a busy file says who holds it, a record deleted by another process
 * meanwhile is `not_found`, a damaged or full disk says so. Anything else is
 * returned unchanged.
 */
export function storeError(err: unknown, file: string): unknown {
  if (!(err instanceof Error) || err.name !== 'SqliteError') return err;
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_BUSY')) return busyError(file);
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new GlossError('not_found', 'a record this change refers to no longer exists (another window or process may have deleted it); reload and try again');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new GlossError('internal', `${file}: the project file is damaged (${err.message}); open one of its backups, or a copy, instead`);
  }
  if (code === 'SQLITE_FULL') return new GlossError('internal', `${file}: the disk is full; nothing of this change was stored`);
  if (code.startsWith('SQLITE_READONLY')) return new GlossError('validation', `${file}: the project file cannot be written (${err.message})`);
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return new GlossError('internal', `${file}: cannot read or write the project file (${code}: ${err.message})`);
  }
  return err;
}
