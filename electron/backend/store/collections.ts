import { randomUUID } from 'node:crypto';
import { GlossError, type Collection } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { nowIso } from './json.ts';

export interface CollectionRow {
  id: string;
  name: string;
  created_at: string;
}

/** Collections: named sets of documents, to scope the library, the propositions page and compare. */
export class CollectionStore {
  constructor(private readonly db: Db) {}

  list(): Collection[] {
    const rows = this.db.prepare('SELECT id, name, created_at FROM collections ORDER BY name COLLATE NOCASE').all() as CollectionRow[];
    return rows.map((r) => this.toCollection(r));
  }

  get(id: string): Collection {
    const row = this.db.prepare('SELECT id, name, created_at FROM collections WHERE id = ?').get(id) as CollectionRow | undefined;
    if (!row) throw new GlossError('not_found', `no collection with id ${id}`);
    return this.toCollection(row);
  }

  create(name: string, options: { id?: string | undefined; documentIds?: readonly string[] } = {}): Collection {
    this.assertFreeName(name);
    const id = options.id ?? randomUUID();
    this.db.prepare('INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)').run(id, name, nowIso());
    if (options.documentIds?.length) this.add(id, options.documentIds);
    return this.get(id);
  }

  rename(id: string, name: string): Collection {
    this.get(id);
    this.assertFreeName(name, id);
    this.db.prepare('UPDATE collections SET name = ? WHERE id = ?').run(name, id);
    return this.get(id);
  }

  delete(id: string): Collection {
    const c = this.get(id);
    this.db.prepare('DELETE FROM collections WHERE id = ?').run(id);
    return c;
  }

  /** Adds documents; returns the ids that were not members yet. */
  add(id: string, documentIds: readonly string[]): string[] {
    this.get(id);
    const exists = this.db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
    const insert = this.db.prepare('INSERT OR IGNORE INTO collection_documents (collection_id, document_id, added_at) VALUES (?, ?, ?)');
    const now = nowIso();
    const added: string[] = [];
    for (const d of new Set(documentIds)) {
      if (!exists.get(d)) throw new GlossError('not_found', `no document with id ${d}`);
      if (insert.run(id, d, now).changes) added.push(d);
    }
    return added;
  }

  /** Removes documents; returns the ids that were members. */
  remove(id: string, documentIds: readonly string[]): string[] {
    this.get(id);
    const del = this.db.prepare('DELETE FROM collection_documents WHERE collection_id = ? AND document_id = ?');
    return [...new Set(documentIds)].filter((d) => del.run(id, d).changes > 0);
  }

  private toCollection(r: CollectionRow): Collection {
    const documentIds = this.db
      .prepare('SELECT cd.document_id FROM collection_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.collection_id = ? ORDER BY d.created_at, d.rowid')
      .pluck()
      .all(r.id) as string[];
    return { id: r.id, name: r.name, documentIds, createdAt: r.created_at };
  }

  private assertFreeName(name: string, except?: string): void {
    const other = this.db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE').pluck().get(name) as string | undefined;
    if (other && other !== except) throw new GlossError('conflict', `a collection named "${name}" already exists`);
  }
}
