import type { CompareResult } from '../../../shared/index.ts';
import { stanceIcon } from './stance.ts';

interface Props {
  result: CompareResult;
  contestedOnly: boolean;
  current: string | null;
  onCell(propositionId: string, documentId: string, annotationId: string | null): void;
}

/** One row per proposition, one column per document: the stance (icon and colour) and the evidence quotes. */
export function PropositionMatrix({ result, contestedOnly, current, onCell }: Props) {
  const { positive, negative } = result.stanceSet;
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
                    aria-label={`${p.text} — ${result.documents.find((d) => d.id === cell.document)?.title}: ${cell.stance}. Show evidence`}
                    onClick={() => onCell(p.id, cell.document, cell.evidence[0]?.annotationId ?? null)}
                  >
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
                ) : (
                  <span className="gl-muted" aria-label="no stance">
                    —
                  </span>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
