import { Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { annotationsAt } from '../annotationPlugin.ts';

/** What a click on the text means to the reader. */
export interface ClickHandlers {
  /** A click on highlights: open the editor of the first (innermost) of `ids`. */
  openEditor(view: EditorView, ids: string[]): void;
  /** A click on text without a highlight: close the editor. */
  clickedPlain(view: EditorView): void;
}

/**
 * A click (without a selection) on a highlight opens its editor, as Enter on
 * the caret does; suggestions are left to the suggestion plugin. Never marks
 * the click handled: ProseMirror still places the caret.
 */
export function clickPlugin(handlers: ClickHandlers): Plugin {
  return new Plugin({
    props: {
      handleClick(view, pos) {
        if (!view.state.selection.empty) return false;
        const all = annotationsAt(view.state, pos);
        if (all[0]?.includes(':')) return false; // a suggestion on top
        const ids = all.filter((id) => !id.includes(':'));
        if (ids.length) handlers.openEditor(view, ids);
        else handlers.clickedPlain(view);
        return false;
      },
    },
  });
}
