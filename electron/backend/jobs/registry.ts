import { randomUUID } from 'node:crypto';
import { GlossError, toApiError, type JobKind, type JobProgress, type JobStatus } from '../../../shared/index.ts';

/** What a job's work produces, by kind. */
export type JobResult<K extends JobKind> = NonNullable<Extract<JobStatus, { kind: K }>['result']>;

/** What a job's work receives: the signal that cancels it and where to report progress. */
export interface JobContext {
  signal: AbortSignal;
  onProgress(progress: JobProgress): void;
  /** Adds fields of the job's kind to its final status (an import's `skipped` files, say). */
  setDetails(details: JobDetails): void;
}

/** Status fields besides the result that a job's work may set. */
export type JobDetails = { skipped?: { file: string; message: string }[]; dryRun?: boolean };

interface Job {
  status: JobStatus;
  controller: AbortController;
  /** Settles when the work has stopped, whatever its outcome. */
  settled: Promise<void>;
  expiry?: ReturnType<typeof setTimeout>;
}

/** How long a finished job waits for its final status to be read. */
export const FINISHED_JOB_TTL_MS = 5 * 60_000;

/**
 * The running and recently finished jobs of one open project, in memory.
 * A finished job is dropped once its final status has been read (by `status`
 * or `cancel`), or after {@link FINISHED_JOB_TTL_MS}, so that a large export
 * result is not held forever.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly ttlMs = FINISHED_JOB_TTL_MS) {}

  /**
   * Starts `work` on the next turn of the event loop (so that the call that
   * starts it answers at once) and returns the job's first status.
   */
  start<K extends JobKind>(kind: K, work: (ctx: JobContext) => Promise<JobResult<K>>): JobStatus {
    const jobId = randomUUID();
    const controller = new AbortController();
    const status = { jobId, kind, state: 'running', progress: null } as JobStatus;
    const job: Job = { status, controller, settled: Promise.resolve() };
    const onProgress = (p: JobProgress) => {
      if (status.state === 'running') status.progress = { ...p };
    };
    let details: JobDetails = {};
    const setDetails = (d: JobDetails) => void (details = { ...details, ...d });
    job.settled = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        controller.signal.throwIfAborted();
        return work({ signal: controller.signal, onProgress, setDetails });
      })
      .then(
        (result) => {
          status.state = 'done';
          status.result = result;
          if (status.kind === 'import') Object.assign(status, details);
        },
        (err: unknown) => {
          if (controller.signal.aborted) {
            status.state = 'cancelled';
          } else {
            status.state = 'failed';
            status.error = toApiError(err);
          }
        },
      )
      .finally(() => this.finished(job));
    this.jobs.set(jobId, job);
    return snapshot(status);
  }

  /** A job's status; a finished job's final status is answered once. */
  status(jobId: string): JobStatus {
    const job = this.get(jobId);
    if (job.status.state !== 'running') this.drop(job);
    return snapshot(job.status);
  }

  /**
   * Cancels a running job and answers once its work has stopped (at the next
   * file or document): `cancelled`, or the outcome it reached first. A job
   * that already ended is answered as it is.
   */
  async cancel(jobId: string): Promise<JobStatus> {
    const job = this.get(jobId);
    if (job.status.state === 'running') {
      job.controller.abort(new GlossError('conflict', 'the job was cancelled'));
      await job.settled;
    }
    this.drop(job);
    return snapshot(job.status);
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new GlossError('not_found', `no job ${jobId} (it may have finished and been read already, or the project was reopened)`);
    return job;
  }

  private finished(job: Job): void {
    if (!this.jobs.has(job.status.jobId)) return;
    job.expiry = setTimeout(() => this.drop(job), this.ttlMs);
    // A timer that keeps no process alive (the CLI, the tests) just for a result nobody reads.
    job.expiry.unref?.();
  }

  private drop(job: Job): void {
    clearTimeout(job.expiry);
    this.jobs.delete(job.status.jobId);
  }
}

/** A copy, so that a status answered in-process does not change under its reader. */
function snapshot(status: JobStatus): JobStatus {
  return { ...status, progress: status.progress && { ...status.progress } };
}

const registries = new WeakMap<object, JobRegistry>();

/** The job registry of an open project (created on first use; it goes with the project). */
export function jobsOf(project: object): JobRegistry {
  let registry = registries.get(project);
  if (!registry) registries.set(project, (registry = new JobRegistry()));
  return registry;
}
