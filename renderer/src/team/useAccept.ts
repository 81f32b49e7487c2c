import { useCallback } from 'react';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

/**
 * Accepting versions into the curated layer, undoably: undo unlinks the claim
 * links curation added (also to spans already curated), then deletes the copies.
 */
export function useAccept(history: History, reload: () => Promise<void>) {
  return useCallback(
    async (ids: string[], what: string) => {
      if (!ids.length) return;
      try {
        let done = await api.team.curate({ annotationIds: ids });
        history.push({
          description: what,
          undo: async () => {
            for (const link of done.links) await api.claims.unlink({ id: link.id });
            for (const a of done.annotations) await api.annotations.delete({ id: a.id });
            await reload();
          },
          redo: async () => {
            done = await api.team.curate({ annotationIds: ids });
            await reload();
          },
        });
        await reload();
      } catch (err) {
        notify('error', messageOf(err));
      }
    },
    [history, reload],
  );
}
