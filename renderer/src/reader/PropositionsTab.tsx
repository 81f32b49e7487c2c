import { useState } from 'react';
import type { ClaimLink, DocumentStance, StanceSet } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { Combobox } from '../common/Combobox.tsx';
import type { History } from '../undo/history.ts';

interface Props {
  documentId: string;
  claims: ClaimLink[];
  documentStances: DocumentStance[];
  stances: StanceSet;
  history: History;
  reload(): Promise<void>;
  onActivate(annotationId: string): void;
}

/** What this document says about each proposition: its claims, and its own stance without a span. */
export function PropositionsTab({ documentId, claims, documentStances, stances, history, reload, onActivate }: Props) {
  const [newStance, setNewStance] = useState(stances.defaultValue);
  const ids = [...new Set([...claims.map((c) => c.propositionId), ...documentStances.map((s) => s.propositionId)])];
  const textOf = (id: string) => claims.find((c) => c.propositionId === id)?.propositionText ?? documentStances.find((s) => s.propositionId === id)?.propositionText ?? '';

  const setDocumentStance = async (ref: { propositionId: string } | { propositionText: string }, stance: string, justification = '') => {
    try {
      await history.record({ description: `document stance ${stance}` }, (client) => client.stances.setDocument({ documentId, ...ref, stance, justification }));
      await reload();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  const clear = async (s: DocumentStance) => {
    try {
      await history.record({ description: 'clear document stance' }, (client) => client.stances.clearDocument({ documentId, propositionId: s.propositionId }));
      await reload();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  return (
    <div className="gl-props-tab">
      {ids.length === 0 && <p className="gl-hint">No claims or stances yet. Tag a passage as a Claim and link it to a proposition, or give the document a stance below.</p>}
      <ul className="gl-prop-list" aria-label="Propositions in this document">
        {ids.map((id) => {
          const docStance = documentStances.find((s) => s.propositionId === id);
          const mine = claims.filter((c) => c.propositionId === id);
          return (
            <li key={id} className="gl-prop-item">
              <div className="gl-claim-prop">{textOf(id)}</div>
              {mine.map((c) => (
                <button key={c.id} type="button" className="gl-chip-button" onClick={() => onActivate(c.annotationId)} aria-label={`${c.stance} claim: go to passage`}>
                  <span className={`gl-stance-badge gl-stance-${c.stance}`}>{c.stance}</span> claim
                </button>
              ))}
              <div className="gl-row">
                <label className="gl-field-inline">
                  Document stance
                  <select
                    value={docStance?.stance ?? ''}
                    onChange={(e) => (e.target.value ? void setDocumentStance({ propositionId: id }, e.target.value, docStance?.justification ?? '') : docStance && void clear(docStance))}
                  >
                    <option value="">— none —</option>
                    {stances.values.map((v) => (
                      <option key={v} value={v}>
                        {v}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {docStance && (
                <label className="gl-field">
                  Justification
                  <input
                    type="text"
                    defaultValue={docStance.justification}
                    key={`${docStance.id}:${docStance.justification}`}
                    onBlur={(e) => e.target.value !== docStance.justification && void setDocumentStance({ propositionId: id }, docStance.stance, e.target.value)}
                  />
                </label>
              )}
            </li>
          );
        })}
      </ul>
      <div className="gl-editor-section" role="group" aria-label="Add a document stance">
        <h2 className="gl-subheading">Document stance toward…</h2>
        <label className="gl-field-inline">
          Stance
          <select value={newStance} onChange={(e) => setNewStance(e.target.value)} aria-label="Stance for the new document stance">
            {stances.values.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <Combobox
          label="Proposition for a document stance"
          placeholder="Search or type a proposition…"
          search={async (q) => (await api.propositions.search({ query: q, limit: 8 })).map((h) => ({ id: h.proposition.id, label: h.proposition.text }))}
          onPick={(o) => void setDocumentStance({ propositionId: o.id }, newStance)}
          onCreate={(text) => void setDocumentStance({ propositionText: text }, newStance)}
        />
      </div>
    </div>
  );
}
