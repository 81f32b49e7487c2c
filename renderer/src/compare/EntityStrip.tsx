import type { CompareEntity, CompareResult } from '../../../shared/index.ts';

interface Props {
  result: CompareResult;
  onHover(entity: CompareEntity | null): void;
}

/** Entities the documents share, and those only one of them mentions; hovering highlights the mentions in every column. */
export function EntityStrip({ result, onHover }: Props) {
  const title = (id: string) => result.documents.find((d) => d.id === id)?.title ?? id;
  const chip = (e: CompareEntity) => (
    <button
      key={e.id}
      type="button"
      className="gl-chip-button gl-entity-chip"
      onMouseEnter={() => onHover(e)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(e)}
      onBlur={() => onHover(null)}
      aria-label={`${e.name}: ${e.documents.map((d) => `${d.count} in ${title(d.document)}`).join(', ')}`}
    >
      {e.name} <span className="gl-muted">{e.documents.map((d) => d.count).join(' · ')}</span>
    </button>
  );
  return (
    <div className="gl-entity-strip">
      <div role="group" aria-label="Shared entities">
        <strong>Shared</strong> {result.entities.shared.length ? result.entities.shared.map(chip) : <span className="gl-muted">none yet</span>}
      </div>
      {result.entities.unique.map((u) =>
        u.entities.length ? (
          <div key={u.document} role="group" aria-label={`Only in ${title(u.document)}`}>
            <strong>Only in {title(u.document)}</strong> {u.entities.map(chip)}
          </div>
        ) : null,
      )}
    </div>
  );
}
