import { compareDocuments, exportComparison, matchClaimIn } from '../compare/index.ts';
import type { HandlerMap } from './handler.ts';

export const compareHandlers: HandlerMap<'compare'> = {
  'compare.run': ({ documentIds }, { project }) => compareDocuments(project, documentIds),
  'compare.matchClaim': ({ annotationId, documentIds, limit }, { project }) => matchClaimIn(project, annotationId, documentIds, limit),
  'compare.export': ({ documentIds, format }, { project }) => exportComparison(project, documentIds, format),
};
