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
  'versions.update': ({ documentId, file, format, summary }, { project, actor }) => {
    const [source] = decodeImportFiles([file]);
    return updateFromFile(project, documentId, source!, { format, summary, hooks: { actor } });
  },
  'versions.saveEdited': (args, { project, actor }) => saveEditedText(project, args, { actor }),
  'versions.restore': ({ documentId, version, summary }, { project, actor }) => restoreVersion(project, documentId, version, summary, actor),
  'versions.review': ({ documentId }, { project }) => reviewList(project, documentId),
  'versions.setAnchor': ({ annotationId, anchor, ranges }, { project }) => setAnchor(project, annotationId, anchor, ranges),
  'versions.candidates': ({ files, format }, { project }) => versionCandidates(project, decodeImportFiles(files), format),
};
