import { useState } from 'react';
import type { Annotation, Label, Relation, RelationType } from '../../../shared/index.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { sentenceAround } from './context.ts';

/** A short sentence context for a candidate target, so twelve "Location: Pakistan" can be told apart. */
function contextOf(text: string, a: Annotation): string {
  const r = a.ranges[0]!;
  const c = sentenceAround(text, r.start, r.end, 70);
  return `${c.before}[${c.quote.length > 30 ? `${c.quote.slice(0, 30)}…` : c.quote}]${c.after}`.replace(/\s+/g, ' ');
}

interface Props {
  annotation: Annotation;
  relations: Relation[];
  relationTypes: RelationType[];
  /** The document's annotations, to pick the other end from. */
  annotations: Annotation[];
  labels: ReadonlyMap<string, Label>;
  history: History;
  reload(): Promise<void>;
  onSelect(id: string): void;
  /** The document's text: each candidate target is shown with its sentence. */
  text?: string;
}

/** Typed, directed relations from and to the annotation; add one from the keyboard. */
export function RelationSection({ annotation, relations, relationTypes, annotations, labels, history, reload, onSelect, text }: Props) {
  const [typeId, setTypeId] = useState('');
  const [targetId, setTargetId] = useState('');
  const [incoming, setIncoming] = useState(false);
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const typeById = new Map(relationTypes.map((t) => [t.id, t]));
  const mine = relations.filter((r) => r.fromAnnotationId === annotation.id || r.toAnnotationId === annotation.id);
  const describe = (id: string) => {
    const a = byId.get(id);
    return a ? `${labels.get(a.labelId)?.name ?? '?'}: ${a.quote.slice(0, 50)}` : 'an annotation in another document';
  };

  const create = async () => {
    const type = typeId || relationTypes[0]?.id;
    if (!type || !targetId) return;
    const ends = incoming ? { fromAnnotationId: targetId, toAnnotationId: annotation.id } : { fromAnnotationId: annotation.id, toAnnotationId: targetId };
    try {
      await history.record({ description: `relate ${typeById.get(type)?.name ?? ''}` }, (client) => client.relations.create({ typeId: type, ...ends }));
      setTargetId('');
      await reload();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  const remove = async (r: Relation) => {
    try {
      await history.record({ description: 'delete relation' }, (client) => client.relations.delete({ id: r.id }));
      await reload();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  return (
    <section className="gl-editor-section" aria-label="Relations">
      <h2>Relations</h2>
      {mine.length > 0 && (
        <ul className="gl-relation-list">
          {mine.map((r) => {
            const t = typeById.get(r.typeId);
            const out = r.fromAnnotationId === annotation.id;
            const other = out ? r.toAnnotationId : r.fromAnnotationId;
            return (
              <li key={r.id} style={{ ['--hl' as string]: t?.color ?? '#999' }}>
                <span className="gl-relation-type">{out ? `${t?.name ?? '?'} →` : `← ${t?.name ?? '?'}`}</span>
                <button type="button" className="gl-link-button" onClick={() => onSelect(other)}>
                  {describe(other)}
                </button>
                <button type="button" className="gl-icon-button" aria-label={`Delete relation ${t?.name ?? ''} ${describe(other)}`} onClick={() => void remove(r)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="gl-relation-add" role="group" aria-label="Add relation">
        <select aria-label="Relation type" value={typeId || relationTypes[0]?.id || ''} onChange={(e) => setTypeId(e.target.value)}>
          {relationTypes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <select aria-label="Direction" value={incoming ? 'in' : 'out'} onChange={(e) => setIncoming(e.target.value === 'in')}>
          <option value="out">this → other</option>
          <option value="in">other → this</option>
        </select>
        <select aria-label="Other annotation" value={targetId} onChange={(e) => setTargetId(e.target.value)}>
          <option value="">Choose the other annotation…</option>
          {annotations
            .filter((a) => a.id !== annotation.id)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {describe(a.id)}
                {text ? ` — ${contextOf(text, a)}` : ''}
              </option>
            ))}
        </select>
        <button type="button" disabled={!targetId} onClick={() => void create()}>
          Add relation
        </button>
      </div>
      <p className="gl-hint">Or Alt+drag from one highlight to another.</p>
    </section>
  );
}
