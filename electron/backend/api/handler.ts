import type { MethodsOf, ParsedArgs, Result } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/** What every handler receives besides its arguments. */
export interface HandlerContext {
  project: Project;
  /**
   * Who makes the call, when the transport knows (the team server, per
   * request): the change log records the call's changes under this name.
   * Unset: the project's annotator.
   */
  actor?: string;
}

export type Handler<M extends MethodsOf<string>> = (args: ParsedArgs<M>, ctx: HandlerContext) => Result<M> | Promise<Result<M>>;

/** One typed handler per method of a domain; the compiler checks that none is missing. */
export type HandlerMap<D extends string> = { [M in MethodsOf<D>]: Handler<M> };
