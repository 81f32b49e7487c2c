import { listSteps, redoSteps, undoSteps } from '../provenance/undo.ts';
import type { HandlerMap } from './handler.ts';

export const historyHandlers: HandlerMap<'history'> = {
  'history.document': ({ documentId, limit, cursor }, { project }) =>
    project.read(() => {
      // One more than asked tells whether older entries remain.
      const rows = project.changeLog.forDocument(documentId, limit + 1, cursor);
      const entries = rows.slice(0, limit);
      return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1]!.id : null };
    }),
  // The caller's own steps only: the actor the call is made under (a team server's account, else the project's annotator).
  'history.undo': ({ steps }, { project }) => undoSteps(project, steps, project.actor),
  'history.redo': ({ steps }, { project }) => redoSteps(project, steps, project.actor),
  'history.steps': ({ limit, client }, { project }) => ({
    steps: listSteps(project, project.actor, limit, client).map((s) => ({ id: s.id, via: s.via, at: s.at, state: s.state, client: s.client, changes: s.changes })),
  }),
};
