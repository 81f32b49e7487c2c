import fs from 'node:fs';
import path from 'node:path';
import { contract, GlossError, isMethod, toApiError, type Envelope, type WorkspaceState } from '../../../shared/index.ts';
import { authorize } from '../api/authorize.ts';
import type { Dispatch } from '../api/dispatch.ts';
import { createWorkerDispatcher, type WorkerDispatcher, type WorkerDispatcherOptions } from '../worker/dispatcher.ts';
import { describeDatabase } from '../store/pg/migrate.ts';
import { isPostgresUrl } from '../store/pg/sync/bridge.ts';
import { defaultRecentFile, RecentProjects } from './recent.ts';

export interface SessionOptions {
  /** The recent projects list; defaults to {@link defaultRecentFile}. */
  recentFile?: string;
  /** How the store worker is started (Electron passes its bundled entry). */
  worker?: WorkerDispatcherOptions;
  /**
   * Shows the system's file dialog (Electron); resolves with the chosen path,
   * or null when cancelled. Without it, `workspace.choose` is unsupported and
   * the app asks for a path.
   */
  choose?: (mode: 'open' | 'create') => Promise<string | null>;
  /**
   * Whether `workspace.open` and `workspace.create` accept a path typed in the
   * app (the local server, whose page cannot show a file dialog). Electron
   * passes false: there a path must come from the dialog or the recent list.
   */
  typedPaths?: boolean;
}

/** The open project of an app (server or Electron), which the user can switch. */
export interface ProjectSession {
  /** Every API call: `workspace.*` is answered here, the rest by the open project's store worker. */
  dispatch: Dispatch;
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Opens the project at `initialPath` in a store worker and answers
 * `workspace.*`: open another project file, create one, the recent list.
 * Switching opens the new project first (so a file that is not a Gloss
 * project, or one from a newer Gloss, is refused with the store's own
 * message and the current project stays open), then closes the old worker
 * once its calls in flight are done. Calls that arrive during a switch wait
 * for it and go to the project that is open when it ends.
 */
export async function openSession(initialPath: string, options: SessionOptions = {}): Promise<ProjectSession> {
  const recent = new RecentProjects(options.recentFile ?? defaultRecentFile());
  let currentTarget = isPostgresUrl(initialPath) ? initialPath : path.resolve(initialPath);
  let store: WorkerDispatcher = await createWorkerDispatcher(currentTarget, options.worker);
  /** What the app shows and the recent list keeps: the file, or the database's URL without its password. */
  let currentPath = shown(currentTarget);
  recent.touch(currentPath);
  /** Switches and closing run one at a time; API calls wait for the one under way. */
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const state = (): WorkspaceState => ({ current: currentPath, recent: recent.list(), canChoose: Boolean(options.choose) });

  const switchTo = (target: string, mode: 'open' | 'create'): Promise<WorkspaceState> => {
    const run = queue.then(async () => {
      if (closed) throw new GlossError('internal', 'the app is closing');
      const file = checkPath(target, mode);
      if (file === currentTarget) return state();
      const next = await createWorkerDispatcher(file, options.worker);
      const old = store;
      store = next;
      currentTarget = file;
      currentPath = shown(file);
      recent.touch(currentPath);
      await old.close();
      return state();
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const workspace = async (method: string, rawArgs: unknown): Promise<unknown> => {
    if (!isMethod(method)) throw new GlossError('validation', `unknown method "${method}"`);
    const args = contract[method].args.parse(rawArgs ?? {}) as Record<string, string>;
    switch (method) {
      case 'workspace.state':
        return state();
      case 'workspace.open':
        // A database's URL touches no file, so the desktop app opens a team project typed by URL too.
        if (options.typedPaths === false && !isPostgresUrl(args.path!) && !recent.has(path.resolve(args.path!))) {
          throw new GlossError('validation', `${args.path}: choose the project with "Open project…" or from the recent projects`);
        }
        return switchTo(args.path!, 'open');
      case 'workspace.create':
        if (options.typedPaths === false) throw new GlossError('validation', 'create a project with "New project…", which asks where to save it');
        return switchTo(args.path!, 'create');
      case 'workspace.forget':
        recent.forget(isPostgresUrl(args.path!) ? shown(args.path!) : path.resolve(args.path!));
        return state();
      case 'workspace.choose': {
        if (!options.choose) throw new GlossError('unsupported', 'this app cannot show a file dialog: type the path of the project file instead');
        const mode = args.mode as 'open' | 'create';
        const chosen = await options.choose(mode);
        return chosen === null ? null : switchTo(chosen, mode);
      }
      default:
        throw new GlossError('validation', `unknown method "${method}"`);
    }
  };

  const dispatch: Dispatch = async (method, args, caller, meta): Promise<Envelope<unknown>> => {
    if (method.startsWith('workspace.')) {
      try {
        if (isMethod(method)) authorize(method, caller);
        return { ok: true, result: await workspace(method, args) };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    }
    await queue;
    return store.dispatch(method, args, caller, meta);
  };

  return {
    dispatch,
    get path() {
      return currentPath;
    },
    close: () => {
      const run = queue.then(() => {
        closed = true;
        return store.close();
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

function shown(target: string): string {
  return isPostgresUrl(target) ? describeDatabase(target) : target;
}

/**
 * The absolute path (or a PostgreSQL URL) to open or create, checked: only a path the user gave,
 * absolute (a relative one would depend on where the app was started), an
 * existing file to open, a new `.gloss` file in an existing folder to create.
 */
function checkPath(target: string, mode: 'open' | 'create'): string {
  if (isPostgresUrl(target)) {
    if (mode === 'create') throw new GlossError('validation', `${describeDatabase(target)}: a PostgreSQL database is created by its administrator (createdb); open it, and Gloss creates its tables`);
    return target;
  }
  if (!path.isAbsolute(target)) throw new GlossError('validation', `${target}: give the full path of the project file (for example /home/me/research/minerals.gloss)`);
  let file = path.resolve(target);
  if (mode === 'open') {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new GlossError('not_found', `${file}: no such file`);
    }
    if (stat.isDirectory()) throw new GlossError('validation', `${file}: is a folder; choose a .gloss project file`);
    return file;
  }
  if (!/\.gloss$/i.test(file)) file += '.gloss';
  if (fs.existsSync(file)) throw new GlossError('conflict', `${file}: already exists; open it instead, or choose another name`);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new GlossError('not_found', `${dir}: no such folder`);
  return file;
}
