import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EntitySummary, Label } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDomains } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { useDocumentTitles } from '../app/documentTitles.ts';
import { messageOf } from '../app/errors.ts';
import type { Route } from '../app/route.ts';
import { notify } from '../app/Toasts.tsx';
import type { ChangeContext } from '../tagset/saveChange.ts';
import type { History } from '../undo/history.ts';
import { EntityDetail } from './EntityDetail.tsx';
import { EntityTable, type EntityRow } from './EntityTable.tsx';
import { mergeEntities } from './entityChanges.ts';
import { NewEntityForm } from './NewEntityForm.tsx';
import '../tagset/common.css';
import './entities.css';
import { MergeBar } from '../common/MergeBar.tsx';

interface Props {
  /** The entity whose mentions are shown, from the route `entities/:id`. */
  entityId?: string | undefined;
  labels: Label[];
  history: History;
  navigate(route: Route): void;
}

/**
 * The project-wide entity registry: search, edit in place, create, delete,
 * merge; and, for the selected entity, all its mentions across the corpus
 * and the unlinked mentions that could be tagged.
 */
export function EntitiesPage({ entityId, labels, history, navigate }: Props) {
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<EntityRow[] | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [mergeTarget, setMergeTarget] = useState('');
  // Bumped after every change, so the detail panel reloads too.
  const [version, setVersion] = useState(0);

  const load = useCallback(async (q: string) => {
    try {
      if (q.trim()) {
        const hits = await api.entities.search({ query: q, limit: 1000 });
        setRows(hits.map((h) => ({ summary: h.entity, matched: h.matched })));
      } else {
        const list = await api.entities.list({});
        setRows(list.map((summary: EntitySummary) => ({ summary })));
      }
    } catch (err) {
      notify('error', `Could not load the entities: ${messageOf(err)}`);
    }
  }, []);

  useEffect(() => {
    const t = setTimeout(() => void load(query), query ? 120 : 0);
    return () => clearTimeout(t);
  }, [query, load, version]);

  const { titles } = useDocumentTitles(version);
  const ctx: ChangeContext = useMemo(() => ({ history, refresh: () => setVersion((v) => v + 1) }), [history]);
  useLiveRefresh((c) => touchesDomains(c, ['entities', 'annotations', 'snapshots', 'documents', 'trash', 'jobs', 'team', 'versions']), () => setVersion((v) => v + 1));

  // Forget ticks of entities no longer listed (deleted, merged).
  const listed = useMemo(() => new Map((rows ?? []).map((r) => [r.summary.entity.id, r.summary.entity])), [rows]);
  const ticked = [...checked].filter((id) => listed.has(id));
  const target = listed.get(mergeTarget) && ticked.includes(mergeTarget) ? mergeTarget : (ticked[0] ?? '');

  async function merge() {
    const t = listed.get(target);
    const sources = ticked.filter((id) => id !== target).map((id) => listed.get(id)!);
    if (!t || !sources.length) return;
    if (await mergeEntities(ctx, t, sources)) {
      setChecked(new Set());
      notify('info', `Merged ${sources.length} entit${sources.length === 1 ? 'y' : 'ies'} into ${t.name}.`);
      if (entityId && sources.some((s) => s.id === entityId)) navigate({ view: 'entities', entityId: t.id });
    }
  }

  const entityLabels = labels.filter((l) => l.kind === 'entity');

  return (
    <div className={`gl-page-split${entityId ? ' gl-with-detail' : ''}`}>
      <section className="gl-page gl-entities" aria-labelledby="gl-entities-title">
        <header className="gl-page-head">
          <h1 id="gl-entities-title">Entities</h1>
          <p className="gl-help">Every person, organisation and place the corpus mentions, across documents. Edits are saved as you make them.</p>
        </header>
        <datalist id="gl-entity-types">
          {entityLabels.map((l) => (
            <option key={l.id} value={l.name} />
          ))}
        </datalist>
        <NewEntityForm ctx={ctx} onCreated={(id) => navigate({ view: 'entities', entityId: id })} />
        <div className="gl-toolbar">
          <input
            type="search"
            className="gl-search"
            aria-label="Search entities"
            placeholder="Search names and aliases…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {ticked.length >= 2 && (
            <MergeBar label="Merge entities" options={ticked.map((id) => ({ id, text: listed.get(id)!.name }))} target={target} onTarget={setMergeTarget} onMerge={() => void merge()} />
          )}
        </div>
        {rows === null ? (
          <p className="gl-loading">Loading…</p>
        ) : rows.length === 0 ? (
          <p className="gl-empty-row">{query ? `No entity matches “${query}”.` : 'No entities yet. Create one above, or link mentions to entities in the reader.'}</p>
        ) : (
          <EntityTable
            rows={rows}
            selectedId={entityId}
            checked={checked}
            onCheck={(id, on) =>
              setChecked((s) => {
                const next = new Set(s);
                if (on) next.add(id);
                else next.delete(id);
                return next;
              })
            }
            ctx={ctx}
            titles={titles}
            onDeleted={(id) => id === entityId && navigate({ view: 'entities' })}
          />
        )}
      </section>
      {entityId && (
        <EntityDetail
          key={entityId}
          entityId={entityId}
          labels={labels}
          version={version}
          ctx={ctx}
          titles={titles}
          onClose={() => navigate({ view: 'entities' })}
        />
      )}
    </div>
  );
}
