import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { DocumentSummary, PropositionOverview, StanceSet } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
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

  const reload = useCallback(() => {
    Promise.all([api.propositions.overview({}), api.documents.list({}), api.tagset.get({})]).then(
      ([overview, documents, tagset]) => setData({ overview, documents, stances: tagset.stances }),
      (err) => notify('error', `Could not load the propositions: ${messageOf(err)}`),
    );
  }, []);
  useEffect(reload, [reload]);
  const ctx: ChangeContext = useMemo(() => ({ history, refresh: reload }), [history, reload]);

  const values = data?.stances.values ?? [];
  const contested = useMemo(
    () => new Set((data?.overview ?? []).filter((p) => isContested(p, data?.stances.values ?? [])).map((p) => p.proposition.id)),
    [data],
  );

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (data?.overview ?? []).filter((p) => {
      if (contestedOnly && !contested.has(p.proposition.id)) return false;
      if (!q) return true;
      if (p.proposition.text.toLowerCase().includes(q) || p.proposition.note.toLowerCase().includes(q)) return true;
      return p.documents.some((d) => d.claims.some((c) => c.quote.toLowerCase().includes(q)) || d.documentStance?.justification.toLowerCase().includes(q));
    });
  }, [data, query, contestedOnly, contested]);

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
  const { documents } = data;
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
                {documents.map((d) => (
                  <th key={d.id} scope="col" className="gl-doc-col" title={d.title}>
                    <span>{d.title}</span>
                  </th>
                ))}
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
                      <span className="gl-stance-counts" aria-label={`Claim stances: ${Object.entries(p.stanceCounts).map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}`}>
                        {orderStances(p.stanceCounts, values).map(([s, n]) => (
                          <StanceBadge key={s} stance={s} count={n} values={values} />
                        ))}
                      </span>
                    </td>
                    {documents.map((d) => {
                      const key = `${prop.id}:${d.id}`;
                      return (
                        <DocumentCell
                          key={d.id}
                          document={d}
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
                  <td colSpan={documents.length + 5} className="gl-empty-row">
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
