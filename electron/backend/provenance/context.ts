import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who makes the changes being written and through what: the one place the
 * change log (`change-log.ts`) reads them from. The dispatcher sets `via` to
 * the API method around each call, the CLI to `gloss COMMAND` around each
 * command; a transport that knows its caller (the team server, per request)
 * sets `actor` the same way. Without an actor the project's annotator is used.
 *
 * AsyncLocalStorage rather than a field on the project: handlers are async
 * and interleave (jobs yield between documents), so a field set by one call
 * could be read by another's write; a context follows its own call across
 * awaits, and SQLite calls the log's functions synchronously inside it.
 */
export interface ChangeContext {
  /** The annotator the changes are made under. */
  readonly actor?: string | undefined;
  /** The API method or CLI command making them. */
  readonly via?: string | undefined;
  /**
   * The undo step the changes belong to (see store/undo-journal-triggers.ts):
   * chosen by the client for an undoable API call, so that it can undo that
   * call later. Without one, nothing is journaled for undo.
   */
  readonly step?: string | undefined;
  /** Which client (a browser tab, the desktop window) makes the changes: recorded with each undo step. */
  readonly client?: string | undefined;
}

const storage = new AsyncLocalStorage<ChangeContext>();

/** Runs `fn` with `context` (inner values win over an enclosing context's). */
export function withChangeContext<T>(context: ChangeContext, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run(
    {
      actor: context.actor ?? outer?.actor,
      via: context.via ?? outer?.via,
      // A context that names a step (or says "no step" with null) replaces the outer one's.
      step: 'step' in context ? (context.step ?? undefined) : outer?.step,
      client: context.client ?? outer?.client,
    },
    fn,
  );
}

/** The context of the code running now, if any. */
export function currentChangeContext(): ChangeContext | undefined {
  return storage.getStore();
}
