import { useEffect, useState } from 'react';
import type { EntityMention, EntitySummary, Label } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { routeHash } from '../app/route.ts';
import { InlineText } from '../tagset/InlineText.tsx';
import type { ChangeContext } from '../tagset/saveChange.ts';
import { updateEntity } from './entityChanges.ts';
import { Propagation } from './Propagation.tsx';

interface Props {
  entityId: string;
  labels: Label[];
  /** Changes whenever something was saved, to reload. */
  version: number;
  ctx: ChangeContext;
  /** Each document's distinct title (same titles told apart), by id. */
  titles: ReadonlyMap<string, string>;
  onClose(): void;
}

interface Group {
  documentId: string;
  title: string;
  mentions: EntityMention[];
}

/** One entity: its description, every mention across the corpus by document, and propagation. */
export function EntityDetail({ entityId, labels, version, ctx, titles, onClose }: Props) {
  const [summary, setSummary] = useState<EntitySummary | null>(null);
  const [mentions, setMentions] = useState<EntityMention[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([api.entities.get({ id: entityId }), api.entities.mentions({ entityId })]).then(
      ([s, m]) => {
        if (!live) return;
        setSummary(s);
        setMentions(m);
        setError(null);
      },
      (err) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [entityId, version]);

  const groups: Group[] = [];
  for (const m of mentions) {
    const last = groups[groups.length - 1];
    if (last?.documentId === m.document.id) last.mentions.push(m);
    else groups.push({ documentId: m.document.id, title: titles.get(m.document.id) ?? m.document.title, mentions: [m] });
  }
  const labelName = new Map(labels.map((l) => [l.id, l.name]));
  const entity = summary?.entity;

  return (
    <aside className="gl-detail" aria-label={entity ? `Entity ${entity.name}` : 'Entity'}>
      <div className="gl-detail-head">
        <h2>{entity?.name ?? '…'}</h2>
        <button type="button" className="gl-icon-button" aria-label="Close entity details" onClick={onClose}>
          ×
        </button>
      </div>
      {error ? (
        <p className="gl-field-error" role="alert">
          {error}
        </p>
      ) : !entity || !summary ? (
        <p className="gl-loading">Loading…</p>
      ) : (
        <>
          <p className="gl-muted">
            {[entity.type, entity.aliases.length ? `also ${entity.aliases.join(', ')}` : ''].filter(Boolean).join(' · ') || 'No type or aliases yet.'}
          </p>
          <label className="gl-field">
            Description
            <InlineText
              value={entity.description}
              label={`Description of ${entity.name}`}
              multiline
              placeholder="Who or what this is; notes for other annotators"
              onSave={(description) => updateEntity(ctx, entity, { description }, `edit description of ${entity.name}`)}
            />
          </label>

          <Propagation entity={entity} mentionCount={summary.mentionCount} labels={labels} ctx={ctx} titles={titles} />

          <section className="gl-mentions" aria-labelledby="gl-mentions-heading">
            <h3 id="gl-mentions-heading">
              All mentions <span className="gl-count">{mentions.length}</span>
            </h3>
            {groups.length === 0 && <p className="gl-muted">No mentions linked yet. Find unlinked mentions above, or link them in the reader.</p>}
            {groups.map((g) => (
              <section key={g.documentId} className="gl-mention-group" aria-label={`Mentions in ${g.title}`}>
                <h4>
                  {g.title} <span className="gl-count">{g.mentions.length}</span>
                </h4>
                <ol className="gl-mention-list">
                  {g.mentions.map(({ annotation: a }) => (
                    <li key={a.id}>
                      <a href={routeHash({ view: 'reader', documentId: a.documentId, annotationId: a.id })} className="gl-kwic">
                        <span className="gl-kwic-prefix">{a.prefix}</span>
                        <mark>{a.quote}</mark>
                        <span className="gl-kwic-suffix">{a.suffix}</span>
                      </a>
                      <span className="gl-chip">{labelName.get(a.labelId) ?? '?'}</span>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </section>
        </>
      )}
    </aside>
  );
}
