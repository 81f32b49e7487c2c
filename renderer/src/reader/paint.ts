import type { Annotation, Label } from '../../../shared/index.ts';
import { INITIAL_WINDOW, type PaintedAnnotation, type StagedAnnotations } from './annotationPlugin.ts';
import { annotatorColor } from '../team/layers.ts';
import type { OffsetMap } from './offsets.ts';

/** How an annotation is drawn: its ranges as positions, its label's colour and name. */
export function toPainted(a: Pick<Annotation, 'id' | 'ranges' | 'labelId'> & { annotator?: string }, labels: ReadonlyMap<string, Label>, map: OffsetMap, dashed = false): PaintedAnnotation {
  const label = labels.get(a.labelId);
  // Plain loops and one object literal: a document opens with all its annotations painted at once.
  const ranges: { from: number; to: number }[] = [];
  for (const r of a.ranges) {
    const from = map.toPos(r.start, 1);
    const to = map.toPos(r.end, -1);
    if (to > from) ranges.push({ from, to });
  }
  const painted: PaintedAnnotation = {
    id: a.id,
    ranges,
    color: label?.color ?? '#999999',
    label: label?.name ?? 'Unknown label',
    labelId: a.labelId,
    dashed,
  };
  if (a.annotator) {
    painted.annotator = a.annotator;
    painted.marker = annotatorColor(a.annotator);
  }
  return painted;
}

/** Shrinks a selection so it neither starts nor ends with white space. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * A document's annotations for the view's first state, staged (see
 * StagedAnnotations): those that may start in the first window converted
 * now, the others when the view first asks for all of them.
 */
export function stagePainted<A extends Pick<Annotation, 'ranges'>>(annotations: readonly A[], paint: (a: A) => PaintedAnnotation, map: OffsetMap): StagedAnnotations {
  // Offsets grow with positions; the margin covers the text between blocks, which positions skip.
  const limit = map.toOffset(INITIAL_WINDOW) + 1;
  const painted: (PaintedAnnotation | undefined)[] = new Array(annotations.length);
  const nearStart: PaintedAnnotation[] = [];
  for (let i = 0; i < annotations.length; i++) {
    const rs = annotations[i]!.ranges;
    let start = Infinity;
    for (let r = 0; r < rs.length; r++) if (rs[r]!.start < start) start = rs[r]!.start;
    if (start <= limit) nearStart.push((painted[i] = paint(annotations[i]!)));
  }
  let all: PaintedAnnotation[] | null = null;
  return {
    nearStart,
    all: () => (all ??= annotations.map((a, i) => painted[i] ?? paint(a))),
  };
}
