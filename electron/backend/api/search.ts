import { firstMatch, positiveTerms } from '../../../shared/index.ts';
import { searchAnnotations } from '../search/annotations.ts';
import { parseQuery } from '../search/fts.ts';
import type { HandlerMap } from './handler.ts';

export const searchHandlers: HandlerMap<'search'> = {
  'search.annotations': (args, { project }) => searchAnnotations(project, args),
  'search.locate': ({ documentId, query }, { project }) => {
    const text = project.documents.text(documentId);
    const tree = parseQuery(query);
    if (!tree) return null;
    return firstMatch(text, positiveTerms(tree).filter((t) => t.field !== 'title'));
  },
};
