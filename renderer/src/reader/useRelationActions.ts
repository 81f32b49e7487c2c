import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

/** Creating a relation between two annotations (of one document or two), with its undo step. */
export function useRelationActions({ history, reloadResearch }: { history: History; reloadResearch(): Promise<void> }) {
  /** Returns whether the relation was made. */
  const create = async (typeId: string, fromAnnotationId: string, toAnnotationId: string): Promise<boolean> => {
    try {
      await history.record({ description: 'relate' }, (client) => client.relations.create({ typeId, fromAnnotationId, toAnnotationId }));
      await reloadResearch();
      return true;
    } catch (err) {
      notify('error', messageOf(err));
      return false;
    }
  };
  return { create };
}
