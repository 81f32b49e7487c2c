import type { Client } from '../../../shared/index.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

/** Where a page's changes are recorded and how its view is reloaded. */
export interface ChangeContext {
  history: History;
  /** Reloads what the change touched; called after the change (after an undo the page is reloaded, see App.tsx). */
  refresh(): void;
}

interface Options extends ChangeContext {
  /** Shown in the Undo button ("Undo rename label") and in errors ("Could not rename label"). */
  description: string;
  /** Also told the backend's message when the change fails, e.g. to show it beside the control. */
  onError?(message: string): void;
}

/**
 * Runs a change that the backend saves at once: `run` makes its calls through
 * the client it is given, so they become the history's undo step (undone by
 * the backend, after which the pages read what changed again). On success,
 * refreshes the view; on failure, shows the backend's message. Resolves
 * whether the change was saved.
 */
export async function saveChange({ history, refresh, description, onError }: Options, run: (client: Client) => Promise<unknown>): Promise<boolean> {
  try {
    await history.record({ description }, run);
    refresh();
    return true;
  } catch (err) {
    const message = messageOf(err);
    onError?.(message);
    notify('error', `Could not ${description}: ${message}`);
    refresh();
    return false;
  }
}
