import type { Project } from '../project.ts';
import { busyError, isBusy, retryWhileBusy } from './busy.ts';
import { TurnQueue, type Repositories, type StoreEngine } from './engine.ts';

/** A synchronous store seen through its asynchronous interface: each call's value or error as a settled promise. */
function asyncOf<T extends object>(store: T): never {
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          return Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args));
        } catch (err) {
          return Promise.reject(err);
        }
      };
    },
  }) as never;
}

/**
 * The SQLite engine over an open project file. Its repositories are the
 * project's own stores; transactions and reads take turns in one queue,
 * because a SQLite transaction belongs to the connection: work awaited
 * inside one must not interleave with another's statements.
 */
export function sqliteEngine(project: Project): StoreEngine {
  const repos: Repositories = {
    documents: asyncOf(project.documents),
    labels: asyncOf(project.labels),
    annotations: asyncOf(project.annotations),
    entities: asyncOf(project.entities),
    claims: asyncOf(project.claims),
    propositions: asyncOf(project.propositions),
    relations: asyncOf(project.relations),
    settings: asyncOf(project.settings),
    team: asyncOf(project.team),
    collections: asyncOf(project.collections),
    versions: asyncOf(project.versions),
    anchors: asyncOf(project.anchors),
    suggestionRejections: asyncOf(project.suggestionRejections),
    sourceIds: asyncOf(project.sourceIds),
    importMatches: asyncOf(project.importMatches),
    standoff: asyncOf(project.standoff),
    exportReads: asyncOf(project.exportReads),
    search: asyncOf(project.search),
    users: asyncOf(project.users),
    trash: asyncOf(project.trash),
    changeLog: asyncOf(project.changeLog),
    undoJournal: asyncOf(project.undoJournal),
  };
  const queue = new TurnQueue();
  const db = project.db;
  return {
    kind: 'sqlite',
    where: project.path,
    read: (fn) =>
      queue.run(async () => {
        db.exec('BEGIN DEFERRED');
        try {
          return await fn(repos);
        } finally {
          db.exec('COMMIT');
        }
      }),
    withTransaction: (fn) =>
      queue.run(async () => {
        // IMMEDIATE: the write lock before the first read, waiting for another process's turn (see store/transaction.ts).
        retryWhileBusy(project.path, () => db.exec('BEGIN IMMEDIATE'));
        try {
          const value = await fn(repos);
          db.exec('COMMIT');
          return value;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw isBusy(err) ? busyError(project.path) : err;
        }
      }),
    close: async () => {
      await queue.run(async () => project.close());
    },
  };
}
