import { recordMaker } from '../team/maker.ts';
import type { HandlerMap } from './handler.ts';

export const relationTypeHandlers: HandlerMap<'relationTypes'> = {
  'relationTypes.list': (_args, { project }) => project.relations.listTypes(),
  'relationTypes.create': ({ id, ...fields }, { project }) => project.transaction(() => project.relations.createType(fields, id)),
  'relationTypes.update': ({ id, ...changes }, { project }) => project.transaction(() => project.relations.updateType(id, changes)),
  'relationTypes.delete': ({ id }, { project }) => project.transaction(() => project.relations.deleteType(id)),
};

export const relationHandlers: HandlerMap<'relations'> = {
  'relations.listByDocument': ({ documentId }, { project }) => {
    project.documents.text(documentId);
    return project.relations.listByDocument(documentId);
  },
  'relations.forAnnotation': ({ annotationId }, { project }) => {
    project.annotations.get(annotationId);
    return project.relations.forAnnotation(annotationId);
  },
  'relations.create': ({ id, ...fields }, { project, actor }) =>
    project.transaction(() => {
      const relation = project.relations.create(fields, { id });
      recordMaker(project, 'relations', [relation.id], actor);
      return { ...relation, annotator: actor };
    }),
  'relations.update': ({ id, ...changes }, { project }) => project.transaction(() => project.relations.update(id, changes)),
  'relations.delete': ({ id }, { project }) => project.transaction(() => project.relations.delete(id)),
};
