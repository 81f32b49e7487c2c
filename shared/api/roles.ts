import type { Method } from './contract.ts';
import type { Role } from './users.ts';

/**
 * Who may call what on a team server, the one table for it: each method's
 * least role. `owner` is whoever holds the project file (the desktop app, the
 * CLI, a server started without `--team`, and the team server itself for its
 * sign-in calls): no account ever has it. An annotator's calls that pass this
 * table are further kept to their own layer by the backend
 * (electron/backend/team/layer-guard.ts); the renderer reads the table only
 * to hide what a role cannot use.
 */
export type MinRole = Role | 'owner';

const A = 'annotator';
const C = 'curator';
const ADMIN = 'admin';
const OWNER = 'owner';

export const METHOD_ROLES: { readonly [M in Method]: MinRole } = {
  // The library: annotators read (their assigned documents); curators change it.
  'documents.list': A, 'documents.get': A, 'documents.search': A,
  'documents.import': C, 'documents.update': C, 'documents.delete': C,
  'collections.list': A,
  'collections.create': C, 'collections.rename': C, 'collections.delete': C, 'collections.addDocuments': C, 'collections.removeDocuments': C,
  'trash.list': C, 'trash.restore': C, 'trash.purge': C,
  // The tagset is shared by every layer: only curators change it.
  'labels.list': A, 'labels.create': C, 'labels.update': C, 'labels.delete': C,
  'relationTypes.list': A, 'relationTypes.create': C, 'relationTypes.update': C, 'relationTypes.delete': C,
  'tagset.get': A, 'tagset.exportBrat': A, 'tagset.exportJson': A,
  'tagset.importBrat': C, 'tagset.importJson': C, 'tagset.setStanceValues': C,
  // One's own layer (the layer guard checks whose each record is).
  'annotations.list': A, 'annotations.create': A, 'annotations.update': A, 'annotations.delete': A,
  'claims.link': A, 'claims.update': A, 'claims.unlink': A, 'claims.forAnnotation': A, 'claims.listByDocument': A,
  'stances.setDocument': A, 'stances.clearDocument': A, 'stances.listByDocument': A,
  'relations.listByDocument': A, 'relations.forAnnotation': A, 'relations.create': A, 'relations.update': A, 'relations.delete': A,
  'snapshots.take': A, 'snapshots.deleteAnnotations': A, 'snapshots.restore': A,
  'suggestions.list': A, 'suggestions.accept': A, 'suggestions.reject': A, 'suggestions.unreject': A,
  'search.annotations': A, 'search.locate': A,
  // Entities and propositions are shared by every layer: annotators add and link, curators edit, merge and delete.
  'entities.list': A, 'entities.get': A, 'entities.search': A, 'entities.create': A, 'entities.link': A,
  'entities.linksByDocument': A, 'entities.mentions': A, 'entities.propagationCandidates': A, 'entities.propagate': A,
  'entities.update': C, 'entities.delete': C, 'entities.restore': C, 'entities.merge': C,
  'propositions.list': A, 'propositions.get': A, 'propositions.search': A, 'propositions.create': A,
  'propositions.update': C, 'propositions.delete': C, 'propositions.restore': C, 'propositions.merge': C,
  // Views across layers: blind annotators do not see them until curation.
  'propositions.overview': C, 'compare.run': C, 'compare.export': C, 'compare.matchClaim': C,
  'team.agreement': C, 'team.disagreements': C, 'team.curate': C, 'team.merge': C, 'team.assign': C,
  // The change log shows every annotator's before and after: not for annotators, who are blind to others' layers.
  'history.document': C,
  // One's own undo steps: the backend checks they are the caller's.
  'history.undo': A, 'history.redo': A, 'history.steps': A,
  'team.info': A, 'team.statuses': A, 'team.setStatus': A, 'team.assignments': A,
  'team.setAnnotator': OWNER,
  'jobs.startImport': C, 'jobs.startExport': C, 'jobs.status': A, 'jobs.cancel': A,
  'project.info': A, 'project.readerSettings': A, 'project.setReaderSettings': A, 'project.export': C,
  // A document's text versions: reading is everyone's, changing the text a curator's.
  'versions.list': A, 'versions.get': A, 'versions.diff': A,
  'versions.candidates': C, 'versions.saveEdited': C, 'versions.update': C, 'versions.restore': C, 'versions.setAnchor': C, 'versions.review': C,
  // The served project file is the server's: no account switches it.
  'workspace.state': A, 'workspace.open': OWNER, 'workspace.create': OWNER, 'workspace.choose': OWNER, 'workspace.forget': OWNER,
  'users.list': ADMIN, 'users.add': ADMIN, 'users.link': ADMIN, 'users.remove': ADMIN, 'users.role': ADMIN,
  'auth.me': A, 'auth.signIn': OWNER, 'auth.resolve': OWNER, 'auth.signOut': OWNER,
};

const RANK: Record<MinRole, number> = { annotator: 1, curator: 2, admin: 3, owner: 4 };

/** Whether a caller with `role` may call `method` (no role: the owner, who may call everything). */
export function mayCall(role: Role | undefined, method: Method): boolean {
  return role === undefined || RANK[role] >= RANK[METHOD_ROLES[method]];
}
