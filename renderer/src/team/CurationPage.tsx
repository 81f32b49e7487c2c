import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, ClaimLink, Document, Label } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDocument } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import type { Route } from '../app/route.ts';
import type { History } from '../undo/history.ts';
import { curationItems, KIND_NAMES, type CurationItem } from './candidates.ts';
import { CurationColumns, type CurationColumnsHandle } from './CurationColumns.tsx';
import { CuratedList } from './CuratedList.tsx';
import { useAccept } from './useAccept.ts';
import './team.css';

const CURATION = 'curation';

/**
 * Curation of one document: a column per annotator and the curated column
 * (the `curation` layer, the gold corpus). Every disagreement is listed; with
 * an item focused, 1–9 accepts that version, B accepts all of them, N leaves
 * them all out, ↑/↓ move. Where every annotator agrees, one button takes it all.
 */
export function CurationPage({ documentId, labels, history, navigate }: { documentId: string; labels: Label[]; history: History; navigate: (r: Route) => void }) {
  const [doc, setDoc] = useState<Document | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [claims, setClaims] = useState<Map<string, ClaimLink[]>>(new Map());
  const [skipped, setSkipped] = useState<Set<number>>(new Set());
  const [focus, setFocus] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const columns = useRef<CurationColumnsHandle>(null);
  // After a key accepts or leaves out the focused item, focus goes to the item now in its place.
  const keepFocus = useRef(false);

  const load = useCallback(
    () =>
      Promise.all([api.documents.get({ id: documentId }), api.annotations.list({ documentId }), api.claims.listByDocument({ documentId })]).then(
        ([d, list, links]) => {
          const m = new Map<string, ClaimLink[]>();
          for (const c of links) m.set(c.annotationId, [...(m.get(c.annotationId) ?? []), c]);
          // The same Document object while its text is unchanged, so the columns' readers are not rebuilt.
          setDoc((prev) => (prev && prev.id === d.id && prev.contentHash === d.contentHash ? prev : d));
          setAnnotations(list);
          setClaims(m);
        },
        (err) => setError(messageOf(err)),
      ),
    [documentId],
  );
  const reload = useCallback(async () => load(), [load]);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveRefresh((c) => touchesDocument(c, documentId), () => void load());

  const annotators = useMemo(() => [...new Set(annotations.map((a) => a.annotator))].filter((a) => a !== CURATION).sort(), [annotations]);
  const items = useMemo(() => curationItems(annotations, claims, annotators, CURATION), [annotations, claims, annotators]);
  const open = items.map((it, i) => ({ it, i })).filter(({ it, i }) => !it.agreed && !it.curated && !skipped.has(i));
  const agreed = items.filter((it) => it.agreed && !it.curated);
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  // The focused item's place in the list, kept inside it when the list shrinks.
  const current = Math.max(0, Math.min(focus, open.length - 1));
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);

  const accept = useAccept(history, reload);

  const onKey = (e: React.KeyboardEvent, item: CurationItem, index: number, position: number) => {
    const n = Number(e.key);
    if (n >= 1 && n <= item.candidates.length) void accept([item.candidates[n - 1]!.annotations[0]!.id], 'accept a version');
    else if (e.key === 'b' || e.key === 'B') void accept(item.candidates.map((c) => c.annotations[0]!.id), 'accept every version');
    else if (e.key === 'n' || e.key === 'N') setSkipped((s) => new Set(s).add(index));
    else if (e.key === 'ArrowDown') setFocus(Math.min(position + 1, open.length - 1));
    else if (e.key === 'ArrowUp') setFocus(Math.max(position - 1, 0));
    else return;
    keepFocus.current = ['b', 'B', 'n', 'N'].includes(e.key) || n >= 1;
    e.preventDefault();
  };

  const kindText = (it: CurationItem) => it.kinds.map((k) => KIND_NAMES[k]).join(', ');

  if (error) return <p role="alert" className="gl-error">{error}</p>;
  if (!doc) return <p aria-live="polite">Loading…</p>;
  const quote = (a: Annotation) => a.quote;
  return (
    <section className="gl-curation" aria-labelledby="gl-curation-title">
      <h1 id="gl-curation-title">Curation: {doc.title}</h1>
      <p>
        <button type="button" disabled={!agreed.length} onClick={() => void accept(agreed.map((it) => it.candidates[0]!.annotations[0]!.id), 'accept what all annotators agree on')}>
          Accept all {agreed.length} agreed span(s)
        </button>{' '}
        <button type="button" onClick={() => navigate({ view: 'agreement' })}>
          Agreement
        </button>
      </p>
      <CurationColumns ref={columns} document={doc} annotations={annotations} annotators={annotators} curation={CURATION} labels={labelMap} />
      <h2>Disagreements ({open.length})</h2>
      <p className="gl-muted">Focus an item: 1–9 accepts that version, B accepts every version, N leaves them all out, ↑ ↓ move.</p>
      <ol className="gl-curation-items" aria-label="Disagreements to curate">
        {open.map(({ it, i }, position) => (
          <li
            key={i}
            tabIndex={0}
            ref={(el) => {
              const active = el?.ownerDocument.activeElement;
              if (!el || position !== current || (active && el.contains(active))) return;
              if (active?.closest('.gl-curation-items') || (keepFocus.current && (!active || active === el.ownerDocument.body))) {
                keepFocus.current = false;
                el.focus();
              }
            }}
            aria-label={`Disagreement ${position + 1} (${kindText(it)}): ${it.candidates.length} version(s)`}
            aria-current={position === current ? 'true' : undefined}
            onFocus={(e) => {
              setFocus(position);
              // Only when the item itself (or one of its buttons) newly takes focus, not on every focus move inside it.
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) columns.current?.reveal(it);
            }}
            onKeyDown={(e) => onKey(e, it, i, position)}
          >
            <span className="gl-diff-kind">{kindText(it)}</span>
            {it.candidates.map((c, k) => (
              <div key={c.key} className="gl-curation-candidate">
                <button
                  type="button"
                  onClick={() => {
                    keepFocus.current = true;
                    void accept([c.annotations[0]!.id], 'accept a version');
                  }}
                  aria-label={`Accept version ${k + 1}: ${labelName(c.annotations[0]!.labelId)} “${quote(c.annotations[0]!)}” by ${c.annotators.join(', ')}`}
                >
                  {k + 1}
                </button>{' '}
                <strong>{labelName(c.annotations[0]!.labelId)}</strong> “{quote(c.annotations[0]!)}” — {c.annotators.join(', ')}
                {(claims.get(c.annotations[0]!.id) ?? []).map((l) => (
                  <span key={l.id} className="gl-muted"> · {l.propositionText}: {l.stance}</span>
                ))}
              </div>
            ))}
            <button
              type="button"
              onClick={() => {
                keepFocus.current = true;
                setSkipped((s) => new Set(s).add(i));
              }}
            >
              Neither
            </button>
          </li>
        ))}
      </ol>
      <CuratedList annotations={annotations.filter((a) => a.annotator === CURATION)} labelName={labelName} onRemoved={reload} />
    </section>
  );
}
