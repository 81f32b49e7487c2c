import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { annotationKey, type PaintedAnnotation } from './annotationPlugin.ts';

/**
 * Paints a new annotation before the store confirms it, and moves the caret
 * in the same transaction: one view update, one selection sync, one layout.
 */
export function paintNewAnnotation(view: EditorView, painted: PaintedAnnotation, caretAt?: number): void {
  const tr = view.state.tr.setMeta(annotationKey, { type: 'add', annotations: [painted] }).setMeta('addToHistory', false);
  if (caretAt !== undefined) tr.setSelection(TextSelection.create(tr.doc, caretAt));
  view.dispatch(tr);
}
