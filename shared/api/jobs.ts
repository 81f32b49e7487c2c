import { z } from 'zod';
import { DocumentSummarySchema } from '../model/document.ts';
import { ImportFileSchema, ImportFormatSchema, ImportModeFields, SkippedFileSchema } from './documents.ts';
import { ApiErrorSchema } from './errors.ts';
import { ExportFormatSchema, projectMethods } from './project.ts';

/**
 * Long imports and exports run as jobs: a call starts one and answers at once
 * with its id; the client polls `jobs.status` for progress and the result, and
 * may `jobs.cancel` it. Jobs live in memory with the open project; a finished
 * job is kept until its final status has been read, or for a few minutes.
 */
export const JobKindSchema = z.enum(['import', 'export']);
export type JobKind = z.infer<typeof JobKindSchema>;

/** `cancelled`: stopped on request; a cancelled import has stored nothing. */
export const JobStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

/** Where a job is: files parsed or stored (import), documents written (export). */
export const JobProgressSchema = z.object({
  phase: z.enum(['read', 'parse', 'store', 'export']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The file or document being worked on. */
  item: z.string().optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

/** What an export job produces: the same as `project.export`. */
export const ExportResultSchema = projectMethods['project.export'].result;
export type ExportResult = z.infer<typeof ExportResultSchema>;

const jobFields = {
  jobId: z.string(),
  state: JobStateSchema,
  /** The latest progress report; null before the first. */
  progress: JobProgressSchema.nullable(),
  /** Why a failed job failed. */
  error: ApiErrorSchema.optional(),
};

/** A job's state; `result` is set once it is done. */
export const JobStatusSchema = z.discriminatedUnion('kind', [
  z.object({
    ...jobFields,
    kind: z.literal('import'),
    result: z.array(DocumentSummarySchema).optional(),
    /** Files left out of a `skipBad` import, with why; set when it is done. */
    skipped: z.array(SkippedFileSchema).optional(),
    /** Set for a `dryRun`: `result` then lists what would have been imported, and nothing was stored. */
    dryRun: z.boolean().optional(),
  }),
  z.object({ ...jobFields, kind: z.literal('export'), result: ExportResultSchema.optional() }),
]);
export type JobStatus = z.infer<typeof JobStatusSchema>;

const JobIdArgs = z.object({ jobId: z.string().min(1) }).strict();
const Started = z.object({ jobId: z.string() });

export const jobMethods = {
  /** Starts importing files (all or nothing, as `documents.import`). */
  'jobs.startImport': {
    args: z.object({ files: z.array(ImportFileSchema).min(1), format: ImportFormatSchema.default('auto'), ...ImportModeFields }).strict(),
    result: Started,
  },
  /** Starts exporting all documents, or those named (in that order). */
  'jobs.startExport': {
    /** `labels` limits the token-based formats (conll, spacy, hf) to those labels. */
    args: z.object({ format: ExportFormatSchema, documentIds: z.array(z.string()).min(1).optional(), labels: z.array(z.string()).optional() }).strict(),
    result: Started,
  },
  'jobs.status': { args: JobIdArgs, result: JobStatusSchema },
  /** Stops a running job and answers with its final status (a job that already ended is left as it is). */
  'jobs.cancel': { args: JobIdArgs, result: JobStatusSchema },
} as const;
