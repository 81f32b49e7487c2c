import { exportDocuments } from '../interop/export.ts';
import { exportResult } from '../jobs/export-job.ts';
import type { HandlerMap } from './handler.ts';

export const projectHandlers: HandlerMap<'project'> = {
  'project.info': (_args, { project, actor }) => ({ path: project.path, schemaVersion: project.schemaVersion, annotator: actor }),
  'project.readerSettings': (_args, { project }) => project.settings.reader(),
  'project.setReaderSettings': (changes, { project }) =>
    project.settings.setReader(Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined))),
  'project.export': ({ format, documentIds, labels, annotator }, { project }) =>
    exportResult(exportDocuments(project, format, { documentIds, ...(labels ? { labels } : {}), ...(annotator ? { annotator } : {}) })),
};
