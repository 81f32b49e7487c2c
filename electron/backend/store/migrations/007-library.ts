import type { Migration } from './migration.ts';

/**
 * The library: collections of documents (a document may be in several, like
 * tags) and the trash, where a deleted document waits with everything that
 * hung on it (annotations, links, claims, stances, relations, collection
 * memberships) as rows to put back. Title and source metadata (outlet,
 * author, date, URL, language) already live in `documents.title` and the
 * `metadata` JSON since migration 001; an index on the title serves sorting.
 */
export const migration007: Migration = {
  version: 7,
  name: 'library: collections and trash',
  up(db) {
    db.exec(`
      CREATE TABLE collections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE collection_documents (
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        added_at TEXT NOT NULL,
        PRIMARY KEY (collection_id, document_id)
      );
      CREATE INDEX collection_documents_by_document ON collection_documents(document_id);

      CREATE TABLE trash (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL,
        title TEXT NOT NULL,
        name TEXT NOT NULL,
        annotation_count INTEGER NOT NULL,
        deleted_at TEXT NOT NULL,
        payload TEXT NOT NULL          -- JSON: [{table, rowid, row}] in insertion order
      );
      CREATE INDEX trash_by_deleted ON trash(deleted_at);

      CREATE INDEX IF NOT EXISTS documents_by_title ON documents(title COLLATE NOCASE);
    `);
  },
};
