import type { CompareResult, ReusedPassage } from '../../../shared/index.ts';

interface Props {
  result: CompareResult;
  onReveal(passage: ReusedPassage): void;
  onHover(passage: ReusedPassage | null): void;
}

/** Passages that appear verbatim or nearly so in two or more documents. */
export function ReusePanel({ result, onReveal, onHover }: Props) {
  const title = (id: string) => result.documents.find((d) => d.id === id)?.title ?? id;
  if (!result.reusedPassages.length) return <p className="gl-hint">No passage is shared verbatim or nearly so between these documents.</p>;
  return (
    <ul className="gl-reuse-list" aria-label="Reused passages">
      {result.reusedPassages.map((p) => (
        <li key={p.id}>
          <button type="button" className="gl-link-button" onClick={() => onReveal(p)} onMouseEnter={() => onHover(p)} onMouseLeave={() => onHover(null)} onFocus={() => onHover(p)} onBlur={() => onHover(null)}>
            {Math.round(p.similarity * 100)}% similar, in {p.occurrences.map((o) => title(o.document)).join(' and ')}
          </button>
          <blockquote>{p.occurrences[0]!.quote.length > 220 ? `${p.occurrences[0]!.quote.slice(0, 220)}…` : p.occurrences[0]!.quote}</blockquote>
        </li>
      ))}
    </ul>
  );
}
