import type { Node as PMNode } from 'prosemirror-model';
import { Decoration, DecorationSet } from 'prosemirror-view';

/*
 * DecorationSet's constructor (local decorations relative to the node's
 * content, and `[start, end, childSet]` triples per child node). It is marked
 * internal in prosemirror-view's types but is the only way to build a set in
 * linear time; tests/unit/decoration-tree.test.ts checks that what we build
 * equals `DecorationSet.create`, so a change in prosemirror-view shows there.
 */
const RawDecorationSet = DecorationSet as unknown as new (local: Decoration[], children: (number | DecorationSet)[]) => DecorationSet;

/** Decoration's `copy` (the same decoration moved), internal in the types for the same reason; checked by the same test. */
function moved(d: Decoration, from: number, to: number): Decoration {
  return (d as unknown as { copy(from: number, to: number): Decoration }).copy(from, to);
}

/** Orders decorations as DecorationSet does: by start, then by end. */
function byPos(a: Decoration, b: Decoration): number {
  return a.from - b.from || a.to - b.to;
}

/**
 * The same set as `DecorationSet.create(doc, decorations)` for inline
 * decorations (and node decorations of top-level nodes), built in O(n log n + child nodes). `DecorationSet.create`
 * scans every decoration once per child node: with 100,000 highlights in a
 * 5,000-paragraph document that is 500 million steps, seconds of work.
 * Empty decorations (from ≥ to) are dropped, as DecorationSet.create drops them.
 */
export function buildInlineSet(doc: PMNode, decorations: readonly Decoration[]): DecorationSet {
  const sorted = decorations.filter((d) => d.to > d.from).sort(byPos);
  return sorted.length ? build(sorted, doc, 0) : DecorationSet.empty;
}

/** `spans`: sorted, absolute positions, all within `node`'s content, which starts at `offset`. */
function build(spans: readonly Decoration[], node: PMNode, offset: number): DecorationSet {
  const locals: Decoration[] = [];
  const children: (number | DecorationSet)[] = [];
  let index = 0; // the child node at or after the current span's start
  let childStart = offset; // absolute position before child `index`
  let bucket: Decoration[] = [];
  const flush = () => {
    if (!bucket.length) return;
    const child = node.child(index);
    const subtree = build(bucket, child, childStart + 1);
    if (subtree !== DecorationSet.empty) children.push(childStart - offset, childStart - offset + child.nodeSize, subtree);
    bucket = [];
  };
  for (const span of spans) {
    // Move to the child that ends after this span's start (spans come in order of start).
    while (index < node.childCount && childStart + node.child(index).nodeSize <= span.from) {
      flush();
      childStart += node.child(index).nodeSize;
      index++;
    }
    const child = index < node.childCount ? node.child(index) : null;
    // As DecorationSet.create: a span strictly inside a non-leaf child belongs to that child's set.
    if (child && !child.isLeaf && span.from > childStart && span.to < childStart + child.nodeSize) bucket.push(span);
    else locals.push(offset ? moved(span, span.from - offset, span.to - offset) : span);
  }
  flush();
  return locals.length || children.length ? new RawDecorationSet(locals, children) : DecorationSet.empty;
}

/** The decorations of `set` that touch [from, to], as a set of their own (built as above). */
export function windowOf(doc: PMNode, set: DecorationSet, from: number, to: number): DecorationSet {
  return buildInlineSet(doc, set.find(from, to));
}
