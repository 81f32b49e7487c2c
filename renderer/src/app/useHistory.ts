import { useEffect, useReducer } from 'react';
import type { History } from '../undo/history.ts';

/** Re-renders when the history changes (for the Undo and Redo buttons). */
export function useHistoryState(history: History): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => history.subscribe(bump), [history]);
}
