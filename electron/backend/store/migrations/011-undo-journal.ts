import type { Migration } from './migration.ts';

/**
 * Undo recorded in the backend (issue 16): each undoable API call a client
 * makes is one undo step, named by an id the client chose, and every row it
 * changed is journaled whole (a changed row: its key and the columns that
 * changed), in the same transaction as the change, by the connection's
 * triggers (store/undo-journal-triggers.ts). Undoing a step puts those rows
 * back, after checking that nobody changed them since (provenance/undo.ts);
 * redoing it does the reverse. The change log (migration 009) says who did
 * what; this journal holds what undo needs, and is pruned.
 *
 * `undo_steps.actor` is the annotator the step was made under: only they may
 * undo it. `client` is the tab or window that made it. Nothing here is
 * SQLite-only (PostgreSQL has the same tables, with `seq` for order).
 */
export const migration011: Migration = {
  version: 11,
  name: 'undo journal',
  up(db) {
    db.exec(`
      CREATE TABLE undo_steps (
        id TEXT PRIMARY KEY,               -- chosen by the client that made the call
        actor TEXT NOT NULL,
        client TEXT NOT NULL,
        via TEXT,                          -- the API method
        at INTEGER NOT NULL,               -- UTC milliseconds since 1970
        log_id INTEGER NOT NULL,           -- the change log's newest id when the step began: later text versions refuse its undo
        state TEXT NOT NULL CHECK (state IN ('done', 'undone'))
      );
      CREATE INDEX undo_steps_by_actor ON undo_steps(actor, at);
      CREATE TABLE undo_journal (
        id INTEGER PRIMARY KEY,            -- the order of the changes
        step_id TEXT NOT NULL REFERENCES undo_steps(id) ON DELETE CASCADE,
        table_name TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        before TEXT,                       -- JSON: the whole row (delete), the key and changed columns (update)
        after TEXT                         -- JSON: the whole row (insert), the key and changed columns (update)
      );
      CREATE INDEX undo_journal_by_step ON undo_journal(step_id, id);
    `);
  },
};
