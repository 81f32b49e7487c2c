import { contract, GlossError, isMethod, toApiError, type Envelope, type Method } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { storeError } from '../store/errors.ts';
import { annotationHandlers } from './annotations.ts';
import { compareHandlers } from './compare.ts';
import { documentHandlers } from './documents.ts';
import { entityHandlers } from './entities.ts';
import type { Handler, HandlerContext } from './handler.ts';
import { jobHandlers } from './jobs.ts';
import { labelHandlers } from './labels.ts';
import { projectHandlers } from './project.ts';
import { claimHandlers, propositionHandlers, stanceHandlers } from './propositions.ts';
import { relationHandlers, relationTypeHandlers } from './relations.ts';
import { snapshotHandlers } from './snapshots.ts';
import { suggestionHandlers } from './suggestions.ts';
import { tagsetHandlers } from './tagset.ts';
import { teamHandlers } from './team.ts';
import { versionHandlers } from './versions.ts';
import { collectionHandlers, trashHandlers } from './collections.ts';
import { searchHandlers } from './search.ts';
import { workspaceHandlers } from './workspace.ts';
import { historyHandlers } from './history.ts';

const handlers: { [M in Method]: Handler<M> } = {
  ...documentHandlers,
  ...labelHandlers,
  ...annotationHandlers,
  ...projectHandlers,
  ...entityHandlers,
  ...propositionHandlers,
  ...claimHandlers,
  ...stanceHandlers,
  ...relationTypeHandlers,
  ...relationHandlers,
  ...tagsetHandlers,
  ...snapshotHandlers,
  ...suggestionHandlers,
  ...compareHandlers,
  ...jobHandlers,
  ...teamHandlers,
  ...versionHandlers,
  ...searchHandlers,
  ...collectionHandlers,
  ...trashHandlers,
  ...workspaceHandlers,
  ...historyHandlers,
};

/** Calls a method by name with untrusted arguments; the single entry point every transport uses. */
export type Dispatch = (method: string, args: unknown) => Promise<Envelope<unknown>>;

/**
 * Builds the dispatcher for a project: it checks that the method exists,
 * validates the arguments against the contract, runs the handler and
 * returns `{ok, result}` or `{ok: false, error: {kind, message}}`.
 */
export function createDispatcher(project: Project): Dispatch {
  const ctx: HandlerContext = { project };
  return async (method, rawArgs) => {
    try {
      if (!isMethod(method)) throw new GlossError('validation', `unknown method "${method}"`);
      const args = contract[method].args.parse(rawArgs ?? {});
      const handler = handlers[method] as Handler<Method>;
      // Every change the call makes is logged under the caller's actor (when the transport knows it) and this method.
      return { ok: true, result: await project.withChanges({ actor: ctx.actor, via: method }, () => handler(args as never, ctx)) };
    } catch (err) {
      return { ok: false, error: toApiError(storeError(err, project.path)) };
    }
  };
}
