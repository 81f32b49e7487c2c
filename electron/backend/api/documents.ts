import type { HandlerMap } from './handler.ts';

export const documentHandlers: HandlerMap<'documents'> = {
  'documents.list': (_args, { project }) => project.documents.list(),
  'documents.get': ({ id }, { project }) => project.documents.get(id),
  'documents.search': ({ query, limit }, { project }) => project.documents.search(query, limit),
  // The importers are loaded on first import: the CLI's reads call these handlers without them.
  'documents.import': async ({ files, format, skipBad, dryRun }, { project, actor }) => {
    const [{ importFiles }, { decodeImportFiles }] = await Promise.all([import('../interop/import.ts'), import('../jobs/import-job.ts')]);
    const sources = decodeImportFiles(files);
    // Every format, documents and annotated corpora alike; a brat folder arrives as files named "folder/x.txt", "folder/x.ann".
    return importFiles(project, sources, format, { skipBad, dryRun, annotator: actor }).then((r) => r.documents);
  },
  'documents.update': ({ id, title, metadata }, { project }) =>
    project.transaction(() => {
      const before = project.documents.summary(id);
      return { before, after: project.documents.update(id, { title, metadata }) };
    }),
  'documents.delete': ({ id }, { project }) =>
    project.transaction(() => {
      const entry = project.trash.trashDocument(id);
      return { deleted: id, trashId: entry.id };
    }),
};
