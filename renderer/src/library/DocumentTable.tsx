import { useState, type ReactNode } from 'react';
import type { DocumentSummary } from '../../../shared/index.ts';
import { languageName } from '../common/lang.ts';

export type SortKey = 'title' | 'outlet' | 'author' | 'published' | 'language' | 'annotations' | 'added';

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'title', label: 'Title' },
  { key: 'outlet', label: 'Outlet' },
  { key: 'author', label: 'Author' },
  { key: 'published', label: 'Date' },
  { key: 'language', label: 'Language' },
  { key: 'annotations', label: 'Annotations', numeric: true },
  { key: 'added', label: 'Added' },
];

interface Props {
  docs: DocumentSummary[];
  /** Each document's distinct label (same titles told apart). */
  titles: Map<string, string>;
  selected: string[];
  onSelect(ids: string[]): void;
  onOpen(id: string): void;
  /** Absent: the user may not edit details (a team server's annotator); the button is not shown. */
  onEdit?: ((doc: DocumentSummary) => void) | undefined;
  /** Absent: the user may not delete documents; the button is not shown. */
  onDelete?: ((doc: DocumentSummary) => void) | undefined;
  /** The annotators' status of a document (team annotation), as a column. */
  statusCell?(doc: DocumentSummary, label: string): ReactNode;
  /** More per-row actions (history, new version), before edit and delete. */
  rowActions?(doc: DocumentSummary, label: string): ReactNode;
}

function valueOf(d: DocumentSummary, key: SortKey, titles: Map<string, string>): string | number {
  switch (key) {
    case 'title':
      return (titles.get(d.id) ?? d.title).toLowerCase();
    case 'annotations':
      return d.annotationCount;
    case 'added':
      return d.createdAt;
    default:
      return (d.metadata[key] ?? '').toLowerCase();
  }
}

/** Sorts documents by a column; empty values go last whatever the direction. */
export function sortDocuments(docs: readonly DocumentSummary[], key: SortKey, dir: 'ascending' | 'descending', titles: Map<string, string>): DocumentSummary[] {
  const sign = dir === 'ascending' ? 1 : -1;
  return [...docs].sort((a, b) => {
    const va = valueOf(a, key, titles);
    const vb = valueOf(b, key, titles);
    if (va === '' && vb !== '') return 1;
    if (vb === '' && va !== '') return -1;
    if (va < vb) return -sign;
    if (va > vb) return sign;
    return 0;
  });
}

/**
 * The library as a table: title and source metadata as columns, sortable by
 * the column headers (aria-sort says how), a checkbox per row for compare,
 * export and collections, and per-row actions.
 */
export function DocumentTable({ docs, titles, selected, onSelect, onOpen, onEdit, onDelete, statusCell, rowActions }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 'ascending' | 'descending' }>(() => {
    try {
      const s = JSON.parse(sessionStorage.getItem('gloss.librarySort') ?? '') as { key: SortKey; dir: 'ascending' | 'descending' };
      if (COLUMNS.some((c) => c.key === s.key)) return s;
    } catch {
      // default order
    }
    return { key: 'added', dir: 'ascending' };
  });
  const sorted = sortDocuments(docs, sort.key, sort.dir, titles);
  const allChecked = docs.length > 0 && docs.every((d) => selected.includes(d.id));
  const sortBy = (key: SortKey) => {
    const next = { key, dir: sort.key === key && sort.dir === 'ascending' ? ('descending' as const) : ('ascending' as const) };
    setSort(next);
    try {
      sessionStorage.setItem('gloss.librarySort', JSON.stringify(next));
    } catch {
      // not kept
    }
  };

  return (
    <div className="gl-table-wrap" role="region" aria-label="Documents table" tabIndex={0}>
      <table className="gl-doc-table" aria-label="Documents">
        <thead>
          <tr>
            <th scope="col" className="gl-check-col">
              <input
                type="checkbox"
                aria-label={allChecked ? 'Unselect all shown documents' : 'Select all shown documents'}
                checked={allChecked}
                onChange={(e) => onSelect(e.target.checked ? [...new Set([...selected, ...docs.map((d) => d.id)])] : selected.filter((id) => !docs.some((d) => d.id === id)))}
              />
            </th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.dir : undefined} className={c.numeric ? 'gl-num' : undefined}>
                <button type="button" className="gl-sort" onClick={() => sortBy(c.key)}>
                  {c.label}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
            {statusCell && <th scope="col">Status</th>}
            <th scope="col">
              <span className="gl-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((d) => {
            const label = titles.get(d.id) ?? d.title;
            return (
              <tr key={d.id} aria-selected={selected.includes(d.id) || undefined}>
                <td className="gl-check-col">
                  <input type="checkbox" aria-label={`Select ${label}`} checked={selected.includes(d.id)} onChange={(e) => onSelect(e.target.checked ? [...selected, d.id] : selected.filter((x) => x !== d.id))} />
                </td>
                <td className="gl-title-cell">
                  <button type="button" className="gl-doc-open" onClick={() => onOpen(d.id)}>
                    <span className="gl-visually-hidden">Open </span>
                    <span className="gl-doc-title">{label}</span>
                  </button>
                  <span className="gl-doc-file gl-muted">{d.name}</span>
                </td>
                <td>{d.metadata.outlet ?? ''}</td>
                <td>{d.metadata.author ?? ''}</td>
                <td className="gl-nowrap">{d.metadata.published?.slice(0, 10) ?? ''}</td>
                <td title={d.metadata.language}>{languageName(d.metadata.language)}</td>
                <td className="gl-num">{d.annotationCount}</td>
                <td className="gl-nowrap gl-muted">{d.createdAt.slice(0, 10)}</td>
                {statusCell && <td>{statusCell(d, label)}</td>}
                <td className="gl-row-actions gl-nowrap">
                  {rowActions?.(d, label)}
                  {onEdit && (
                    <button type="button" className="gl-icon-button" aria-label={`Edit details of ${label}`} title="Edit title, outlet, author, date, URL, language" onClick={() => onEdit(d)}>
                      ✎
                    </button>
                  )}
                  {onDelete && (
                    <button type="button" className="gl-icon-button" aria-label={`Delete ${label}`} title="Move to the trash" onClick={() => onDelete(d)}>
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
