import { acceptSuggestion, listSuggestions, rejectSuggestion, unrejectSuggestion } from '../suggest/service.ts';
import type { HandlerMap } from './handler.ts';

export const suggestionHandlers: HandlerMap<'suggestions'> = {
  'suggestions.list': ({ documentId, kinds }, { project }) => listSuggestions(project, documentId, kinds),
  // The checks (document, label, range, suggestion on offer) and the write in one transaction.
  'suggestions.accept': (args, { project, actor }) => project.transaction(() => acceptSuggestion(project, args, actor)),
  'suggestions.reject': (args, { project }) => project.transaction(() => rejectSuggestion(project, args)),
  'suggestions.unreject': (args, { project }) => project.transaction(() => unrejectSuggestion(project, args)),
};
