import { Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { freshAnnotationAt } from '../freshHighlights.ts';

/** A finished drag from one highlight to another, with where the pointer was let go (viewport coordinates). */
export interface RelationDrop {
  fromId: string;
  toId: string;
  left: number;
  top: number;
}

/** The class the text gets while a relation is being dragged (a crosshair cursor). */
export const RELATING_CLASS = 'gl-relating';


/**
 * The annotation id of the highlight under the pointer, if it is an
 * annotation (not a suggestion): the highlight element the event's target is
 * in, or else a highlight just made and painted as a range (freshHighlights.ts).
 */
export function annotationUnder(event: Pick<MouseEvent, 'target' | 'clientX' | 'clientY'>): string | null {
  const el = event.target as Element | null;
  const id = (typeof el?.closest === 'function' ? el.closest('[data-ann]') : null)?.getAttribute('data-ann') ?? freshAnnotationAt(event.clientX, event.clientY);
  return id && !id.includes(':') ? id : null;
}

/**
 * Alt+drag from one highlight to another proposes a relation between them
 * (`onDrop`, which shows the relation type picker). The keyboard way is the
 * editor's "Add relation" section. The pointer may be let go anywhere in
 * the window, so the release is watched on `window`.
 */
export function relationDragPlugin(onDrop: (view: EditorView, drop: RelationDrop) => void): Plugin {
  // The highlight the drag started on; only this plugin's handlers read it.
  const drag: { from: string | null } = { from: null };
  return new Plugin({
    props: {
      handleDOMEvents: {
        mousedown(view, event) {
          if (!event.altKey || event.button !== 0) return false;
          const from = annotationUnder(event);
          if (!from) return false;
          event.preventDefault();
          drag.from = from;
          view.dom.classList.add(RELATING_CLASS);
          return true;
        },
      },
    },
    view(view) {
      const onUp = (event: MouseEvent) => {
        const from = drag.from;
        if (!from) return;
        drag.from = null;
        view.dom.classList.remove(RELATING_CLASS);
        const toId = annotationUnder(event);
        if (toId && toId !== from) onDrop(view, { fromId: from, toId, left: event.clientX, top: event.clientY + 8 });
      };
      window.addEventListener('mouseup', onUp);
      return { destroy: () => window.removeEventListener('mouseup', onUp) };
    },
  });
}
