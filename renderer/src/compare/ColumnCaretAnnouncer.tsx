import type { RefObject } from 'react';
import type { Annotation, Label } from '../../../shared/index.ts';
import { caretPart, useCaretIds } from '../reader/CaretAnnouncer.tsx';

interface Props {
  /** The column calls this with the annotations under the caret (innermost first) whenever the caret moves. */
  reportRef: RefObject<((ids: readonly string[]) => void) | null>;
  annotations: ReadonlyMap<string, Annotation>;
  labels: ReadonlyMap<string, Label>;
  /** A claim's links as words ("against on “…”"), from the comparison. */
  claimsOf(annotationId: string): readonly string[];
}

/**
 * Says what the caret is in within a compare column, for screen readers (as
 * the reader's CaretAnnouncer does): "In Claim: …, against on “…”. Enter
 * shows similar passages." A polite live region, spoken only when the set of
 * annotations under the caret changes.
 */
export function ColumnCaretAnnouncer({ reportRef, annotations, labels, claimsOf }: Props) {
  const ids = useCaretIds(reportRef);
  const claim = ids.some((id) => labels.get(annotations.get(id)?.labelId ?? '')?.kind === 'claim');
  const parts = ids.flatMap((id) => {
    const a = annotations.get(id);
    return a ? [caretPart(a, labels, claimsOf(id))] : [];
  });
  return (
    <p className="gl-visually-hidden" role="status" aria-live="polite" data-testid="column-caret-annotations">
      {parts.length ? `In ${parts.join('; ')}.${claim ? ' Enter shows similar passages.' : ''}` : ''}
    </p>
  );
}
