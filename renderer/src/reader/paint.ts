import type { Annotation, Label } from '../../../shared/index.ts';
import type { PaintedAnnotation } from './annotationPlugin.ts';
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
