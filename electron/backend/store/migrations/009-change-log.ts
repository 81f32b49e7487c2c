import type { Migration } from './migration.ts';

/**
 * Provenance (issue 16, item 4): one ordinary table in which every change to
 * the project is recorded, with who made it, when, what it changed (the
 * row's columns before and after) and through which API method or CLI
 * command. The rows are written by the connection's change-log triggers
 * (`store/change-log.ts`), in the same transaction as the change.
 *
 * `id` is the order in which changes were committed (the write lock
 * serialises them), so "newest first" is `id DESC`; `at` is the wall clock in
 * UTC milliseconds, for reading and for queries by time. `document_id` has no
 * foreign key on purpose: a document's history outlives the document (it is
 * what shows that it was deleted, and by whom). It is NULL for project-wide
 * records (entities, propositions, labels, relation types, collections).
 * `before` and `after` are JSON objects of column values: the whole row for
 * an insert (after) or a delete (before), only the columns that changed for
 * an update. Nothing here is SQLite-only: the same table and indexes are
 * plain SQL on PostgreSQL (`BIGSERIAL` for the id, `jsonb` for the two
 * objects). Independent of other migrations: one new table.
 */
export const migration009: Migration = {
  version: 9,
  name: 'change log',
  up(db) {
    db.exec(`
      CREATE TABLE change_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,               -- UTC milliseconds since 1970
        actor TEXT NOT NULL,               -- the annotator the change was made under
        document_id TEXT,                  -- NULL: project-wide; no foreign key (history outlives documents)
        kind TEXT NOT NULL,                -- what was changed: annotation, claim_link, relation, document, entity, ...
        object_id TEXT NOT NULL,           -- its key (composite keys joined with '/')
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        before TEXT,                       -- JSON object: the row (delete) or the changed columns (update)
        after TEXT,                        -- JSON object: the row (insert) or the changed columns (update)
        via TEXT                           -- the API method or CLI command, when known
      );
      CREATE INDEX change_log_by_document ON change_log(document_id, id);
      CREATE INDEX change_log_by_time ON change_log(at);
    `);
  },
};
