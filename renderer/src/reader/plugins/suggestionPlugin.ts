import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Suggestion } from '../../../../shared/index.ts';
import { annotationKey, annotationsAt, type PaintedAnnotation } from '../annotationPlugin.ts';

/** Suggestions are painted under ids of their own, never confused with annotations. */
export const SUGGESTION_PREFIX = 'suggestion:';

/** The review: which suggestions are shown, which one is current. */
export interface SuggestionReview {
  active: boolean;
  loading: boolean;
  list: readonly Suggestion[];
  current: number;
}

export type SuggestionAction =
  | { type: 'loading' }
  | { type: 'show'; list: readonly Suggestion[] }
  | { type: 'hide' }
  | { type: 'focus'; index: number }
  | { type: 'drop'; ids: readonly string[] };

/** What the reader does when a suggestion is decided; the plugin keeps the list. */
export interface SuggestionHandlers {
  accept(view: EditorView, suggestion: Suggestion): void;
  reject(view: EditorView, suggestion: Suggestion): void;
  /** How a suggestion is drawn (dashed, in its label's colour). */
  paint(suggestion: Suggestion): PaintedAnnotation;
  /** Called after every transaction that changed the review, for the side panel. */
  changed(review: SuggestionReview): void;
}

export const suggestionKey = new PluginKey<SuggestionReview>('suggestionReview');

const IDLE: SuggestionReview = { active: false, loading: false, list: [], current: 0 };

/**
 * Suggestion review as a ProseMirror plugin. Suggestions are painted dashed
 * through the annotation plugin; `n` and `p` move to the next and previous
 * one (caret included), and with the caret inside the current one Enter
 * accepts it and Backspace or Delete rejects it. Tab is left alone, so focus
 * can always leave the text (WCAG 2.1.2, no keyboard trap).
 * Put it before the keyboard plugin: its Enter wins inside a suggestion.
 */
export function suggestionPlugin(handlers: SuggestionHandlers): Plugin<SuggestionReview> {
  return new Plugin<SuggestionReview>({
    key: suggestionKey,
    state: {
      init: () => IDLE,
      apply(tr, prev) {
        const action = tr.getMeta(suggestionKey) as SuggestionAction | undefined;
        return action ? reduce(prev, action) : prev;
      },
    },
    props: {
      handleKeyDown(view, event) {
        if (event.ctrlKey || event.metaKey || event.altKey) return false;
        const review = suggestionKey.getState(view.state);
        if (!review?.active || !review.list.length) return false;
        if (event.key === 'n' || event.key === 'p') {
          focusSuggestion(view, neighbour(view.state, review, event.key === 'n' ? 1 : -1));
          return true;
        }
        const current = review.list[review.current];
        if (!current || !view.state.selection.empty || !caretIn(view.state, current)) return false;
        if (event.key === 'Enter') {
          handlers.accept(view, current);
          return true;
        }
        if (event.key === 'Backspace' || event.key === 'Delete') {
          handlers.reject(view, current);
          return true;
        }
        return false;
      },
      handleClick(view, pos) {
        const review = suggestionKey.getState(view.state);
        if (!review?.active) return false;
        const id = annotationsAt(view.state, pos).find((x) => x.startsWith(SUGGESTION_PREFIX));
        const index = id ? review.list.findIndex((x) => SUGGESTION_PREFIX + x.id === id) : -1;
        if (index < 0) return false;
        view.dispatch(view.state.tr.setMeta(suggestionKey, { type: 'focus', index }).setMeta(annotationKey, { type: 'select', id }));
        // Not handled: ProseMirror still places the caret where the click was.
        return false;
      },
    },
    view: () => ({
      update(view, prevState) {
        const next = suggestionKey.getState(view.state);
        if (next && next !== suggestionKey.getState(prevState)) handlers.changed(next);
      },
    }),
    // Kept on the spec for reviewSuggestions, which paints what it adds.
    paint: handlers.paint,
  });
}

/** The index of the suggestion after (`dir` 1) or before (-1) the caret, wrapping around. */
export function neighbour(state: EditorState, review: SuggestionReview, dir: 1 | -1): number {
  const ranges = annotationKey.getState(state)?.ranges;
  const at = state.selection.from;
  const starts = review.list.map((x) => ranges?.get(SUGGESTION_PREFIX + x.id)?.[0]?.from ?? -1);
  if (dir > 0) {
    const i = starts.findIndex((s) => s > at);
    return i < 0 ? 0 : i;
  }
  for (let i = starts.length - 1; i >= 0; i--) if (starts[i]! >= 0 && starts[i]! < at) return i;
  return review.list.length - 1;
}

function reduce(prev: SuggestionReview, action: SuggestionAction): SuggestionReview {
  switch (action.type) {
    case 'loading':
      return { active: true, loading: true, list: prev.list, current: 0 };
    case 'show':
      return { active: true, loading: false, list: action.list, current: 0 };
    case 'hide':
      return IDLE;
    case 'focus':
      return { ...prev, current: action.index };
    case 'drop': {
      const gone = new Set(action.ids);
      const before = prev.list.slice(0, prev.current).filter((x) => gone.has(x.id)).length;
      const list = prev.list.filter((x) => !gone.has(x.id));
      return { ...prev, list, current: Math.min(Math.max(0, prev.current - before), Math.max(0, list.length - 1)) };
    }
  }
}

function caretIn(state: EditorState, s: Suggestion): boolean {
  const r = annotationKey.getState(state)?.ranges.get(SUGGESTION_PREFIX + s.id)?.[0];
  const at = state.selection.from;
  return Boolean(r && at >= r.from && at <= r.to);
}

function paintOf(state: EditorState): (s: Suggestion) => PaintedAnnotation {
  return suggestionKey.get(state)!.spec.paint as (s: Suggestion) => PaintedAnnotation;
}

/** Changes the review: repaints what it shows, in the same transaction. */
export function reviewSuggestions(view: EditorView, action: SuggestionAction): void {
  const prev = suggestionKey.getState(view.state);
  if (!prev) return;
  const next = reduce(prev, action);
  const tr: Transaction = view.state.tr.setMeta(suggestionKey, action).setMeta('addToHistory', false);
  const keep = new Set(next.list.map((x) => x.id));
  const removed = prev.list.filter((x) => !keep.has(x.id)).map((x) => SUGGESTION_PREFIX + x.id);
  const had = new Set(prev.list.map((x) => x.id));
  const added = next.list.filter((x) => !had.has(x.id));
  // One annotation action per transaction: removals first, additions in a second transaction.
  if (removed.length) tr.setMeta(annotationKey, { type: 'remove', ids: removed });
  view.dispatch(tr);
  if (added.length) view.dispatch(view.state.tr.setMeta(annotationKey, { type: 'add', annotations: added.map(paintOf(view.state)) }).setMeta('addToHistory', false));
  if (action.type === 'show' || action.type === 'drop') {
    const after = suggestionKey.getState(view.state)!;
    if (after.list.length) focusSuggestion(view, after.current);
  }
}

/**
 * Makes suggestion `index` (wrapping around) the current one: selected,
 * caret at its start (unless `moveCaret` is false), scrolled into view.
 */
export function focusSuggestion(view: EditorView, index: number, moveCaret = true): void {
  const review = suggestionKey.getState(view.state);
  if (!review?.list.length) return;
  const i = ((index % review.list.length) + review.list.length) % review.list.length;
  const id = SUGGESTION_PREFIX + review.list[i]!.id;
  const tr = view.state.tr.setMeta(suggestionKey, { type: 'focus', index: i }).setMeta(annotationKey, { type: 'select', id }).setMeta('addToHistory', false);
  const r = annotationKey.getState(view.state)?.ranges.get(id)?.[0];
  if (r && moveCaret) tr.setSelection(TextSelection.create(tr.doc, r.from)).scrollIntoView();
  view.dispatch(tr);
}
