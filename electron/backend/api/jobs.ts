import { checkDocumentIds, runExport } from '../jobs/export-job.ts';
import { decodeImportFiles, runImport } from '../jobs/import-job.ts';
import { jobsOf } from '../jobs/registry.ts';
import type { HandlerMap } from './handler.ts';

export const jobHandlers: HandlerMap<'jobs'> = {
  'jobs.startImport': ({ files, format, skipBad, dryRun }, { project, actor }) => {
    const sources = decodeImportFiles(files);
    return { jobId: jobsOf(project).start('import', (ctx) => runImport(project, sources, format, ctx, { skipBad, dryRun, annotator: actor })).jobId };
  },
  'jobs.startExport': ({ format, documentIds, labels }, { project }) => {
    checkDocumentIds(project, documentIds);
    return { jobId: jobsOf(project).start('export', (ctx) => runExport(project, format, documentIds, ctx, labels)).jobId };
  },
  'jobs.status': ({ jobId }, { project }) => jobsOf(project).status(jobId),
  'jobs.cancel': ({ jobId }, { project }) => jobsOf(project).cancel(jobId),
};
