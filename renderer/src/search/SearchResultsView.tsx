import type { SearchResults } from './SearchPanel.tsx';

interface Props {
  results: SearchResults;
  titles: Map<string, string>;
  /** The collection shown: hits outside it are left out. */
  scope: Set<string> | null;
  query: string;
  onOpen(id: string, query?: string): void;
  onOpenAnnotation(documentId: string, annotationId: string): void;
}

/** Search hits: documents with their snippet, or annotations with label, quote, entity, propositions and note. */
export function SearchResultsView({ results, titles, scope, query, onOpen, onOpenAnnotation }: Props) {
  if (!results) return null;
  if (results.mode === 'documents') {
    const hits = results.hits.filter((h) => !scope || scope.has(h.document.id));
    return (
      <ul className="gl-doc-list" aria-label="Search results">
        {hits.map((h) => {
          const label = titles.get(h.document.id) ?? h.document.title;
          return (
            <li key={h.document.id} className="gl-doc-item">
              <button type="button" className="gl-doc-open" onClick={() => onOpen(h.document.id, query)}>
                <span className="gl-visually-hidden">Open </span>
                <span className="gl-doc-title">{label}</span>
                <span className="gl-doc-meta">{[h.document.metadata.outlet, h.document.metadata.author, h.document.metadata.published?.slice(0, 10), h.document.name].filter(Boolean).join(' · ')}</span>
                <span className="gl-snippet">{renderMarked(h.snippet)}</span>
              </button>
              <span className="gl-doc-count">
                {h.document.annotationCount}
                <span className="gl-visually-hidden"> annotations</span>
              </span>
            </li>
          );
        })}
        {hits.length === 0 && <li className="gl-empty-row">No document matches “{query}”.</li>}
      </ul>
    );
  }
  const { total, hits } = results.result;
  return (
    <div className="gl-ann-results">
      <p className="gl-muted" role="status">
        {total} annotation{total === 1 ? '' : 's'}
        {total > hits.length ? `, the first ${hits.length} shown` : ''}
      </p>
      <ul className="gl-ann-hits" aria-label="Annotation results">
        {hits.map((h) => (
          <li key={h.annotation.id}>
            <button type="button" className="gl-ann-hit" onClick={() => onOpenAnnotation(h.annotation.documentId, h.annotation.id)}>
              <span className="gl-ann-hit-head">
                <span className="gl-ann-hit-label" style={{ ['--swatch' as string]: h.label.color }}>
                  {h.label.name}
                </span>
                <span>in {titles.get(h.document.id) ?? h.document.title}</span>
              </span>
              <span className="gl-ann-hit-quote">“{h.quoteMatch ? markRange(h.annotation.quote, h.quoteMatch.start, h.quoteMatch.end) : h.annotation.quote}”</span>
              {(h.entity || h.propositions.length > 0 || h.annotation.note) && (
                <span className="gl-ann-hit-extra">
                  {[h.entity && `Entity: ${h.entity.name}`, ...h.propositions.map((p) => `${p.stance}: ${p.text}${p.note ? ` (note: ${p.note})` : ''}`), h.annotation.note && `Note: ${h.annotation.note}`]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              )}
            </button>
          </li>
        ))}
        {hits.length === 0 && <li className="gl-empty-row">No annotation matches.</li>}
      </ul>
    </div>
  );
}

function markRange(s: string, start: number, end: number) {
  return (
    <>
      {s.slice(0, start)}
      <mark>{s.slice(start, end)}</mark>
      {s.slice(end)}
    </>
  );
}

/** Snippets mark matches with U+E000 … U+E001 (never in real text), turned into <mark>. */
function renderMarked(s: string) {
  return s.split('\ue000').map((part, i) => {
    if (i === 0) return <span key={i}>{part}</span>;
    const [hit, rest] = part.split('\ue001');
    return (
      <span key={i}>
        <mark>{hit}</mark>
        {rest}
      </span>
    );
  });
}
