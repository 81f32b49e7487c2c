import type { z } from 'zod';
import { annotationMethods } from './annotations.ts';
import { compareMethods } from './compare.ts';
import { documentMethods } from './documents.ts';
import { entityMethods } from './entities.ts';
import { jobMethods } from './jobs.ts';
import { labelMethods } from './labels.ts';
import { projectMethods } from './project.ts';
import { claimMethods, propositionMethods, stanceMethods } from './propositions.ts';
import { relationMethods, relationTypeMethods } from './relations.ts';
import { snapshotMethods } from './snapshots.ts';
import { suggestionMethods } from './suggestions.ts';
import { tagsetMethods } from './tagset.ts';
import { teamMethods } from './team.ts';
import { versionMethods } from './versions.ts';
import { collectionMethods } from './collections.ts';
import { searchMethods } from './search.ts';
import { trashMethods } from './trash.ts';
import { workspaceMethods } from './workspace.ts';
import { authMethods, userMethods } from './users.ts';
import { historyMethods } from './history.ts';

/**
 * The one API contract. Every transport (Electron IPC, HTTP, the CLI's
 * in-process calls) validates arguments against `args` at its boundary.
 * Method names are `domain.verb`; each domain is declared in its own file.
 */
export const contract = {
  ...documentMethods,
  ...labelMethods,
  ...annotationMethods,
  ...projectMethods,
  ...entityMethods,
  ...propositionMethods,
  ...claimMethods,
  ...stanceMethods,
  ...relationTypeMethods,
  ...relationMethods,
  ...tagsetMethods,
  ...snapshotMethods,
  ...suggestionMethods,
  ...compareMethods,
  ...jobMethods,
  ...teamMethods,
  ...versionMethods,
  ...searchMethods,
  ...collectionMethods,
  ...trashMethods,
  ...workspaceMethods,
  ...userMethods,
  ...authMethods,
  ...historyMethods,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type Args<M extends Method> = z.input<Contract[M]['args']>;
/** What a handler receives (defaults filled in). */
export type ParsedArgs<M extends Method> = z.output<Contract[M]['args']>;
export type Result<M extends Method> = z.output<Contract[M]['result']>;

/** Methods whose names start with `${D}.`. */
export type MethodsOf<D extends string> = Extract<Method, `${D}.${string}`>;

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The typed client shape: `api.documents.list(args)`. */
export type Client = {
  [D in Method extends `${infer P}.${string}` ? P : never]: {
    [M in MethodsOf<D> as M extends `${D}.${infer V}` ? V : never]: (args: Args<M>) => Promise<Result<M>>;
  };
};
