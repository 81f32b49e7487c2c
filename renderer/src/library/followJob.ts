import type { JobProgress, JobStatus } from '../../../shared/index.ts';
import { api } from '../api/client.ts';

/** How often a running job's status is asked for. */
export const POLL_MS = 150;

/**
 * Polls a backend job until it ends and answers with its final status.
 * Aborting `signal` asks the backend to cancel the job; the answer is then
 * the backend's final word (`cancelled`, or the outcome it reached first).
 */
export async function followJob(jobId: string, onStatus: (status: JobStatus) => void, signal: AbortSignal): Promise<JobStatus> {
  for (;;) {
    if (signal.aborted) return api.jobs.cancel({ jobId });
    const status = await api.jobs.status({ jobId });
    if (status.state !== 'running') return status;
    onStatus(status);
    await delay(POLL_MS, signal);
  }
}

/** Waits `ms`, or less when the signal aborts. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** What a progress bar shows: a phase in words and counts. */
export interface ProgressView {
  label: string;
  done: number;
  total: number;
  /** No counts yet: an indeterminate bar. */
  indeterminate?: boolean;
}

/** A backend job's progress in words. */
export function progressView(progress: JobProgress | null, fallback: string): ProgressView {
  if (!progress) return { label: fallback, done: 0, total: 0, indeterminate: true };
  const { done, total } = progress;
  switch (progress.phase) {
    case 'read':
      return { label: `Reading ${done} of ${total} file(s)…`, done, total };
    case 'parse':
      return { label: `Parsing ${done} of ${total} file(s)…`, done, total };
    case 'store':
      return { label: `Saving ${done} of ${total} document(s)…`, done, total };
    case 'export':
      return { label: `Exporting ${done} of ${total} document(s)…`, done, total };
  }
}
