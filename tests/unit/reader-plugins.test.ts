// @vitest-environment jsdom
// The reader's ProseMirror plugins in a real EditorView (in jsdom): the keymap,
// suggestion review, relation drag, clicks and selection. Keys and pointer
// events are real DOM events on the view, as a browser would send them.
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { afterEach, describe, expect, it } from 'vitest';
import type { Label, Suggestion } from '../../shared/index.ts';
import { annotationKey, dispatchAnnotations } from '../../renderer/src/reader/annotationPlugin.ts';
import { createReaderView } from '../../renderer/src/reader/editorView.ts';
import { buildDoc, type OffsetMap } from '../../renderer/src/reader/offsets.ts';
import { toPainted } from '../../renderer/src/reader/paint.ts';
import { clickPlugin } from '../../renderer/src/reader/plugins/clickPlugin.ts';
import { keyboardPlugin, setKeyboardLabels } from '../../renderer/src/reader/plugins/keyboardPlugin.ts';
import { relationDragPlugin, type RelationDrop } from '../../renderer/src/reader/plugins/relationDragPlugin.ts';
import { selectionPlugin } from '../../renderer/src/reader/plugins/selectionPlugin.ts';
import { focusSuggestion, reviewSuggestions, SUGGESTION_PREFIX, suggestionKey, suggestionPlugin, type SuggestionReview } from '../../renderer/src/reader/plugins/suggestionPlugin.ts';

const TEXT = 'Marco Rubio met Shehbaz Sharif in Islamabad.\nThe talks covered rare earths and lithium.';
const BLOCKS = [
  { type: 'paragraph' as const, start: 0, end: 44 },
  { type: 'paragraph' as const, start: 45, end: TEXT.length },
];
const label = (id: string, name: string, hotkey?: string): Label =>
  ({ id, name, hotkey, color: '#e15759', kind: 'entity', attributes: [], order: 0 }) as unknown as Label;
const PERSON = label('person', 'Person', '1');
const PLACE = label('place', 'Location', '3');
const LABELS = new Map([PERSON, PLACE].map((l) => [l.id, l]));

// jsdom has no layout: ProseMirror's own mouse handling asks where the pointer is, and is told nowhere.
document.elementFromPoint = () => null;
// …and scrolling a suggestion into view measures rectangles, all empty here.
const noRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON() {} }) as DOMRect;
Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = noRect;

let view: EditorView | undefined;
afterEach(() => {
  view?.destroy();
  view = undefined;
  document.body.innerHTML = '';
});

function mount(plugins: Parameters<typeof createReaderView>[3]): { view: EditorView; map: OffsetMap } {
  const { doc, map } = buildDoc(TEXT, BLOCKS);
  const host = document.createElement('div');
  document.body.append(host);
  view = createReaderView(host, doc, {}, plugins);
  return { view, map };
}

const at = (text: string) => TEXT.indexOf(text);
function select(v: EditorView, map: OffsetMap, start: number, end: number) {
  v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, map.toPos(start), map.toPos(end, -1))));
}
function key(v: EditorView, k: string, init: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  v.dom.dispatchEvent(event);
  return event.defaultPrevented;
}
function paint(v: EditorView, map: OffsetMap, id: string, start: number, end: number, labelId = PERSON.id) {
  dispatchAnnotations(v, { type: 'add', annotations: [toPainted({ id, ranges: [{ start, end }], labelId }, LABELS, map)] });
}

/** The DOM text node holding `phrase`, and where in it the phrase starts. */
function textNodeWith(v: EditorView, phrase: string): [Text, number] {
  const walker = document.createTreeWalker(v.dom, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.textContent!.indexOf(phrase);
    if (i >= 0) return [n as Text, i];
  }
  throw new Error(`no text node holds ${phrase}`);
}

describe('keyboard plugin', () => {
  const calls: string[] = [];
  const handlers = {
    tag: (_v: EditorView, l: Label) => calls.push(`tag ${l.name}`),
    openPicker: () => calls.push('picker'),
    openEditor: (_v: EditorView, ids: string[]) => calls.push(`editor ${ids.join(',')}`),
    escape: () => calls.push('escape'),
  };
  afterEach(() => {
    calls.length = 0;
  });

  it('tags the selection with a label hotkey, and ignores it without a selection or with a modifier', () => {
    const { view: v, map } = mount([keyboardPlugin(handlers, [PERSON, PLACE])]);
    expect(key(v, '1')).toBe(false); // caret only: the key is not taken
    select(v, map, 0, 11);
    expect(key(v, '1')).toBe(true);
    expect(key(v, '1', { ctrlKey: true })).toBe(false);
    expect(key(v, '3')).toBe(true);
    expect(key(v, '7')).toBe(false); // no label has it
    expect(calls).toEqual(['tag Person', 'tag Location']);
  });

  it('acts on the selection the user sees when the key comes before ProseMirror has read it', () => {
    const seen: string[] = [];
    const { view: v, map } = mount([
      keyboardPlugin({ ...handlers, tag: (tv, l) => seen.push(`${l.name}: ${tv.state.doc.textBetween(tv.state.selection.from, tv.state.selection.to)}`) }, [PERSON, PLACE]),
    ]);
    paint(v, map, 'rubio', 0, 11);
    select(v, map, 0, 5);
    // The browser has moved the selection to "Islamabad"; its selectionchange event is not handled yet.
    const [text, start] = textNodeWith(v, 'Islamabad');
    getSelection()!.setBaseAndExtent(text, start, text, start + 'Islamabad'.length);
    expect(key(v, '3')).toBe(true);
    expect(seen).toEqual(['Location: Islamabad']);
    // A caret moved the same way: Enter opens the highlight under the new caret.
    select(v, map, at('talks'), at('talks'));
    const [marco, at0] = textNodeWith(v, 'Marco');
    getSelection()!.collapse(marco, at0 + 3);
    expect(key(v, 'Enter')).toBe(true);
    expect(calls).toEqual(['editor rubio']);
  });

  it('follows label changes', () => {
    const { view: v, map } = mount([keyboardPlugin(handlers, [PERSON])]);
    select(v, map, 0, 11);
    setKeyboardLabels(v, [{ ...PLACE, hotkey: '1' } as Label]);
    key(v, '1');
    expect(calls).toEqual(['tag Location']);
  });

  it('Enter opens the picker for a selection, the editor for the highlight under the caret, nothing elsewhere', () => {
    const { view: v, map } = mount([keyboardPlugin(handlers, [PERSON])]);
    paint(v, map, 'outer', 0, 11);
    paint(v, map, 'inner', 6, 11);
    select(v, map, 0, 5);
    expect(key(v, 'Enter')).toBe(true);
    select(v, map, 8, 8);
    expect(key(v, 'Enter')).toBe(true);
    select(v, map, at('talks'), at('talks'));
    key(v, 'Enter'); // no highlight here: nothing opens (the read-only plugin still swallows the key)
    expect(calls).toEqual(['picker', 'editor inner,outer']);
  });

  it('never takes Tab, so focus can leave the text', () => {
    const { view: v, map } = mount([keyboardPlugin(handlers, [PERSON])]);
    select(v, map, 0, 11);
    expect(key(v, 'Tab')).toBe(false);
    expect(key(v, 'Tab', { shiftKey: true })).toBe(false);
  });
});

describe('suggestion plugin', () => {
  const suggestion = (id: string, text: string, labelId = PERSON.id): Suggestion => ({
    id,
    documentId: 'd',
    kind: 'entity',
    labelId,
    labelName: LABELS.get(labelId)!.name,
    start: at(text),
    end: at(text) + text.length,
    quote: text,
    source: 'compromise',
    reason: 'test',
    attributes: {},
    confidence: 0.6,
  });
  const LIST = [suggestion('a', 'Marco Rubio'), suggestion('b', 'Shehbaz Sharif'), suggestion('c', 'Islamabad', PLACE.id)];

  function setup() {
    const decided: string[] = [];
    let review: SuggestionReview | undefined;
    const ctx = mount([
      suggestionPlugin({
        accept: (_v, s) => decided.push(`accept ${s.id}`),
        reject: (_v, s) => decided.push(`reject ${s.id}`),
        paint: (s) => toPainted({ id: SUGGESTION_PREFIX + s.id, ranges: [{ start: s.start, end: s.end }], labelId: s.labelId }, LABELS, ctx.map, true),
        changed: (r) => (review = r),
      }),
      keyboardPlugin({ tag() {}, openPicker() {}, openEditor: (_v, ids) => decided.push(`editor ${ids[0]}`), escape() {} }),
    ]);
    ctx.view.focus();
    return { ...ctx, decided, review: () => review! };
  }
  const caretText = (v: EditorView, map: OffsetMap) => TEXT.slice(map.toOffset(v.state.selection.from)).slice(0, 6);

  it('paints the suggestions dashed, puts the caret on the first, accepts with Enter and rejects with Backspace', () => {
    const { view: v, map, decided, review } = setup();
    reviewSuggestions(v, { type: 'show', list: LIST });
    expect(review()).toMatchObject({ active: true, current: 0 });
    expect(v.dom.querySelectorAll('.gl-dashed')).toHaveLength(3);
    expect(caretText(v, map)).toBe('Marco ');
    expect(key(v, 'Enter')).toBe(true);
    expect(decided).toEqual(['accept a']);
    reviewSuggestions(v, { type: 'drop', ids: ['a'] });
    expect(review().list.map((x) => x.id)).toEqual(['b', 'c']);
    expect(v.dom.querySelectorAll('.gl-dashed')).toHaveLength(2);
    expect(caretText(v, map)).toBe('Shehba'); // moved on to the next
    expect(key(v, 'Backspace')).toBe(true);
    expect(decided).toEqual(['accept a', 'reject b']);
  });

  it('moves with n and p, and never takes Tab (no keyboard trap)', () => {
    const { view: v, map, review } = setup();
    reviewSuggestions(v, { type: 'show', list: LIST });
    expect(key(v, 'Tab')).toBe(false);
    expect(key(v, 'n')).toBe(true);
    expect(review().current).toBe(1);
    key(v, 'n');
    expect(caretText(v, map)).toBe('Islama');
    key(v, 'n'); // wraps around
    expect(review().current).toBe(0);
    key(v, 'p');
    expect(review().current).toBe(2);
  });

  it('leaves Enter to the keymap when the caret is not in the current suggestion', () => {
    const { view: v, map, decided } = setup();
    paint(v, map, 'ann', at('rare earths'), at('rare earths') + 11);
    reviewSuggestions(v, { type: 'show', list: LIST });
    select(v, map, at('rare') + 2, at('rare') + 2);
    key(v, 'Enter');
    key(v, 'Backspace');
    expect(decided).toEqual(['editor ann']);
  });

  it('reads a caret the browser moved out of the suggestion before the key: Enter then opens what the caret is in', () => {
    const { view: v, map, decided } = setup();
    paint(v, map, 'ann', at('rare earths'), at('rare earths') + 11);
    reviewSuggestions(v, { type: 'show', list: LIST });
    expect(caretText(v, map)).toBe('Marco ');
    // An arrow key moved the caret into "rare earths"; its selectionchange event is not handled yet.
    const [text, start] = textNodeWith(v, 'rare earths');
    getSelection()!.collapse(text, start + 2);
    key(v, 'Enter');
    expect(decided).toEqual(['editor ann']);
  });

  it('takes its highlights away when hidden', () => {
    const { view: v, review } = setup();
    reviewSuggestions(v, { type: 'show', list: LIST });
    focusSuggestion(v, 1);
    reviewSuggestions(v, { type: 'hide' });
    expect(review().active).toBe(false);
    expect(v.dom.querySelectorAll('.gl-dashed')).toHaveLength(0);
    expect(annotationKey.getState(v.state)!.ranges.size).toBe(0);
    expect(suggestionKey.getState(v.state)!.list).toHaveLength(0);
    expect(key(v, 'n')).toBe(false);
  });
});

describe('relation drag plugin', () => {
  it('reports a drag with Alt from one highlight to another, and nothing without Alt or onto plain text', () => {
    const drops: RelationDrop[] = [];
    const { view: v, map } = mount([relationDragPlugin((_v, d) => drops.push(d))]);
    paint(v, map, 'rubio', 0, 11);
    paint(v, map, 'sharif', at('Shehbaz'), at('Shehbaz') + 14);
    const el = (id: string) => v.dom.querySelector(`[data-ann="${id}"]`)!;
    const press = (target: Element, type: string, init: MouseEventInit) => target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, ...init }));

    press(el('rubio'), 'mousedown', { altKey: true });
    expect(v.dom.classList.contains('gl-relating')).toBe(true);
    press(el('sharif'), 'mouseup', { clientX: 40, clientY: 20 });
    expect(v.dom.classList.contains('gl-relating')).toBe(false);
    expect(drops).toEqual([{ fromId: 'rubio', toId: 'sharif', left: 40, top: 28 }]);

    press(el('rubio'), 'mousedown', {});
    press(el('sharif'), 'mouseup', {});
    press(el('rubio'), 'mousedown', { altKey: true });
    press(v.dom.querySelector('p:last-child')!, 'mouseup', {});
    press(el('rubio'), 'mousedown', { altKey: true });
    press(el('rubio'), 'mouseup', {}); // onto itself
    expect(drops).toHaveLength(1);
  });
});

describe('click plugin', () => {
  it('opens the editor of the innermost highlight clicked, and reports clicks on plain text', () => {
    const calls: string[] = [];
    const { view: v, map } = mount([clickPlugin({ openEditor: (_v, ids) => calls.push(ids.join(',')), clickedPlain: () => calls.push('plain') })]);
    paint(v, map, 'outer', 0, 11);
    paint(v, map, 'inner', 6, 11);
    v.someProp('handleClick', (f) => f(v, map.toPos(8), new MouseEvent('click')));
    v.someProp('handleClick', (f) => f(v, map.toPos(at('talks')), new MouseEvent('click')));
    expect(calls).toEqual(['inner,outer', 'plain']);
  });
});

describe('selection plugin', () => {
  it('reports keyboard selections at once and pointer selections on release, snapped unless Ctrl is held', () => {
    const settled: string[] = [];
    const { view: v, map } = mount([
      selectionPlugin({
        settled: (view) => settled.push(TEXT.slice(map.toOffset(view.state.selection.from), map.toOffset(view.state.selection.to))),
        // Snaps to "Rubio" whatever was selected, to see that it is applied.
        snap: () => ({ from: map.toPos(6), to: map.toPos(11, -1) }),
      }),
    ]);
    select(v, map, 0, 3);
    expect(settled).toEqual(['Mar']);
    v.dom.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    select(v, map, 0, 4); // while dragging: not reported
    expect(settled).toEqual(['Mar']);
    window.dispatchEvent(new MouseEvent('mouseup'));
    expect(settled).toEqual(['Mar', 'Rubio']);
    v.dom.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    select(v, map, 0, 4);
    window.dispatchEvent(new MouseEvent('mouseup', { ctrlKey: true }));
    expect(settled).toEqual(['Mar', 'Rubio', 'Marc']);
  });
});
