// The Gloss reader under benchmark: the real reader pieces (buildDoc,
// createReaderView with its annotation plugin, toPainted, trimRange) mounted
// in the reader's layout and styles, without React and the network.
import '../../../renderer/src/styles.css';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Label, TextRange } from '../../../shared/index.ts';
import { paintNewAnnotation } from '../../../renderer/src/reader/paintNew.ts';
import { freshRangeOf } from '../../../renderer/src/reader/freshHighlights.ts';
import { createReaderView } from '../../../renderer/src/reader/editorView.ts';
import { keyboardPlugin } from '../../../renderer/src/reader/plugins/keyboardPlugin.ts';
import { editTextPlugin, setEditing } from '../../../renderer/src/reader/plugins/editTextPlugin.ts';
import { buildDoc, type OffsetMap } from '../../../renderer/src/reader/offsets.ts';
import { stagePainted, toPainted, trimRange } from '../../../renderer/src/reader/paint.ts';
import { BENCH_LABELS, generateAdditions, generateAnnotations, generateDocument, type BenchDocument } from '../generate.ts';
import { centre, forceLayout, painted, readerShell, scrollThrough } from './frames.ts';
import type { AdditionResult, BenchPage, OpenResult } from './protocol.ts';

const labels = new Map(BENCH_LABELS.map((l) => [l.id, l]));

let view: EditorView | undefined;
let map: OffsetMap | undefined;
let doc: BenchDocument | undefined;
let scroller: HTMLElement | undefined;
let additions: TextRange[] = [];
let pending: Promise<AdditionResult> | undefined;
/** The work of the last typed character, once its edit is applied and laid out. */
let typedMs: number | undefined;
/** When the last keydown happened: its event time, and when the page's first listener saw it. */
let keydown = { stamp: 0, seen: 0 };

window.addEventListener(
  'keydown',
  (e) => {
    const now = performance.now();
    keydown = { stamp: e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now, seen: now };
  },
  { capture: true },
);

/** What Reader's tagSelection does before its network call: trim, then paint the new highlight and collapse the selection in one transaction. */
function tagSelection(v: EditorView, label: Label): void {
  const { from, to } = v.state.selection;
  const range = trimRange(doc!.text, map!.toOffset(from), map!.toOffset(to));
  if (range.end <= range.start) return;
  const id = crypto.randomUUID();
  paintNewAnnotation(v, toPainted({ id, ranges: [range], labelId: label.id }, labels, map!), to);
  forceLayout(v.dom);
  const workMs = performance.now() - keydown.seen;
  const stamp = keydown.stamp;
  // Drawn as an element, or painted as a registered range over the tagged text.
  const drawn = v.dom.querySelector(`[data-ann="${id}"]`) !== null || freshRangeOf(id)?.toString() === doc!.text.slice(range.start, range.end);
  if (!drawn) {
    pending = Promise.reject(new Error(`the new highlight ${id} is not painted over its text`));
    return;
  }
  pending = painted().then((t) => ({ latencyMs: t - stamp, workMs }));
}

const page: BenchPage = {
  async open(count, seed): Promise<OpenResult> {
    doc = generateDocument(seed);
    const annotations = generateAnnotations(doc, count, seed);
    additions = generateAdditions(doc, 200, seed);
    const shell = readerShell();
    scroller = shell.scroller;
    await painted();

    const start = performance.now();
    const built = buildDoc(doc.text, doc.blocks);
    map = built.map;
    // The reader's own keymap and edit-mode plugins, as the app builds them.
    const keys = keyboardPlugin({ tag: tagSelection, openPicker() {}, openEditor() {}, escape() {} }, BENCH_LABELS);
    const edit = editTextPlugin({ changed() {}, paint: () => null });
    const v = createReaderView(
      shell.mount,
      built.doc,
      {
        dispatchTransaction(tr) {
          v.updateState(v.state.apply(tr));
          if (tr.docChanged) {
            // A typed character: ProseMirror read it from the DOM and applied it (annotations mapped, undo recorded).
            forceLayout(v.dom);
            typedMs = performance.now() - keydown.seen;
          }
        },
      },
      [edit, keys],
      // As the reader does: the annotations are in the view's first state, those near the start first.
      stagePainted(annotations, (a) => toPainted(a, labels, built.map), built.map),
    );
    view = v;
    const end = await painted();
    return { openMs: end - start, highlightElements: v.dom.querySelectorAll('.gl-hl').length, annotations: count };
  },

  additions: () => additions.length,

  async prepareAddition(i) {
    const v = view!;
    const r = additions[i]!;
    const from = map!.toPos(r.start, 1);
    const to = map!.toPos(r.end, -1);
    const { node } = v.domAtPos(from);
    const el = node.nodeType === 1 ? (node as HTMLElement) : node.parentElement!;
    centre(scroller!, el.getBoundingClientRect());
    await painted();
    v.focus();
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, from, to)));
    pending = undefined;
    await painted();
  },

  lastAddition() {
    return pending ?? Promise.reject(new Error('no addition was made: the hotkey did not reach the reader'));
  },

  async prepareTyping(i) {
    const v = view!;
    setEditing(v, true);
    const r = additions[i % additions.length]!;
    const at = map!.toPos(r.end, -1);
    const { node } = v.domAtPos(at);
    const el = node.nodeType === 1 ? (node as HTMLElement) : node.parentElement!;
    centre(scroller!, el.getBoundingClientRect());
    await painted();
    v.focus();
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, at)));
    typedMs = undefined;
    await painted();
  },

  async lastTyping() {
    await painted();
    if (typedMs === undefined) throw new Error('the typed character did not reach the text: is edit mode on?');
    const ms = typedMs;
    typedMs = undefined;
    return ms;
  },

  scroll: (frames) => scrollThrough(scroller!, frames),
};

window.bench = page;
