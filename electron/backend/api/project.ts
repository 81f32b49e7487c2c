import { exportAsFile, exportDocuments } from '../interop/export.ts';
import type { HandlerMap } from './handler.ts';

export const projectHandlers: HandlerMap<'project'> = {
  'project.info': (_args, { project }) => ({ path: project.path, schemaVersion: project.schemaVersion, annotator: project.annotator }),
  'project.export': ({ format, documentIds }, { project }) => {
    const artifact = exportDocuments(project, format, { documentIds });
    const file = exportAsFile(artifact);
    const warnings = artifact.warnings.length ? { warnings: artifact.warnings } : {};
    if (typeof file.data === 'string') return { fileName: file.fileName, mediaType: file.mediaType, content: file.data, ...warnings };
    return { fileName: file.fileName, mediaType: file.mediaType, content: Buffer.from(file.data).toString('base64'), base64: true, ...warnings };
  },
};
