import { createRef, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { distinctTitles, type Annotation, type Collection, type CompareResult, type Document, type DocumentSummary, type Label, type StanceSet } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDomains } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { downloadText } from '../common/download.ts';
import type { History } from '../undo/history.ts';
import { ClaimMatchPanel } from './ClaimMatchPanel.tsx';
import { CompareColumn, passageId, type ColumnHandle } from './CompareColumn.tsx';
import { EntityStrip } from './EntityStrip.tsx';
import { PropositionMatrix } from './PropositionMatrix.tsx';
import { ReusePanel } from './ReusePanel.tsx';
import { CompareVersions } from '../versions/CompareVersions.tsx';
import { StanceGrid } from './StanceGrid.tsx';
import './compare.css';

interface Props {
  documentIds: string[];
  labels: Label[];
  history: History;
  onChooseDocuments(ids: string[]): void;
  /** One document's versions as the columns (the stealth-edit view), instead of documents. */
  versions?: boolean;
  onCompareVersions?(documentId: string): void;
}

interface Loaded {
  result: CompareResult;
  documents: Document[];
  annotations: Map<string, Annotation[]>;
  stances: StanceSet;
}

/**
 * Side-by-side comparison of 2 to 4 documents, aligned by what they claim;
 * more documents (a collection, a large selection) as a stance grid with
 * documents as rows; or one document's versions as the columns.
 */
export function ComparePage({ documentIds, labels, history, onChooseDocuments, versions, onCompareVersions }: Props) {
  if (versions && documentIds.length === 1) return <CompareVersions documentId={documentIds[0]!} />;
  if (documentIds.length < 2) return <DocumentPicker initial={documentIds} onCompare={onChooseDocuments} onCompareVersions={onCompareVersions} />;
  if (documentIds.length > 4) return <StanceGrid key={documentIds.join(',')} documentIds={documentIds} onSideBySide={onChooseDocuments} />;
  return <Comparison key={documentIds.join(',')} documentIds={documentIds} labels={labels} history={history} onChooseDocuments={onChooseDocuments} />;
}

function Comparison({ documentIds, labels, history, onChooseDocuments }: Props) {
  const [data, setData] = useState<Loaded | null>(null);
  const [contestedOnly, setContestedOnly] = useState(false);
  const [current, setCurrent] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<string[]>([]);
  // The claim whose similar passages are shown; opened from the keyboard, the panel takes focus and gives it back to the text.
  const [matching, setMatching] = useState<{ claim: Annotation; fromKeyboard: boolean } | null>(null);
  const [picking, setPicking] = useState(false);
  const columns = useMemo(() => new Map(documentIds.map((id) => [id, createRef<ColumnHandle>()])), [documentIds]);
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const matrixRef = useRef<HTMLDivElement>(null);

  /** An empty matrix cell given a stance: the document's own stance, undoable. */
  const setDocumentStance = async (propositionId: string, documentId: string, stance: string) => {
    try {
      await history.record({ description: `document stance ${stance}` }, (client) => client.stances.setDocument({ documentId, propositionId, stance, justification: '' }));
      await load();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  const load = useCallback(async () => {
    try {
      const [result, documents, lists, tagset] = await Promise.all([
        api.compare.run({ documentIds }),
        Promise.all(documentIds.map((id) => api.documents.get({ id }))),
        Promise.all(documentIds.map((id) => api.annotations.list({ documentId: id }))),
        api.tagset.get({}),
      ]);
      // Documents with the same title are told apart (outlet, date or file name) in every header.
      const distinct = distinctTitles(documents);
      const named = { ...result, documents: result.documents.map((d) => ({ ...d, title: distinct.get(d.id) ?? d.title })) };
      setData((prev) => ({
        result: named,
        // Keep the same Document objects when unchanged, so the columns are not rebuilt.
        documents: documents.map((d) => prev?.documents.find((p) => p.id === d.id && p.contentHash === d.contentHash) ?? d),
        annotations: new Map(documentIds.map((id, i) => [id, lists[i]!])),
        stances: tagset.stances,
      }));
    } catch (err) {
      notify('error', `Could not compare: ${messageOf(err)}`);
    }
  }, [documentIds]);
  useEffect(() => {
    void load();
  }, [load]);
  // Another session's change to one of these documents, or to the propositions they are compared by.
  useLiveRefresh(
    (c) => (c.documentIds === null ? touchesDomains(c, ['propositions', 'claims', 'stances', 'annotations', 'snapshots', 'entities', 'tagset', 'labels', 'versions', 'team']) : c.documentIds.some((id) => documentIds.includes(id))),
    () => void load(),
  );

  const contested = useMemo(() => data?.result.propositions.filter((p) => p.contested) ?? [], [data]);

  const revealProposition = useCallback(
    (propositionId: string) => {
      setCurrent(propositionId);
      const p = data?.result.propositions.find((x) => x.id === propositionId);
      for (const cell of p?.stances ?? []) {
        const first = cell.evidence[0];
        if (first) columns.get(cell.document)?.current?.reveal(first.annotationId);
      }
      matrixRef.current?.querySelector(`[data-proposition="${CSS.escape(propositionId)}"]`)?.scrollIntoView({ block: 'nearest' });
    },
    [data, columns],
  );

  const step = useCallback(
    (delta: number) => {
      if (!contested.length) return;
      const i = contested.findIndex((p) => p.id === current);
      const next = contested[(i + delta + contested.length) % contested.length]!;
      revealProposition(next.id);
    },
    [contested, current, revealProposition],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.closest('.gl-match-list')) return;
      if (e.key === 'n' || e.key === 'j') step(1);
      else if (e.key === 'p' || e.key === 'k') step(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const exportAs = async (format: 'csv' | 'html') => {
    try {
      const file = await api.compare.export({ documentIds, format });
      downloadText(file.fileName, file.mediaType, file.content);
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  // Each claim's links as words ("against on “…”"), for the columns' caret announcers.
  const claimsOf = useMemo(() => {
    const byAnnotation = new Map<string, string[]>();
    for (const p of data?.result.propositions ?? [])
      for (const cell of p.stances)
        for (const e of cell.evidence) byAnnotation.set(e.annotationId, [...(byAnnotation.get(e.annotationId) ?? []), `${e.stance} on “${p.text}”`]);
    return (id: string): readonly string[] => byAnnotation.get(id) ?? [];
  }, [data]);

  if (!data) return <p className="gl-loading">Comparing…</p>;
  const { result } = data;
  const claimLabel = labels.find((l) => l.kind === 'claim') ?? null;

  return (
    <div className="gl-compare">
      <style>{highlight.map((id) => `[data-ann="${CSS.escape(id)}"]`).join(',') + (highlight.length ? '{outline:2px solid #1f2a37;outline-offset:1px;background:#fff3b0 !important}' : '')}</style>
      <div className="gl-compare-bar">
        <h1>Compare {result.documents.length} documents</h1>
        <button type="button" onClick={() => setPicking((p) => !p)} aria-expanded={picking}>
          Choose documents…
        </button>
        <label className="gl-field-inline">
          <input type="checkbox" checked={contestedOnly} onChange={(e) => setContestedOnly(e.target.checked)} /> Contested only ({contested.length})
        </label>
        <button type="button" onClick={() => step(-1)} disabled={!contested.length} aria-label="Previous contested proposition (P)">
          ↑ Previous contested
        </button>
        <button type="button" onClick={() => step(1)} disabled={!contested.length} aria-label="Next contested proposition (N)">
          ↓ Next contested
        </button>
        <span className="gl-grow" />
        <button type="button" onClick={() => void exportAs('csv')}>Export CSV</button>
        <button type="button" onClick={() => void exportAs('html')}>Export HTML report</button>
      </div>
      {picking && <DocumentPicker initial={documentIds} onCompare={(ids) => { setPicking(false); onChooseDocuments(ids); }} />}
      <div className="gl-compare-top" ref={matrixRef}>
        <PropositionMatrix
          result={result}
          contestedOnly={contestedOnly}
          current={current}
          onCell={(pid, docId, annotationId, fromKeyboard) => {
            setCurrent(pid);
            // From the keyboard, focus follows to the evidence, the caret in it: Enter there opens its similar passages.
            if (annotationId) columns.get(docId)?.current?.reveal(annotationId, fromKeyboard);
          }}
          onSetStance={(propositionId, documentId, stance) => void setDocumentStance(propositionId, documentId, stance)}
        />
        <EntityStrip result={result} onHover={(e) => setHighlight(e ? e.documents.flatMap((d) => d.annotationIds) : [])} />
        <details className="gl-reuse">
          <summary>Reused passages ({result.reusedPassages.length})</summary>
          <ReusePanel
            result={result}
            onHover={(p) => setHighlight(p ? p.occurrences.map((o) => passageId(p.id, o.document)) : [])}
            onReveal={(p) => p.occurrences.forEach((o) => columns.get(o.document)?.current?.reveal(passageId(p.id, o.document)))}
          />
        </details>
        {matching && (
          <ClaimMatchPanel
            key={matching.claim.id}
            claim={matching.claim}
            takeFocus={matching.fromKeyboard}
            result={result}
            stances={data.stances}
            claimLabelId={claimLabel?.id ?? null}
            history={history}
            onChanged={load}
            onReveal={() => undefined}
            onClose={() => {
              if (matching.fromKeyboard) columns.get(matching.claim.documentId)?.current?.focusText();
              setMatching(null);
            }}
          />
        )}
      </div>
      <div className="gl-compare-columns" style={{ gridTemplateColumns: `repeat(${data.documents.length}, minmax(0, 1fr))` }}>
        {data.documents.map((d) => (
          <CompareColumn
            key={d.id}
            ref={columns.get(d.id) as RefObject<ColumnHandle>}
            document={d}
            name={result.documents.find((n) => n.id === d.id)?.title}
            annotations={data.annotations.get(d.id) ?? []}
            labels={labelMap}
            passages={result.reusedPassages}
            claimsOf={claimsOf}
            onAnnotationClick={(a, fromKeyboard) => {
              if (labelMap.get(a.labelId)?.kind === 'claim') setMatching({ claim: a, fromKeyboard });
            }}
          />
        ))}
      </div>
    </div>
  );
}

/** Choose documents to compare: 2 to 4 side by side, more (or a collection) as a stance grid; or one document's versions. */
function DocumentPicker({ initial, onCompare, onCompareVersions }: { initial: string[]; onCompare(ids: string[]): void; onCompareVersions?(id: string): void }) {
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [chosen, setChosen] = useState<string[]>(initial);
  useEffect(() => {
    Promise.all([api.documents.list({}), api.collections.list({})]).then(
      ([d, c]) => {
        setDocs(d);
        setCollections(c);
      },
      (err) => notify('error', messageOf(err)),
    );
  }, []);
  const titles = useMemo(() => distinctTitles(docs), [docs]);
  return (
    <section className="gl-compare-picker" aria-labelledby="gl-compare-picker-title">
      <h1 id="gl-compare-picker-title">Choose documents to compare</h1>
      <p className="gl-hint">2 to 4 documents are compared side by side; more, or a whole collection, as a stance grid with one row per document.</p>
      {collections.length > 0 && (
        <div className="gl-row" role="group" aria-label="Compare a collection">
          {collections.map((c) => (
            <button key={c.id} type="button" disabled={c.documentIds.length < 2} onClick={() => onCompare(c.documentIds)}>
              Compare collection “{c.name}” ({c.documentIds.length})
            </button>
          ))}
        </div>
      )}
      <ul>
        {docs.map((d) => (
          <li key={d.id}>
            <label>
              <input type="checkbox" checked={chosen.includes(d.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, d.id] : chosen.filter((x) => x !== d.id))} />{' '}
              {titles.get(d.id) ?? d.title} <span className="gl-muted">({d.annotationCount} annotations)</span>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" className="gl-primary" disabled={chosen.length < 2} onClick={() => onCompare(chosen)}>
        Compare {chosen.length} documents{chosen.length > 4 ? ' as a stance grid' : ''}
      </button>
      {onCompareVersions && (
        <button type="button" disabled={chosen.length !== 1} title={chosen.length === 1 ? undefined : 'Check one document to compare its versions'} onClick={() => onCompareVersions(chosen[0]!)}>
          Compare versions of the checked document
        </button>
      )}
    </section>
  );
}
