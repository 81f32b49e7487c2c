import { useState } from 'react';
import type { DocumentRef, OverviewDocument, Proposition } from '../../../shared/index.ts';
import { routeHash } from '../app/route.ts';
import { InlineText } from '../tagset/InlineText.tsx';
import type { ChangeContext } from '../tagset/saveChange.ts';
import { setDocumentStance } from './propositionChanges.ts';
import { StanceBadge } from './StanceBadge.tsx';

interface Props {
  document: DocumentRef;
  /** What the document says about the proposition; undefined when nothing yet. */
  entry: OverviewDocument | undefined;
  proposition: Proposition;
  values: readonly string[];
  open: boolean;
  onToggle(): void;
  ctx: ChangeContext;
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * One document's stance on one proposition: its claims' stances and its
 * document-level stance as badges (quotes on hover); expanded, the quotes as
 * links into the reader and the document-level stance to set or clear.
 */
export function DocumentCell({ document: doc, entry, proposition, values, open, onToggle, ctx }: Props) {
  const claims = entry?.claims ?? [];
  const ds = entry?.documentStance ?? null;
  const [pending, setPending] = useState('');
  const on = `“${short(proposition.text, 48)}”`;

  const parts = [
    ...(ds ? [`document stance ${ds.stance}`] : []),
    ...Object.entries(entry?.stanceCounts ?? {}).map(([s, n]) => `${n} ${s} claim${n === 1 ? '' : 's'}`),
  ];
  const hover = [
    ...(ds ? [`Document: ${ds.stance}${ds.justification ? ` (${ds.justification})` : ''}`] : []),
    ...claims.map((c) => `${c.claim.stance}: “${c.quote}”`),
  ].join('\n');

  const target = { documentId: doc.id, propositionId: proposition.id, documentTitle: doc.title };

  async function chooseStance(stance: string) {
    const ok = await setDocumentStance(ctx, target, ds, stance ? { stance, justification: ds?.justification ?? pending } : null);
    if (ok && stance) setPending('');
  }

  return (
    <td className={`gl-doc-cell${open ? ' gl-open' : ''}`}>
      <button
        type="button"
        className="gl-cell-toggle"
        aria-expanded={open}
        aria-label={`${doc.title}: ${parts.join(', ') || 'nothing yet'}`}
        title={hover || undefined}
        onClick={onToggle}
      >
        {ds && <StanceBadge stance={ds.stance} values={values} variant="document" />}
        {claims.map((c) => (
          <StanceBadge key={c.claim.id} stance={c.claim.stance} values={values} />
        ))}
        {!ds && !claims.length && <span className="gl-muted">·</span>}
      </button>
      {open && (
        <div className="gl-cell-detail">
          {claims.length > 0 && (
            <ul className="gl-evidence" aria-label={`Claims in ${doc.title}`}>
              {claims.map((c) => (
                <li key={c.claim.id}>
                  <StanceBadge stance={c.claim.stance} values={values} />{' '}
                  <a href={routeHash({ view: 'reader', documentId: doc.id, annotationId: c.claim.annotationId })}>“{c.quote}”</a>
                  {(c.claim.hedged || c.claim.reported || c.claim.attribution.text) && (
                    <span className="gl-muted gl-small">
                      {' '}
                      {[c.claim.attribution.text && `per ${c.claim.attribution.text}`, c.claim.hedged && 'hedged', c.claim.reported && 'reported'].filter(Boolean).join(' · ')}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <label className="gl-field">
            Document stance
            <select aria-label={`Document stance of ${doc.title} on ${on}`} value={ds?.stance ?? ''} onChange={(e) => void chooseStance(e.target.value)}>
              <option value="">none</option>
              {values.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
              {ds && !values.includes(ds.stance) && <option value={ds.stance}>{ds.stance}</option>}
            </select>
          </label>
          {ds ? (
            <InlineText
              value={ds.justification}
              label={`Justification of the stance of ${doc.title} on ${on}`}
              multiline
              placeholder="Why: the passage or reasoning behind this stance"
              onSave={(justification) => setDocumentStance(ctx, target, ds, { stance: ds.stance, justification })}
            />
          ) : (
            <textarea
              className="gl-inline-text"
              rows={2}
              aria-label={`Justification of the stance of ${doc.title} on ${on}`}
              placeholder="Justification (saved with the stance you choose)"
              value={pending}
              onChange={(e) => setPending(e.target.value)}
            />
          )}
        </div>
      )}
    </td>
  );
}
