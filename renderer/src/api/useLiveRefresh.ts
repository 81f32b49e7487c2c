import { useEffect, useEffectEvent } from 'react';
import { subscribeLive, type LiveChange } from './liveUpdates.ts';

/** A burst of changes (an import of many files, a merge) causes one reload, this long after its first change. */
export const LIVE_DEBOUNCE_MS = 150;

/**
 * Runs `refresh` when other sessions change what `relevant` says this page
 * shows; the changes of a burst are folded into one call, made `debounceMs`
 * after the first of them. Both callbacks always see the latest props.
 */
export function useLiveRefresh(relevant: (change: LiveChange) => boolean, refresh: () => void, debounceMs = LIVE_DEBOUNCE_MS): void {
  const isRelevant = useEffectEvent(relevant);
  const run = useEffectEvent(refresh);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeLive((change) => {
      // The first change of a burst starts the wait and the rest join it: a steady stream of changes still refreshes every `debounceMs`.
      if (!isRelevant(change) || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, debounceMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [debounceMs]);
}
