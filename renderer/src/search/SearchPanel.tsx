import { useEffect, useId, useState, type ReactNode } from 'react';
import type { AnnotationSearchResult, Label, SearchHit } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import './search.css';

export type SearchMode = 'documents' | 'annotations';

/** What the search box holds; kept for the session, so coming back to the library finds it as left. */
export interface SearchState {
  mode: SearchMode;
  query: string;
  /** Annotation search: a label's id, or '' for any. */
  label: string;
}

const STORAGE_KEY = 'gloss.search';

export function loadSearchState(): SearchState {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '') as Partial<SearchState>;
    return { mode: s.mode === 'annotations' ? 'annotations' : 'documents', query: typeof s.query === 'string' ? s.query : '', label: typeof s.label === 'string' ? s.label : '' };
  } catch {
    return { mode: 'documents', query: '', label: '' };
  }
}

export function saveSearchState(s: SearchState): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  } catch {
    // storage may be unavailable; the search still works
  }
}

export type SearchResults = { mode: 'documents'; hits: SearchHit[] } | { mode: 'annotations'; result: AnnotationSearchResult } | null;

interface Props {
  state: SearchState;
  onState(s: SearchState): void;
  labels: Label[];
  /** Limits annotation search (the collection shown), or undefined for all. */
  documentIds?: string[] | undefined;
  onResults(r: SearchResults): void;
}

/**
 * The search box: documents (titles and text) or annotations (quote, note,
 * entity, proposition, label), in one query language with phrases, OR,
 * NOT/-, prefix* and fields. A malformed query shows the backend's message
 * under the box instead of results.
 */
export function SearchPanel({ state, onState, labels, documentIds, onResults }: Props) {
  const [error, setError] = useState<string | null>(null);
  const ids = { mode: useId(), label: useId(), error: useId(), help: useId() };
  const scopeKey = documentIds?.join(',') ?? '';

  useEffect(() => {
    saveSearchState(state);
    const query = state.query.trim();
    if (!query && !(state.mode === 'annotations' && state.label)) {
      onResults(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      const run =
        state.mode === 'documents'
          ? api.documents.search({ query, limit: 200 }).then((hits): SearchResults => ({ mode: 'documents', hits }))
          : api.search
              .annotations({ query, ...(state.label ? { label: state.label } : {}), ...(scopeKey ? { documentIds: scopeKey.split(',') } : {}), limit: 300 })
              .then((result): SearchResults => ({ mode: 'annotations', result }));
      run.then(
        (r) => {
          if (!live) return;
          setError(null);
          onResults(r);
        },
        (err) => {
          if (!live) return;
          setError(messageOf(err).replace(/^search: /, ''));
          onResults(null);
        },
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [state, scopeKey, onResults]);

  return (
    <div className="gl-search-panel">
      <div className="gl-search-row">
        <input
          type="search"
          className="gl-search"
          placeholder={state.mode === 'documents' ? 'Search titles and text: "phrase", OR, -word, prefix*' : 'Search annotations: note:word, entity:name, "phrase", OR, -word'}
          aria-label={state.mode === 'documents' ? 'Search documents' : 'Search annotations'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
          value={state.query}
          onChange={(e) => onState({ ...state, query: e.target.value })}
        />
        <label htmlFor={ids.mode} className="gl-visually-hidden">
          Search in
        </label>
        <select id={ids.mode} value={state.mode} onChange={(e) => onState({ ...state, mode: e.target.value as SearchMode })}>
          <option value="documents">Documents</option>
          <option value="annotations">Annotations</option>
        </select>
        {state.mode === 'annotations' && (
          <>
            <label htmlFor={ids.label} className="gl-visually-hidden">
              Label
            </label>
            <select id={ids.label} value={state.label} onChange={(e) => onState({ ...state, label: e.target.value })}>
              <option value="">Any label</option>
              {labels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <div aria-live="polite">
        {error && (state.query.trim() || state.label) && (
          <p id={ids.error} className="gl-search-error">
            {error}
          </p>
        )}
      </div>
      <details className="gl-search-help">
        <summary>Search syntax</summary>
        <dl>
          <Syntax term="rare earth">both words</Syntax>
          <Syntax term={'"rare earth"'}>the exact phrase</Syntax>
          <Syntax term="lithium OR cobalt">either word (OR in capitals)</Syntax>
          <Syntax term="minerals -cobalt">without a word (also NOT cobalt)</Syntax>
          <Syntax term="miner*">words starting with “miner”</Syntax>
          <Syntax term="(lithium OR cobalt) price">grouping</Syntax>
          <Syntax term="title:diplomacy">in titles only (text: for the text)</Syntax>
          <Syntax term="note:mining">annotations whose note (or claim note) says “mining”; also quote:, entity:, proposition:, label:</Syntax>
        </dl>
      </details>
    </div>
  );
}

function Syntax({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
