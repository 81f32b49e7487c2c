import type { HandlerMap } from './handler.ts';

export const labelHandlers: HandlerMap<'labels'> = {
  'labels.list': (_args, { project }) => project.labels.list(),
  'labels.create': (args, { project }) => project.labels.create(args),
  'labels.update': ({ id, ...fields }, { project }) => project.labels.update(id, fields),
  'labels.delete': ({ id }, { project }) => {
    project.labels.delete(id);
    return { deleted: id };
  },
};
