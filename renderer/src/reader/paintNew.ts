import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { annotationKey, type PaintedAnnotation } from './annotationPlugin.ts';

/**
 * Paints a new annotation before the store confirms it, and moves the caret
 * in the same transaction: one view update, one selection sync. The
 * highlight is painted as a registered range (see freshHighlights.ts), so
 * the text's nodes and layout stay as they are.
 */
export function paintNewAnnotation(view: EditorView, painted: PaintedAnnotation, caretAt?: number): void {
  const tr = view.state.tr.setMeta(annotationKey, { type: 'add', annotations: [painted], fresh: true }).setMeta('addToHistory', false);
  if (caretAt !== undefined) tr.setSelection(TextSelection.create(tr.doc, caretAt));
  view.dispatch(tr);
}
