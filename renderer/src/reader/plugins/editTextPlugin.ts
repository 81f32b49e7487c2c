import { keydownHandler } from 'prosemirror-keymap';
import type { Slice } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { annotationKey, dispatchAnnotations, type PaintedAnnotation } from '../annotationPlugin.ts';

type Ranges = { from: number; to: number }[];
type Step = Transaction['steps'][number];

/** One undo step of edit mode: text edits made together, and where the annotations were before them. */
interface EditGroup {
  /** The edits' steps, in order. */
  steps: Step[];
  /** Their inverses, in the order to apply them. */
  inverted: Step[];
  /** Every annotation's ranges before the group (annotations whose text an edit deleted come back from here). */
  before: Map<string, Ranges>;
  /** When the group's last edit was made: edits closer than GROUP_DELAY join it. */
  at: number;
}

export interface EditTextState {
  editing: boolean;
  /** The annotations drawn when edit mode began: those the save reports on. */
  drawn: ReadonlySet<string>;
  done: EditGroup[];
  undone: EditGroup[];
}

/** What edit mode tells the reader. */
export interface EditTextHandlers {
  /** Edit mode was switched on or off (off: the reader saves the text from `state`). */
  changed(view: EditorView, editing: boolean, state: EditorState): void;
  /** How to draw an annotation again (colour, label) when undo brings back its text. */
  paint(id: string): PaintedAnnotation | null;
}

type EditMeta = { type: 'set'; editing: boolean } | { type: 'undo' } | { type: 'redo' };

export const editTextKey = new PluginKey<EditTextState>('editText');

/** Typing within this many milliseconds of the last edit is undone with it. */
const GROUP_DELAY = 600;

/** The shortcut that switches edit mode on and off. */
export const EDIT_TEXT_SHORTCUT = 'Mod-e';

/** Whether the reader's text is being edited (labelling keys are off then). */
export function isEditing(state: EditorState): boolean {
  return editTextKey.getState(state)?.editing === true;
}

/** Switches edit mode on or off. */
export function setEditing(view: EditorView, editing: boolean): void {
  if (isEditing(view.state) === editing) return;
  view.dispatch(view.state.tr.setMeta(editTextKey, { type: 'set', editing } satisfies EditMeta).setMeta('addToHistory', false));
}

/** Ids of the annotations drawn when editing began whose text is gone now (orphans, once saved). */
export function orphanedSoFar(state: EditorState): string[] {
  const s = editTextKey.getState(state);
  const ranges = annotationKey.getState(state)?.ranges;
  if (!s || !ranges) return [];
  return [...s.drawn].filter((id) => !ranges.has(id));
}

/**
 * Only text may change in edit mode: each step replaces text within one
 * block with plain text. Splitting or joining blocks is refused (the blocks
 * are the document's paragraphs; their layout is kept).
 */
export function isTextOnly(tr: Transaction): boolean {
  return tr.steps.every((step, i) => {
    // A ReplaceStep (not a ReplaceAroundStep, which has a gap, nor a mark step, which has no slice).
    if (!('slice' in step) || 'gapFrom' in step) return false;
    const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice };
    if (slice.openStart || slice.openEnd) return false;
    let text = true;
    slice.content.forEach((n) => (text &&= n.isText));
    const doc = tr.docs[i]!;
    const $from = doc.resolve(from);
    return text && $from.parent.isTextblock && $from.sameParent(doc.resolve(to));
  });
}

/**
 * "Edit text" mode. Off by default: the reader is read-only and its keys
 * label. On: typing edits the text (the read-only plugin lets edits through),
 * the annotation plugin maps every highlight through each edit, and this
 * plugin keeps its own undo history of the edits together with the
 * annotations they took away, so undo brings a deleted word back highlighted.
 * The shortcut (Ctrl+E, Cmd+E on a Mac) toggles the mode; leaving it (or the
 * view being destroyed, as when navigating away) tells the reader to save.
 * Put it first among the reader's plugins: it takes Enter, Backspace and the
 * undo keys before the labelling keymap sees them.
 */
export function editTextPlugin(handlers: EditTextHandlers): Plugin<EditTextState> {
  const keys = keydownHandler({
    [EDIT_TEXT_SHORTCUT]: (state, _dispatch, view) => {
      if (view) setEditing(view, !isEditing(state));
      return true;
    },
  });
  const editingKeys = keydownHandler({
    'Mod-z': (_s, _d, view) => step(view, 'undo'),
    'Shift-Mod-z': (_s, _d, view) => step(view, 'redo'),
    'Mod-y': (_s, _d, view) => step(view, 'redo'),
    // Blocks are kept: no splitting with Enter, no joining with Backspace at a block's start or Delete at its end.
    Enter: () => true,
    'Shift-Enter': () => true,
    Backspace: (state) => state.selection.empty && state.selection.$from.parentOffset === 0,
    Delete: (state) => state.selection.empty && state.selection.$from.parentOffset === state.selection.$from.parent.content.size,
  });

  /** Undoes or redoes a group of edits; always handled (the app's undo must not run while editing). */
  const step = (view: EditorView | undefined, kind: 'undo' | 'redo'): true => {
    const s = view && editTextKey.getState(view.state);
    const group = s && (kind === 'undo' ? s.done.at(-1) : s.undone.at(-1));
    if (!view || !group) return true;
    const tr = view.state.tr;
    for (const st of kind === 'undo' ? group.inverted : group.steps) tr.step(st);
    view.dispatch(tr.setMeta(editTextKey, { type: kind } satisfies EditMeta).setMeta('addToHistory', false));
    if (kind === 'undo') restoreAnnotations(view, group.before, handlers.paint);
    return true;
  };

  return new Plugin<EditTextState>({
    key: editTextKey,
    state: {
      init: () => ({ editing: false, drawn: new Set(), done: [], undone: [] }),
      apply(tr, prev, oldState) {
        const meta = tr.getMeta(editTextKey) as EditMeta | undefined;
        if (meta?.type === 'set') {
          if (!meta.editing) return { ...prev, editing: false, done: [], undone: [] };
          const ids = [...(annotationKey.getState(oldState)?.ranges.keys() ?? [])].filter((id) => !id.includes(':'));
          return { editing: true, drawn: new Set(ids), done: [], undone: [] };
        }
        if (meta?.type === 'undo' && prev.done.length) return { ...prev, done: prev.done.slice(0, -1), undone: [...prev.undone, prev.done.at(-1)!] };
        if (meta?.type === 'redo' && prev.undone.length) return { ...prev, done: [...prev.done, { ...prev.undone.at(-1)!, at: 0 }], undone: prev.undone.slice(0, -1) };
        if (!tr.docChanged || !prev.editing) return prev;
        const now = Date.now();
        const inverted = tr.steps.map((st, i) => st.invert(tr.docs[i]!)).reverse();
        const last = prev.done.at(-1);
        if (last && now - last.at < GROUP_DELAY) {
          const joined = { ...last, steps: [...last.steps, ...tr.steps], inverted: [...inverted, ...last.inverted], at: now };
          return { ...prev, done: [...prev.done.slice(0, -1), joined], undone: [] };
        }
        // A copy: the annotation plugin updates its map in place when annotations are added.
        const before = new Map(annotationKey.getState(oldState)?.ranges ?? []);
        return { ...prev, done: [...prev.done, { steps: [...tr.steps], inverted, before, at: now }], undone: [] };
      },
    },
    filterTransaction: (tr, state) => !tr.docChanged || !isEditing(state) || tr.getMeta(editTextKey) !== undefined || isTextOnly(tr),
    props: {
      handleKeyDown(view, event) {
        if (keys(view, event)) return stop(event);
        if (isEditing(view.state) && editingKeys(view, event)) return stop(event);
        return false;
      },
      // Pasted text goes in as plain text within the paragraph: line breaks become spaces (blocks are kept).
      handlePaste(view, _event, slice) {
        if (!isEditing(view.state)) return false;
        const text = slice.content.textBetween(0, slice.content.size, ' ', ' ');
        if (text) view.dispatch(view.state.tr.insertText(text).scrollIntoView());
        return true;
      },
      // aria-readonly follows the mode too: the read-only plugin sets it.
      attributes: (state): Record<string, string> => (isEditing(state) ? { class: 'gl-editing-text' } : {}),
    },
    view: (view) => ({
      update(v, prevState) {
        const was = isEditing(prevState);
        const is = isEditing(v.state);
        if (was !== is) handlers.changed(v, is, v.state);
      },
      // Navigating away while editing saves too.
      destroy: () => {
        if (isEditing(view.state)) handlers.changed(view, false, view.state);
      },
    }),
  });
}

/** Keeps a handled key from the app's own shortcuts (its Ctrl+Z undoes saved actions, not these edits). */
function stop(event: KeyboardEvent): true {
  event.stopPropagation();
  return true;
}

/** After an undo: annotations whose ranges differ from before the undone edits are drawn where they were. */
function restoreAnnotations(view: EditorView, before: Map<string, Ranges>, paint: EditTextHandlers['paint']): void {
  const now = annotationKey.getState(view.state)?.ranges;
  if (!now) return;
  const back: PaintedAnnotation[] = [];
  for (const [id, ranges] of before) {
    if (sameRanges(now.get(id), ranges)) continue;
    const painted = paint(id);
    if (painted) back.push({ ...painted, ranges });
  }
  if (back.length) dispatchAnnotations(view, { type: 'add', annotations: back });
}

function sameRanges(a: Ranges | undefined, b: Ranges): boolean {
  return !!a && a.length === b.length && a.every((r, i) => r.from === b[i]!.from && r.to === b[i]!.to);
}
