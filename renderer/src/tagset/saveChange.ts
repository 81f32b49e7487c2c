import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

/** How to take a saved change back and do it again. */
export interface UndoSteps {
  undo(): Promise<unknown>;
  redo(): Promise<unknown>;
}

/** Where a page's changes are recorded and how its view is reloaded. */
export interface ChangeContext {
  history: History;
  /** Reloads what the change touched; called after the change, its undo and its redo. */
  refresh(): void;
}

interface Options extends ChangeContext {
  /** Shown in the Undo button ("Undo rename label") and in errors ("Could not rename label"). */
  description: string;
  /** Also told the backend's message when the change fails, e.g. to show it beside the control. */
  onError?(message: string): void;
}

/**
 * Runs a change that the backend saves at once. On success, records its undo
 * and redo steps in the history (when it has any) and refreshes the view; on
 * failure, shows the backend's message. Resolves whether the change was saved.
 */
export async function saveChange({ history, refresh, description, onError }: Options, run: () => Promise<UndoSteps | null>): Promise<boolean> {
  try {
    const steps = await run();
    refresh();
    if (steps) {
      history.push({
        description,
        undo: async () => {
          try {
            await steps.undo();
          } finally {
            refresh();
          }
        },
        redo: async () => {
          try {
            await steps.redo();
          } finally {
            refresh();
          }
        },
      });
    }
    return true;
  } catch (err) {
    const message = messageOf(err);
    onError?.(message);
    notify('error', `Could not ${description}: ${message}`);
    refresh();
    return false;
  }
}
