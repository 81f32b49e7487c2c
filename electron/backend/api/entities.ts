import { propagate, propagationCandidates } from '../research/propagation.ts';
import { createEntity, linkEntities } from '../research/entities.ts';
import type { HandlerMap } from './handler.ts';

export const entityHandlers: HandlerMap<'entities'> = {
  'entities.list': ({ documentId }, { project }) => {
    if (documentId !== undefined) project.documents.text(documentId); // a clear not_found for an unknown document
    return project.entities.list(documentId);
  },
  'entities.get': ({ id }, { project }) => project.entities.summary(id),
  'entities.search': ({ query, limit }, { project }) => project.entities.search(query, limit),
  'entities.create': (args, { project, actor }) => createEntity(project, args, actor),
  'entities.update': ({ id, ...changes }, { project }) => project.transaction(() => project.entities.update(id, changes)),
  'entities.delete': ({ id }, { project }) => project.transaction(() => project.entities.delete(id)),
  'entities.restore': ({ snapshot }, { project }) => project.transaction(() => project.entities.restore(snapshot)),
  'entities.merge': ({ targetId, sourceIds }, { project }) => project.transaction(() => project.entities.merge(targetId, sourceIds)),
  'entities.link': ({ links }, { project, actor }) => linkEntities(project, links, actor),
  'entities.linksByDocument': ({ documentId }, { project }) => {
    project.documents.text(documentId);
    return project.entities.linksByDocument(documentId);
  },
  'entities.mentions': ({ entityId, documentId }, { project }) => {
    if (documentId !== undefined) project.documents.text(documentId);
    return project.entities.mentions(entityId, documentId);
  },
  'entities.propagationCandidates': (args, { project }) => propagationCandidates(project, args),
  'entities.propagate': ({ entityId, labelId, candidates }, { project, actor }) => propagate(project, entityId, labelId, candidates, actor),
};
