import type { HandlerMap } from './handler.ts';

export const annotationHandlers: HandlerMap<'annotations'> = {
  'annotations.list': ({ documentId }, { project }) => {
    project.documents.text(documentId); // a clear not_found for an unknown document
    return project.annotations.listByDocument(documentId);
  },
  // Checks and writes in one transaction: a document or label another process deletes in between is a clear not_found.
  'annotations.create': (args, { project, actor }) =>
    project.transaction(() => {
      const text = project.documents.text(args.documentId);
      project.labels.get(args.labelId);
      return project.annotations.create({ ...args, annotator: args.annotator ?? actor }, text);
    }),
  'annotations.update': ({ id, ...changes }, { project }) =>
    project.transaction(() => {
      if (changes.labelId) project.labels.get(changes.labelId);
      const current = project.annotations.get(id);
      return project.annotations.update(id, changes, () => project.documents.text(current.documentId));
    }),
  'annotations.delete': ({ id }, { project }) => project.transaction(() => project.annotations.delete(id)),
};
