import { isWriteMethod } from '../../shared/api/effects.ts';
import type { ChangeEvent } from './events.ts';

/**
 * Which documents a successful write touched, as far as its arguments and
 * result say: the ids only, never content, so an event tells other clients
 * what to re-read (through the API, with their own permissions) and nothing
 * more. `null` means "not tied to documents, or too many to list": a client
 * then reloads whatever it shows.
 */

/** More ids than this and the event says `null` (reload everything) instead of listing them. */
export const MAX_SCOPE_IDS = 200;
/** How deep into arguments and results the search for document ids goes (snapshots nest them at depth 3). */
const MAX_DEPTH = 4;
/** Items of one array looked at; an import's file list is not walked to the end. */
const MAX_ITEMS = 1000;

/**
 * The document ids named by `documentId` / `documentIds` keys anywhere in the
 * value (within limits), plus the documents the `documents.*` calls name by
 * `id` or return as summaries. Read in two steps: the arguments before the call
 * (so that a large body, an import's files, is not held while it runs), the
 * result after it.
 */
export function scopeOf(method: string, args: unknown): (result: unknown) => string[] | null {
  const ids = new Set<string>();
  let everything = false;
  switch (method) {
    case 'documents.update':
    case 'documents.delete': {
      const id = field(args, 'id');
      if (typeof id === 'string' && id) ids.add(id);
      break;
    }
    case 'trash.purge':
    case 'workspace.open':
    case 'workspace.create':
    case 'workspace.choose':
      everything = true;
  }
  collect(args, 0, ids);
  return (result) => {
    if (everything) return null;
    if (method === 'documents.import' || method === 'team.merge') {
      if (!Array.isArray(result)) return null;
      for (const d of result.slice(0, MAX_SCOPE_IDS + 1)) {
        const id = field(d, 'id');
        if (typeof id === 'string' && id) ids.add(id);
      }
    }
    collect(result, 0, ids);
    return ids.size === 0 || ids.size > MAX_SCOPE_IDS ? null : [...ids];
  };
}

/** Both steps of {@link scopeOf} at once. */
export function documentIdsOf(method: string, args: unknown, result: unknown): string[] | null {
  return scopeOf(method, args)(result);
}

/** The documents a finished import job stored, read from its status; undefined while it runs or when it stored nothing. */
export function completedImportIds(status: unknown): string[] | null | undefined {
  if (field(status, 'kind') !== 'import' || field(status, 'state') !== 'done' || field(status, 'dryRun') === true) return undefined;
  const docs = field(status, 'result');
  if (!Array.isArray(docs) || docs.length === 0) return undefined;
  if (docs.length > MAX_SCOPE_IDS) return null;
  return docs.map((d) => field(d, 'id')).filter((id): id is string => typeof id === 'string');
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

function collect(value: unknown, depth: number, into: Set<string>): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || into.size > MAX_SCOPE_IDS) return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_ITEMS)) collect(item, depth + 1, into);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key === 'documentId' && typeof v === 'string' && v) {
      into.add(v);
    } else if (key === 'documentIds' && Array.isArray(v)) {
      for (const id of v.slice(0, MAX_SCOPE_IDS + 1)) if (typeof id === 'string' && id) into.add(id);
    } else if (typeof v === 'object') {
      collect(v, depth + 1, into);
    }
  }
}

/**
 * What the server does after a call succeeds: announce it when it was a write
 * (or the read of a finished import job's status, when that import's documents
 * became visible). Undefined for a read, which announces nothing. Only the ids
 * found in `args` are kept, not `args` itself.
 */
/**
 * Whether a write changes records of one annotator's layer (what
 * team/layer-guard.ts keeps an annotator from seeing of others), as opposed
 * to shared ones: documents, the tagset, the entity and proposition registries.
 */
export function isLayerWrite(method: string): boolean {
  // Undo and redo put back the caller's own steps, mostly their layer: kept from other annotators like the writes they undo.
  return (
    /^(annotations|claims|stances|relations|suggestions|snapshots)\./.test(method) ||
    ['entities.link', 'entities.propagate', 'team.setStatus', 'team.curate', 'history.undo', 'history.redo'].includes(method)
  );
}

export function changeAnnouncer(method: string, args: unknown, origin: string | null, publish: (change: Omit<ChangeEvent, 'revision'>) => void): ((result: unknown) => void) | undefined {
  if (method === 'jobs.status') {
    return (status) => {
      const documentIds = completedImportIds(status);
      if (documentIds !== undefined) publish({ method: 'jobs.startImport', documentIds, origin });
    };
  }
  if (!isWriteMethod(method)) return undefined;
  const scope = scopeOf(method, args);
  return (result) => publish({ method, documentIds: scope(result), origin });
}
