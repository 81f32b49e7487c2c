import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, Plugin } from 'prosemirror-state';
import { EditorView, type DirectEditorProps } from 'prosemirror-view';
import { annotationPlugin, type InitialAnnotations } from './annotationPlugin.ts';
import { lazySectionsPlugin } from './lazySections.ts';
import { isEditing } from './plugins/editTextPlugin.ts';
import { unreadSelectionPlugin } from './plugins/unreadSelectionPlugin.ts';
import './sections.css';

const NAVIGATION_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown', 'Tab', 'Escape']);

/**
 * Keeps the text read-only while leaving a caret, so that text can be
 * selected with the keyboard (Shift+arrows) as well as the mouse. Input is
 * stopped before it reaches the DOM, and any document change is filtered out.
 * In "Edit text" mode (plugins/editTextPlugin.ts) it lets everything through.
 */
export function readOnlyPlugin(): Plugin {
  return new Plugin({
    filterTransaction: (tr, state) => !tr.docChanged || tr.getMeta('allowTextEdit') === true || isEditing(state),
    props: {
      attributes: (state) => ({ 'aria-readonly': isEditing(state) ? 'false' : 'true' }),
      handleTextInput: (view) => !isEditing(view.state),
      handlePaste: (view) => !isEditing(view.state),
      handleDrop: (view) => !isEditing(view.state),
      handleDOMEvents: {
        beforeinput: (view, event) => {
          if (isEditing(view.state)) return false;
          event.preventDefault();
          return true;
        },
        cut: (view, event) => {
          if (isEditing(view.state)) return false;
          event.preventDefault();
          return true;
        },
      },
      handleKeyDown: (view, event) => {
        if (isEditing(view.state)) return false;
        if (event.ctrlKey || event.metaKey || event.altKey) return false;
        if (NAVIGATION_KEYS.has(event.key)) return false;
        // Backspace, Delete, Enter and printable keys would edit the text.
        return event.key === 'Backspace' || event.key === 'Delete' || event.key === 'Enter';
      },
    },
  });
}

/**
 * The reader's view of `doc`. `plugins` (the reader's keymap, suggestion
 * review, relation drag…) come ahead of the read-only plugin, so their Enter
 * and Backspace bindings run before it swallows those keys; ahead of them
 * all, the browser's selection is read when a key comes before ProseMirror
 * has read it (unreadSelectionPlugin).
 */
export function createReaderView(
  mount: HTMLElement,
  doc: PMNode,
  props: Omit<DirectEditorProps, 'state'>,
  plugins: Plugin[] = [],
  /** The annotations to draw from the start (one render instead of a render and a repaint); see StagedAnnotations for a long document. */
  annotations: InitialAnnotations = [],
): EditorView {
  const state = EditorState.create({ doc, plugins: [unreadSelectionPlugin(), ...plugins, readOnlyPlugin(), annotationPlugin(annotations), lazySectionsPlugin()] });
  return new EditorView(mount, {
    state,
    attributes: {
      class: 'gl-reader-text',
      role: 'textbox',
      'aria-label': 'Document text',
      'aria-multiline': 'true',
      // Contenteditable is focusable anyway; the explicit tab stop lets checkers (axe) see the scroller holds one.
      tabindex: '0',
      spellcheck: 'false',
    },
    ...props,
  });
}
