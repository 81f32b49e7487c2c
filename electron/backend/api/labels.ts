import type { HandlerMap } from './handler.ts';

export const labelHandlers: HandlerMap<'labels'> = {
  'labels.list': (_args, { project }) => project.labels.list(),
  // Each checks (name and hotkey free, label unused) and writes in one transaction.
  'labels.create': ({ id, ...fields }, { project }) => project.transaction(() => project.labels.create(fields, id)),
  'labels.update': ({ id, ...fields }, { project }) => project.transaction(() => project.labels.update(id, fields)),
  'labels.delete': ({ id }, { project }) =>
    project.transaction(() => {
      project.labels.delete(id);
      return { deleted: id };
    }),
};
