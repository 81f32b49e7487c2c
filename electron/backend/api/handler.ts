import type { Caller, MethodsOf, ParsedArgs, Result } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/** What every handler receives besides its arguments: the project and who is calling. */
export interface HandlerContext {
  project: Project;
  /** The team server's signed-in account making this call; undefined for the project's owner (desktop, CLI, a server without --team). */
  caller?: Caller | undefined;
  /** The name this call's writes are recorded under: the caller's, else the project's annotator. */
  readonly actor: string;
}

/** The context of one call. `actor` is read lazily: most calls write nothing, and the project's annotator is a settings read. */
export function callContext(project: Project, caller?: Caller): HandlerContext {
  return {
    project,
    caller,
    get actor() {
      return caller?.name ?? project.annotator;
    },
  };
}

export type Handler<M extends MethodsOf<string>> = (args: ParsedArgs<M>, ctx: HandlerContext) => Result<M> | Promise<Result<M>>;

/** One typed handler per method of a domain; the compiler checks that none is missing. */
export type HandlerMap<D extends string> = { [M in MethodsOf<D>]: Handler<M> };
