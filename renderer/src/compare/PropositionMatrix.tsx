import { useState } from 'react';
import type { CompareResult } from '../../../shared/index.ts';
import { stanceIcon } from './stance.ts';

interface Props {
  result: CompareResult;
  contestedOnly: boolean;
  current: string | null;
  /** A cell with a stance was activated; `fromKeyboard` when with Enter or Space (focus then goes to the evidence). */
  onCell(propositionId: string, documentId: string, annotationId: string | null, fromKeyboard: boolean): void;
  /** An empty cell was given a stance: the document's own stance toward the proposition. */
  onSetStance(propositionId: string, documentId: string, stance: string): void;
}

/** One row per proposition, one column per document: the stance (icon and colour) and the evidence quotes. */
export function PropositionMatrix({ result, contestedOnly, current, onCell, onSetStance }: Props) {
  const { positive, negative } = result.stanceSet;
  // The empty cell whose stance buttons are shown.
  const [choosing, setChoosing] = useState<string | null>(null);
  const titleOf = (id: string) => result.documents.find((d) => d.id === id)?.title ?? '';
  const rows = result.propositions.filter((p) => !contestedOnly || p.contested);
  if (!result.propositions.length) {
    return <p className="gl-hint">None of these documents has a claim linked to a proposition yet. Tag claims in the reader (or use “Similar passages” below) to fill the matrix.</p>;
  }
  return (
    <table className="gl-matrix" aria-label="Proposition matrix">
      <thead>
        <tr>
          <th scope="col">Proposition</th>
          {result.documents.map((d) => (
            <th key={d.id} scope="col" title={d.title}>
              {d.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id} className={`${p.contested ? 'gl-matrix-contested' : ''}${current === p.id ? ' gl-matrix-current' : ''}`} aria-current={current === p.id ? 'true' : undefined} data-proposition={p.id}>
            <th scope="row">
              {p.contested && (
                <span className="gl-contested-badge" title="Documents take opposite stances">
                  ⚡ Contested
                </span>
              )}{' '}
              {p.text}
            </th>
            {p.stances.map((cell) => (
              <td key={cell.document}>
                {cell.stance ? (
                  <button
                    type="button"
                    className="gl-cell"
                    title="Show evidence"
                    // A click from Enter or Space has no pointer position (detail 0).
                    onClick={(e) => onCell(p.id, cell.document, cell.evidence[0]?.annotationId ?? null, e.detail === 0)}
                  >
                    {/* The name starts with what the cell is about; the visible text follows, as axe's name-mismatch rule wants. */}
                    <span className="gl-visually-hidden">
                      {p.text} — {titleOf(cell.document)}:{' '}
                    </span>
                    <span className={`gl-stance-badge gl-stance-${cell.stance}`}>
                      {stanceIcon(cell.stance, positive, negative)} {cell.stance}
                    </span>
                    {cell.documentStance && <span className="gl-muted"> (document)</span>}
                    {cell.quotes.slice(0, 2).map((q, i) => (
                      <span key={i} className="gl-cell-quote">
                        “{q.length > 120 ? `${q.slice(0, 120)}…` : q}”
                      </span>
                    ))}
                    {cell.quotes.length > 2 && <span className="gl-muted">+{cell.quotes.length - 2} more</span>}
                  </button>
                ) : choosing === `${p.id}|${cell.document}` ? (
                  <div
                    className="gl-row gl-cell-stances"
                    role="group"
                    aria-label={`Stance of ${titleOf(cell.document)} toward ${p.text}`}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') setChoosing(null);
                    }}
                  >
                    {result.stanceSet.values.map((v, i) => (
                      <button
                        key={v}
                        type="button"
                        autoFocus={i === 0}
                        className={`gl-stance-badge gl-stance-${v}`}
                        onClick={() => {
                          setChoosing(null);
                          onSetStance(p.id, cell.document, v);
                        }}
                      >
                        {v}
                      </button>
                    ))}
                    <button type="button" className="gl-link-button" onClick={() => setChoosing(null)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <button type="button" className="gl-cell gl-cell-empty" title="Set this document’s stance" onClick={() => setChoosing(`${p.id}|${cell.document}`)}>
                    <span className="gl-visually-hidden">
                      {p.text} — {titleOf(cell.document)}: no stance. Set stance
                    </span>
                    <span aria-hidden="true">—</span>
                  </button>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
