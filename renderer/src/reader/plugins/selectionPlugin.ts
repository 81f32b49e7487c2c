import { Plugin, TextSelection } from 'prosemirror-state';
import { isEditing } from './editTextPlugin.ts';
import type { EditorView } from 'prosemirror-view';

export interface SelectionHandlers {
  /**
   * The selection changed and is settled: the pointer was released, or a
   * key moved it. The reader shows or hides the label picker.
   */
  settled(view: EditorView): void;
  /**
   * Where a selection made with the pointer should end up (whole words), or
   * null to keep it as it is. Not called when Ctrl (Cmd on a Mac) is held at
   * release: that modifier selects single characters.
   */
  snap(view: EditorView, from: number, to: number): { from: number; to: number } | null;
}

/**
 * Follows the text selection: while the pointer is down nothing happens
 * (a drag is not finished); when it is released the selection snaps to whole
 * words and the reader is told; selections made from the keyboard are told
 * as they change. The pointer is watched on `window` so a drag released
 * outside the text still counts.
 */
export function selectionPlugin(handlers: SelectionHandlers): Plugin {
  let pointerDown = false;
  return new Plugin({
    props: {
      handleDOMEvents: {
        mousedown() {
          pointerDown = true;
          return false;
        },
      },
    },
    view(view) {
      const onUp = (event: MouseEvent) => {
        if (!pointerDown) return;
        pointerDown = false;
        const { from, to, empty } = view.state.selection;
        const snapped = empty || event.ctrlKey || event.metaKey ? null : handlers.snap(view, from, to);
        if (snapped && (snapped.from !== from || snapped.to !== to)) {
          // Keep the direction of the drag: a leftward drag keeps its head on the left.
          const backward = view.state.selection.head < view.state.selection.anchor;
          const [anchor, head] = backward ? [snapped.to, snapped.from] : [snapped.from, snapped.to];
          view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)));
          return; // update() below tells the reader
        }
        if (!isEditing(view.state)) handlers.settled(view);
      };
      window.addEventListener('mouseup', onUp);
      return {
        update(v, prev) {
          if (isEditing(v.state)) return; // no label picker while the text is edited
          if (!pointerDown && !v.state.selection.eq(prev.selection)) handlers.settled(v);
        },
        destroy: () => window.removeEventListener('mouseup', onUp),
      };
    },
  });
}
