import { useEffect, useState, type RefObject } from 'react';
import type { Annotation, Label, Suggestion } from '../../../shared/index.ts';
import { SUGGESTION_PREFIX } from './plugins/suggestionPlugin.ts';
import type { ResearchData } from './useResearch.ts';

interface Props {
  /** The reader calls this with the annotations under the caret whenever the caret settles. */
  reportRef: RefObject<((ids: readonly string[]) => void) | null>;
  annotations: ReadonlyMap<string, Annotation>;
  labels: ReadonlyMap<string, Label>;
  research: ResearchData;
  /** The suggestions shown, so one under the caret is said with the keys that review it. */
  suggestions: readonly Suggestion[];
}

/**
 * Says what the caret is in, for screen readers: highlights are colour only,
 * so moving the caret into "Gabriel Boric" announces "Person: Gabriel Boric"
 * (with its entity, and a claim's stances and propositions). A polite live
 * region, spoken only when the set of annotations changes. The state lives
 * here, not in the reader, so a caret move re-renders this line only.
 */
export function CaretAnnouncer({ reportRef, annotations, labels, research, suggestions }: Props) {
  const ids = useCaretIds(reportRef);

  const suggested = ids.flatMap((id) => {
    const s = id.startsWith(SUGGESTION_PREFIX) ? suggestions.find((x) => SUGGESTION_PREFIX + x.id === id) : undefined;
    return s ? [`suggested ${s.labelName}: ${s.quote.slice(0, 80)} (${Math.round(s.confidence * 100)}%); Enter accepts, Backspace rejects`] : [];
  });
  const parts = ids.flatMap((id) => {
    const a = annotations.get(id);
    if (!a) return [];
    const entity = research.entities.get(research.entityByAnnotation.get(id) ?? '');
    const claims = research.claims.filter((c) => c.annotationId === id).map((c) => `${c.stance} on “${c.propositionText}”`);
    return [caretPart(a, labels, [entity && `entity ${entity.name}`, ...claims])];
  });
  return (
    <p className="gl-visually-hidden" role="status" aria-live="polite" data-testid="caret-annotations">
      {/* With a suggestion under the caret, Enter and Backspace review it (suggestionPlugin goes first). */}
      {[parts.length ? `In ${parts.join('; ')}.${suggested.length ? '' : ' Enter edits.'}` : '', suggested.length ? `${suggested.join('. ')}.` : ''].filter(Boolean).join(' ')}
    </p>
  );
}

/**
 * The annotation ids the caret is in, as last reported through `reportRef`
 * (the same array while the set is unchanged, so nothing is said again).
 */
export function useCaretIds(reportRef: RefObject<((ids: readonly string[]) => void) | null>): readonly string[] {
  const [ids, setIds] = useState<readonly string[]>([]);
  useEffect(() => {
    reportRef.current = (next) => setIds((prev) => (prev.length === next.length && prev.every((id, i) => id === next[i]) ? prev : [...next]));
    return () => {
      reportRef.current = null;
    };
  }, [reportRef]);
  return ids;
}

/** One annotation as said under the caret: "Person: Gabriel Boric", then what else is known of it (`details`, empty ones left out). */
export function caretPart(a: Annotation, labels: ReadonlyMap<string, Label>, details: readonly (string | false | undefined | null)[]): string {
  const quote = a.quote.length > 80 ? `${a.quote.slice(0, 80)}…` : a.quote;
  return [`${labels.get(a.labelId)?.name ?? 'Annotation'}: ${quote}`, ...details].filter(Boolean).join(', ');
}
