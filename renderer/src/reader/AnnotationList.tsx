import { useState } from 'react';
import type { Annotation, Label } from '../../../shared/index.ts';
import { sentenceAround } from './context.ts';

interface Props {
  annotations: Annotation[];
  labels: ReadonlyMap<string, Label>;
  /** The document's text, for each row's sentence. */
  text: string;
  selected: string | null;
  onActivate(id: string): void;
}

/**
 * The side panel: the document's annotations in text order, filterable by
 * label and by annotator, each with the sentence it sits in; activating one
 * scrolls to it and opens its editor.
 */
export function AnnotationList({ annotations, labels, text, selected, onActivate }: Props) {
  const [labelId, setLabelId] = useState('');
  const [annotator, setAnnotator] = useState('');
  const annotators = [...new Set(annotations.map((a) => a.annotator))].sort();
  const used = [...new Set(annotations.map((a) => a.labelId))].map((id) => labels.get(id)).filter((l) => l !== undefined);
  const shown = annotations.filter((a) => (!labelId || a.labelId === labelId) && (!annotator || a.annotator === annotator));
  return (
    <section className="gl-side-panel" aria-label="Annotations">
      {annotations.length === 0 ? (
        <p className="gl-hint">Select text, then press a label's number key (1–9) or pick a label from the popup.</p>
      ) : (
        <>
          <div className="gl-list-filters">
            <label>
              Label{' '}
              <select value={labelId} onChange={(e) => setLabelId(e.target.value)}>
                <option value="">All</option>
                {used.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            {annotators.length > 1 && (
              <label>
                Annotator{' '}
                <select value={annotator} onChange={(e) => setAnnotator(e.target.value)}>
                  <option value="">All</option>
                  {annotators.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {shown.length !== annotations.length && <span className="gl-muted">{shown.length} shown</span>}
          </div>
          <ul className="gl-annotation-list">
            {shown.map((a) => {
              const label = labels.get(a.labelId);
              const r = a.ranges[0]!;
              const ctx = sentenceAround(text, r.start, r.end, 140);
              return (
                <li key={a.id}>
                  <button
                    type="button"
                    className={`gl-annotation-item${a.id === selected ? ' gl-current' : ''}`}
                    aria-current={a.id === selected ? 'true' : undefined}
                    onClick={() => onActivate(a.id)}
                    aria-describedby={ctx.before || ctx.after ? `ctx-${a.id}` : undefined}
                    style={{ ['--hl' as string]: label?.color ?? '#999' }}
                  >
                    <span className="gl-chip">{label?.name ?? '?'}</span>
                    <span className="gl-annotation-quote" dir="auto">{a.quote}</span>
                    {a.note && <span className="gl-annotation-note">{a.note}</span>}
                  </button>
                  {(ctx.before || ctx.after) && (
                    // A description, not part of the name: the row is named by label and quote.
                    <span className="gl-annotation-context" dir="auto" id={`ctx-${a.id}`} onClick={() => onActivate(a.id)}>
                      {ctx.before}
                      <b>{ctx.quote.length > 60 ? `${ctx.quote.slice(0, 60)}…` : ctx.quote}</b>
                      {ctx.after}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
