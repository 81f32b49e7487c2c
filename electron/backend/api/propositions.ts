import { clearDocumentStance, linkClaim, setDocumentStance, updateClaim } from '../research/claims.ts';
import type { HandlerMap } from './handler.ts';

export const propositionHandlers: HandlerMap<'propositions'> = {
  'propositions.list': (_args, { project }) => project.propositions.list(),
  'propositions.get': ({ id }, { project }) => project.propositions.summary(id),
  'propositions.search': ({ query, limit }, { project }) => project.propositions.search(query, limit),
  'propositions.create': ({ id, text, note }, { project }) => project.transaction(() => project.propositions.create({ text, note }, { id })),
  'propositions.update': ({ id, ...changes }, { project }) => project.transaction(() => project.propositions.update(id, changes)),
  'propositions.delete': ({ id }, { project }) => project.transaction(() => project.propositions.delete(id)),
  'propositions.restore': ({ snapshot }, { project }) => project.transaction(() => project.propositions.restore(snapshot)),
  'propositions.merge': ({ targetId, sourceIds }, { project }) => project.transaction(() => project.propositions.merge(targetId, sourceIds)),
  'propositions.overview': ({ ids }, { project }) => project.propositions.overview(ids),
};

export const claimHandlers: HandlerMap<'claims'> = {
  'claims.link': (args, { project, actor }) => linkClaim(project, args, actor),
  'claims.update': (args, { project }) => updateClaim(project, args),
  'claims.unlink': ({ id }, { project }) => project.transaction(() => project.claims.delete(id)),
  'claims.forAnnotation': ({ annotationId }, { project }) => {
    project.annotations.get(annotationId);
    return project.claims.forAnnotation(annotationId);
  },
  'claims.listByDocument': ({ documentId }, { project }) => {
    project.documents.text(documentId);
    return project.claims.listByDocument(documentId);
  },
};

export const stanceHandlers: HandlerMap<'stances'> = {
  'stances.setDocument': (args, { project, actor }) => setDocumentStance(project, args, actor),
  'stances.clearDocument': ({ documentId, propositionId }, { project }) => clearDocumentStance(project, documentId, propositionId),
  'stances.listByDocument': ({ documentId }, { project }) => {
    project.documents.text(documentId);
    return project.claims.stancesByDocument(documentId);
  },
};
