import { createRef, forwardRef, useImperativeHandle, useMemo, type RefObject } from 'react';
import type { Annotation, Document, Label } from '../../../shared/index.ts';
import { CompareColumn, type ColumnHandle } from '../compare/CompareColumn.tsx';
import type { CurationItem } from './candidates.ts';
import '../compare/compare.css';

export interface CurationColumnsHandle {
  /** Scrolls every column to the item and flashes each column's own version of it. */
  reveal(item: CurationItem): void;
}

interface Props {
  document: Document;
  annotations: Annotation[];
  /** The annotators, one column each, in order; the curated column comes last. */
  annotators: string[];
  curation: string;
  labels: ReadonlyMap<string, Label>;
}

/** The column's accessible name and heading. */
export const columnName = (annotator: string, curation: string) => (annotator === curation ? 'Curated' : `${annotator}'s annotations`);

const NO_PASSAGES: never[] = [];

/**
 * The compare view's columns for curation: one read-only reader per annotator
 * with only that annotator's highlights, and the curated layer's, side by side.
 */
export const CurationColumns = forwardRef<CurationColumnsHandle, Props>(function CurationColumns({ document, annotations, annotators, curation, labels }, ref) {
  const who = useMemo(() => [...annotators, curation], [annotators, curation]);
  const columns = useMemo(() => new Map(who.map((a) => [a, createRef<ColumnHandle>()])), [who]);
  // One list per column, kept stable while its annotations are unchanged, so columns repaint only when theirs change.
  const byAnnotator = useMemo(() => new Map(who.map((a) => [a, annotations.filter((x) => x.annotator === a)])), [who, annotations]);

  useImperativeHandle(ref, () => ({
    reveal(item: CurationItem) {
      const start = Math.min(...item.candidates.map((c) => c.start));
      const end = Math.max(...item.candidates.map((c) => c.end));
      for (const a of who) {
        const own =
          item.candidates.flatMap((c) => c.annotations).find((x) => x.annotator === a) ??
          // The curated layer (or an annotator's span outside the item's versions) overlapping the item.
          byAnnotator.get(a)?.find((x) => x.ranges[0]!.start < end && x.ranges[x.ranges.length - 1]!.end > start);
        const column = columns.get(a)?.current;
        if (own) column?.reveal(own.id);
        else column?.scrollToOffset(start);
      }
    },
  }));

  return (
    // Focusable, so many columns scroll sideways from the keyboard too.
    <div className="gl-curation-columns" role="region" aria-label="Annotators' and curated columns" tabIndex={0}>
      {who.map((a) => (
        <CompareColumn
          key={a}
          ref={columns.get(a) as RefObject<ColumnHandle>}
          name={columnName(a, curation)}
          document={document}
          annotations={byAnnotator.get(a) ?? []}
          labels={labels}
          passages={NO_PASSAGES}
          onAnnotationClick={() => undefined}
        />
      ))}
    </div>
  );
});
