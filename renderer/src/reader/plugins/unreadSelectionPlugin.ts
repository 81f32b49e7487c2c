import { Plugin, TextSelection } from 'prosemirror-state';
import { unreadSelection } from '../viewportWindow.ts';
import { isEditing } from './editTextPlugin.ts';

/**
 * Makes the browser's selection the state's before any key is handled. A key
 * pressed right after the selection moved (Shift with the word keys, Home, an
 * arrow) can arrive before ProseMirror has read the new DOM selection on
 * "selectionchange": every key binding after this plugin (label hotkeys,
 * Enter on a highlight, a suggestion's Enter and Backspace) must act on what
 * the user sees selected, not on the selection before it. Put it first.
 */
export function unreadSelectionPlugin(): Plugin {
  return new Plugin({
    props: {
      handleKeyDown(view) {
        // While the text is edited, ProseMirror's own input handling reads the DOM.
        if (isEditing(view.state)) return false;
        const unread = unreadSelection(view);
        if (unread) {
          const { doc } = view.state;
          view.dispatch(view.state.tr.setSelection(TextSelection.between(doc.resolve(unread.anchor), doc.resolve(unread.head))).setMeta('addToHistory', false));
        }
        return false;
      },
    },
  });
}
