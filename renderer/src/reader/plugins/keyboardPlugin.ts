import { keydownHandler } from 'prosemirror-keymap';
import { Plugin, PluginKey, type Command, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Label } from '../../../../shared/index.ts';
import { annotationsAt } from '../annotationPlugin.ts';
import { isEditing } from './editTextPlugin.ts';

/** What the reader does for its keys; the plugin only decides which key means what. */
export interface ReaderKeyHandlers {
  /** A label's hotkey was pressed with text selected: tag the selection. */
  tag(view: EditorView, label: Label): void;
  /** Enter with text selected: open the label picker, focus in it. */
  openPicker(view: EditorView): void;
  /** Enter on a caret inside highlights: open the editor of the first (innermost) of `ids`. */
  openEditor(view: EditorView, ids: string[]): void;
  /** Escape: close whatever popup is open over the text. */
  escape(view: EditorView): void;
}

interface KeyboardState {
  labels: readonly Label[];
  /** The label hotkeys as a prosemirror-keymap handler, rebuilt when the labels change. */
  hotkeys: (view: EditorView, event: KeyboardEvent) => boolean;
}

export const keyboardKey = new PluginKey<KeyboardState>('readerKeyboard');

/** Ids painted for things that are not annotations (suggestions) start with a prefix and a colon. */
const isAnnotationId = (id: string) => !id.includes(':');

/**
 * The reader's keymap as a ProseMirror plugin (prosemirror-keymap bindings):
 * label hotkeys tag the selection, Enter opens the label picker for a
 * selection or the editor of the highlight under the caret, Escape closes
 * popups. Tab is never bound, so focus always leaves the text with Tab.
 * Put it before the read-only plugin, which swallows Enter.
 */
export function keyboardPlugin(handlers: ReaderKeyHandlers, labels: readonly Label[] = []): Plugin<KeyboardState> {
  const build = (list: readonly Label[]): KeyboardState => {
    const bindings: Record<string, Command> = {};
    for (const label of list) {
      if (!label.hotkey) continue;
      bindings[label.hotkey] = (state, _dispatch, view) => {
        if (state.selection.empty || !view) return false;
        handlers.tag(view, label);
        return true;
      };
    }
    return { labels: list, hotkeys: keydownHandler(bindings) };
  };
  const fixed = keydownHandler({
    Enter: (state, _dispatch, view) => {
      if (!view) return false;
      if (!state.selection.empty) {
        handlers.openPicker(view);
        return true;
      }
      const ids = annotationsAt(state, state.selection.from).filter(isAnnotationId);
      if (!ids.length) return false;
      handlers.openEditor(view, ids);
      return true;
    },
    Escape: (_state, _dispatch, view) => {
      if (view) handlers.escape(view);
      // Not handled: Escape also reaches the page (closing the editor panel, for one).
      return false;
    },
  });
  return new Plugin<KeyboardState>({
    key: keyboardKey,
    state: {
      init: () => build(labels),
      apply: (tr, prev) => {
        const next = tr.getMeta(keyboardKey) as readonly Label[] | undefined;
        return next ? build(next) : prev;
      },
    },
    props: {
      handleKeyDown(view, event) {
        // While the text is edited, keys type: labelling is off.
        if (isEditing(view.state)) return false;
        const s = keyboardKey.getState(view.state);
        return Boolean(s?.hotkeys(view, event)) || fixed(view, event);
      },
    },
  });
}

/** Gives the keymap the current labels (their hotkeys). */
export function setKeyboardLabels(view: EditorView, labels: readonly Label[]): void {
  view.dispatch(view.state.tr.setMeta(keyboardKey, labels).setMeta('addToHistory', false));
}

/** The annotations covering the caret (at either edge too), innermost first; suggestions are not annotations. */
export function annotationsUnderCaret(state: EditorState): string[] {
  return annotationsAt(state, state.selection.from).filter(isAnnotationId);
}
