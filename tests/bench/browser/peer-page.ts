// The peer under benchmark: @recogito/text-annotator on the same text (the
// same paragraphs, in the reader's layout and text styles) with the same
// annotations, loaded and added through its public API.
import '../../../renderer/src/styles.css';
import '@recogito/text-annotator/text-annotator.css';
import {
  createTextAnnotator,
  rangeToSelector,
  reviveAnnotation,
  type Color,
  type HighlightStyle,
  type TextAnnotation,
  type TextAnnotationLike,
  type TextAnnotator,
} from '@recogito/text-annotator';
import type { TextRange } from '../../../shared/index.ts';
import { BENCH_LABELS, generateAdditions, generateAnnotations, generateDocument, type BenchDocument } from '../generate.ts';
import { centre, forceLayout, painted, readerShell, whenPresent } from './frames.ts';
import { HOTKEY, type AdditionResult, type BenchPage, type OpenResult } from './protocol.ts';

const labelColor = new Map(BENCH_LABELS.map((l) => [l.id, l.color]));
const colorOf = new Map<string, string>();

let anno: TextAnnotator<TextAnnotation, TextAnnotation> | undefined;
let container: HTMLElement | undefined;
let scroller: HTMLElement | undefined;
let doc: BenchDocument | undefined;
let additions: TextRange[] = [];
let pending: Promise<AdditionResult> | undefined;

/** The peer counts offsets over the container's text, which has no separators between paragraphs. */
function peerOffset(d: BenchDocument, offset: number): number {
  let lo = 0;
  let hi = d.blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (d.blocks[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return offset - 2 * lo;
}

/** A DOM range over text offsets [start, end) of one paragraph. */
function domRange(d: BenchDocument, r: TextRange): Range {
  const block = d.blocks.findIndex((b) => b.start <= r.start && r.end <= b.end);
  const text = container!.children[block]!.firstChild!;
  const range = document.createRange();
  range.setStart(text, r.start - d.blocks[block]!.start);
  range.setEnd(text, r.end - d.blocks[block]!.start);
  return range;
}

/** The peer's way to turn a selection into an annotation, done on the hotkey as Gloss does. */
function onKeyDown(e: KeyboardEvent): void {
  if (e.key !== HOTKEY || !anno || !container) return;
  const seen = performance.now();
  const stamp = e.timeStamp > 0 && e.timeStamp <= seen ? e.timeStamp : seen;
  const selection = getSelection();
  if (!selection || selection.isCollapsed) return;
  e.preventDefault();
  const selector = rangeToSelector(selection.getRangeAt(0), container);
  const id = crypto.randomUUID();
  colorOf.set(id, BENCH_LABELS[0]!.color);
  anno.addAnnotation({ id, bodies: [], target: { annotation: id, selector: [selector], created: new Date() } } as TextAnnotation);
  selection.collapseToEnd();
  forceLayout(container);
  const workMs = performance.now() - seen;
  // The peer draws its highlights in a later task; "painted" counts from when the highlight is there.
  pending = whenPresent(() => container!.querySelector(`.r6o-annotation[data-annotation="${id}"]`) !== null, container, 10_000)
    .then(painted)
    .then((t) => ({ latencyMs: t - stamp, workMs }));
}

const page: BenchPage = {
  async open(count, seed): Promise<OpenResult> {
    doc = generateDocument(seed);
    const d = doc;
    const generated = generateAnnotations(d, count, seed);
    additions = generateAdditions(d, 200, seed);
    // The peer's own annotation shape, with offsets in its coordinates: built before the clock starts.
    const annotations = generated.map((a) => {
      const r = a.ranges[0]!;
      colorOf.set(a.id, labelColor.get(a.labelId) ?? '#999999');
      return {
        id: a.id,
        bodies: [],
        target: { annotation: a.id, selector: [{ quote: d.text.slice(r.start, r.end), start: peerOffset(d, r.start), end: peerOffset(d, r.end) }] },
      };
    });
    const shell = readerShell();
    scroller = shell.scroller;
    await painted();

    const start = performance.now();
    const el = document.createElement('div');
    el.className = 'gl-reader-text';
    const fragment = document.createDocumentFragment();
    for (const b of d.blocks) {
      const p = document.createElement('p');
      p.textContent = d.text.slice(b.start, b.end);
      fragment.append(p);
    }
    el.append(fragment);
    shell.mount.append(el);
    container = el;
    anno = createTextAnnotator(el, {
      style: <I extends TextAnnotationLike>(a: I): HighlightStyle => {
        const color = (colorOf.get(a.id) ?? '#999999') as Color;
        return { fill: color, fillOpacity: 0.2, underlineColor: color, underlineThickness: 2 };
      },
    });
    // Its loader keeps only annotations whose selectors hold DOM ranges: revive them with its own function, then load.
    anno.setAnnotations(annotations.map((a) => reviveAnnotation(a as unknown as TextAnnotation, el)));
    await whenPresent(() => el.querySelector('.r6o-annotation') !== null, el);
    const end = await painted();
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return { openMs: end - start, highlightElements: el.querySelectorAll('.r6o-annotation').length, annotations: anno.getAnnotations().length };
  },

  additions: () => additions.length,

  async prepareAddition(i) {
    const range = domRange(doc!, additions[i]!);
    centre(scroller!, range.getBoundingClientRect());
    await painted();
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    pending = undefined;
    await painted();
    // Let the peer's selection handler (debounced by 10 ms) settle before the hotkey.
    await new Promise((r) => setTimeout(r, 30));
  },

  lastAddition() {
    return pending ?? Promise.reject(new Error('no addition was made: the hotkey did not reach the page'));
  },
};

window.bench = page;
