import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Label, Suggestion } from '../../../shared/index.ts';
import type { InitialAnnotations, PaintedAnnotation } from './annotationPlugin.ts';
import { createReaderView } from './editorView.ts';
import { clickPlugin } from './plugins/clickPlugin.ts';
import { editTextPlugin } from './plugins/editTextPlugin.ts';
import { keyboardPlugin, setKeyboardLabels } from './plugins/keyboardPlugin.ts';
import { relationDragPlugin, type RelationDrop } from './plugins/relationDragPlugin.ts';
import { selectionPlugin } from './plugins/selectionPlugin.ts';
import { suggestionPlugin, type SuggestionReview } from './plugins/suggestionPlugin.ts';

/** Everything the reader's plugins report, in one place; called with the latest props. */
export interface ReaderViewHandlers {
  tag(view: EditorView, label: Label): void;
  openPicker(view: EditorView): void;
  openEditor(view: EditorView, ids: string[]): void;
  escape(view: EditorView): void;
  clickedPlain(view: EditorView): void;
  selectionSettled(view: EditorView): void;
  snap(view: EditorView, from: number, to: number): { from: number; to: number } | null;
  relationDropped(view: EditorView, drop: RelationDrop): void;
  acceptSuggestion(view: EditorView, s: Suggestion): void;
  rejectSuggestion(view: EditorView, s: Suggestion): void;
  paintSuggestion(s: Suggestion): PaintedAnnotation;
  reviewChanged(review: SuggestionReview): void;
  /** "Edit text" mode was switched on or off (off: save the text of `state`). */
  editChanged(view: EditorView, editing: boolean, state: EditorState): void;
  /** How to draw an annotation again when undoing an edit brings its text back. */
  paintAnnotation(id: string): PaintedAnnotation | null;
  /** The annotations to draw when the view is built. */
  initialAnnotations(): InitialAnnotations;
  /** The view is built: focus, scroll. */
  ready(view: EditorView): void;
}

/**
 * Builds the ProseMirror view for a loaded document, once, with the reader's
 * plugins (edit mode, suggestion review, keymap, relation drag, selection), and keeps
 * the keymap's labels current. Handlers always see the latest props: they
 * reach the plugins through an effect event, not through refs mirroring state.
 */
export function useReaderView(
  mountRef: RefObject<HTMLElement | null>,
  pmDoc: PMNode | null,
  labels: readonly Label[],
  handlers: ReaderViewHandlers,
): RefObject<EditorView | null> {
  const viewRef = useRef<EditorView | null>(null);
  const call = useEffectEvent(<R>(fn: (h: ReaderViewHandlers) => R): R => fn(handlers));
  const currentLabels = useEffectEvent(() => labels);

  useEffect(() => {
    const mount = mountRef.current;
    if (!pmDoc || !mount) return;
    const view = createReaderView(
      mount,
      pmDoc,
      {},
      [
        // First: in edit mode it takes the keys (Enter, Backspace, undo) before the labelling keymap.
        editTextPlugin({
          changed: (v, editing, state) => call((h) => h.editChanged(v, editing, state)),
          paint: (id) => call((h) => h.paintAnnotation(id)),
        }),
        suggestionPlugin({
          accept: (v, s) => call((h) => h.acceptSuggestion(v, s)),
          reject: (v, s) => call((h) => h.rejectSuggestion(v, s)),
          paint: (s) => call((h) => h.paintSuggestion(s)),
          changed: (r) => call((h) => h.reviewChanged(r)),
        }),
        keyboardPlugin(
          {
            tag: (v, l) => call((h) => h.tag(v, l)),
            openPicker: (v) => call((h) => h.openPicker(v)),
            openEditor: (v, ids) => call((h) => h.openEditor(v, ids)),
            escape: (v) => call((h) => h.escape(v)),
          },
          currentLabels(),
        ),
        clickPlugin({
          openEditor: (v, ids) => call((h) => h.openEditor(v, ids)),
          clickedPlain: (v) => call((h) => h.clickedPlain(v)),
        }),
        relationDragPlugin((v, drop) => call((h) => h.relationDropped(v, drop))),
        selectionPlugin({
          settled: (v) => call((h) => h.selectionSettled(v)),
          snap: (v, from, to) => call((h) => h.snap(v, from, to)),
        }),
      ],
      call((h) => h.initialAnnotations()),
    );
    viewRef.current = view;
    call((h) => h.ready(view));
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [pmDoc, mountRef]);

  useEffect(() => {
    if (viewRef.current) setKeyboardLabels(viewRef.current, labels);
  }, [labels]);

  return viewRef;
}
