import type { RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Annotation, Suggestion } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { reviewSuggestions } from './plugins/suggestionPlugin.ts';
import type { AnnotationActions } from './useAnnotationActions.ts';

interface Deps {
  documentId: string;
  viewRef: RefObject<EditorView | null>;
  history: History;
  actions: AnnotationActions;
  reloadResearch(): Promise<void>;
}

/** Starting and stopping the review, accepting and rejecting suggestions (one, or many in one undo step). */
export function useSuggestionActions({ documentId, viewRef, history, actions, reloadResearch }: Deps) {
  const review = (action: Parameters<typeof reviewSuggestions>[1]) => {
    if (viewRef.current) reviewSuggestions(viewRef.current, action);
  };

  const start = async () => {
    review({ type: 'loading' });
    try {
      const list = await api.suggestions.list({ documentId });
      review({ type: 'show', list });
      viewRef.current?.focus();
    } catch (err) {
      review({ type: 'hide' });
      notify('error', `Could not compute suggestions: ${messageOf(err)}`);
    }
  };

  const stop = () => review({ type: 'hide' });

  /** Accepts suggestions as annotations, as one undo step. */
  const accept = async (list: readonly Suggestion[]) => {
    if (!list.length) return;
    // One undo step for all of them (those accepted before a failure too).
    const created = await history.record(
      (made: Annotation[]) => ({ description: made.length === 1 ? `accept ${list[0]!.labelName}` : `accept ${made.length} suggestions` }),
      async (client) => {
        const made: Annotation[] = [];
        try {
          for (const x of list) {
            const a = await client.suggestions.accept({ documentId, suggestionId: x.id });
            made.push(a);
            actions.upsertLocal(a);
          }
        } catch (err) {
          notify('error', messageOf(err));
        }
        return made;
      },
    );
    review({ type: 'drop', ids: list.slice(0, created.length).map((x) => x.id) });
    if (!created.length) return;
    // Accepting may link a mention to an entity of the same name.
    await reloadResearch();
    if (created.length > 1) notify('info', `Accepted ${created.length} suggestions.`);
  };

  const reject = async (x: Suggestion) => {
    const range = { documentId, labelId: x.labelId, start: x.start, end: x.end };
    try {
      await history.record({ description: `reject ${x.labelName}` }, (client) => client.suggestions.reject(range));
      review({ type: 'drop', ids: [x.id] });
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  return { start, stop, accept, reject, review };
}
