import { acceptSuggestion, listSuggestions, rejectSuggestion, unrejectSuggestion } from '../suggest/service.ts';
import type { HandlerContext, HandlerMap } from './handler.ts';

/** The layer a team server's annotator works in, blind to the others; undefined for everyone else. */
const blindLayer = ({ caller }: HandlerContext) => (caller?.role === 'annotator' ? caller.name : undefined);

export const suggestionHandlers: HandlerMap<'suggestions'> = {
  'suggestions.list': ({ documentId, kinds }, ctx) => listSuggestions(ctx.project, documentId, kinds, blindLayer(ctx)),
  // The checks (document, label, range, suggestion on offer) and the write in one transaction.
  'suggestions.accept': (args, ctx) => ctx.project.transaction(() => acceptSuggestion(ctx.project, args, ctx.actor, blindLayer(ctx))),
  'suggestions.reject': (args, { project }) => project.transaction(() => rejectSuggestion(project, args)),
  'suggestions.unreject': (args, { project }) => project.transaction(() => unrejectSuggestion(project, args)),
};
