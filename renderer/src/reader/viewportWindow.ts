import type { EditorView } from 'prosemirror-view';
import { SECTION_CLASS } from './schema.ts';

/** A stretch of the document, in positions, from the start of one top-level block to the end of another. */
export interface PositionRange {
  from: number;
  to: number;
}

/**
 * The blocks that are on screen or within `marginPx` pixels of it, as
 * positions (from the start of the first to the end of the last); null when
 * the editor is not laid out (hidden, detached) or wholly off screen. Found by binary search over
 * the blocks' boxes (sections first, then the blocks of the edge sections),
 * so it costs a few layout reads however long the document is.
 */
export function blocksNearViewport(view: EditorView, marginPx: number): PositionRange | null {
  const box = view.dom.getBoundingClientRect();
  if (!view.dom.children.length || box.height === 0) return null;
  const top = -marginPx;
  const bottom = (window.innerHeight || document.documentElement.clientHeight) + marginPx;
  // Off screen altogether: nothing to go by (the window then stays where it was).
  if (box.bottom < top || box.top > bottom) return null;
  const into = (el: Element, edge: 'first' | 'last'): Element => (el.classList.contains(SECTION_CLASS) && el.children.length ? edgeChild(el, top, bottom, edge) : el);
  const first = into(edgeChild(view.dom, top, bottom, 'first'), 'first');
  const last = into(edgeChild(view.dom, top, bottom, 'last'), 'last');
  const from = blockBoundary(view, first, 'start');
  const to = blockBoundary(view, last, 'end');
  return from === null || to === null ? null : { from, to: Math.max(from, to) };
}

/** The first child whose bottom is below `top`, or the last whose top is above `bottom` (clamped to the children). */
function edgeChild(parent: Element, top: number, bottom: number, edge: 'first' | 'last'): Element {
  const children = parent.children;
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    if (edge === 'first') {
      const mid = (lo + hi) >> 1;
      if (children[mid]!.getBoundingClientRect().bottom >= top) hi = mid;
      else lo = mid + 1;
    } else {
      const mid = (lo + hi + 1) >> 1;
      if (children[mid]!.getBoundingClientRect().top <= bottom) lo = mid;
      else hi = mid - 1;
    }
  }
  return children[lo]!;
}

/** The position before (start) or after (end) the block drawn by `el`. */
function blockBoundary(view: EditorView, el: Element, side: 'start' | 'end'): number | null {
  let pos: number;
  try {
    pos = view.posAtDOM(el, 0);
  } catch {
    return null;
  }
  const size = view.state.doc.content.size;
  const $pos = view.state.doc.resolve(Math.max(0, Math.min(pos, size)));
  if ($pos.depth === 0) return side === 'start' ? $pos.pos : Math.min(size, $pos.pos + ($pos.nodeAfter?.nodeSize ?? 0));
  return side === 'start' ? $pos.before($pos.depth) : $pos.after($pos.depth);
}

/**
 * The browser's selection in the editor, as document positions, when
 * ProseMirror has not read it yet (it differs from the state's); null when it
 * has, or when the selection is not wholly in the editor or lies in a node
 * ProseMirror does not know.
 */
export function unreadSelection(view: EditorView): { anchor: number; head: number } | null {
  const sel = view.dom.ownerDocument.getSelection();
  if (!sel?.anchorNode || !sel.focusNode || !view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return null;
  try {
    const anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
    const head = view.posAtDOM(sel.focusNode, sel.focusOffset);
    return anchor === view.state.selection.anchor && head === view.state.selection.head ? null : { anchor, head };
  } catch {
    return null;
  }
}

/**
 * Whether ProseMirror has read the DOM selection: true unless the browser's
 * selection in the editor differs from the state's. Redrawing before then
 * (between a selection change and its "selectionchange" event) would put the
 * state's older selection back into the DOM, undoing the user's.
 */
export function selectionSettled(view: EditorView): boolean {
  return unreadSelection(view) === null;
}

/**
 * Calls `onChange` from an animation frame whenever the viewport may have
 * moved over the document (scrolling of any ancestor, resizing), at most
 * once per frame, and once after the first paint. The first call waits for
 * an idle moment: the reader opens at the start, which the plugins draw
 * without measuring, and measuring before the first paint would lay the
 * page out twice.
 */
export function trackViewport(view: EditorView, onChange: () => void): { schedule(): void; destroy(): void } {
  let frame = 0;
  let live = true;
  const run = () => {
    frame = 0;
    if (live) onChange();
  };
  const schedule = () => {
    if (live && !frame) frame = requestAnimationFrame(run);
  };
  const doc = view.dom.ownerDocument;
  const win = doc.defaultView ?? window;
  // Scroll events do not bubble; a capturing listener on the document hears every scroller's.
  doc.addEventListener('scroll', schedule, { capture: true, passive: true });
  win.addEventListener('resize', schedule);
  const first = win.requestIdleCallback ? win.requestIdleCallback(schedule, { timeout: 100 }) : win.setTimeout(schedule, 16);
  return {
    schedule,
    destroy() {
      live = false;
      if (win.cancelIdleCallback) win.cancelIdleCallback(first);
      else win.clearTimeout(first);
      if (frame) cancelAnimationFrame(frame);
      doc.removeEventListener('scroll', schedule, { capture: true });
      win.removeEventListener('resize', schedule);
    },
  };
}
