import type { HandlerMap } from './handler.ts';

export const labelHandlers: HandlerMap<'labels'> = {
  'labels.list': (_args, { project }) => project.labels.list(),
  'labels.create': ({ id, ...fields }, { project }) => project.labels.create(fields, id),
  'labels.update': ({ id, ...fields }, { project }) => project.labels.update(id, fields),
  'labels.delete': ({ id }, { project }) => {
    project.labels.delete(id);
    return { deleted: id };
  },
};
