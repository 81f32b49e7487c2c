// @vitest-environment jsdom
// "Edit text" in the reader (issue 11): the edit plugin in a real EditorView
// (jsdom) with the reader's other plugins, and the text and offsets it saves.
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { afterEach, describe, expect, it } from 'vitest';
import type { Label } from '../../shared/index.ts';
import { EditorState } from 'prosemirror-state';
import { annotationKey, annotationPlugin, dispatchAnnotations, WINDOW_MIN_DOC_SIZE } from '../../renderer/src/reader/annotationPlugin.ts';
import { History } from '../../renderer/src/undo/history.ts';
import { editedText } from '../../renderer/src/reader/editedText.ts';
import { createReaderView } from '../../renderer/src/reader/editorView.ts';
import { buildDoc, type OffsetMap } from '../../renderer/src/reader/offsets.ts';
import { toPainted } from '../../renderer/src/reader/paint.ts';
import { editTextKey, editTextPlugin, isEditing, orphanedSoFar, setEditing } from '../../renderer/src/reader/plugins/editTextPlugin.ts';
import { keyboardPlugin } from '../../renderer/src/reader/plugins/keyboardPlugin.ts';

const TEXT = 'Notes\n\nSenators met atthe forum in Rome 🙂 today.\nMaria Silva spoke.';
const label = (id: string, name: string, hotkey?: string): Label => ({ id, name, hotkey, color: '#e15759', kind: 'entity', attributes: [], order: 0 }) as unknown as Label;
const PERSON = label('person', 'Person', '1');
const LABELS = new Map([[PERSON.id, PERSON]]);
const at = (s: string) => TEXT.indexOf(s);

document.elementFromPoint = () => null;
Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
// jsdom has no ClipboardEvent; ProseMirror's pasteText only makes one to pass along.
globalThis.ClipboardEvent ??= class extends Event {
  clipboardData = null;
} as unknown as typeof ClipboardEvent;

let view: EditorView | undefined;
afterEach(() => {
  view?.destroy();
  view = undefined;
  document.body.innerHTML = '';
});

const changes: [boolean, string][] = [];
const tagged: string[] = [];

function mount(): { v: EditorView; map: OffsetMap } {
  changes.length = 0;
  tagged.length = 0;
  const { doc, map } = buildDoc(TEXT, []);
  const host = document.createElement('div');
  document.body.append(host);
  const painted = (id: string, s: string) => toPainted({ id, ranges: [{ start: at(s), end: at(s) + s.length }], labelId: PERSON.id }, LABELS, map);
  const all = [painted('senators', 'Senators'), painted('forum', 'forum'), painted('meeting', 'atthe forum'), painted('rome', 'Rome'), painted('emoji', '🙂'), painted('maria', 'Maria Silva')];
  view = createReaderView(
    host,
    doc,
    {},
    [
      editTextPlugin({ changed: (v, on) => changes.push([on, v.state.doc.textContent]), paint: (id) => all.find((a) => a.id === id) ?? null }),
      keyboardPlugin({ tag: (_v, l) => tagged.push(l.name), openPicker() {}, openEditor() {}, escape() {} }, [PERSON]),
    ],
    all,
  );
  return { v: view, map };
}

function key(v: EditorView, k: string, init: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  v.dom.dispatchEvent(event);
  return event.defaultPrevented;
}
const caret = (v: EditorView, pos: number, to = pos) => v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, pos, to)));
const type = (v: EditorView, text: string) => v.dispatch(v.state.tr.insertText(text));
const save = (v: EditorView, map: OffsetMap) =>
  editedText(v.state.doc, TEXT, map, [...editTextKey.getState(v.state)!.drawn].map((id) => [id, annotationKey.getState(v.state)!.ranges.get(id)] as const));

describe('edit text plugin', () => {
  it('is off by default: the text is read-only and the label keys tag', () => {
    const { v, map } = mount();
    caret(v, map.toPos(at('Senators')), map.toPos(at('Senators') + 8));
    type(v, 'x');
    expect(v.state.doc.textContent).not.toContain('x');
    expect(key(v, '1')).toBe(true);
    expect(tagged).toEqual(['Person']);
    expect(v.dom.getAttribute('aria-readonly')).toBe('true');
  });

  it('Ctrl+E switches it on and off; on, typing edits the text and the label keys do not tag', () => {
    const { v, map } = mount();
    expect(key(v, 'e', { ctrlKey: true })).toBe(true);
    expect(isEditing(v.state)).toBe(true);
    expect(v.dom.getAttribute('aria-readonly')).toBe('false');
    expect(v.dom.classList.contains('gl-editing-text')).toBe(true);
    caret(v, map.toPos(at('the forum')));
    type(v, ' ');
    caret(v, map.toPos(at('Senators')), map.toPos(at('Senators') + 8));
    expect(key(v, '1')).toBe(false); // not taken: the browser types it
    expect(tagged).toEqual([]);
    expect(key(v, 'Enter')).toBe(true); // swallowed: blocks are not split
    key(v, 'e', { ctrlKey: true });
    expect(isEditing(v.state)).toBe(false);
    expect(changes).toEqual([
      [true, expect.stringContaining('atthe forum')],
      [false, expect.stringContaining('at the forum')],
    ]);
  });

  it('refuses edits that split or join blocks', () => {
    const { v, map } = mount();
    setEditing(v, true);
    const before = v.state.doc;
    caret(v, map.toPos(at('forum')));
    v.dispatch(v.state.tr.split(v.state.selection.from));
    expect(v.state.doc.eq(before)).toBe(true);
    v.dispatch(v.state.tr.delete(map.toPos(at('today')), map.toPos(at('Maria'))));
    expect(v.state.doc.eq(before)).toBe(true);
    caret(v, map.toPos(at('Maria')));
    expect(key(v, 'Backspace')).toBe(true);
  });

  it('pastes text within a paragraph, line breaks as spaces', () => {
    const { v, map } = mount();
    setEditing(v, true);
    caret(v, map.toPos(at(' today')));
    v.pasteText(' (Italy)');
    expect(v.state.doc.textContent).toContain('Rome 🙂 (Italy) today');
    v.pasteText(' and\nMilan');
    expect(v.state.doc.textContent).toContain('(Italy) and Milan today');
    expect(v.state.doc.childCount).toBe(3);
  });

  it('maps the annotations through the edits, undoes and redoes them with their highlights', () => {
    const { v, map } = mount();
    setEditing(v, true);
    caret(v, map.toPos(at('the forum')));
    type(v, ' ');
    editTextKey.getState(v.state)!.done.at(-1)!.at = 0; // the next edit is a step of its own
    v.dispatch(v.state.tr.delete(map.toPos(at('Rome')) + 1, map.toPos(at('Rome')) + 5));
    expect(orphanedSoFar(v.state)).toEqual(['rome']);
    expect(v.dom.querySelector('[data-ann="rome"]')).toBeNull();

    expect(key(v, 'z', { ctrlKey: true })).toBe(true);
    expect(v.state.doc.textContent).toContain('forum in Rome 🙂');
    expect(orphanedSoFar(v.state)).toEqual([]);
    expect(v.dom.querySelector('[data-ann="rome"]')?.textContent).toBe('Rome');
    expect(key(v, 'z', { ctrlKey: true, shiftKey: true })).toBe(true);
    expect(v.state.doc.textContent).toContain('forum in  🙂');
    expect(orphanedSoFar(v.state)).toEqual(['rome']);

    const edit = save(v, map);
    const expected = TEXT.replace('atthe', 'at the').replace('Rome ', ' ');
    expect(edit.text).toBe(expected);
    const ranges = new Map(edit.annotations.map((a) => [a.id, a.ranges]));
    const quote = (id: string) => ranges.get(id)!.map((r) => expected.slice(r.start, r.end)).join('');
    expect(ranges.get('rome')).toBeNull();
    expect(quote('senators')).toBe('Senators');
    expect(ranges.get('forum')).toEqual([{ start: at('forum') + 1, end: at('forum') + 6 }]);
    expect(quote('meeting')).toBe('at the forum');
    expect(ranges.get('emoji')).toEqual([{ start: at('🙂') - 3, end: at('🙂') - 1 }]);
    expect(quote('emoji')).toBe('🙂');
    expect(quote('maria')).toBe('Maria Silva');
    // The lines between blocks are kept; the blocks follow their text.
    expect(edit.blocks.map((b) => expected.slice(b.start, b.end))).toEqual(['Notes', 'Senators met at the forum in  🙂 today.', 'Maria Silva spoke.']);
  });

  it('undo with nothing to undo is still taken from the app while editing', () => {
    const { v } = mount();
    setEditing(v, true);
    expect(key(v, 'z', { ctrlKey: true })).toBe(true);
    setEditing(v, false);
    expect(key(v, 'z', { ctrlKey: true })).toBe(false);
  });

  it('tells the reader to save when the view goes away while editing', () => {
    const { v } = mount();
    setEditing(v, true);
    dispatchAnnotations(v, { type: 'select', id: null });
    v.destroy();
    view = undefined;
    expect(changes.map((c) => c[0])).toEqual([true, false]);
  });

  it('in a long document, the drawn window maps through edits exactly as the whole set does', () => {
    const line = 'Senators met atthe forum in Rome 🙂 today, and so on and on.';
    const long = Array.from({ length: 1200 }, () => line).join('\n');
    const { doc, map } = buildDoc(long, []);
    expect(doc.content.size).toBeGreaterThan(WINDOW_MIN_DOC_SIZE);
    const annotations = Array.from({ length: 1200 }, (_, i) => {
      const start = i * (line.length + 1) + line.indexOf('forum');
      return toPainted({ id: `a${i}`, ranges: [{ start, end: start + 5 }], labelId: PERSON.id }, LABELS, map);
    });
    let state = EditorState.create({ doc, plugins: [editTextPlugin({ changed() {}, paint: () => null }), annotationPlugin(annotations)] });
    state = state.apply(state.tr.setMeta(editTextKey, { type: 'set', editing: true }));
    for (const offset of [10, 300, 5000, 40]) {
      const pos = map.toPos(offset);
      state = state.apply(state.tr.insertText('xy', pos));
      state = state.apply(state.tr.delete(pos + 1, pos + 4));
    }
    const s = annotationKey.getState(state)!;
    expect(s.window).not.toBeNull();
    const spans = (set: typeof s.visible) => set.find(s.window!.from, s.window!.to).map((d) => `${d.from}-${d.to}`).sort();
    expect(spans(s.visible)).toEqual(spans(s.decorations));
    expect(spans(s.visible).length).toBeGreaterThan(10);
    // …and the ranges the save reads agree with the drawn highlights.
    for (const d of s.visible.find(s.window!.from, s.window!.to)) expect(s.ranges.get((d.spec as { id: string }).id)).toEqual([{ from: d.from, to: d.to }]);
  });

  it('the app history can be held while the text is edited', async () => {
    const errors: string[] = [];
    // A text change, undone forward by its own calls: nothing of the backend is needed to see the hold.
    const unused = () => Promise.reject(new Error('not called'));
    const history = new History({ undo: unused, redo: unused, recordingClient: () => { throw new Error('not called'); } }, (err) => errors.push((err as Error).message));
    let undone = 0;
    history.pushForward({ description: 'edit the text' }, { undo: async () => void undone++, redo: async () => {} });
    history.hold('editing');
    expect(history.canUndo).toBe(false);
    await history.undo();
    expect([undone, errors]).toEqual([0, ['editing']]);
    history.hold(null);
    await history.undo();
    expect(undone).toBe(1);
  });
});
