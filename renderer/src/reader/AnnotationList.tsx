import type { Annotation, Label } from '../../../shared/index.ts';

interface Props {
  annotations: Annotation[];
  labels: ReadonlyMap<string, Label>;
  selected: string | null;
  onActivate(id: string): void;
}

/** The side panel: the document's annotations in text order; activating one scrolls to it. */
export function AnnotationList({ annotations, labels, selected, onActivate }: Props) {
  return (
    <section className="gl-side-panel" aria-label="Annotations">
      {annotations.length === 0 ? (
        <p className="gl-hint">Select text, then press a label's number key (1–9) or pick a label from the popup.</p>
      ) : (
        <ul className="gl-annotation-list">
          {annotations.map((a) => {
            const label = labels.get(a.labelId);
            return (
              <li key={a.id}>
                <button
                  type="button"
                  className={`gl-annotation-item${a.id === selected ? ' gl-current' : ''}`}
                  aria-current={a.id === selected ? 'true' : undefined}
                  onClick={() => onActivate(a.id)}
                  style={{ ['--hl' as string]: label?.color ?? '#999' }}
                >
                  <span className="gl-chip">{label?.name ?? '?'}</span>
                  <span className="gl-annotation-quote">{a.quote}</span>
                  {a.note && <span className="gl-annotation-note">{a.note}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
