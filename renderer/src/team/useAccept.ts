import { useCallback } from 'react';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

/**
 * Accepting versions into the curated layer, undoably: undo takes back the
 * copies and the claim links curation added (also to spans already curated).
 */
export function useAccept(history: History, reload: () => Promise<void>) {
  return useCallback(
    async (ids: string[], what: string) => {
      if (!ids.length) return;
      try {
        await history.record({ description: what }, (client) => client.team.curate({ annotationIds: ids }));
        await reload();
      } catch (err) {
        notify('error', messageOf(err));
      }
    },
    [history, reload],
  );
}
