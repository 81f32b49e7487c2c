import { useCallback, useEffect, useState } from 'react';
import type { Label, ReviewItem } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

interface Props {
  documentId: string;
  labels: readonly Label[];
  history?: History;
  /** Changes whenever the document's text or annotations may have changed, to reload the list. */
  revision?: number;
  /** Shows a changed annotation in the text (the reader scrolls to it); absent where there is no text to show. */
  onShow?(annotationId: string): void;
}

/**
 * "Needs review": annotations a new version changed (their text was edited;
 * drawn, to check) or orphaned (their text is gone; kept with their quote,
 * label, links and note, not drawn). A changed one is marked reviewed; both
 * steps are undoable. Made to sit in the reader's side panel.
 */
export function NeedsReview({ documentId, labels, history, revision, onShow }: Props) {
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const reload = useCallback(() => {
    api.versions.review({ documentId }).then(setItems, (err) => notify('error', messageOf(err)));
  }, [documentId]);
  useEffect(reload, [reload, revision]);
  const label = new Map(labels.map((l) => [l.id, l]));

  async function markReviewed(item: ReviewItem) {
    try {
      if (history) await history.record({ description: 'mark reviewed' }, (client) => client.versions.setAnchor({ annotationId: item.annotationId, anchor: 'placed' }));
      else await api.versions.setAnchor({ annotationId: item.annotationId, anchor: 'placed' });
      reload();
    } catch (err) {
      notify('error', messageOf(err));
    }
  }

  if (!items) return null;
  return (
    <section className="gl-review" aria-label="Needs review">
      <h3>Needs review ({items.length})</h3>
      {items.length === 0 ? (
        <p className="gl-muted">Every annotation sits on its text.</p>
      ) : (
        <ul>
          {items.map((item) => {
            const l = label.get(item.labelId);
            const links = [item.links.claims && `${item.links.claims} claim link(s)`, item.links.relations && `${item.links.relations} relation(s)`, item.links.entity && 'entity link']
              .filter(Boolean)
              .join(', ');
            return (
              <li key={item.annotationId} className={`gl-review-item gl-anchor-${item.status}`}>
                <div>
                  <span className="gl-label-chip" style={{ borderColor: l?.color }}>{l?.name ?? 'label'}</span>{' '}
                  <strong className={`gl-anchor-status gl-anchor-${item.status}`}>{item.status}</strong> in version {item.version}
                </div>
                {item.status === 'orphaned' ? (
                  <p>
                    Was “<del>{item.oldQuote}</del>”: its text is gone, so it is not drawn. Kept{links ? ` with its ${links}` : ''}
                    {item.note ? ` and note “${item.note}”` : ''}.
                  </p>
                ) : (
                  <p>
                    “<del>{item.oldQuote}</del>” is now “<ins>{item.quote}</ins>”{links ? ` (${links})` : ''}.
                  </p>
                )}
                <div className="gl-review-actions">
                  {item.status === 'changed' && onShow && (
                    <button type="button" onClick={() => onShow(item.annotationId)} aria-label={`Show “${item.quote}” in the text`}>
                      Show
                    </button>
                  )}
                  {item.status === 'changed' && (
                    <button type="button" onClick={() => void markReviewed(item)} aria-label={`Mark “${item.quote}” reviewed`}>
                      Mark reviewed
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
