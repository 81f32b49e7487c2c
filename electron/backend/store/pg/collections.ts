import { randomUUID } from 'node:crypto';
import { GlossError, type Collection } from '../../../../shared/index.ts';
import type { CollectionRow, CollectionStore } from '../collections.ts';
import { nowIso } from '../json.ts';
import type { Async } from '../repository.ts';
import type { Queryable } from './documents.ts';

/**
 * Collections on PostgreSQL: the counterpart of the SQLite engine's
 * CollectionStore. Names compare without case through lower(), where SQLite's
 * NOCASE folds ASCII letters only: the same for every name made of those.
 */
export class PgCollectionStore implements Async<CollectionStore> {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<Collection[]> {
    const { rows } = await this.db.query<CollectionRow>('SELECT id, name, created_at FROM collections ORDER BY lower(name), seq');
    return Promise.all(rows.map((r) => this.toCollection(r)));
  }

  async get(id: string): Promise<Collection> {
    const { rows } = await this.db.query<CollectionRow>('SELECT id, name, created_at FROM collections WHERE id = $1', [id]);
    if (!rows[0]) throw new GlossError('not_found', `no collection with id ${id}`);
    return this.toCollection(rows[0]);
  }

  async create(name: string, options: { id?: string | undefined; documentIds?: readonly string[] } = {}): Promise<Collection> {
    await this.assertFreeName(name);
    const id = options.id ?? randomUUID();
    await this.db.query('INSERT INTO collections (id, name, created_at) VALUES ($1, $2, $3)', [id, name, nowIso()]);
    if (options.documentIds?.length) await this.add(id, options.documentIds);
    return this.get(id);
  }

  async rename(id: string, name: string): Promise<Collection> {
    await this.get(id);
    await this.assertFreeName(name, id);
    await this.db.query('UPDATE collections SET name = $1 WHERE id = $2', [name, id]);
    return this.get(id);
  }

  async delete(id: string): Promise<Collection> {
    const c = await this.get(id);
    await this.db.query('DELETE FROM collections WHERE id = $1', [id]);
    return c;
  }

  async add(id: string, documentIds: readonly string[]): Promise<string[]> {
    await this.get(id);
    const now = nowIso();
    const added: string[] = [];
    for (const d of new Set(documentIds)) {
      const exists = await this.db.query('SELECT 1 FROM documents WHERE id = $1', [d]);
      if (!exists.rowCount) throw new GlossError('not_found', `no document with id ${d}`);
      const r = await this.db.query('INSERT INTO collection_documents (collection_id, document_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, d, now]);
      if (r.rowCount) added.push(d);
    }
    return added;
  }

  async remove(id: string, documentIds: readonly string[]): Promise<string[]> {
    await this.get(id);
    const removed: string[] = [];
    for (const d of new Set(documentIds)) {
      const r = await this.db.query('DELETE FROM collection_documents WHERE collection_id = $1 AND document_id = $2', [id, d]);
      if (r.rowCount) removed.push(d);
    }
    return removed;
  }

  private async toCollection(r: CollectionRow): Promise<Collection> {
    const { rows } = await this.db.query<{ document_id: string }>(
      'SELECT cd.document_id FROM collection_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.collection_id = $1 ORDER BY d.created_at, d.seq',
      [r.id],
    );
    return { id: r.id, name: r.name, documentIds: rows.map((x) => x.document_id), createdAt: r.created_at };
  }

  private async assertFreeName(name: string, except?: string): Promise<void> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM collections WHERE lower(name) = lower($1)', [name]);
    const other = rows[0]?.id;
    if (other && other !== except) throw new GlossError('conflict', `a collection named "${name}" already exists`);
  }
}
