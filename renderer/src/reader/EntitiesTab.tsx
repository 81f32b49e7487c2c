import { useMemo } from 'react';
import type { Annotation, Entity } from '../../../shared/index.ts';

interface Props {
  annotations: Annotation[];
  entityByAnnotation: Map<string, string>;
  entities: Map<string, Entity>;
  onActivate(annotationId: string): void;
  onOpenEntity(entityId: string): void;
}

/** The document's entities with their mention counts; each mention is one click away. */
export function EntitiesTab({ annotations, entityByAnnotation, entities, onActivate, onOpenEntity }: Props) {
  const groups = useMemo(() => {
    const byEntity = new Map<string, Annotation[]>();
    for (const a of annotations) {
      const id = entityByAnnotation.get(a.id);
      if (!id) continue;
      byEntity.set(id, [...(byEntity.get(id) ?? []), a]);
    }
    return [...byEntity.entries()].map(([id, list]) => ({ entity: entities.get(id), id, list })).sort((a, b) => b.list.length - a.list.length);
  }, [annotations, entityByAnnotation, entities]);
  if (!groups.length) return <p className="gl-hint">No mention in this document is linked to an entity yet. Click a highlight and link it under “Entity”.</p>;
  return (
    <ul className="gl-entity-list" aria-label="Entities in this document">
      {groups.map((g) => (
        <li key={g.id}>
          <div className="gl-row">
            <button type="button" className="gl-link-button gl-entity-name" onClick={() => onOpenEntity(g.id)} aria-label={`All mentions of ${g.entity?.name ?? 'entity'} in the corpus`}>
              {g.entity?.name ?? 'Unknown entity'}
            </button>
            <span className="gl-count">
              {g.list.length}
              <span className="gl-visually-hidden"> mentions here</span>
            </span>
          </div>
          <div className="gl-mention-chips">
            {g.list.map((a, i) => (
              <button key={a.id} type="button" className="gl-chip-button" onClick={() => onActivate(a.id)} aria-label={`Mention ${i + 1} of ${g.entity?.name ?? 'entity'}: ${a.quote}`}>
                {a.quote.length > 24 ? `${a.quote.slice(0, 24)}…` : a.quote}
              </button>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
