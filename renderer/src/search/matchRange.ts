import type { Block } from '../../../shared/index.ts';

/**
 * A DOM Range over a text range of the reader's document. The reader shows
 * one element per block (inside section <div>s for long documents), each
 * holding exactly `text.slice(block.start, block.end)` split across text
 * nodes by highlight spans; so the block is found by index and the offset by
 * walking its text nodes. Null when the range is not shown.
 */
export function domRangeOf(root: HTMLElement, blocks: readonly Block[], start: number, end: number): Range | null {
  const elements = blockElements(root);
  if (elements.length !== blocks.length) return null;
  const at = (offset: number, bias: 'start' | 'end'): [Node, number] | null => {
    const i = blockIndex(blocks, offset, bias);
    if (i === -1) return null;
    const block = blocks[i]!;
    const el = elements[i]!;
    let rest = offset - block.start;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      // Widgets (labels drawn beside highlights) are not the document's text.
      acceptNode: (n) => ((n.parentElement?.closest('[contenteditable="false"]') ?? null) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let last: Text | null = null;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (rest <= n.data.length && !(bias === 'start' && rest === n.data.length && n.data.length > 0 && hasNextText(walker))) return [n, rest];
      rest -= n.data.length;
      last = n;
    }
    return last ? [last, last.data.length] : null;
  };
  const a = at(start, 'start');
  const b = at(end, 'end');
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  return range;
}

function hasNextText(walker: TreeWalker): boolean {
  const here = walker.currentNode;
  const next = walker.nextNode();
  walker.currentNode = here;
  return next !== null;
}

/** The block elements of the reader's text, in order. */
function blockElements(root: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const child of Array.from(root.children) as HTMLElement[]) {
    if (child.classList.contains('gl-section')) out.push(...(Array.from(child.children) as HTMLElement[]));
    else if (/^(P|H[1-6]|BLOCKQUOTE|PRE)$/.test(child.tagName)) out.push(child);
  }
  return out;
}

function blockIndex(blocks: readonly Block[], offset: number, bias: 'start' | 'end'): number {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (bias === 'start' ? offset >= b.start && offset < b.end : offset > b.start && offset <= b.end) return i;
  }
  return -1;
}
