import { decodeImportFiles } from '../jobs/import-job.ts';
import {
  getVersion,
  listVersions,
  restoreVersion,
  reviewList,
  saveEditedText,
  setAnchor,
  updateFromFile,
  versionCandidates,
  versionDiff,
} from '../versions/index.ts';
import type { HandlerMap } from './handler.ts';

export const versionHandlers: HandlerMap<'versions'> = {
  'versions.list': ({ documentId }, { project }) => listVersions(project, documentId),
  'versions.get': ({ documentId, version }, { project }) => getVersion(project, documentId, version),
  'versions.diff': ({ documentId, from, to }, { project }) => versionDiff(project, documentId, from, to),
  'versions.update': ({ documentId, file, format, summary }, { project }) => {
    const [source] = decodeImportFiles([file]);
    return updateFromFile(project, documentId, source!, { format, summary });
  },
  'versions.saveEdited': (args, { project }) => saveEditedText(project, args),
  'versions.restore': ({ documentId, version, summary }, { project }) => restoreVersion(project, documentId, version, summary),
  'versions.review': ({ documentId }, { project }) => reviewList(project, documentId),
  'versions.setAnchor': ({ annotationId, anchor, ranges }, { project }) => setAnchor(project, annotationId, anchor, ranges),
  'versions.candidates': ({ files, format }, { project }) => versionCandidates(project, decodeImportFiles(files), format),
};
