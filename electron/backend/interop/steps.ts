import { pauser } from '../import/pause.ts';
import { checkAborted } from './progress.ts';

/**
 * Work written once as a generator that yields between units (documents), so
 * that it can run in one go or cooperatively: the same loop body serves the
 * synchronous API and the background jobs.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs steps, yielding to the event loop between units once a time budget has
 * passed (so that status polls and cancel calls get through), and stopping at
 * the next unit once the signal aborts.
 */
export async function runStepsAsync<T>(steps: Steps<T>, signal?: AbortSignal, pause: () => Promise<void> = pauser()): Promise<T> {
  try {
    for (;;) {
      checkAborted(signal);
      const next = steps.next();
      if (next.done) {
        checkAborted(signal);
        return next.value;
      }
      await pause();
    }
  } finally {
    // Closes the generator's own try/finally blocks when it stopped early.
    steps.return(undefined as never);
  }
}
