import type { HandlerMap } from './handler.ts';

export const collectionHandlers: HandlerMap<'collections'> = {
  'collections.list': (_args, { project }) => project.collections.list(),
  'collections.create': ({ id, name, documentIds }, { project }) => project.transaction(() => project.collections.create(name, { id, documentIds })),
  'collections.rename': ({ id, name }, { project }) => project.transaction(() => project.collections.rename(id, name)),
  'collections.delete': ({ id }, { project }) => project.transaction(() => project.collections.delete(id)),
  'collections.addDocuments': ({ id, documentIds }, { project }) =>
    project.transaction(() => {
      const added = project.collections.add(id, documentIds);
      return { collection: project.collections.get(id), added };
    }),
  'collections.removeDocuments': ({ id, documentIds }, { project }) =>
    project.transaction(() => {
      const removed = project.collections.remove(id, documentIds);
      return { collection: project.collections.get(id), removed };
    }),
};

export const trashHandlers: HandlerMap<'trash'> = {
  'trash.list': (_args, { project }) => project.trash.list(),
  'trash.restore': ({ id }, { project }) => project.transaction(() => project.trash.restore(id)),
  'trash.purge': ({ id }, { project }) => ({ purged: project.transaction(() => project.trash.purge(id)) }),
};
