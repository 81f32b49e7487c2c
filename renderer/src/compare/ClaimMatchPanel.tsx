import { useEffect, useRef, useState } from 'react';
import type { Annotation, ClaimMatch, CompareResult, RelationType, StanceSet } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

interface Props {
  claim: Annotation;
  result: CompareResult;
  stances: StanceSet;
  claimLabelId: string | null;
  history: History;
  /** Opened from the keyboard (Enter on a claim): focus moves into the panel, and Escape closes it. */
  takeFocus?: boolean;
  /** After a link: reload the comparison and the columns. */
  onChanged(): Promise<void>;
  onReveal(documentId: string, start: number, end: number): void;
  onClose(): void;
}

/**
 * For a claim in one document: the most similar passages in the others.
 * On a focused candidate, a stance's number key (1, 2, 3…) tags it as a claim
 * on the same proposition with that stance, in one step.
 */
export function ClaimMatchPanel({ claim, result, stances, claimLabelId, history, takeFocus = false, onChanged, onReveal, onClose }: Props) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeFocus) panel.current?.focus();
  }, [takeFocus]);
  const [match, setMatch] = useState<ClaimMatch | null>(null);
  const [propositionId, setPropositionId] = useState<string | null>(null);
  const [relationTypes, setRelationTypes] = useState<RelationType[]>([]);
  useEffect(() => {
    let live = true;
    api.relationTypes.list({}).then(
      (list) => live && setRelationTypes(list),
      (err) => notify('error', messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, []);
  const title = (id: string) => result.documents.find((d) => d.id === id)?.title ?? id;

  useEffect(() => {
    let live = true;
    setMatch(null);
    api.compare.matchClaim({ annotationId: claim.id, documentIds: result.documents.map((d) => d.id), limit: 3 }).then(
      (m) => {
        if (!live) return;
        setMatch(m);
        setPropositionId(m.propositionIds[0] ?? null);
      },
      (err) => notify('error', messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [claim.id, result.documents]);

  const propositions = result.propositions.filter((p) => match?.propositionIds.includes(p.id));

  const link = async (candidate: ClaimMatch['candidates'][number], stance: string) => {
    if (!propositionId) return notify('error', 'Link this claim to a proposition first (in the reader), then match it.');
    try {
      // Tagging the passage (when it is not an annotation yet) and linking it are one undo step.
      await history.record({ description: `link matching claim (${stance})` }, async (client) => {
        let annotationId = candidate.annotationIds[0] ?? null;
        if (!annotationId) {
          if (!claimLabelId) throw new Error('The tagset has no claim label.');
          annotationId = (await client.annotations.create({ documentId: candidate.document, ranges: [{ start: candidate.start, end: candidate.end }], labelId: claimLabelId })).id;
        }
        await client.claims.link({ annotationId, propositionId, stance });
      });
      notify('info', `Linked as ${stance} in ${title(candidate.document)}.`);
      await onChanged();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  /**
   * A relation across documents, from this claim to a passage of another
   * column (tagged as a claim first when it is not an annotation yet), e.g.
   * Contradicts; undone in one step.
   */
  const relate = async (candidate: ClaimMatch['candidates'][number], typeId: string) => {
    try {
      const name = relationTypes.find((t) => t.id === typeId)?.name ?? 'relation';
      await history.record({ description: `relate across documents (${name})` }, async (client) => {
        let toId = candidate.annotationIds[0] ?? null;
        if (!toId) {
          if (!claimLabelId) throw new Error('The tagset has no claim label.');
          toId = (await client.annotations.create({ documentId: candidate.document, ranges: [{ start: candidate.start, end: candidate.end }], labelId: claimLabelId })).id;
        }
        await client.relations.create({ typeId, fromAnnotationId: claim.id, toAnnotationId: toId });
      });
      notify('info', `Related: this claim ${name} the passage in ${title(candidate.document)}.`);
      await onChanged();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  return (
    <section
      className="gl-match-panel"
      aria-label="Similar passages"
      ref={panel}
      tabIndex={-1}
      onKeyDown={(e) => {
        // A select's own Escape (closing its list) is the select's.
        if (e.key === 'Escape' && (e.target as HTMLElement).tagName !== 'SELECT') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="gl-row">
        <h2 className="gl-grow">Similar passages to “{claim.quote.length > 80 ? `${claim.quote.slice(0, 80)}…` : claim.quote}”</h2>
        <button type="button" className="gl-icon-button" aria-label="Close similar passages" onClick={onClose}>
          ×
        </button>
      </div>
      {propositions.length > 1 && (
        <label className="gl-field-inline">
          Proposition
          <select value={propositionId ?? ''} onChange={(e) => setPropositionId(e.target.value)}>
            {propositions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.text}
              </option>
            ))}
          </select>
        </label>
      )}
      {!match ? (
        <p className="gl-muted">Looking…</p>
      ) : !propositionId ? (
        <p className="gl-hint">This claim is not linked to a proposition yet; link it in the reader first.</p>
      ) : match.candidates.length === 0 ? (
        <p className="gl-hint">No similar passage in the other documents.</p>
      ) : (
        <ol className="gl-match-list" aria-label="Candidates">
          {match.candidates.map((c) => (
            <li
              key={`${c.document}:${c.start}`}
              tabIndex={0}
              aria-label={`${Math.round(c.score * 100)}% in ${title(c.document)}: ${c.text}. Press ${stances.values.map((v, i) => `${i + 1} for ${v}`).join(', ')}`}
              onFocus={() => onReveal(c.document, c.start, c.end)}
              onKeyDown={(e) => {
                // Keys typed in the passage's own controls (the relation list) are theirs.
                if (e.target !== e.currentTarget) return;
                const i = Number(e.key) - 1;
                const stance = stances.values[i];
                if (stance && !e.ctrlKey && !e.metaKey && !e.altKey) {
                  e.preventDefault();
                  void link(c, stance);
                }
              }}
            >
              <div className="gl-muted">
                {title(c.document)} · {Math.round(c.score * 100)}%{c.sharedEntityIds.length ? ` · ${c.sharedEntityIds.length} shared entit${c.sharedEntityIds.length === 1 ? 'y' : 'ies'}` : ''}
              </div>
              {c.propositionIds.includes(propositionId) ? (
                <div className="gl-match-linked">Already linked to this proposition</div>
              ) : c.propositionIds.length > 0 ? (
                <div className="gl-match-linked">
                  Already a claim on {c.propositionIds.map((id) => `“${result.propositions.find((p) => p.id === id)?.text ?? 'another proposition'}”`).join(', ')}
                </div>
              ) : null}
              <div className="gl-match-text">{c.text}</div>
              <div className="gl-row">
                {stances.values.map((v, i) => (
                  <button key={v} type="button" className={`gl-stance-badge gl-stance-${v}`} onClick={() => void link(c, v)} aria-keyshortcuts={String(i + 1)} title={`Link as ${v} (key ${i + 1})`}>
                    <span className="gl-visually-hidden">Link as </span>
                    {v} <kbd aria-hidden="true">{i + 1}</kbd>
                  </button>
                ))}
                {relationTypes.length > 0 && (
                  <select
                    aria-label={`Relate this claim to the passage in ${title(c.document)}`}
                    value=""
                    onChange={(e) => e.target.value && void relate(c, e.target.value)}
                  >
                    <option value="">Relate as…</option>
                    {relationTypes.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
