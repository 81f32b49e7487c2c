import { useId, useState, type FormEvent } from 'react';
import type { Collection } from '../../../shared/index.ts';
import { ConfirmDialog } from '../common/Modal.tsx';
import { addToCollection, createCollection, deleteCollection, removeFromCollection, type LibraryContext } from './libraryChanges.ts';
import { languageName } from '../common/lang.ts';

/** Where the library keeps the checked documents for the session (the propositions page and compare scope to them). */
export const SELECTION_KEY = 'gloss.selection';

export interface LibraryFilter {
  collection: string;
  text: string;
  outlet: string;
  language: string;
}

interface Props {
  ctx: LibraryContext;
  collections: Collection[];
  filter: LibraryFilter;
  onFilter(f: LibraryFilter): void;
  outlets: string[];
  languages: string[];
  selected: string[];
  shown: number;
  total: number;
}

/**
 * Above the table: which documents are shown (a collection, a text filter,
 * an outlet, a language) and what to do with the checked ones (add them to a
 * collection, new or existing; remove them from the collection shown).
 */
export function CollectionsBar({ ctx, collections, filter, onFilter, outlets, languages, selected, shown, total }: Props) {
  const ids = { collection: useId(), filter: useId(), outlet: useId(), language: useId(), target: useId(), name: useId() };
  const [target, setTarget] = useState('');
  const [newName, setNewName] = useState('');
  const [confirmDelete, setConfirmDelete] = useState<Collection | null>(null);
  const current = collections.find((c) => c.id === filter.collection);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!selected.length) return;
    if (target === '__new') {
      const name = newName.trim();
      if (!name) return;
      const made = await createCollection(ctx, name, selected);
      if (made) {
        setNewName('');
        setTarget(made.id);
      }
      return;
    }
    const c = collections.find((x) => x.id === target);
    if (c) await addToCollection(ctx, c, selected);
  }

  return (
    <div className="gl-collections-bar">
      <div className="gl-filter-row" role="group" aria-label="Show documents">
        <label htmlFor={ids.collection}>Collection</label>
        <select id={ids.collection} value={filter.collection} onChange={(e) => onFilter({ ...filter, collection: e.target.value })}>
          <option value="">All documents</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.documentIds.length})
            </option>
          ))}
        </select>
        <label htmlFor={ids.filter}>Filter</label>
        <input id={ids.filter} type="text" placeholder="title, outlet, author, date…" value={filter.text} onChange={(e) => onFilter({ ...filter, text: e.target.value })} />
        <label htmlFor={ids.outlet}>Outlet</label>
        <select id={ids.outlet} value={filter.outlet} onChange={(e) => onFilter({ ...filter, outlet: e.target.value })}>
          <option value="">Any</option>
          {outlets.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <label htmlFor={ids.language}>Language</label>
        <select id={ids.language} value={filter.language} onChange={(e) => onFilter({ ...filter, language: e.target.value })}>
          <option value="">Any</option>
          {languages.map((o) => (
            <option key={o} value={o}>
              {languageName(o)}
            </option>
          ))}
        </select>
        <span className="gl-muted" role="status">
          {shown} of {total} document{total === 1 ? '' : 's'}
          {selected.length ? `, ${selected.length} selected` : ''}
        </span>
      </div>
      <form className="gl-filter-row" aria-label="Collections of the selected documents" onSubmit={(e) => void add(e)}>
        <label htmlFor={ids.target}>Add selected to</label>
        <select id={ids.target} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">choose a collection…</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          <option value="__new">New collection…</option>
        </select>
        {target === '__new' && (
          <>
            <label htmlFor={ids.name} className="gl-visually-hidden">
              New collection name
            </label>
            <input id={ids.name} type="text" placeholder="Collection name" value={newName} onChange={(e) => setNewName(e.target.value)} />
          </>
        )}
        <button type="submit" disabled={!selected.length || !target || (target === '__new' && !newName.trim())}>
          Add {selected.length || ''} to collection
        </button>
        {current && (
          <>
            <button type="button" disabled={!selected.some((id) => current.documentIds.includes(id))} onClick={() => void removeFromCollection(ctx, current, selected)}>
              Remove selected from “{current.name}”
            </button>
            <button type="button" onClick={() => setConfirmDelete(current)}>
              Delete collection “{current.name}”
            </button>
          </>
        )}
      </form>
      {confirmDelete && (
        <ConfirmDialog
          title="Delete the collection?"
          message={<p>Delete the collection “{confirmDelete.name}”? Its {confirmDelete.documentIds.length} document(s) stay in the library. Undo brings the collection back.</p>}
          confirmLabel="Delete collection"
          danger
          onConfirm={() => {
            const c = confirmDelete;
            setConfirmDelete(null);
            onFilter({ ...filter, collection: '' });
            void deleteCollection(ctx, c);
          }}
          onCancel={() => setConfirmDelete(null)}
        />
      )}
    </div>
  );
}
