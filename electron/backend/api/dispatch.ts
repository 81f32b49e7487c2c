import { isUndoableMethod } from '../../../shared/api/effects.ts';
import { contract, GlossError, isMethod, StepIdSchema, toApiError, type Caller, type Envelope, type Method } from '../../../shared/index.ts';
import { pruneSteps } from '../provenance/undo.ts';
import { authorize } from './authorize.ts';
import type { Project } from '../project.ts';
import { storeError } from '../store/errors.ts';
import { annotationHandlers } from './annotations.ts';
import { compareHandlers } from './compare.ts';
import { documentHandlers } from './documents.ts';
import { entityHandlers } from './entities.ts';
import { callContext, type Handler } from './handler.ts';
import { blindResult, guardCall } from '../team/layer-guard.ts';
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
import { authHandlers, userHandlers } from './users.ts';
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
  ...userHandlers,
  ...authHandlers,
  ...historyHandlers,
};

/**
 * Calls a method by name with untrusted arguments; the single entry point every
 * transport uses. `caller` is the team server's signed-in account making the
 * call; without it the call is the project owner's (desktop, CLI, a server
 * without --team), as before accounts existed.
 */
export type Dispatch = (method: string, args: unknown, caller?: Caller, meta?: CallMeta) => Promise<Envelope<unknown>>;

/**
 * What a transport knows of a call besides its arguments: the undo step the
 * client names for it (HTTP `X-Gloss-Step`, the preload bridge's third
 * argument) and which client it is (a tab's `X-Gloss-Origin`, the desktop window).
 */
export interface CallMeta {
  step?: string | undefined;
  client?: string | undefined;
}

/** How many undoable calls pass between prunings of the undo journal. */
const PRUNE_EVERY = 200;

/** The call's undo step, when the client named one for an undoable method; a step id already used is refused. */
function undoStepOf(method: Method, meta: CallMeta | undefined, project: Project): string | undefined {
  if (meta?.step === undefined || !isUndoableMethod(method)) return undefined;
  const step = StepIdSchema.safeParse(meta.step);
  if (!step.success) throw new GlossError('validation', `X-Gloss-Step: ${step.error.issues[0]?.message ?? 'not a step id'}`);
  if (project.read(() => project.undoJournal.step(step.data))) throw new GlossError('validation', `undo step ${step.data} is used already: name a new one for each call`);
  return step.data;
}

/** Who the step is recorded for: the client's own name (its tab), else the account or the desktop. */
function clientOf(meta: CallMeta | undefined, caller: Caller | undefined): string {
  const client = meta?.client?.trim();
  return (client && client.length <= 200 ? client : undefined) ?? caller?.name ?? 'desktop';
}

/**
 * Builds the dispatcher for a project: it checks that the method exists,
 * checks the caller's role, validates the arguments against the contract,
 * keeps an annotator to their own layer, runs the handler with the call's
 * context (its caller travels with it, so interleaved calls of several users
 * each write under their own name) and returns `{ok, result}` or `{ok: false, error: {kind, message}}`.
 */
export function createDispatcher(project: Project): Dispatch {
  let sincePrune = 0;
  return async (method, rawArgs, caller, meta) => {
    try {
      if (!isMethod(method)) throw new GlossError('validation', `unknown method "${method}"`);
      authorize(method, caller);
      const args = contract[method].args.parse(rawArgs ?? {});
      guardCall(method, args, project, caller);
      const handler = handlers[method] as Handler<Method>;
      const ctx = callContext(project, caller);
      // Every change the call makes is logged under the signed-in caller (else the project's annotator, read only when something is written) and this method.
      const step = undoStepOf(method, meta, project);
      const result = await project.withChanges({ actor: caller?.name, via: method, ...(step ? { step, client: clientOf(meta, caller) } : {}) }, () => handler(args as never, ctx));
      if (step && ++sincePrune >= PRUNE_EVERY) {
        sincePrune = 0;
        pruneSteps(project);
      }
      return { ok: true, result: blindResult(method, result, args, project, caller) };
    } catch (err) {
      return { ok: false, error: toApiError(storeError(err, project.path)) };
    }
  };
}
