import { acceptSuggestion, listSuggestions, rejectSuggestion, unrejectSuggestion } from '../suggest/service.ts';
import type { HandlerMap } from './handler.ts';

export const suggestionHandlers: HandlerMap<'suggestions'> = {
  'suggestions.list': ({ documentId, kinds }, { project }) => listSuggestions(project, documentId, kinds),
  'suggestions.accept': (args, { project }) => acceptSuggestion(project, args),
  'suggestions.reject': (args, { project }) => rejectSuggestion(project, args),
  'suggestions.unreject': (args, { project }) => unrejectSuggestion(project, args),
};
