import type { EntitySummary } from '../../../shared/index.ts';
import { routeHash } from '../app/route.ts';
import { InlineText } from '../tagset/InlineText.tsx';
import type { ChangeContext } from '../tagset/saveChange.ts';
import { AliasEditor } from './AliasEditor.tsx';
import { deleteEntity, updateEntity } from './entityChanges.ts';
import { ExternalId } from './ExternalId.tsx';

/** A listed entity; `matched` is the name or alias a search matched. */
export interface EntityRow {
  summary: EntitySummary;
  matched?: string;
}

interface Props {
  rows: EntityRow[];
  selectedId: string | undefined;
  checked: ReadonlySet<string>;
  onCheck(id: string, on: boolean): void;
  ctx: ChangeContext;
  /** Each document's distinct title (same titles told apart), by id. */
  titles: ReadonlyMap<string, string>;
  onDeleted(id: string): void;
}

/** The registry as a table; every cell but the counts is edited in place. */
export function EntityTable({ rows, selectedId, checked, onCheck, ctx, titles, onDeleted }: Props) {
  return (
    <table className="gl-table gl-entity-table" aria-label="Entities">
      <thead>
        <tr>
          <th scope="col">
            <span className="gl-visually-hidden">Select for merging</span>
          </th>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Aliases</th>
          <th scope="col">External id</th>
          <th scope="col">Mentions</th>
          <th scope="col">
            <span className="gl-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ summary, matched }) => {
          const e = summary.entity;
          return (
            <tr key={e.id} aria-label={`Entity ${e.name}`} className={e.id === selectedId ? 'gl-current' : undefined} aria-current={e.id === selectedId ? 'true' : undefined}>
              <td>
                <input type="checkbox" aria-label={`Select ${e.name}`} checked={checked.has(e.id)} onChange={(ev) => onCheck(e.id, ev.target.checked)} />
              </td>
              <td>
                <InlineText value={e.name} label={`Name of ${e.name}`} required onSave={(name) => updateEntity(ctx, e, { name }, `rename ${e.name}`)} />
                {matched && matched !== e.name && <div className="gl-muted gl-small">matched “{matched}”</div>}
              </td>
              <td>
                <InlineText
                  value={e.type}
                  label={`Type of ${e.name}`}
                  list="gl-entity-types"
                  placeholder="type"
                  className="gl-narrow"
                  onSave={(type) => updateEntity(ctx, e, { type }, `change type of ${e.name}`)}
                />
              </td>
              <td>
                <AliasEditor aliases={e.aliases} owner={e.name} onChange={(aliases) => updateEntity(ctx, e, { aliases }, `change aliases of ${e.name}`)} />
              </td>
              <td>
                <ExternalId value={e.externalId} owner={e.name} onSave={(externalId) => updateEntity(ctx, e, { externalId }, `change external id of ${e.name}`)} />
              </td>
              <td>
                <span className="gl-mention-total">{summary.mentionCount}</span>
                {summary.documents.length > 0 && (
                  <ul className="gl-doc-counts" aria-label={`Mentions of ${e.name} per document`}>
                    {summary.documents.map((d) => {
                      const title = titles.get(d.document.id) ?? d.document.title;
                      return (
                        <li key={d.document.id} title={title}>
                          <span className="gl-doc-count-title">{title}</span> <span className="gl-count">{d.count}</span>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </td>
              <td className="gl-row-actions">
                <a href={routeHash({ view: 'entities', entityId: e.id })} className="gl-button-link" aria-label={`Show all mentions of ${e.name}`}>
                  Mentions
                </a>
                <button
                  type="button"
                  className="gl-icon-button gl-danger"
                  aria-label={`Delete entity ${e.name}`}
                  title="Delete entity (its mentions stay, unlinked)"
                  onClick={() => void deleteEntity(ctx, e).then((ok) => ok && onDeleted(e.id))}
                >
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
