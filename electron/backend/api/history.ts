import type { HandlerMap } from './handler.ts';

export const historyHandlers: HandlerMap<'history'> = {
  'history.document': ({ documentId, limit, cursor }, { project }) =>
    project.read(() => {
      // One more than asked tells whether older entries remain.
      const rows = project.changeLog.forDocument(documentId, limit + 1, cursor);
      const entries = rows.slice(0, limit);
      return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1]!.id : null };
    }),
};
