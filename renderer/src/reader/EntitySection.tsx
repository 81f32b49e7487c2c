import type { Annotation, Entity } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { Combobox } from '../common/Combobox.tsx';
import type { History } from '../undo/history.ts';

interface Props {
  annotation: Annotation;
  entity: Entity | undefined;
  history: History;
  /** Refreshes the research data after a change. */
  reload(): Promise<void>;
  /** Opens the propagation preview for this mention. */
  onPropagate(annotationId: string): void;
}

/** Links an entity mention to a canonical entity: fuzzy search, create in place, unlink. */
export function EntitySection({ annotation, entity, history, reload, onPropagate }: Props) {
  const link = async (entityId: string | null, description: string, thenPropagate: boolean) => {
    try {
      await history.record({ description }, (client) => client.entities.link({ links: [{ annotationId: annotation.id, entityId }] }));
      await reload();
      if (thenPropagate && entityId) onPropagate(annotation.id);
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  const create = async (name: string) => {
    try {
      await history.record({ description: `create entity ${name}` }, (client) => client.entities.create({ name, annotationId: annotation.id }));
      await reload();
      onPropagate(annotation.id);
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  return (
    <section className="gl-editor-section" aria-label="Entity">
      <h2>Entity</h2>
      {entity ? (
        <div className="gl-entity-card">
          <div>
            <strong>{entity.name}</strong>
            {entity.type && <span className="gl-muted"> · {entity.type}</span>}
            {entity.externalId && <span className="gl-muted"> · {entity.externalId}</span>}
            {entity.aliases.length > 0 && <div className="gl-muted">also: {entity.aliases.join(', ')}</div>}
          </div>
          <div className="gl-row">
            <button type="button" onClick={() => onPropagate(annotation.id)}>
              Tag other mentions…
            </button>
            <button type="button" onClick={() => void link(null, 'unlink entity', false)}>
              Unlink
            </button>
          </div>
        </div>
      ) : (
        <Combobox
          label="Link to entity"
          placeholder="Search entities or type a new name…"
          search={async (q) =>
            (await api.entities.search({ query: q || annotation.quote, limit: 8 })).map((h) => ({
              id: h.entity.entity.id,
              label: h.entity.entity.name,
              detail: [h.entity.entity.type, h.matched !== h.entity.entity.name ? `“${h.matched}”` : '', `${h.entity.mentionCount} mentions`].filter(Boolean).join(' · '),
            }))
          }
          onPick={(o) => void link(o.id, `link to ${o.label}`, true)}
          onCreate={(text) => void create(text)}
        />
      )}
    </section>
  );
}
