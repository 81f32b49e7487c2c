import type { EditorView } from 'prosemirror-view';

/** A stretch of the document, in positions, from the start of one top-level block to the end of another. */
export interface PositionRange {
  from: number;
  to: number;
}

/**
 * The top-level blocks that are on screen or within `marginPx` pixels of it,
 * as positions; null when the editor is not laid out (hidden, detached).
 * Found by binary search over the blocks' boxes, so it costs a few layout
 * reads however long the document is.
 */
export function blocksNearViewport(view: EditorView, marginPx: number): PositionRange | null {
  const blocks = view.dom.children;
  const n = blocks.length;
  const box = view.dom.getBoundingClientRect();
  if (!n || box.height === 0) return null;
  const top = -marginPx;
  const bottom = (window.innerHeight || document.documentElement.clientHeight) + marginPx;
  if (box.bottom < top || box.top > bottom) return { from: 0, to: 0 };
  // First block whose bottom is below `top`, last block whose top is above `bottom`.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.getBoundingClientRect().bottom >= top) hi = mid;
    else lo = mid + 1;
  }
  const first = lo;
  hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid]!.getBoundingClientRect().top <= bottom) lo = mid;
    else hi = mid - 1;
  }
  const from = blockBoundary(view, blocks[first]!, 'start');
  const to = blockBoundary(view, blocks[lo]!, 'end');
  return from === null || to === null ? null : { from, to: Math.max(from, to) };
}

/** The position before (start) or after (end) the top-level node drawn by `el`. */
function blockBoundary(view: EditorView, el: Element, side: 'start' | 'end'): number | null {
  let pos: number;
  try {
    pos = view.posAtDOM(el, 0);
  } catch {
    return null;
  }
  const $pos = view.state.doc.resolve(Math.max(0, Math.min(pos, view.state.doc.content.size)));
  if ($pos.depth === 0) return side === 'start' ? $pos.pos : Math.min(view.state.doc.content.size, $pos.pos + ($pos.nodeAfter?.nodeSize ?? 0));
  return side === 'start' ? $pos.before(1) : $pos.after(1);
}

/**
 * Calls `onChange` from an animation frame whenever the viewport may have
 * moved over the document (scrolling of any ancestor, resizing), at most
 * once per frame, and once at start.
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
  schedule();
  return {
    schedule,
    destroy() {
      live = false;
      if (frame) cancelAnimationFrame(frame);
      doc.removeEventListener('scroll', schedule, { capture: true });
      win.removeEventListener('resize', schedule);
    },
  };
}
