import { useEffect, useState } from 'react';
import type { Annotation, PropagationCandidate } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { useDocumentTitles } from '../app/documentTitles.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { Modal } from '../common/Modal.tsx';
import type { History } from '../undo/history.ts';

interface Props {
  annotationId: string;
  documentId: string;
  history: History;
  /** Annotations created in the open document, to paint at once. */
  onCreated(created: Annotation[]): void;
  reload(): Promise<void>;
  onClose(): void;
  /** Focus goes here on close when the control that opened the dialog is gone. */
  onFocusLost?(): void;
}

/**
 * After a mention is linked to an entity: the other places where its name or
 * an alias occurs, in this document or the whole corpus, to tag all or some.
 */
export function PropagationDialog({ annotationId, documentId, history, onCreated, reload, onClose, onFocusLost }: Props) {
  const [scope, setScope] = useState<'document' | 'corpus'>('document');
  const { titles } = useDocumentTitles();
  const [result, setResult] = useState<{ entityId: string; labelId: string; candidates: PropagationCandidate[] } | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());

  useEffect(() => {
    let live = true;
    setResult(null);
    api.entities.propagationCandidates({ annotationId, scope }).then(
      (r) => {
        if (!live) return;
        setResult(r);
        setChosen(new Set(r.candidates.map((_, i) => i)));
      },
      (err) => notify('error', messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [annotationId, scope]);

  const accept = async () => {
    if (!result) return;
    const candidates = result.candidates
      .filter((_, i) => chosen.has(i))
      .map((c) => ({ documentId: c.document.id, start: c.start, end: c.end, annotationId: c.annotationId }));
    if (!candidates.length) return onClose();
    try {
      const done = await history.record(
        (r: { created: unknown[]; linked: unknown[] }) => ({ description: `tag ${r.created.length + r.linked.length} mentions` }),
        (client) => client.entities.propagate({ entityId: result.entityId, labelId: result.labelId, candidates }),
      );
      onCreated(done.created.filter((a) => a.documentId === documentId));
      notify('info', `Tagged ${done.created.length + done.linked.length} mention(s)${done.skipped ? `, ${done.skipped} already tagged` : ''}.`);
      await reload();
      onClose();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  const all = result?.candidates ?? [];
  return (
    <Modal title="Tag other mentions" onClose={onClose} fallbackFocus={onFocusLost}>
        <fieldset className="gl-row">
          <legend className="gl-visually-hidden">Where to look</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'document'} onChange={() => setScope('document')} /> This document
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'corpus'} onChange={() => setScope('corpus')} /> All documents
          </label>
        </fieldset>
        {!result ? (
          <p>Looking…</p>
        ) : all.length === 0 ? (
          <p>No other untagged mentions {scope === 'document' ? 'in this document' : 'in the corpus'}.</p>
        ) : (
          <>
            <div className="gl-row">
              <button type="button" onClick={() => setChosen(new Set(all.map((_, i) => i)))}>Select all</button>
              <button type="button" onClick={() => setChosen(new Set())}>Select none</button>
              <span className="gl-muted">{chosen.size} of {all.length} selected</span>
            </div>
            <ul className="gl-candidate-list" aria-label="Mentions found">
              {all.map((c, i) => (
                <li key={`${c.document.id}:${c.start}`}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.has(i)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(i);
                        else next.delete(i);
                        setChosen(next);
                      }}
                    />
                    <span className="gl-context">
                      …{c.prefix}
                      <mark>{c.text}</mark>
                      {c.suffix}…
                    </span>
                    {scope === 'corpus' && <span className="gl-muted gl-candidate-doc">{titles.get(c.document.id) ?? c.document.title}</span>}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="gl-row gl-modal-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="gl-primary" disabled={!result || chosen.size === 0} onClick={() => void accept()}>
            Tag {chosen.size} selected
          </button>
        </div>
    </Modal>
  );
}
