import type { Method } from './contract.ts';

/**
 * What a method does to the project: `read` leaves it as it was, `write` may
 * change it. The local server tells the other open clients after every
 * successful write (electron/server/events.ts), so a method missing here, or
 * marked `read` while it writes, would leave their pages stale: the type makes
 * every method appear once, and tests/unit/live-events.test.ts checks the table.
 *
 * Some calls are classed by what they do to what a client shows, not by
 * whether SQLite is touched:
 * - `snapshots.take`, `compare.*`, `project.export`, `tagset.export*`,
 *   `jobs.startExport`, `jobs.cancel` read (an export writes a file, not the project);
 * - `jobs.startImport` answers before anything is stored: the import is announced
 *   when its finished status is read (see `completedImportIds` in the server);
 * - `workspace.open`/`create`/`choose` switch the project every client of the
 *   server sees, so they are writes; `workspace.forget` only edits the recent list;
 * - `auth.*` sign people in and out of a team server: sessions, not what any page shows.
 */
export const METHOD_EFFECTS: { readonly [M in Method]: 'read' | 'write' } = {
  'documents.list': 'read',
  'documents.get': 'read',
  'documents.search': 'read',
  'documents.import': 'write',
  'documents.update': 'write',
  'documents.delete': 'write',
  'labels.list': 'read',
  'labels.create': 'write',
  'labels.update': 'write',
  'labels.delete': 'write',
  'annotations.list': 'read',
  'annotations.create': 'write',
  'annotations.update': 'write',
  'annotations.delete': 'write',
  'project.readerSettings': 'read',
  'project.setReaderSettings': 'write',
  'project.info': 'read',
  'project.export': 'read',
  'entities.list': 'read',
  'entities.get': 'read',
  'entities.search': 'read',
  'entities.create': 'write',
  'entities.update': 'write',
  'entities.delete': 'write',
  'entities.restore': 'write',
  'entities.merge': 'write',
  'entities.link': 'write',
  'entities.linksByDocument': 'read',
  'entities.mentions': 'read',
  'entities.propagationCandidates': 'read',
  'entities.propagate': 'write',
  'propositions.list': 'read',
  'propositions.get': 'read',
  'propositions.search': 'read',
  'propositions.create': 'write',
  'propositions.update': 'write',
  'propositions.delete': 'write',
  'propositions.restore': 'write',
  'propositions.merge': 'write',
  'propositions.overview': 'read',
  'claims.link': 'write',
  'claims.update': 'write',
  'claims.unlink': 'write',
  'claims.forAnnotation': 'read',
  'claims.listByDocument': 'read',
  'stances.setDocument': 'write',
  'stances.clearDocument': 'write',
  'stances.listByDocument': 'read',
  'relationTypes.list': 'read',
  'relationTypes.create': 'write',
  'relationTypes.update': 'write',
  'relationTypes.delete': 'write',
  'relations.listByDocument': 'read',
  'relations.forAnnotation': 'read',
  'relations.create': 'write',
  'relations.update': 'write',
  'relations.delete': 'write',
  'tagset.get': 'read',
  'tagset.setStanceValues': 'write',
  'tagset.exportBrat': 'read',
  'tagset.importBrat': 'write',
  'tagset.exportJson': 'read',
  'tagset.importJson': 'write',
  'snapshots.take': 'read',
  'snapshots.deleteAnnotations': 'write',
  'snapshots.restore': 'write',
  'suggestions.list': 'read',
  'suggestions.accept': 'write',
  'suggestions.reject': 'write',
  'suggestions.unreject': 'write',
  'compare.run': 'read',
  'compare.matchClaim': 'read',
  'compare.export': 'read',
  'jobs.startImport': 'read',
  'jobs.startExport': 'read',
  'jobs.status': 'read',
  'jobs.cancel': 'read',
  'team.info': 'read',
  'team.setAnnotator': 'write',
  'team.agreement': 'read',
  'history.document': 'read',
  'history.undo': 'write',
  'history.redo': 'write',
  'history.steps': 'read',
  'team.disagreements': 'read',
  'team.statuses': 'read',
  'team.setStatus': 'write',
  'team.curate': 'write',
  'team.merge': 'write',
  'team.assign': 'write',
  'team.assignments': 'read',
  'versions.list': 'read',
  'versions.get': 'read',
  'versions.diff': 'read',
  'versions.update': 'write',
  'versions.saveEdited': 'write',
  'versions.restore': 'write',
  'versions.review': 'read',
  'versions.setAnchor': 'write',
  'versions.candidates': 'read',
  'search.annotations': 'read',
  'search.locate': 'read',
  'collections.list': 'read',
  'collections.create': 'write',
  'collections.rename': 'write',
  'collections.delete': 'write',
  'collections.addDocuments': 'write',
  'collections.removeDocuments': 'write',
  'trash.list': 'read',
  'trash.restore': 'write',
  'trash.purge': 'write',
  'workspace.state': 'read',
  'workspace.open': 'write',
  'workspace.create': 'write',
  'workspace.forget': 'read',
  'workspace.choose': 'write',
  'users.list': 'read',
  'users.add': 'write',
  'users.link': 'write',
  'users.remove': 'write',
  'users.role': 'write',
  'auth.me': 'read',
  'auth.signIn': 'read',
  'auth.resolve': 'read',
  'auth.signOut': 'read',
};

/** Whether a call by this name may change the project (false for unknown names: they fail before doing anything). */
export function isWriteMethod(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(METHOD_EFFECTS, name) && METHOD_EFFECTS[name as Method] === 'write';
}

/**
 * Writes that are not undo steps: switching or creating projects, accounts
 * and sign-in, the annotator's name, bulk imports and merges (undone by the
 * trash or a backup, not by journaling every row of a corpus), new text
 * versions (undone forward, by a version with the earlier text, since others
 * may have annotated the new text), and undo and redo themselves. Every other write a client names a step for is journaled
 * for undo (electron/backend/provenance/undo.ts).
 */
const NOT_UNDOABLE = /^(workspace|users|auth|jobs)\.|^(history\.(undo|redo)|team\.setAnnotator|team\.merge|documents\.import|versions\.(saveEdited|update|restore))$/;

/** Whether a call of `name` can be an undo step. */
export function isUndoableMethod(name: string): boolean {
  return isWriteMethod(name) && !NOT_UNDOABLE.test(name);
}
