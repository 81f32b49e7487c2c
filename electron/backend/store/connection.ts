import Database from 'better-sqlite3';
import { GlossError } from '../../../shared/index.ts';

export type Db = Database.Database;

export interface ConnectionOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** How long one statement waits for a lock held by another connection, in ms. */
  timeout?: number;
  /**
   * The path of better-sqlite3's native module, instead of the one it finds
   * itself. For tests that simulate a missing or mismatched build.
   */
  nativeBinding?: string;
}

/**
 * Opens one SQLite connection. Every connection of the store is opened here, so
 * a native module that does not load is reported the same way everywhere: in
 * one line that says which Node it fails in and how to fix it.
 */
export function connect(file: string, options: ConnectionOptions = {}): Db {
  try {
    return new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.fileMustExist ?? false,
      timeout: options.timeout ?? 5000,
      ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw nativeModuleError(err) ?? new GlossError('internal', `${file}: cannot open the project file: ${(err as Error).message}`);
  }
}

/**
 * A one-line error for a native module that is missing or built for another
 * Node or Electron (the loader's own message lists every path it tried, or an
 * ABI number that means nothing to a user); undefined for any other error.
 */
export function nativeModuleError(err: unknown): GlossError | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as NodeJS.ErrnoException).code;
  const message = err.message;
  const missing =
    /Could not locate the bindings file/.test(message) ||
    (code === 'MODULE_NOT_FOUND' && /\.node\b/.test(message)) ||
    (code === 'ERR_DLOPEN_FAILED' && /No such file|cannot open shared object/i.test(message));
  const mismatch = !missing && (code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|did not self-register|invalid ELF header|wrong ELF class|not a valid Win32|mach-o/i.test(message));
  if (!missing && !mismatch) return undefined;
  const runtime = process.versions.electron ? `Electron ${process.versions.electron}` : `Node ${process.version}`;
  const fix = process.versions.electron ? 'npx @electron/rebuild -f -w better-sqlite3' : 'npm rebuild better-sqlite3';
  let why: string;
  if (missing) why = `is missing (${runtime})`;
  else {
    const built = /NODE_MODULE_VERSION (\d+)/.exec(message)?.[1];
    why = built
      ? `was built for another Node (NODE_MODULE_VERSION ${built}; ${runtime} needs ${process.versions.modules})`
      : `does not load in ${runtime} (${firstLine(message)})`;
  }
  return new GlossError('internal', `better-sqlite3's native module ${why}; fix it with: ${fix}`);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0]!.trim();
  // dlopen errors start with the full path of the module; the reason follows the last colon.
  const reason = line.slice(line.lastIndexOf(': ') + 2);
  return reason.length > 0 && reason.length < 120 ? reason : line.slice(0, 120);
}
