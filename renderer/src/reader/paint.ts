import type { Annotation, Label } from '../../../shared/index.ts';
import type { PaintedAnnotation } from './annotationPlugin.ts';
import { annotatorColor } from '../team/layers.ts';
import type { OffsetMap } from './offsets.ts';

/** How an annotation is drawn: its ranges as positions, its label's colour and name. */
export function toPainted(a: Pick<Annotation, 'id' | 'ranges' | 'labelId'> & { annotator?: string }, labels: ReadonlyMap<string, Label>, map: OffsetMap, dashed = false): PaintedAnnotation {
  const label = labels.get(a.labelId);
  return {
    ...(a.annotator ? { annotator: a.annotator, marker: annotatorColor(a.annotator) } : {}),
    id: a.id,
    ranges: a.ranges.map((r) => map.rangeToPos(r)).filter((r) => r.to > r.from),
    color: label?.color ?? '#999999',
    label: label?.name ?? 'Unknown label',
    labelId: a.labelId,
    dashed,
  };
}

/** Shrinks a selection so it neither starts nor ends with white space. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
