import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { distinctTitles, type Collection, type DocumentSummary, type PropositionOverview, type StanceSet } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDomains } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import { routeHash } from '../app/route.ts';
import { notify } from '../app/Toasts.tsx';
import { InlineText } from '../tagset/InlineText.tsx';
import type { ChangeContext } from '../tagset/saveChange.ts';
import type { History } from '../undo/history.ts';
import { isContested } from './contested.ts';
import { DocumentCell } from './DocumentCell.tsx';
import { createProposition, deleteProposition, editProposition, mergePropositions } from './propositionChanges.ts';
import { StanceBadge } from './StanceBadge.tsx';
import '../tagset/common.css';
import './propositions.css';
import { MergeBar } from '../common/MergeBar.tsx';

interface Props {
  history: History;
}

interface Data {
  overview: PropositionOverview[];
  documents: DocumentSummary[];
  stances: StanceSet;
  collections: Collection[];
}

/** Above this many documents in scope, the page lists each proposition's documents instead of one column per document. */
export const COLUMN_LIMIT = 8;

/** The documents checked in the library (kept for the session by the library). */
function librarySelection(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem('gloss.selection') ?? '[]') as string[];
  } catch {
    return [];
  }
}

/**
 * Every proposition against every document: what each document's claims say
 * about it, its document-level stance, and where the corpus disagrees.
 */
export function PropositionsPage({ history }: Props) {
  const [data, setData] = useState<Data | null>(null);
  const [query, setQuery] = useState('');
  const [contestedOnly, setContestedOnly] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [mergeTarget, setMergeTarget] = useState('');
  const [newText, setNewText] = useState('');
  const [scope, setScope] = useState<string>(() => sessionStorage.getItem('gloss.propositionsScope') ?? 'all');

  const reload = useCallback(() => {
    Promise.all([api.propositions.overview({}), api.documents.list({}), api.tagset.get({}), api.collections.list({})]).then(
      ([overview, documents, tagset, collections]) => setData({ overview, documents, stances: tagset.stances, collections }),
      (err) => notify('error', `Could not load the propositions: ${messageOf(err)}`),
    );
  }, []);
  useEffect(reload, [reload]);
  useLiveRefresh((c) => touchesDomains(c, ['propositions', 'claims', 'stances', 'annotations', 'snapshots', 'documents', 'jobs', 'trash', 'collections', 'tagset', 'team', 'versions']), reload);
  const ctx: ChangeContext = useMemo(() => ({ history, refresh: reload }), [history, reload]);

  const values = data?.stances.values ?? [];
  const contested = useMemo(
    () => new Set((data?.overview ?? []).filter((p) => isContested(p, data?.stances.values ?? [])).map((p) => p.proposition.id)),
    [data],
  );

  const scopeIds = useMemo((): Set<string> | null => {
    if (scope === 'all' || !data) return null;
    if (scope === 'selection') return new Set(librarySelection());
    const c = data.collections.find((x) => x.id === scope);
    return c ? new Set(c.documentIds) : null;
  }, [scope, data]);
  const chooseScope = (value: string) => {
    setScope(value);
    try {
      sessionStorage.setItem('gloss.propositionsScope', value);
    } catch {
      // not kept
    }
  };

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (data?.overview ?? []).filter((p) => {
      if (scopeIds && !p.documents.some((d) => scopeIds.has(d.document.id) && (d.claims.length > 0 || d.documentStance))) return false;
      if (contestedOnly && !contested.has(p.proposition.id)) return false;
      if (!q) return true;
      if (p.proposition.text.toLowerCase().includes(q) || p.proposition.note.toLowerCase().includes(q)) return true;
      return p.documents.some((d) => d.claims.some((c) => c.quote.toLowerCase().includes(q)) || d.documentStance?.justification.toLowerCase().includes(q));
    });
  }, [data, query, contestedOnly, contested, scopeIds]);

  const byId = new Map((data?.overview ?? []).map((p) => [p.proposition.id, p.proposition]));
  const ticked = [...checked].filter((id) => byId.has(id));
  const target = ticked.includes(mergeTarget) ? mergeTarget : (ticked[0] ?? '');

  async function add(e: FormEvent) {
    e.preventDefault();
    const text = newText.trim();
    if (!text) return;
    if (await createProposition(ctx, text)) setNewText('');
  }

  async function merge() {
    const t = byId.get(target);
    const sources = ticked.filter((id) => id !== target).map((id) => byId.get(id)!);
    if (!t || !sources.length) return;
    if (await mergePropositions(ctx, t, sources)) {
      setChecked(new Set());
      notify('info', `Merged ${sources.length + 1} propositions.`);
    }
  }

  const toggle = (key: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  if (!data) return <p className="gl-loading">Loading…</p>;
  const documents = scopeIds ? data.documents.filter((d) => scopeIds.has(d.id)) : data.documents;
  const titles = distinctTitles(data.documents);
  const named = (d: DocumentSummary) => ({ ...d, title: titles.get(d.id) ?? d.title });
  const compact = documents.length > COLUMN_LIMIT;
  const selectionSize = librarySelection().filter((id) => data.documents.some((d) => d.id === id)).length;
  const allKeys = shown.flatMap((p) => documents.map((d) => `${p.proposition.id}:${d.id}`));

  return (
    <section className="gl-page gl-propositions" aria-labelledby="gl-propositions-title">
      <header className="gl-page-head">
        <h1 id="gl-propositions-title">Propositions</h1>
        <p className="gl-help">
          What each document says about each proposition: its claims' stances (filled) and the document's overall stance (outlined), which, when set,
          counts instead of the claims. A proposition is <strong>contested</strong> when one document is <em>{values[0] ?? 'for'}</em> and another{' '}
          <em>{values[1] ?? 'against'}</em>. Open a cell for the quotes and to set the document's stance.
        </p>
      </header>

      <form className="gl-add-form" aria-label="Add a proposition" onSubmit={(e) => void add(e)}>
        <input
          type="text"
          className="gl-wide-input"
          aria-label="New proposition"
          placeholder="A statement documents can agree or disagree with, e.g. “Pakistan is a key partner of the US on critical minerals”"
          value={newText}
          onChange={(e) => setNewText(e.target.value)}
        />
        <button type="submit">Add proposition</button>
      </form>

      <div className="gl-toolbar">
        <label className="gl-field-inline">
          Documents{' '}
          <select aria-label="Documents in scope" value={scopeIds || scope === 'all' ? scope : 'all'} onChange={(e) => chooseScope(e.target.value)}>
            <option value="all">All ({data.documents.length})</option>
            <option value="selection">Selected in the library ({selectionSize})</option>
            {data.collections.map((c) => (
              <option key={c.id} value={c.id}>
                Collection: {c.name} ({c.documentIds.length})
              </option>
            ))}
          </select>
        </label>
        <input type="search" className="gl-search" aria-label="Filter propositions" placeholder="Filter by text or quote…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label>
          <input type="checkbox" checked={contestedOnly} onChange={(e) => setContestedOnly(e.target.checked)} /> Contested only
        </label>
        <button type="button" onClick={() => setExpanded(expanded.size ? new Set() : new Set(allKeys))}>
          {expanded.size ? 'Collapse all' : 'Show all quotes'}
        </button>
        {ticked.length >= 2 && (
          <MergeBar label="Merge propositions" options={ticked.map((id) => ({ id, text: byId.get(id)!.text.slice(0, 80) }))} target={target} onTarget={setMergeTarget} onMerge={() => void merge()} />
        )}
        <span className="gl-muted" role="status">
          {shown.length} of {data.overview.length} proposition{data.overview.length === 1 ? '' : 's'}
          {contested.size ? `, ${contested.size} contested` : ''}
        </span>
      </div>

      {data.overview.length === 0 ? (
        <p className="gl-empty-row">No propositions yet. Add one above, or link a claim to a proposition in the reader.</p>
      ) : (
        <div className="gl-table-scroll">
          <table className="gl-table gl-proposition-table" aria-label="Propositions">
            <thead>
              <tr>
                <th scope="col">
                  <span className="gl-visually-hidden">Select for merging</span>
                </th>
                <th scope="col">Proposition</th>
                <th scope="col">Claims</th>
                <th scope="col">Stances</th>
                {compact ? (
                  <th scope="col">Documents ({documents.length} in scope)</th>
                ) : (
                  documents.map((d) => (
                    <th key={d.id} scope="col" className="gl-doc-col" title={titles.get(d.id) ?? d.title}>
                      <span>{titles.get(d.id) ?? d.title}</span>
                    </th>
                  ))
                )}
                <th scope="col">
                  <span className="gl-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => {
                const prop = p.proposition;
                const entries = new Map(p.documents.map((d) => [d.document.id, d]));
                const isHot = contested.has(prop.id);
                return (
                  <tr key={prop.id} aria-label={`Proposition ${prop.text}`} className={isHot ? 'gl-contested-row' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select proposition ${prop.text}`}
                        checked={checked.has(prop.id)}
                        onChange={(e) =>
                          setChecked((s) => {
                            const next = new Set(s);
                            if (e.target.checked) next.add(prop.id);
                            else next.delete(prop.id);
                            return next;
                          })
                        }
                      />
                    </td>
                    <td className="gl-proposition-text">
                      <InlineText value={prop.text} label={`Text of proposition ${prop.text}`} wrap rows={2} required onSave={(text) => editProposition(ctx, prop, text.trim())} />
                      {isHot && (
                        <span className="gl-contested" title={`One document is ${values[0]}, another ${values[1]}`}>
                          contested
                        </span>
                      )}
                    </td>
                    <td className="gl-num">{p.claimCount}</td>
                    <td>
                      {/* Said in words for screen readers (an aria-label is not allowed on a plain span); the badges are its picture. */}
                      <span className="gl-stance-counts">
                        <span className="gl-visually-hidden">Claim stances: {Object.entries(p.stanceCounts).map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}</span>
                        <span aria-hidden="true">
                          {orderStances(p.stanceCounts, values).map(([s, n]) => (
                            <StanceBadge key={s} stance={s} count={n} values={values} />
                          ))}
                        </span>
                      </span>
                    </td>
                    {compact ? (
                      <td className="gl-doc-chips">
                        {/* Many documents: only those that speak to the proposition, as compact rows. */}
                        <ul aria-label={`Documents on ${prop.text}`}>
                          {documents
                            .filter((d) => entries.get(d.id)?.claims.length || entries.get(d.id)?.documentStance)
                            .map((d) => {
                              const e = entries.get(d.id)!;
                              return (
                                <li key={d.id}>
                                  <span className="gl-chip-doc">{titles.get(d.id) ?? d.title}</span>{' '}
                                  {e.documentStance && <StanceBadge stance={e.documentStance.stance} values={values} variant="document" />}
                                  {e.claims.map((c) => {
                                    const quoted = expanded.has(`${prop.id}:${d.id}`);
                                    // Each claim is a link to its passage, so the quote is reachable from the keyboard, not only as a tooltip.
                                    return (
                                      <a
                                        key={c.claim.id}
                                        className="gl-claim-link"
                                        href={routeHash({ view: 'reader', documentId: d.id, annotationId: c.claim.annotationId })}
                                        title={`“${c.quote}”`}
                                        aria-label={quoted ? undefined : `${c.claim.stance} claim: “${c.quote}”`}
                                      >
                                        <StanceBadge stance={c.claim.stance} values={values} />
                                        {quoted && <span className="gl-claim-quote"> “{c.quote}”</span>}
                                      </a>
                                    );
                                  })}
                                </li>
                              );
                            })}
                        </ul>
                      </td>
                    ) : documents.map((d) => {
                      const key = `${prop.id}:${d.id}`;
                      return (
                        <DocumentCell
                          key={d.id}
                          document={named(d)}
                          entry={entries.get(d.id)}
                          proposition={prop}
                          values={values}
                          open={expanded.has(key)}
                          onToggle={() => toggle(key)}
                          ctx={ctx}
                        />
                      );
                    })}
                    <td className="gl-row-actions">
                      <button type="button" className="gl-icon-button gl-danger" aria-label={`Delete proposition ${prop.text}`} title="Delete proposition" onClick={() => void deleteProposition(ctx, prop)}>
                        ✕
                      </button>
                    </td>
                  </tr>
                );
              })}
              {shown.length === 0 && (
                <tr>
                  <td colSpan={(compact ? 1 : documents.length) + 5} className="gl-empty-row">
                    No proposition matches{query ? ` “${query}”` : ''}{contestedOnly ? ' among the contested ones' : ''}.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Counts in the order of the stance set, then values no longer in it. */
function orderStances(counts: Record<string, number>, values: readonly string[]): [string, number][] {
  const known = values.filter((v) => counts[v]).map((v): [string, number] => [v, counts[v]!]);
  const other = Object.entries(counts).filter(([s]) => !values.includes(s));
  return [...known, ...other];
}
